"""The catalog: every message the code marks has a Chinese translation, and the shipped .mo is the .po compiled."""
from __future__ import annotations

import gettext
import pickle
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from taskplan import i18n

SRC = Path(i18n.__file__).resolve().parent
LOCALE = SRC / "locale"
PO = LOCALE / "zh_CN" / "LC_MESSAGES" / "taskplan.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "N_": None, "M_": None, "gettext": None, "ngettext": (1, 2)}


def extracted() -> dict[str, str]:
    """msgid -> where it was found, exactly as `make catalog` extracts them (same map, same keywords)."""
    from babel.messages.frontend import parse_mapping_cfg

    with open(LOCALE / "babel.cfg", encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    found = {}
    for filename, line, message, _comments, _context in extract_from_dir(
        str(SRC), method_map, options_map, keywords=KEYWORDS
    ):
        msgid = message[0] if isinstance(message, tuple) else message
        found.setdefault(msgid, f"{filename}:{line}")
    return found


def test_every_marked_message_has_a_chinese_translation():
    catalog = read_po(PO.open("rb"))
    untranslated = []
    for msgid, where in extracted().items():
        entry = catalog.get(msgid)
        text = None if entry is None else (entry.string[0] if isinstance(entry.string, tuple) else entry.string)
        if not text or (entry is not None and entry.fuzzy):
            untranslated.append(f"{where}: {msgid!r}")
    assert untranslated == [], "untranslated (add them to the .po, then `make catalog`):\n" + "\n".join(untranslated)


def test_translations_keep_every_placeholder():
    problems = [f"{m.id!r}: {errors}" for m, errors in read_po(PO.open("rb")).check() if errors]
    assert problems == []


def test_translations_use_the_same_fields_as_the_english():
    import string

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}

    catalog = read_po(PO.open("rb"))
    wrong = [m.id for m in catalog if m.id and isinstance(m.id, str) and m.string and fields(m.id) != fields(m.string)]
    assert wrong == []


def test_the_shipped_mo_is_the_po_compiled():
    catalog = read_po(PO.open("rb"))
    with MO.open("rb") as fh:
        shipped = gettext.GNUTranslations(fh)
    stale = [m.id for m in catalog if m.id and isinstance(m.id, str) and shipped.gettext(m.id) != m.string]
    assert stale == [], "run `make catalog`"


@pytest.mark.parametrize(
    "environ, language",
    [
        ({}, "en"),
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "zh_CN.UTF-8", "LC_ALL": "C"}, "en"),  # LC_ALL wins over LANG
        ({"LANG": "C", "LC_MESSAGES": "zh_TW.UTF-8"}, "zh"),
        ({"LANGUAGE": "zh_CN:en", "LANG": "en_US.UTF-8"}, "zh"),  # LANGUAGE's first entry decides
        ({"LANGUAGE": "", "LANG": "zh_SG"}, "zh"),  # an empty variable is no choice
        ({"TASKPLAN_LANG": "en", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"TASKPLAN_LANG": "zh", "LANG": "C"}, "zh"),
    ],
)
def test_language_of_the_environment(environ, language):
    assert i18n.language_of(environ) == language


def test_a_message_reads_english_and_shows_translated(chinese):
    message = i18n.M_("Error: {message}", message="x")
    assert message == "Error: x"  # what machine formats and comparisons see
    assert i18n.translate(message) == "错误：x"
    assert i18n.translate("Options") == "选项"  # a plain string is looked up as a msgid
    assert i18n.translate("no such msgid") == "no such msgid"
    again = pickle.loads(pickle.dumps(message))
    assert (again, i18n.translate(again)) == ("Error: x", "错误：x")


def test_unknown_language_is_refused():
    with pytest.raises(ValueError):
        i18n.set_language("fr")


def test_names_in_a_sentence_take_the_chinese_list_mark(chinese):
    names = i18n.names_list(["财政局", "税务局", "商务局"])
    assert names == "财政局, 税务局, 商务局"  # what json and comparisons see
    assert i18n.translate(i18n.M_("did you mean {names}?", names=names)) == "是否要找 财政局、税务局、商务局？"
    assert i18n.names_list(["财政局"]) == "财政局" and i18n.names_list([]) == ""
    stored = i18n.message_data(i18n.M_("did you mean {names}?", names=names))  # the caches keep it as plain data
    assert i18n.translate(i18n.message_of(stored)) == "是否要找 财政局、税务局、商务局？"

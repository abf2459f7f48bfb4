"""The user's language: gettext catalogs compiled by Babel, shipped in ``taskplan/locale``.

The language comes from ``TASKPLAN_LANG`` or, as gettext itself looks,
``LANGUAGE``/``LC_ALL``/``LC_MESSAGES``/``LANG``: a ``zh*`` value means Chinese,
anything else English (the msgids).  It is decided when this module is first
imported, which the CLI does before it imports typer: option help is
evaluated when the command modules are imported.

Markers (the keywords ``make catalog`` gives Babel):
  ``_("text")``            translate now;
  ``ngettext(s, p, n)``    translate now, with a plural;
  ``N_("text")``           mark only (a constant translated later with ``_``);
  ``M_("{x} text", x=1)``  a Message: reads as the English text (what machine formats
                           and comparisons see) and keeps its template and values, so
                           a human-facing reporter can show it translated (``translate``).
"""
from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Mapping
from pathlib import Path

DOMAIN = "taskplan"
LOCALEDIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("en", "zh")
_CATALOG_OF = {"zh": "zh_CN"}  # language -> catalog folder under LOCALEDIR (English is the msgids)
_ENV_ORDER = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def language_of(environ: Mapping[str, str]) -> str:
    """``zh`` or ``en`` for this environment (TASKPLAN_LANG first, then the locale variables)."""
    explicit = environ.get("TASKPLAN_LANG", "").strip()
    if explicit:
        return "zh" if explicit.lower().startswith("zh") else "en"
    for var in _ENV_ORDER:
        value = environ.get(var, "").strip()
        if value:  # LANGUAGE is a priority list (zh_CN:en): its first entry decides
            return "zh" if value.split(":")[0].lower().startswith("zh") else "en"
    return "en"


_translation: _gettext.NullTranslations = _gettext.NullTranslations()
_language = "en"


def set_language(language: str) -> None:
    """Use ``language`` (``zh`` or ``en``) for every later lookup."""
    global _translation, _language
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}: one of {', '.join(LANGUAGES)}")
    catalog = _CATALOG_OF.get(language)
    _translation = (
        _gettext.translation(DOMAIN, str(LOCALEDIR), languages=[catalog], fallback=True)
        if catalog
        else _gettext.NullTranslations()
    )
    _language = language


def current() -> str:
    return _language


def _(message: str) -> str:
    return _translation.gettext(message) if message else message


def gettext(message: str) -> str:  # the name typer's own strings are looked up through (see cli/app.py)
    return _(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def N_(message: str) -> str:
    return message


class Message(str):
    """English text that remembers its template and values, for translating when shown to a person."""

    template: str
    values: dict[str, object]

    def __new__(cls, template: str, values: dict[str, object]) -> "Message":
        self = super().__new__(cls, template.format(**values) if values else template)
        self.template = template
        self.values = values
        return self

    @classmethod
    def formatted(cls, text: str, template: str, values: dict[str, object]) -> "Message":
        """The Message whose English ``text`` is already known (read back from a cache): not formatted again."""
        self = str.__new__(cls, text)
        self.template = template
        self.values = values
        return self

    def __reduce__(self):  # pickling (the cache, process pools) keeps the template
        return (Message, (self.template, self.values))


def M_(template: str, /, **values: object) -> Message:
    return Message(template, values)


def names_list(names: "list[str] | tuple[str, ...]") -> str:
    """Names for a sentence: ``财政局, 税务局`` in English, ``财政局、税务局`` in Chinese (the 顿号 of a list).

    A chain of Messages (plain data, so the caches keep it); a single name is itself."""
    listed = names[0] if names else ""
    for name in names[1:]:
        listed = M_("{names}, {name}", names=listed, name=name)
    return listed


class NotPlain(ValueError):
    """A message holds a value that is not plain data (the caches then keep nothing for it)."""


_SCALARS = (str, int, float, bool, type(None))


def plain(value: object) -> object:
    """``value`` if it is made of scalars and tuples only, else NotPlain."""
    if type(value) in _SCALARS:
        return value
    if type(value) is tuple:
        for item in value:
            plain(item)
        return value
    raise NotPlain(type(value).__name__)


def message_data(message: str) -> object:
    """``message`` as plain data for the caches, whose unpickler builds no class of taskplan's: text as is,
    a Message as ``{"t": template, "v": ((name, value), …)}`` (values that are Messages likewise), so a
    message read back keeps its template and a warm run speaks the user's language as a cold one does.
    NotPlain when a value is neither text, a number nor a tuple of them."""
    if type(message) is str:
        return message
    if type(message) is Message:
        return {"t": message.template,
                "v": tuple((k, message_data(v) if isinstance(v, str) else plain(v)) for k, v in message.values.items())}
    raise NotPlain(type(message).__name__)


def message_of(stored: object) -> str:
    """The message ``message_data`` made plain: a Message again when it was one."""
    if type(stored) is dict:  # plain values are never mappings: a mapping is a Message
        return Message(stored["t"], {k: message_of(v) for k, v in stored["v"]})
    return stored


def babel_extractor(find):
    """A Babel extraction method (``make catalog``, locale/babel.cfg): the usual markers (``_``, ``N_``,
    ``M_`` …) plus the ``(line, text)`` pairs ``find(source)`` collects: the CLI's help texts
    (cli/extract.py), the rules' summaries (check/extract.py)."""

    def extract(fileobj, keywords, comment_tags, options):  # the signature Babel calls
        from babel.messages.extract import extract_python

        yield from extract_python(fileobj, keywords, comment_tags, options)
        fileobj.seek(0)
        source = fileobj.read().decode(options.get("encoding", "utf-8"))
        for line, text in find(source):
            yield line, None, text, []

    return extract


def chinese(text: str) -> str:
    """The Chinese of the msgid ``text`` whatever the user's language (csv headers: docs/language.md)."""
    global _chinese
    if _chinese is None:
        _chinese = _gettext.translation(DOMAIN, str(LOCALEDIR), languages=[_CATALOG_OF["zh"]], fallback=True)
    return _chinese.gettext(text) if text else text


_chinese: _gettext.NullTranslations | None = None


def translate(text: str) -> str:
    """``text`` in the user's language: a Message through its template, any other string as a msgid."""
    if isinstance(text, Message):  # values that are Messages themselves (a hint) are translated too
        values = {k: translate(v) if isinstance(v, Message) else v for k, v in text.values.items()}
        return _(text.template).format(**values) if values else _(text.template)
    return _(text)


set_language(language_of(os.environ))

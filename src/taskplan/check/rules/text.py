"""TP4xx: text hygiene inside the records' strings."""
from __future__ import annotations

import re
from functools import partial
from collections import Counter
from typing import Any, Callable, Iterator

from taskplan.i18n import M_
from taskplan.model.text import CJK, HIDDEN, HIDDEN_BUT_NUL, INNER_SPACE, clean_whitespace, remove_hidden
from taskplan.check.rule import RuleContext
from taskplan.check.rule import rule
from taskplan.findings import Finding

Loc = tuple[Any, ...]


def _files(ctx: RuleContext, maybe: Callable[[str], Any]) -> Iterator[tuple[str, list[tuple[Loc, str]]]]:
    """(path, strings) of the record files whose joined strings ``maybe`` matches.

    The test runs once per file over all its strings (one C-speed search);
    only files that pass are walked string by string to find the place.
    """
    for path, model in ctx.records():
        if maybe(ctx.blob(path, model)):
            yield path, ctx.strings(path, model)


DOUBLED = re.compile("([\u3002,\uff0c\u3001;\uff1b:\uff1a!\uff01?\uff1f])\\1+")


@rule("TP401", "doubled-punctuation", "warning", per_file=True)
def doubled_punctuation(ctx: RuleContext) -> Iterator[Finding]:
    """The same punctuation mark twice in a row (``。。``, ``，，``, ``、、``).

    Usually a typing slip.  Where the official document itself has it, the
    record keeps it (the record is the document): silence the finding with
    ``# taskplan: disable=TP401`` at the end of that line.  ``……`` and
    ``——`` are single marks and are not reported.

    On the 2020 plan: task 4 has "完成上级下达的指标任务。。" as the document
    does; .taskplan.toml ignores TP401 for tasks/004.yaml.
    """
    for path, strings in _files(ctx, DOUBLED.search):
        for loc, value in strings:
            match = DOUBLED.search(value)
            if match:
                yield ctx.at(path, loc, M_("doubled punctuation \"{value1}\" in {value2}", value1=match.group(0), value2=_where(loc)), find=match.group(0))


# White space at a string's end (NUL joins the strings) or between two Chinese characters;
# it starts with the white space class so the search skips ahead to the rare spaces quickly.
_MAYBE_SPACE = re.compile(rf"\s(?:(?=\0)|(?<=\0\s)|(?<=[{CJK}]\s)(?=\s*[{CJK}]))")


def _where(loc: Loc) -> str:
    out = ""
    for step in loc:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


def _clean(loc: Loc, clean: Callable[[str], str], doc: Any) -> None:
    node = doc
    for step in loc[:-1]:
        node = node[step]
    if isinstance(node[loc[-1]], str):
        node[loc[-1]] = clean(node[loc[-1]])


def _clean_at(loc: Loc, clean: Callable[[str], str] = clean_whitespace):
    """Clean the value at ``loc`` as it is when the fix runs (another fix may have changed it first).

    A partial of module functions, not a closure: it pickles, so the loader's forked process can
    send back the findings it found (store/parallel.py) instead of the parent running the rule again.
    """
    return partial(_clean, loc, clean)


@rule("TP402", "stray-whitespace", "warning", fixable=True, per_file=True)
def stray_whitespace(ctx: RuleContext) -> Iterator[Finding]:
    """White space at the start or end of a text, or between two Chinese characters.

    Chinese text has no spaces between characters; a stray space (often an
    ideographic space U+3000 or a tab pasted from a word processor) breaks
    searches and the round trip to the document.  ``check --fix`` strips the
    ends and removes the spaces between Chinese characters.

    On the 2020 plan: tasks 48, 62, 115, 122 and 129 contain spaces that
    the document itself has ("教育成果 银行", "工程 。"); the records keep
    them and .taskplan.toml ignores TP402 for those files.
    """
    for path, strings in _files(ctx, _MAYBE_SPACE.search):
        yield from _stray(ctx, path, strings)


def _stray(ctx: RuleContext, path: str, strings: list[tuple[Loc, str]]) -> Iterator[Finding]:
    from taskplan.check.fixes import Fix

    for loc, value in strings:
        cleaned = clean_whitespace(value)
        if cleaned == value:
            continue
        inner = INNER_SPACE.search(value.strip())
        if value.strip() != value:
            what, find, offset = M_("at the start or end"), None, 0
        else:
            what = M_("between Chinese characters")
            find, offset = value[inner.start() - 1 : inner.end() + 1], 1  # the space after its character
        fix = Fix(path, M_("removed white space {what} of {value1}", what=what, value1=_where(loc)), _clean_at(loc))
        yield ctx.at(path, loc, M_("white space {what} of {value1}; remove it", what=what, value1=_where(loc)), find=find, find_offset=offset, fix=fix)


# (half-width, full-width) pairs that one document should not mix
PAIRS = {",": "\uff0c", ":": "\uff1a", ";": "\uff1b", "(": "\uff08", ")": "\uff09", "?": "\uff1f", "!": "\uff01"}
PAIRS_ALL = (*PAIRS, *PAIRS.values())


@rule("TP403", "mixed-width-punctuation", "warning", per_file=True)
def mixed_width(ctx: RuleContext) -> Iterator[Finding]:
    """One file mixes the half-width and full-width forms of a punctuation mark (``,`` and ``，``).

    A document is set in one width; a record that mixes both was usually
    edited by hand with another input method.  The finding points at the
    first use of the rarer form.  (Half-width ``,`` ``:`` ``()`` are what
    the 2020 document itself uses.)
    """
    fulls = tuple(PAIRS.values())
    for path, strings in _files(ctx, lambda text: any(full in text for full in fulls)):
        counts: Counter[str] = Counter()
        for _loc, value in strings:
            for ch in PAIRS_ALL:
                if ch in value:
                    counts[ch] += value.count(ch)
        for half, full in PAIRS.items():
            if counts[half] and counts[full]:
                rare = half if counts[half] < counts[full] else full
                common = full if rare == half else half
                loc = next(loc for loc, value in strings if rare in value)
                yield ctx.at(
                    path, loc,
                    M_("\"{rare}\" ({value1}×) mixed with \"{common}\" ({value2}×) in one file; use \"{common}\"", rare=rare, value1=counts[rare], common=common, value2=counts[common]),
                    find=rare,
                )


@rule("TP404", "invisible-characters", "error", fixable=True, per_file=True)
def invisible_characters(ctx: RuleContext) -> Iterator[Finding]:
    """A text holds characters that do not show: zero-width characters, bidi controls or control characters.

    Zero-width space, non-joiner and joiner (U+200B–U+200D), word joiner (U+2060) and U+FEFF inside
    a text; the bidi controls U+202A–U+202E and U+2066–U+2069; control characters other than tab
    and line break (U+0000–U+001F, U+007F–U+009F).  They come in with text pasted from web pages,
    PDFs and word processors, and look like nothing, yet they change the text: a title with a
    zero-width space is not found by a search for it, a bidi control makes a line display in
    another order than it is stored (a reviewer reads something else than what is committed:
    "Trojan Source"), and a control character is dropped from every Word document.  Unit names
    are matched without them, so a task still finds its unit; but a spelling in units.yaml that
    holds one is never copied into task files by ``check --fix`` (TP202).

    ``check --fix`` removes them; the terminal shows them as escapes (``\\u202e``) until then.
    """
    from taskplan.check.fixes import Fix

    for path, model in ctx.records():
        # the pre-test skips the NUL that joins the strings (HIDDEN has it: every file would be walked)
        if not (HIDDEN_BUT_NUL.search(ctx.blob(path, model)) or ctx.nul_inside(path, model)):
            continue
        for loc, value in ctx.strings(path, model):
            found = HIDDEN.findall(value)
            if found:
                chars = ", ".join(dict.fromkeys(f"U+{ord(ch):04X}" for ch in found))
                fix = Fix(path, M_("removed {chars} from {value1}", chars=chars, value1=_where(loc)), _clean_at(loc, remove_hidden))
                yield ctx.at(path, loc, M_("invisible or control characters ({chars}) in {value1}; remove them", chars=chars, value1=_where(loc)),
                             find=found[0], fix=fix)

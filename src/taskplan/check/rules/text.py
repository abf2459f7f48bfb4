"""TP4xx: text hygiene inside the records' strings."""
from __future__ import annotations

import re
from collections import Counter
from typing import Any, Iterator

from taskplan.check.context import RuleContext
from taskplan.check.rule import rule
from taskplan.findings import Finding
from taskplan.store.discover import PLAN_FILE, UNITS_FILE

Loc = tuple[Any, ...]


def walk_strings(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """(key path, text) of every string in a dumped record, in file order."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from walk_strings(item, (*loc, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from walk_strings(item, (*loc, i))


def record_strings(ctx: RuleContext) -> Iterator[tuple[str, Loc, str]]:
    """(path, key path, text) of every string the user wrote, in every record file."""
    loaded = ctx.loaded
    records: list[tuple[str, Any]] = []
    if loaded.plan is not None:
        records.append((PLAN_FILE, loaded.plan))
    if loaded.registry is not None:
        records.append((UNITS_FILE, loaded.registry))
    records += [(loaded.task_paths[t.id], t) for t in loaded.tasks]
    for path, model in records:
        dumped = model.model_dump(by_alias=True, exclude_unset=True)
        for loc, value in walk_strings(dumped):
            yield path, loc, value


DOUBLED = re.compile("([\u3002,\uff0c\u3001;\uff1b:\uff1a!\uff01?\uff1f])\\1+")


@rule("TP401", "doubled-punctuation", "warning")
def doubled_punctuation(ctx: RuleContext) -> Iterator[Finding]:
    """The same punctuation mark twice in a row (``。。``, ``，，``, ``、、``).

    Usually a typing slip.  Where the official document itself has it, the
    record keeps it (the record is the document): silence the finding with
    ``# taskplan: disable=TP401`` at the end of that line.  ``……`` and
    ``——`` are single marks and are not reported.

    On the 2020 plan: task 4 has "完成上级下达的指标任务。。" as the document
    does; .taskplan.toml ignores TP401 for tasks/004.yaml.
    """
    for path, loc, value in record_strings(ctx):
        match = DOUBLED.search(value)
        if match:
            yield ctx.at(path, loc, f'doubled punctuation "{match.group(0)}" in {_where(loc)}', find=match.group(0))


_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
INNER_SPACE = re.compile(rf"(?<=[{_CJK}])[ \t\u00a0\u3000]+(?=[{_CJK}])")
ODD_SPACE = re.compile(r"[\t\u00a0\u3000]")


def clean_whitespace(value: str) -> str:
    """The safe fix: strip both ends and drop white space between two Chinese characters."""
    return INNER_SPACE.sub("", value.strip())


def _where(loc: Loc) -> str:
    out = ""
    for step in loc:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


def _set_at(loc: Loc, new: str):
    def apply(doc: Any) -> None:
        node = doc
        for step in loc[:-1]:
            node = node[step]
        node[loc[-1]] = new

    return apply


@rule("TP402", "stray-whitespace", "warning", fixable=True)
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
    from taskplan.check.fixes import Fix

    for path, loc, value in record_strings(ctx):
        cleaned = clean_whitespace(value)
        if cleaned == value:
            continue
        inner = INNER_SPACE.search(value.strip())
        if value.strip() != value:
            what, find, offset = "at the start or end", None, 0
        else:
            what = "between Chinese characters"
            find, offset = value[inner.start() - 1 : inner.end() + 1], 1  # the space after its character
        fix = Fix(path, f"removed white space {what} of {_where(loc)}", _set_at(loc, cleaned))
        yield ctx.at(path, loc, f"white space {what} of {_where(loc)}; remove it", find=find, find_offset=offset, fix=fix)


# (half-width, full-width) pairs that one document should not mix
PAIRS = {",": "\uff0c", ":": "\uff1a", ";": "\uff1b", "(": "\uff08", ")": "\uff09", "?": "\uff1f", "!": "\uff01"}


@rule("TP403", "mixed-width-punctuation", "warning")
def mixed_width(ctx: RuleContext) -> Iterator[Finding]:
    """One file mixes the half-width and full-width forms of a punctuation mark (``,`` and ``，``).

    A document is set in one width; a record that mixes both was usually
    edited by hand with another input method.  The finding points at the
    first use of the rarer form.  (Half-width ``,`` ``:`` ``()`` are what
    the 2020 document itself uses.)
    """
    by_file: dict[str, list[tuple[Loc, str]]] = {}
    for path, loc, value in record_strings(ctx):
        by_file.setdefault(path, []).append((loc, value))
    for path, strings in by_file.items():
        counts: Counter[str] = Counter()
        for _loc, value in strings:
            for ch in value:
                if ch in PAIRS or ch in PAIRS.values():
                    counts[ch] += 1
        for half, full in PAIRS.items():
            if counts[half] and counts[full]:
                rare = half if counts[half] < counts[full] else full
                common = full if rare == half else half
                loc = next(loc for loc, value in strings if rare in value)
                yield ctx.at(
                    path, loc,
                    f'"{rare}" ({counts[rare]}×) mixed with "{common}" ({counts[common]}×) in one file; use "{common}"',
                    find=rare,
                )

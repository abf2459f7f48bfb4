"""Queries: filters over the tasks of a plan, and a Selection that says why each task matched.

A query is a list of terms (``Term(name, value, negate)``), combined with AND.
Terms come from ``taskplan list`` options (``--lead 财政局``) or from a filter
expression (``'lead:财政局 section:2..4 -responsible:各镇(街道)'``, see
``parse_expression`` and docs/query.md).

Filters are registered by name in ``FILTERS`` (name → FilterSpec); a filter
compiles its value once against the plan (resolving unit names, section
numbers …) into a predicate over tasks.  A unit predicate returns the roles
through which the unit is named (``RoleMatch``), so every output can show
"lead" or "responsible via 镇(街道)".  Other commands add filters by calling
``register_filter`` at import time of a module the CLI imports (the progress
helper adds status/overdue this way); they then work as options and in
expressions alike.

Predicates receive the loader's lean ``TaskRecord`` (store/records.py): the
record fields are plain attributes, and any other Task attribute (status,
deadlines …) is answered by the full model, built on first use.
"""
from __future__ import annotations

import difflib
import re
import shlex
import unicodedata
from dataclasses import dataclass, field
from typing import Callable, Iterable, Sequence

from taskplan.i18n import M_
from taskplan.errors import UsageError
from taskplan.model.records import Plan, Task
from taskplan.model.registry import Entry, Resolver
from taskplan.index.roles import ROLES, PlanIndex, RoleMatch
from taskplan.index.sections import parse_sections, selects
from taskplan.model.text import name_key

# --------------------------------------------------------------------------- terms and filters

Predicate = Callable[[Task], "bool | tuple[RoleMatch, ...]"]


@dataclass(frozen=True)
class Term:
    """One filter of a query: ``lead:财政局`` is Term("lead", "财政局"); a leading ``-`` negates."""

    name: str
    value: str
    negate: bool = False

    def __str__(self) -> str:
        return f"{'-' if self.negate else ''}{self.name}:{self.value}"


@dataclass(frozen=True)
class QueryOptions:
    groups: bool = True  # a unit matches tasks addressed to a group it belongs to
    roles: tuple[str, ...] = ROLES  # narrows the ``unit`` filter (``--role``)
    as_of: object | None = None  # datetime.date for the progress filters (status, overdue, light …)
    state_config: object | None = None  # progress.state.StateConfig (warn days, reporting period)


@dataclass(frozen=True)
class FilterSpec:
    name: str
    help: str
    compile: Callable[[str, PlanIndex, QueryOptions], Predicate]


FILTERS: dict[str, FilterSpec] = {}


def register_filter(name: str, help: str) -> Callable:
    """Decorator: register ``compile(value, index, options) -> predicate`` under ``name``."""

    def deco(fn: Callable[[str, PlanIndex, QueryOptions], Predicate]):
        FILTERS[name] = FilterSpec(name, help, fn)
        return fn

    return deco


def _unit_filter(roles: tuple[str, ...] | None) -> Callable[[str, PlanIndex, QueryOptions], Predicate]:
    def compile_(value: str, index: PlanIndex, options: QueryOptions) -> Predicate:
        entry = index.resolver.require(value)  # UsageError (exit 2) with close registered names
        wanted = roles if roles is not None else options.roles
        return lambda task: index.roles_of(task, entry, wanted, groups=options.groups)

    return compile_


for _role, _help in (
    ("lead", "the unit leads the task (牵头单位)"),
    ("responsible", "the unit is responsible (责任单位), directly or via a group"),
    ("measure", "the unit owns measures of the task (落实措施)"),
):
    register_filter(_role, _help)(_unit_filter((_role,)))
register_filter("unit", "the unit has any role (narrowed by --role)")(_unit_filter(None))


@register_filter("section", "section number, Chinese numeral, unique part of its title, or a range 2..4")
def _section_filter(value: str, index: PlanIndex, options: QueryOptions) -> Predicate:
    wanted = parse_sections(value, index.sections())
    return lambda task: selects(wanted, task.section, task.subsection)


@register_filter("id", "task ids: 1-20,35")
def _id_filter(value: str, index: PlanIndex, options: QueryOptions) -> Predicate:
    wanted = parse_ids(value)
    return lambda task: any(task.id in ids for ids in wanted)


def fold(text: str) -> str:
    """Text as ``grep`` compares it: NFKC (full-width = half-width) and case-folded."""
    return unicodedata.normalize("NFKC", text).casefold()


@register_filter("grep", "text in the title or the measures (width- and case-insensitive)")
def _grep_filter(value: str, index: PlanIndex, options: QueryOptions) -> Predicate:
    needle = fold(value)
    if not needle.strip():
        raise UsageError(M_("--grep needs some text"))

    def pred(task: Task) -> bool:
        if needle in fold(task.title):
            return True
        return any(needle in fold(item) for m in task.measures for item in m.items)

    return pred


# --------------------------------------------------------------------------- value parsers


def parse_ids(value: str) -> list[range]:
    """``1-20,35`` (also ``1..20``) → the ranges of ids, as ``range`` objects.

    Ranges, not a set: ``--id 1-999999999`` must not build a billion numbers.
    """
    out: list[range] = []
    text = unicodedata.normalize("NFKC", value)
    for part in re.split(r"[,\s]+", text.strip()):
        if not part:
            continue
        m = re.fullmatch(r"(\d+)(?:(?:-|\.\.)(\d+))?", part)
        if not m:
            raise UsageError(M_("bad id list \"{value}\"", value=value), hint=M_("write ids and ranges like 1-20,35"))
        lo = int(m.group(1))
        hi = int(m.group(2)) if m.group(2) else lo
        if lo > hi:
            raise UsageError(M_("id range \"{part}\" runs backwards", part=part), hint=M_("write {hi}-{lo}", hi=hi, lo=lo))
        out.append(range(lo, hi + 1))
    if not out:
        raise UsageError(M_("--id needs a value"), hint=M_("e.g. 1-20,35"))
    return out


def tasks_with_ids(loaded, texts: Sequence[str]) -> list[Task]:
    """The tasks of ``loaded`` (a store.load.LoadedPlan) whose ids ``texts`` name (``1-20,35``, any number of
    texts); every task when there is none.  A single id that names no task is a usage error, not an
    empty answer; a range may have holes."""
    if not texts:
        return list(loaded.tasks)
    ranges = [r for text in texts for r in parse_ids(text)]
    for r in ranges:
        if len(r) == 1:
            loaded.task(r.start)
    return [t for t in loaded.tasks if any(t.id in r for r in ranges)]

def parse_expression(text: str) -> list[Term]:
    """``'lead:财政局 section:2..4 -responsible:各镇(街道)'`` → terms.

    Terms are separated by white space (quote a value with spaces:
    ``grep:"资金 支持"``); ``name:value`` selects a filter, a leading ``-``
    (or ``!``, handy when the expression is the first argument) negates it,
    a bare word is ``grep:word``.  Full-width colons are
    accepted (``牵头`` style input from Chinese keyboards).
    """
    try:
        words = shlex.split(text)
    except ValueError as exc:
        raise UsageError(M_("bad filter expression: {exc}", exc=exc), hint=M_("close the quote")) from None
    terms = []
    for word in words:
        negate = word[:1] in ("-", "!") and len(word) > 1
        body = word[1:] if negate else word
        name, sep, value = body.replace(":", ":", 1).partition(":")
        if not sep:
            terms.append(Term("grep", body, negate))
            continue
        name = name.strip().lower()
        if name not in FILTERS:
            close = difflib.get_close_matches(name, list(FILTERS), n=2, cutoff=0.5)
            hint = M_("did you mean {names}?", names=close[0] if len(close) == 1 else M_("{first} or {second}", first=close[0], second=close[1])) if close else M_("filters: {names}", names=", ".join(FILTERS))
            raise UsageError(M_("unknown filter \"{name}\" in \"{word}\"", name=name, word=word), hint=hint)
        if not value:
            raise UsageError(M_("filter \"{word}\" has no value", word=word), hint=M_("write {name}:VALUE", name=name))
        terms.append(Term(name, value, negate))
    return terms


# --------------------------------------------------------------------------- selection


@dataclass(frozen=True)
class Match:
    task: Task
    roles: tuple[RoleMatch, ...] = ()  # why a unit filter matched (empty when no unit filter)


@dataclass
class Selection:
    matches: list[Match]
    terms: list[Term] = field(default_factory=list)

    @property
    def ids(self) -> list[int]:
        return [m.task.id for m in self.matches]

    def __len__(self) -> int:
        return len(self.matches)


SORTS = ("id", "section", "lead")


def _sort_key(name: str, index: PlanIndex) -> Callable[[Match], tuple]:
    if name == "id":
        return lambda m: m.task.id
    if name == "section":
        return lambda m: (m.task.section, m.task.subsection or 0, m.task.id)
    if name == "lead":
        # registry order (units.yaml is curated: 市直部门 first …) beats code-point order of Chinese names
        order = {name: i for i, name in enumerate(index.resolver.entries)}

        def key(m: Match) -> tuple:
            first = index.resolve(m.task.lead[0]) if m.task.lead else None
            return (order.get(first.name, len(order)) if first else len(order) + 1, m.task.id)

        return key
    raise UsageError(M_("unknown sort \"{name}\"", name=name), hint=M_("use one of {value1}", value1=', '.join(SORTS)))


def select(
    index: PlanIndex, terms: Sequence[Term], options: QueryOptions = QueryOptions(), *, sort: str = "id"
) -> Selection:
    """The tasks that satisfy every term, each with the roles that matched."""
    compiled = []
    for term in terms:
        spec = FILTERS.get(term.name)
        if spec is None:
            raise UsageError(M_("unknown filter \"{term_name}\"", term_name=term.name), hint=M_("filters: {value1}", value1=', '.join(FILTERS)))
        compiled.append((term.negate, spec.compile(term.value, index, options)))
    matches = []
    for task in index.tasks:
        roles: list[RoleMatch] = []
        for negate, pred in compiled:
            result = pred(task)
            if bool(result) == negate:
                break
            if not negate and isinstance(result, tuple):
                roles.extend(r for r in result if r not in roles)
        else:
            matches.append(Match(task, tuple(roles)))
    matches.sort(key=_sort_key(sort, index))
    return Selection(matches, list(terms))

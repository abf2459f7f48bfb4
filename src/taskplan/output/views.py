"""Views (``output.View``) of query results, units, sections and stats.

The commands under cli/ only parse options and print; the shape of every
table and JSON document is decided here, next to each other, so the
formats stay consistent across commands.  JSON shapes are documented in
docs/json.md (the list envelope also by docs/schema/list.schema.json).
"""
from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from taskplan.i18n import N_, _, ngettext
from taskplan.output.formats import FILE_ONLY, Part, View
from taskplan.output.tables import Column
from taskplan.query.select import Selection
from taskplan.index.roles import PlanIndex, RoleMatch
from taskplan.model.numerals import section_heading, subsection_heading

if TYPE_CHECKING:  # only for annotations: `list` need not import the stats module
    from taskplan.model.records import Task
    from taskplan.model.registry import Entry
    from taskplan.query.stats import Stats, UnitStat


def _names(names: list[str], index: PlanIndex, full: bool) -> list[str]:
    if not full:
        return list(names)
    out = []
    for name in names:
        entry = index.resolve(name)
        out.append(entry.display if entry else name)
    return out


def measures_text(task: Task) -> str:
    """Measures as the document writes them: ``发改局:…。财政局:(1)…(2)…`` (for csv)."""
    from taskplan.model.records import measure_text

    return "\n".join(measure_text(m.unit, list(m.items), m.intro) for m in task.measures)


def task_record(task: Task) -> dict:
    """The record fields of a task, as in tasks/NNN.yaml."""
    return {
        "id": task.id,
        "section": task.section,
        "subsection": task.subsection,
        "title": task.title,
        "leader": list(task.leader),
        "lead": list(task.lead),
        "responsible": list(task.responsible),
        "measures": [{"unit": m.unit, "intro": m.intro, "items": list(m.items)} for m in task.measures],
    }


def role_record(match: RoleMatch) -> dict:
    return {"unit": match.unit, "role": match.role, "via": match.via}


def plural(n: int, word: str) -> str:
    """``3 tasks`` / ``3 项任务``: the counts of footers, in the user's language."""
    counts = {
        "task": ngettext("{n} task", "{n} tasks", n),
        "unit": ngettext("{n} unit", "{n} units", n),
        "group": ngettext("{n} group", "{n} groups", n),
        "section": ngettext("{n} section", "{n} sections", n),
    }
    return counts[word].format(n=n)


# the glossary's words (docs/glossary.md): the 匹配 column says why a task matched in them
# (translated when shown: lead/responsible/measure in English, 牵头/责任/措施 in Chinese)
ROLE_WORDS = {"lead": N_("lead"), "responsible": N_("responsible"), "measure": N_("measure")}


def matched_text(roles: tuple[RoleMatch, ...]) -> str:
    """``牵头；责任（经由组 镇(街道)）``; prefixed by the unit when several unit filters matched."""
    several = len({r.unit for r in roles}) > 1

    def label(r: RoleMatch) -> str:
        word = _(ROLE_WORDS[r.role]) if r.role in ROLE_WORDS else r.role
        if r.via:
            word += _(" (via group {group})").format(group=r.via)
        return f"{r.unit} {word}" if several else word

    return _("; ").join(label(r) for r in roles)


def task_view(selection: Selection, index: PlanIndex, *, full_names: bool = False) -> View:
    """``taskplan list``: one row per task; a 匹配 column when a unit filter said why."""
    def parts() -> list[Part]:
        columns = [
            Column("id", N_("id"), numeric=True),
            Column("section", N_("section"), numeric=True),
            Column("title", N_("task"), wrap=True, weight=3),
            Column("lead", N_("lead units"), wrap=True, sep="、"),
            Column("responsible", N_("responsible units"), wrap=True, sep="、"),
        ]
        if any(m.roles for m in selection.matches):
            columns.append(Column("matched", N_("matched"), wrap=True, sep=_("; ")))
        columns.append(Column("measures", N_("measures"), formats=FILE_ONLY))
        rows = []
        for m in selection.matches:
            t = m.task
            rows.append({
                "id": t.id,
                "section": t.section if t.subsection is None else f"{t.section}.{t.subsection}",
                "title": t.title,
                "lead": _names(t.lead, index, full_names),
                "responsible": _names(t.responsible, index, full_names),
                "matched": matched_text(m.roles),
                "measures": partial(measures_text, t),  # csv only: not built for a table
            })
        return [Part(columns, rows, empty=None)]

    def payload() -> dict:
        return {
            "query": [str(term) for term in selection.terms],
            "count": len(selection),
            "tasks": [{**task_record(m.task), "matched": [role_record(r) for r in m.roles]} for m in selection.matches],
        }

    return View(parts, payload, [str(i) for i in selection.ids], footer=plural(len(selection), "task"))


# --------------------------------------------------------------------------- units


def _unit_record(u: UnitStat, entry: Entry | None) -> dict:
    return {
        "name": u.name,
        "kind": u.kind,
        "group": u.is_group,
        "full_name": u.full_name,
        "aliases": list(u.aliases),
        "members": list(entry.members) if entry and entry.is_group else [],
        "lead": u.lead,
        "responsible": u.responsible,
        "via_group": u.via_group,
        "measure": u.measure,
        "tasks": u.tasks,
    }


# the per-role counts of a UnitStat, in the same order in `units` and `stats`
COUNT_COLUMNS = [
    Column("lead", N_("lead"), numeric=True),
    Column("responsible", N_("responsible"), numeric=True),
    Column("via_group", N_("via group"), numeric=True),
    Column("measure", N_("measure"), numeric=True),
]
UNIT_COLUMNS = [Column("name", N_("name")), Column("kind", N_("kind")), Column("full_name", N_("full name")),
                Column("aliases", N_("aliases"), wrap=True, sep="、"),
                *COUNT_COLUMNS]


def units_view(stats: Stats, index: PlanIndex) -> View:
    """``taskplan units``: every unit and group with kind, aliases and counts."""
    entries = index.resolver.entries
    rows = [{**_unit_record(u, entries.get(u.name)), "full_name": u.full_name or ""} for u in stats.units]
    payload = {"units": [_unit_record(u, entries.get(u.name)) for u in stats.units]}
    n_units = sum(1 for u in stats.units if not u.is_group)
    n_groups = len(stats.units) - n_units
    return View([Part(UNIT_COLUMNS, rows)], payload, [u.name for u in stats.units],
                footer=_("{units}, {groups}").format(units=plural(n_units, "unit"), groups=plural(n_groups, "group")))


def unit_view(entry: Entry, stats: Stats, index: PlanIndex, *, groups: bool = True) -> View:
    """``taskplan units 财政局``: what one unit owes — tasks led, responsible for, its own measures."""
    led: list[tuple[Task, str | None]] = []
    responsible: list[tuple[Task, str | None]] = []
    measures: list[tuple[Task, str, str | None]] = []
    for task, roles in index.owed(entry, groups=groups):  # the one role model (index/roles.py)
        for role, bucket in (("lead", led), ("responsible", responsible)):
            vias = [r.via for r in roles if r.role == role]
            if vias:  # named directly wins over "via a group"
                bucket.append((task, None if None in vias else vias[0]))
        for via, items in index.own_measures(task, entry, groups=groups):
            measures.extend((task, item, via) for item in items)
    task_cols = [Column("id", N_("id"), numeric=True), Column("section", N_("section"), numeric=True),
                 Column("title", N_("task"), wrap=True), Column("via", N_("via group"))]

    def rows(pairs: list[tuple[Task, str | None]]) -> list[dict]:
        return [{"id": t.id, "section": t.section, "title": t.title, "via": via or ""} for t, via in pairs]

    parts = [
        Part(task_cols, rows(led), title=_("Lead: {n}").format(n=len(led))),
        Part(task_cols, rows(responsible), title=_("Responsible: {n}").format(n=len(responsible))),
        Part([Column("id", N_("id"), numeric=True), Column("item", N_("this unit's measures"), wrap=True),
              *([Column("via", N_("via group"))] if any(via for _, _, via in measures) else [])],
             [{"id": t.id, "item": f"“{item}”", "via": via or ""} for t, item, via in measures],
             title=_("Measures: {tasks}, {items}").format(
                 tasks=plural(len({t.id for t, _, _ in measures}), "task"), items=ngettext("{n} item", "{n} items", len(measures)).format(n=len(measures)))),
    ]
    stat = stats.unit(entry.name)
    payload = {
        "unit": _unit_record(stat, entry) if stat else {"name": entry.name},
        "lead": [{**task_record(t), "via": via} for t, via in led],
        "responsible": [{**task_record(t), "via": via} for t, via in responsible],
        "measures": [{"id": t.id, "item": item, "via": via} for t, item, via in measures],
    }
    ids = sorted({t.id for t, _ in led} | {t.id for t, _ in responsible} | {t.id for t, _, _ in measures})
    header = f"{entry.name}" + (f" ({entry.full_name})" if entry.full_name else "") + f" · {entry.kind}"
    return View(parts, payload, [str(i) for i in ids], footer=_("{unit}: {tasks} in all").format(unit=header, tasks=plural(len(ids), "task")))


# --------------------------------------------------------------------------- sections and stats


def sections_view(stats: Stats) -> View:
    cols = [Column("number", N_("id")), Column("title", N_("title")), Column("tasks", N_("tasks"), numeric=True), Column("ids", N_("task ids"))]
    rows = []
    for s in stats.sections:
        span = "" if s.first_id is None else (str(s.first_id) if s.first_id == s.last_id else f"{s.first_id}-{s.last_id}")
        rows.append({"number": str(s.number), "title": section_heading(s.number, s.title), "tasks": s.tasks, "ids": span})
        for sub in s.subsections:
            rows.append({"number": f"{s.number}.{sub.number}", "title": "  " + subsection_heading(sub.number, sub.title),
                         "tasks": sub.tasks, "ids": ""})
    payload = {
        "sections": [
            {"number": s.number, "title": s.title, "tasks": s.tasks, "first_id": s.first_id, "last_id": s.last_id,
             "sections": [{"number": x.number, "title": x.title, "tasks": x.tasks} for x in s.subsections]}
            for s in stats.sections
        ]
    }
    return View([Part(cols, rows)], payload, [str(s.number) for s in stats.sections],
                footer=_("{sections}, {tasks}").format(sections=plural(len(stats.sections), "section"), tasks=plural(stats.tasks, "task")))


def stats_view(stats: Stats, index: PlanIndex) -> View:
    count_cols = [Column("name", N_("name")), Column("kind", N_("kind")), *COUNT_COLUMNS, Column("tasks", N_("total"), numeric=True)]

    entries = index.resolver.entries

    def unit_row(u: UnitStat) -> dict:  # the JSON record; each table shows the columns it names
        return _unit_record(u, entries.get(u.name))

    titles = {t.id: t.title for t in index.tasks}
    parts = [
        Part([Column("number", N_("section"), numeric=True), Column("title", N_("title")), Column("tasks", N_("tasks"), numeric=True)],
             [{"number": s.number, "title": s.title, "tasks": s.tasks} for s in stats.sections], title=_("By section")),
        Part(count_cols, [unit_row(u) for u in stats.units if u.tasks or u.via_group], title=_("By unit")),
        Part([Column("id", N_("id"), numeric=True), Column("title", N_("task"), wrap=True)],
             [{"id": i, "title": titles[i]} for i in stats.without_responsible],
             title=_("Tasks without responsible units: {n}").format(n=len(stats.without_responsible))),
        Part([Column("name", N_("name")), Column("kind", N_("kind")), Column("responsible", N_("responsible"), numeric=True)],
             [unit_row(u) for u in stats.only_responsible],
             title=_("Units with only responsible roles: {n}").format(n=len(stats.only_responsible))),
        Part([Column("rank", "#", numeric=True)] + count_cols,
             [{"rank": i, **unit_row(u)} for i, u in enumerate(stats.busiest, 1)], title=_("Busiest units")),
    ]
    if stats.unused:
        parts.append(Part([Column("name", N_("name")), Column("kind", N_("kind"))], [unit_row(u) for u in stats.unused],
                          title=_("Registered units no task names: {n}").format(n=len(stats.unused))))
    payload = {
        "tasks": stats.tasks,
        "sections": [{"number": s.number, "title": s.title, "tasks": s.tasks} for s in stats.sections],
        "units": [unit_row(u) for u in stats.units],
        "without_responsible": stats.without_responsible,
        "only_responsible": [u.name for u in stats.only_responsible],
        "busiest": [u.name for u in stats.busiest],
        "unused": [u.name for u in stats.unused],
    }
    n_units = sum(1 for u in stats.units if not u.is_group)
    return View(parts, payload, None, footer=_("{tasks}, {sections}, {units}").format(
                    tasks=plural(stats.tasks, "task"), sections=plural(len(stats.sections), "section"), units=plural(n_units, "unit")))

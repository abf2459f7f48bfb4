"""Counts over a plan: by section, by unit, and the gaps a supervision office looks for.

``compute_stats(loaded)`` returns plain dataclasses (no formatting), shared by
``taskplan stats`` and the stats report.  Every count is a number of distinct
tasks, never of name occurrences: a unit named twice on one task counts once.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from taskplan.index.roles import PlanIndex

BUSIEST = 10  # how many units ``busiest`` keeps


@dataclass(frozen=True)
class SubsectionStat:
    number: int
    title: str
    tasks: int


@dataclass(frozen=True)
class SectionStat:
    number: int
    title: str
    tasks: int
    first_id: int | None  # the task numbers run on across sections
    last_id: int | None
    subsections: tuple[SubsectionStat, ...] = ()


@dataclass(frozen=True)
class UnitStat:
    name: str  # canonical name from units.yaml (or the name as written, when unregistered)
    kind: str  # the unit's kind; 组 for a group; 未登记 when units.yaml does not know the name
    is_group: bool
    full_name: str | None
    aliases: tuple[str, ...]
    lead: int  # tasks it leads (牵头单位)
    responsible: int  # tasks naming it as responsible (责任单位) directly
    via_group: int  # tasks that reach it only through a group it belongs to (各镇(街道) → 西柳镇)
    measure: int  # tasks where it owns measures (落实措施)
    tasks: int  # distinct tasks naming it directly in any role

    @property
    def only_responsible(self) -> bool:
        return self.responsible > 0 and self.lead == 0 and self.measure == 0


@dataclass
class Stats:
    tasks: int
    sections: list[SectionStat]
    units: list[UnitStat]  # registry order: units, then groups, then unregistered names
    without_responsible: list[int]  # ids of tasks whose 责任单位 list is empty
    only_responsible: list[UnitStat]  # units and groups that never lead nor own a measure
    busiest: list[UnitStat]  # units (not groups) with the most tasks, most first
    unused: list[UnitStat] = field(default_factory=list)  # registered, named by no task at all

    def unit(self, name: str) -> UnitStat | None:
        return next((u for u in self.units if u.name == name), None)


def compute_stats(loaded) -> Stats:
    """Statistics of a loaded plan (``store.load.LoadedPlan``, or anything with .plan/.tasks/.registry)."""
    index = loaded if isinstance(loaded, PlanIndex) else PlanIndex.of(loaded)
    return _compute(index)


def _compute(index: PlanIndex) -> Stats:
    roles, unregistered = index.role_counts()  # the one role model (index/roles.py)

    units: list[UnitStat] = []
    for entry in index.resolver.entries.values():
        units.append(_unit_stat(entry.name, entry.kind, entry.is_group, entry.full_name, entry.aliases, roles.get(entry.name)))
    for name in unregistered:
        units.append(_unit_stat(name, "未登记", False, None, (), roles[name]))

    busiest = sorted(
        (u for u in units if not u.is_group and u.tasks),
        key=lambda u: (-u.tasks, -u.lead, -u.measure),  # stable: ties keep registry order
    )[:BUSIEST]
    return Stats(
        tasks=len(index.tasks),
        sections=_sections(index),
        units=units,
        without_responsible=[t.id for t in index.tasks if not t.responsible],
        only_responsible=[u for u in units if u.only_responsible],
        busiest=busiest,
        unused=[u for u in units if u.tasks == 0 and u.via_group == 0 and u.kind != "未登记"],
    )


def _unit_stat(name, kind, is_group, full_name, aliases, found) -> UnitStat:
    found = found or {"lead": set(), "responsible": set(), "measure": set(), "via": set()}
    direct = found["lead"] | found["responsible"] | found["measure"]
    return UnitStat(
        name=name,
        kind=kind,
        is_group=is_group,
        full_name=full_name,
        aliases=tuple(aliases),
        lead=len(found["lead"]),
        responsible=len(found["responsible"]),
        via_group=len(found["via"] - direct),
        measure=len(found["measure"]),
        tasks=len(direct),
    )


def _sections(index: PlanIndex) -> list[SectionStat]:
    by_section: dict[int, list] = {}
    for task in index.tasks:
        by_section.setdefault(task.section, []).append(task)
    out = []
    numbers = index.section_numbers()
    numbers += sorted(n for n in by_section if n not in numbers)  # tasks citing a section plan.yaml lacks
    for number in numbers:
        tasks = by_section.get(number, [])
        section = index.plan.section(number) if index.plan else None
        subs = tuple(
            SubsectionStat(sub.number, sub.title, sum(1 for t in tasks if t.subsection == sub.number))
            for sub in (section.sections if section else [])
        )
        ids = [t.id for t in tasks]
        out.append(
            SectionStat(number, section.title if section else "", len(tasks), min(ids, default=None), max(ids, default=None), subs)
        )
    return out

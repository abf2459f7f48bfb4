"""Which tasks a unit owes, in which role, directly or via a group: the one role model.

``PlanIndex`` holds a loaded plan with every unit name resolved once, and
answers for ``list --unit``, ``units``, ``report units`` (and every report's
per-unit data), ``stats``, ``export`` and the HTML filters alike.

The policy, in one place:

- A task names units in three roles: **lead** (牵头单位), **responsible**
  (责任单位) and **measure** (the unit a 落实措施 is written for).
- A name may be a **group** (各镇(街道)).  Every member of the group then owes
  the task in that same role *via* the group — for measures too: a measure
  written for 各镇(街道) is each town's own measure ("measure via 镇(街道)").
- Named directly beats named via a group: a unit that is both is shown as direct.
- Asking about a group itself gives what names the group directly, not the
  tasks its members owe on their own.
- A name units.yaml does not know owes nothing here (``check`` reports it, TP201).
"""
from __future__ import annotations

import weakref
from itertools import chain

from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from taskplan.model.records import Plan, Task
from taskplan.model.registry import Entry, Resolver

ROLES: tuple[str, ...] = ("lead", "responsible", "measure")


# --------------------------------------------------------------------------- roles


@dataclass(frozen=True)
class RoleMatch:
    """One reason a task matched a unit filter: the role, and the group it came through."""

    role: str  # lead | responsible | measure
    unit: str  # canonical name of the unit asked for
    via: str | None = None  # canonical name of the group that named the unit, if any

    @property
    def label(self) -> str:
        return self.role if self.via is None else f"{self.role} via {self.via}"


@dataclass(frozen=True)
class NamedRole:
    """A unit name as a task writes it, with its role and what it resolves to."""

    role: str
    name: str
    entry: Entry | None


class PlanIndex:
    """Everything a query needs about one loaded plan, resolved once.

    Name resolution is memoised per spelling: on 10,000 tasks the same
    two hundred names recur, and NFKC-normalising each occurrence would
    dominate the cost of a query.
    """

    def __init__(self, plan: Plan | None, tasks: Sequence[Task], resolver: Resolver) -> None:
        self.plan = plan
        self.tasks = list(tasks)
        self.resolver = resolver
        self._roles: dict[int, tuple[NamedRole, ...]] = {}
        self._members: dict[str, frozenset[str]] = {}  # group name -> canonical member names
        self._vias: dict[tuple[str, bool], Callable[[str], tuple[str | None] | None]] = {}
        self._unit_lists: dict[str, list[str]] = {}  # group name -> its members that are units

    @classmethod
    def of(cls, loaded) -> PlanIndex:  # loaded: store.load.LoadedPlan (not imported: keeps this module light)
        from taskplan.model.records import Registry

        return cls(loaded.plan, getattr(loaded, "records", None) or loaded.tasks, Resolver(loaded.registry or Registry()))

    def resolve(self, name: str) -> Entry | None:
        return self.resolver.resolve(name)  # memoised by the Resolver

    def named_roles(self, task: Task) -> tuple[NamedRole, ...]:
        """Every (role, name) of the task, in document order, resolved."""
        cached = self._roles.get(id(task))
        if cached is None:
            out = [NamedRole("lead", n, self.resolve(n)) for n in task.lead]
            out += [NamedRole("responsible", n, self.resolve(n)) for n in task.responsible]
            out += [NamedRole("measure", m.unit, self.resolve(m.unit)) for m in task.measures if m.unit]
            cached = self._roles[id(task)] = tuple(out)
        return cached

    def members(self, group: Entry) -> frozenset[str]:
        """Canonical names of a group's members."""
        found = self._members.get(group.name)
        if found is None:
            found = frozenset(e.name for e in (self.resolve(m) for m in group.members) if e is not None)
            self._members[group.name] = found
        return found

    def _via(self, unit: Entry, groups: bool) -> Callable[[str], tuple[str | None] | None]:
        """spelling → (None,) when it names ``unit``, (group,) when it names a group ``unit`` belongs to, else None.

        Memoised per spelling: a query over 10,000 tasks resolves each distinct name once.
        """
        key = (unit.name, groups)
        found = self._vias.get(key)
        if found is not None:
            return found
        memo: dict[str, tuple[str | None] | None] = {}
        index = weakref.proxy(self)  # kept in self._vias: a strong reference would be a cycle, which keeps the
        # whole plan alive after the index is dropped while the collector is off (check, the query commands)

        def via(name: str) -> tuple[str | None] | None:
            try:
                return memo[name]
            except KeyError:
                entry = index.resolve(name)
                if entry is None:
                    answer = None
                elif entry.name == unit.name:
                    answer = (None,)
                elif groups and entry.is_group and not unit.is_group and unit.name in index.members(entry):
                    answer = (entry.name,)
                else:
                    answer = None
                memo[name] = answer
                return answer

        self._vias[key] = via
        return via

    def roles_of(
        self, task: Task, unit: Entry, roles: Iterable[str] = ROLES, *, groups: bool = True
    ) -> tuple[RoleMatch, ...]:
        """The roles in which ``unit`` appears on ``task``: directly, or (with ``groups``) via a group it belongs to."""
        via = self._via(unit, groups)
        wanted = roles if isinstance(roles, (tuple, frozenset, set)) else tuple(roles)
        out: list[RoleMatch] = []
        for role in ROLES:  # document order, whatever order --role was given in
            if role not in wanted:
                continue
            if role == "lead":
                names: Iterable[str | None] = task.lead
            elif role == "responsible":
                names = task.responsible
            else:
                names = [m.unit for m in task.measures]
            for name in names:
                hit = via(name) if name else None
                if hit is not None:
                    match = RoleMatch(role, unit.name, hit[0])
                    if match not in out:
                        out.append(match)
        return tuple(out)

    def owing_roles(self, task: Task) -> tuple[RoleMatch, ...]:
        """Every unit's roles on ``task`` at once: what ``roles_of(task, unit)`` answers for each
        unit (not group), in one pass over the names (export walks all tasks × all units)."""
        out: dict[tuple[str, str, str | None], RoleMatch] = {}
        for named in self.named_roles(task):
            entry = named.entry
            if entry is None:
                continue
            if not entry.is_group:
                out.setdefault((named.role, entry.name, None), RoleMatch(named.role, entry.name, None))
                continue
            for member in self._unit_members(entry):
                out.setdefault((named.role, member, entry.name), RoleMatch(named.role, member, entry.name))
        return tuple(out.values())

    def _unit_members(self, group: Entry) -> list[str]:
        """The members of ``group`` that are units (not groups), sorted; memoised per group."""
        found = self._unit_lists.get(group.name)
        if found is None:
            entries = (self.resolve(m) for m in sorted(self.members(group)))
            found = self._unit_lists[group.name] = [e.name for e in entries if e is not None and not e.is_group]
        return found


    # -- what a unit owes --------------------------------------------------------

    def owed(self, unit: Entry, *, groups: bool = True) -> list[tuple[Task, tuple[RoleMatch, ...]]]:
        """Every task ``unit`` owes, in plan order, with the roles (see the module's policy)."""
        out = []
        for task in self.tasks:
            roles = self.roles_of(task, unit, groups=groups)
            if roles:
                out.append((task, roles))
        return out

    def names_unit(self, name: str, unit: Entry, *, groups: bool = True) -> tuple[str | None] | None:
        """``(None,)`` when ``name`` names ``unit``, ``(group,)`` when it names a group ``unit`` belongs to, else None."""
        return self._via(unit, groups)(name)

    def own_measures(self, task: Task, unit: Entry, *, groups: bool = True) -> list[tuple[str | None, list[str]]]:
        """The measures of ``task`` that are ``unit``'s: (via group or None, items), in document order."""
        via = self._via(unit, groups)
        out = []
        for m in task.measures:
            hit = via(m.unit) if m.unit else None
            if hit is not None:
                out.append((hit[0], list(m.items)))
        return out

    def role_counts(self) -> tuple[dict[str, dict[str, set[int]]], list[str]]:
        """(name → role → task ids, unregistered names in order of first use), for every name a task uses.

        Keys are canonical names (units and groups as named directly; a name units.yaml does not
        know is kept as written).  Besides the three roles, ``via`` holds the tasks that reach a
        unit through a group it belongs to (any role).
        """
        found: dict[str, dict[str, set[int]]] = {}
        unregistered: list[str] = []

        def bucket(name: str) -> dict[str, set[int]]:
            if name not in found:
                found[name] = {"lead": set(), "responsible": set(), "measure": set(), "via": set()}
            return found[name]

        for task in self.tasks:
            for named in self.named_roles(task):
                if named.entry is None:
                    if named.name not in unregistered:
                        unregistered.append(named.name)
                    bucket(named.name)[named.role].add(task.id)
                    continue
                bucket(named.entry.name)[named.role].add(task.id)
                if named.entry.is_group:
                    for member in self.members(named.entry):
                        bucket(member)["via"].add(task.id)
        return found, unregistered

    def named_entries(self) -> list[Entry]:
        """Units then groups, in registry order, that some task involves (directly, or as a member of a named group)."""
        # task_units of every task, unioned: each distinct spelling resolved once rather than per task
        # (the same names recur in thousands of tasks; on 10,000 tasks this was most of `check`'s TP505)
        spellings = {name for task in self.tasks for name in chain(task.lead, task.responsible)}
        spellings |= {m.unit for task in self.tasks for m in task.measures if m.unit}
        named: set[str] = set()
        for spelling in spellings:
            entry = self.resolve(spelling)
            if entry is not None:
                named.add(entry.name)
                if entry.is_group:
                    named.update(m.name for m in (self.resolve(n) for n in entry.members) if m is not None and m is not entry)
        entries = [e for e in self.resolver.entries.values() if e.name in named]
        return [e for e in entries if not e.is_group] + [e for e in entries if e.is_group]

    def task_units(self, task: Task, role: str | None = None) -> list[str]:
        """Canonical names of every unit and group ``task`` involves, in any role (or in ``role`` only:
        lead, responsible, measure), members of named groups too (in units.yaml's order of the members)."""
        out: dict[str, None] = {}
        for named in self.named_roles(task):
            if role is not None and named.role != role:
                continue
            entry = named.entry
            if entry is not None:
                out[entry.name] = None
                if entry.is_group:
                    for member in (self.resolve(m) for m in entry.members):
                        if member is not None and member is not entry:
                            out[member.name] = None
        return list(out)

    # -- sections --------------------------------------------------------------

    def section_numbers(self) -> list[int]:
        if self.plan and self.plan.sections:
            return [s.number for s in self.plan.sections]
        return sorted({t.section for t in self.tasks})

    def sections(self) -> list[tuple[int, str]]:
        """(number, title) of every section: what a section spec (index/sections.py) is read against."""
        return [(n, self.section_title(n)) for n in self.section_numbers()]

    def section_title(self, number: int) -> str:
        section = self.plan.section(number) if self.plan else None
        return section.title if section else ""

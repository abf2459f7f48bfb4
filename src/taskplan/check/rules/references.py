"""TP2xx: unit names in tasks, checked against units.yaml."""
from __future__ import annotations

from functools import partial

from itertools import chain
from typing import Any, Iterator

from taskplan.i18n import M_, names_list
from taskplan.check.rule import RuleContext
from taskplan.check.rule import rule
from taskplan.findings import Finding
from taskplan.model.records import Task
from taskplan.model.registry import registered_spelling
from taskplan.model.text import name_key


def unit_refs(task: Task) -> Iterator[tuple[tuple[Any, ...], str]]:
    """(key path, name) of every unit a task names: lead, responsible, measures."""
    for i, name in enumerate(task.lead):
        yield ("lead", i), name
    for i, name in enumerate(task.responsible):
        yield ("responsible", i), name
    for i, measure in enumerate(task.measures):
        if measure.unit is not None:
            yield ("measures", i, "unit"), measure.unit


def _tasks(ctx: RuleContext) -> Iterator[tuple[str, Task]]:
    for task in ctx.loaded.records:
        yield ctx.loaded.task_paths[task.id], task


def twice(role: str, **values: object) -> str:
    """The one template per role, so each language names the role in its own words."""
    if role == "lead":
        return M_("lead names {canonical} twice{same}; remove \"{name}\"", **values)
    return M_("responsible names {canonical} twice{same}; remove \"{name}\"", **values)


@rule("TP201", "unknown-unit", "error", per_file=True)
def unknown_unit(ctx: RuleContext) -> Iterator[Finding]:
    """A task names a unit that units.yaml does not know (with suggestions).

    Every lead, responsible and measure unit must resolve to exactly one
    unit or group of units.yaml (by name, full name or alias; width and
    spaces do not matter).  A misspelt unit would silently fall out of every
    query and report of that unit.  Fix the spelling, or register the unit
    (or an alias) in units.yaml.
    """
    resolver = ctx.resolver
    if resolver is None:
        return
    for path, task, lead, responsible, owners in ctx.roles():
        if None not in lead and None not in responsible and owners.count(None) == sum(m.unit is None for m in task.measures):
            continue  # every name resolves: the common case
        for loc, name in unit_refs(task):
            if ctx.canonical(name) is None:
                close = resolver.suggest(name)
                hint = M_(" (did you mean {names}?)", names=names_list(close)) if close else M_("; add it to units.yaml or fix the spelling")
                yield ctx.at(path, loc, M_("unknown unit \"{name}\"{hint}", name=name, hint=hint))


def _replace(loc: tuple[Any, ...], new: str, doc: Any) -> None:
    node = doc
    for step in loc[:-1]:
        node = node[step]
    node[loc[-1]] = new


def _replace_at(loc: tuple[Any, ...], new: str):
    return partial(_replace, loc, new)  # pickles (a closure would not): see text._clean_at


@rule("TP202", "unit-spelling", "warning", fixable=True, per_file=True)
def unit_spelling(ctx: RuleContext) -> Iterator[Finding]:
    """A unit name differs from its registered spelling only by width or spaces.

    ``镇（街道）`` resolves to ``镇(街道)``, so queries still work, but two
    spellings of one name make text searches and diffs miss each other.
    ``check --fix`` rewrites the name to the spelling units.yaml registers
    (the same name, alias or full name, only normalised) — never to a spelling
    that is itself not clean (``name: '财政局 '``, a zero-width space): that is
    fixed in units.yaml (TP402, TP404), and the tasks are left alone.
    """
    from taskplan.check.fixes import Fix

    resolver = ctx.resolver
    if resolver is None:
        return
    tasks = ctx.loaded.records
    names = set(chain.from_iterable(t.lead for t in tasks)) | set(chain.from_iterable(t.responsible for t in tasks))
    names |= {m.unit for t in tasks for m in t.measures if m.unit is not None}
    memo = {name: registered_spelling(resolver, name) for name in names}
    if not any(memo.values()):
        return  # every name is written exactly as registered: the common case
    for path, task in _tasks(ctx):
        for loc, name in unit_refs(task):
            spelling = memo[name]
            if spelling is not None:
                fix = Fix(path, M_("\"{name}\" -> \"{spelling}\"", name=name, spelling=spelling), _replace_at(loc, spelling))
                yield ctx.at(path, loc, M_("\"{name}\" is written differently from the registered \"{spelling}\" (width or spaces); write \"{spelling}\"", name=name, spelling=spelling), fix=fix)


@rule("TP203", "duplicate-unit-in-role", "warning", per_file=True)
def duplicate_in_role(ctx: RuleContext) -> Iterator[Finding]:
    """The same unit appears twice in one role (lead or responsible), perhaps under two spellings.

    ``lead: [财政局, 市财政局]`` names one unit twice; lists and counts would
    show it twice.  Remove one of them.
    """
    if ctx.resolver is None:
        return
    for path, task, lead, responsible, _owners in ctx.roles():
        for role, canon in (("lead", lead), ("responsible", responsible)):
            known = [c for c in canon if c is not None]
            if len(set(known)) == len(known):
                continue  # no repeat: the common case
            seen: dict[str, str] = {}
            for i, name in enumerate(getattr(task, role)):
                canonical = canon[i]
                if canonical is None:
                    continue
                if canonical in seen:
                    same = "" if seen[canonical] == name else M_(" (as \"{spelling}\")", spelling=seen[canonical])
                    yield ctx.at(path, (role, i), twice(role, canonical=canonical, same=same, name=name))
                else:
                    seen[canonical] = name


@rule("TP204", "lead-and-responsible", "warning", per_file=True)
def lead_and_responsible(ctx: RuleContext) -> Iterator[Finding]:
    """A unit is both lead (牵头单位) and responsible (责任单位) for one task.

    A unit leads or shares the work, not both; the duplicate inflates the
    unit's task counts.  Keep it in one role.

    On the 2020 plan: tasks 33 (发改局), 78 (商务局) and 125 (住建局) name the
    unit in both roles in the document itself; the records keep it and
    .taskplan.toml ignores TP204 for those three files.
    """
    if ctx.resolver is None:
        return
    for path, _task, lead, responsible, _owners in ctx.roles():
        leads = set(lead) - {None}
        if leads.isdisjoint(responsible):
            continue
        for i, canonical in enumerate(responsible):
            if canonical in leads:
                yield ctx.at(path, ("responsible", i), M_("{canonical} is both lead and responsible; keep it in one role", canonical=canonical))


@rule("TP205", "measure-owner-not-in-roles", "warning", per_file=True)
def measure_owner(ctx: RuleContext) -> Iterator[Finding]:
    """A measure belongs to a unit that is neither lead nor responsible for the task.

    Measures say what each named unit does; a measure of a unit the task
    does not name is either a missing role or a measure filed under the
    wrong task.
    """
    if ctx.resolver is None:
        return
    for path, task, lead, responsible, owners in ctx.roles():
        named = set(owners) - {None}
        if named <= set(lead) | set(responsible):
            continue  # every measure unit is named in a role: the common case
        for i, measure in enumerate(task.measures):
            canonical = owners[i]
            entry = ctx.resolver.entries.get(canonical) if canonical is not None else None
            # named as lead or responsible, directly or via a group it belongs to (index/roles.py)
            if entry is not None and not ctx.index.roles_of(task, entry, ("lead", "responsible")):
                yield ctx.at(path, ("measures", i, "unit"), M_("measure unit {measure_unit} is neither lead nor responsible for task {task_id}", measure_unit=measure.unit, task_id=task.id))


@rule("TP206", "lead-without-measure", "info", per_file=True)
def lead_without_measure(ctx: RuleContext) -> Iterator[Finding]:
    """A lead unit has no measure of its own in a task whose measures are split per unit.

    When the document attributes measures to units, each lead unit usually
    states its own; a lead without one may be a measure filed under another
    unit.  Tasks whose measures are not attributed (``unit: null``) are not
    checked.  Severity info: it is a hint, never a failure.

    On the 2020 plan: task 4 names 财政局 as lead, but the document gives
    measures only for 公安局, 发改局 and 商务局; the record is the document,
    so the info finding stays.
    """
    if ctx.resolver is None:
        return
    for path, task, lead, _responsible, measure_units in ctx.roles():
        owners = set(measure_units) - {None}
        if not owners:
            continue
        for i, name in enumerate(task.lead):
            canonical = lead[i]
            if canonical is None or canonical in owners:
                continue
            # a measure written for a group the lead belongs to is the lead's own too (index/roles.py)
            if not ctx.index.roles_of(task, ctx.resolver.entries[canonical], ("measure",)):
                yield ctx.at(path, ("lead", i), M_("lead unit {name} has no measure of its own in task {task_id}", name=name, task_id=task.id))


@rule("TP207", "duplicate-measure", "warning")
def duplicate_measure(ctx: RuleContext) -> Iterator[Finding]:
    """The same measure text appears in two tasks.

    A measure pasted into a second task is a common copy-and-paste slip.
    The later task is reported, naming the earlier one; where the document
    really repeats the measure, ignore it for that file.  Texts shorter than
    eight characters are not compared.

    On the 2020 plan: tasks 65 (as 60), 80 (as 79) and 95 (as 44) repeat
    measures word for word in the document; .taskplan.toml ignores TP207
    for those files.
    """
    first: dict[str, int] = {}
    for path, task in _tasks(ctx):
        for i, measure in enumerate(task.measures):
            for j, item in enumerate(measure.items):
                key = item.strip()  # identical text (a pasted copy), not merely similar
                if len(key) < 8:
                    continue  # short phrases (完成上级任务) repeat by nature
                if key in first and first[key] != task.id:
                    yield ctx.at(path, ("measures", i, "items", j), M_("measure text also in task {value1}", value1=first[key]))
                first.setdefault(key, task.id)


@rule("TP208", "task-without-lead", "error", per_file=True)
def task_without_lead(ctx: RuleContext) -> Iterator[Finding]:
    """A task names no lead unit (``lead: []``).

    The importer keeps a task whose document names no 牵头单位 (only 责任单位,
    and no rule such as 列第一位者为牵头单位) with ``lead: []`` rather than
    guessing or refusing the document.  Nobody answers for such a task in
    ``list --lead`` or the 通报: decide who leads and write it into ``lead``.
    """
    for path, task in _tasks(ctx):
        if not task.lead:
            yield ctx.at(path, ("lead",), M_("task {task_id} has no lead unit; write the 牵头单位 into lead", task_id=task.id))


@rule("TP209", "unit-measures-split", "warning", per_file=True)
def unit_measures_split(ctx: RuleContext) -> Iterator[Finding]:
    """One unit has two measure blocks in one task.

    A task's measures are one block per unit: ``{unit, intro, items}``, where
    ``intro`` is the sentence before the numbered items.  A second block of
    the same unit makes that unit appear twice in its 责任清单: merge the
    blocks (the lead-in sentence goes into ``intro``).
    """
    for path, task in _tasks(ctx):
        seen: dict[str | None, int] = {}
        for i, measure in enumerate(task.measures):
            key = None if measure.unit is None else name_key(measure.unit)
            if key in seen:
                who = measure.unit or "measures without unit"
                yield ctx.at(path, ("measures", i), M_("second measure block of {who} in task {task_id} (first: measures[{value1}]); merge them", who=who, task_id=task.id, value1=seen[key]))
            else:
                seen[key] = i

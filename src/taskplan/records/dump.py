"""Models → the text of the record files, in the public layout (docs/format.md).

The one writer of whole record files from models: ``taskplan import`` (every
file), ``taskplan init`` (an empty plan.yaml and units.yaml) and ``taskplan
new`` (a task file).  Only the fields that are set are written, in a fixed key
order, so the same document always gives byte-identical files.  (Edits of
existing files go through ``store.write``'s round trip instead, which keeps
comments.)
"""
from __future__ import annotations

from typing import Any

from taskplan.model.records import Measure, Plan, Registry, Section, Task
from taskplan.store.write import PLAN_HEADER, TASK_HEADER, UNITS_HEADER, dumps, flow_list



def _map(**items: Any) -> Any:
    from ruamel.yaml.comments import CommentedMap

    out = CommentedMap()
    for key, value in items.items():
        out[key] = value
    return out


def _measure(m: Measure) -> Any:
    data = _map(unit=m.unit)
    if m.intro is not None:
        data["intro"] = m.intro
    data["items"] = list(m.items)
    return data


def task_text(task: Task) -> str:
    """The task file, formatted directly (see ``layout``); identical to ``task_text_ruamel``."""
    from taskplan.records.layout import format_task

    try:
        return format_task(task, TASK_HEADER)
    except ValueError:  # a value the direct formatter does not write (layout.scalar says which)
        return task_text_ruamel(task)


def task_text_ruamel(task: Task) -> str:
    """The same file through ruamel's dumper: the reference ``layout`` is tested against."""
    data = _map(id=task.id, section=task.section)
    if task.subsection is not None:
        data["subsection"] = task.subsection
    data["title"] = task.title
    if task.leader:
        data["leader"] = flow_list(list(task.leader))
    data["lead"] = flow_list(list(task.lead))
    data["responsible"] = flow_list(list(task.responsible))
    data["measures"] = [_measure(m) for m in task.measures]
    if task.deadlines:
        data["deadlines"] = [_deadline(d) for d in task.deadlines]
    return dumps(data, header=TASK_HEADER)


def _deadline(d: Any) -> Any:
    data = _map(date=d.date, text=d.text)
    if d.unit is not None:
        data["unit"] = d.unit
    data["source"] = d.source
    if d.recurring:
        data["recurring"] = True
    return data


def _section(section: Section) -> Any:
    data = _map(number=section.number, title=section.title)
    if section.sections:
        data["sections"] = [_section(s) for s in section.sections]
    return data


def plan_text(plan: Plan) -> str:
    data = _map(
        title=plan.title,
        issuer=plan.issuer,
        date=plan.date,
        addressees=plan.addressees,
        preamble=plan.preamble,
        note=plan.note,
        sections=[_section(s) for s in plan.sections],
    )
    return dumps(data, header=PLAN_HEADER)


def registry_text(registry: Registry) -> str:
    units = [
        _map(name=u.name, full_name=u.full_name, kind=u.kind, aliases=flow_list(list(u.aliases)))
        for u in registry.units
    ]
    groups = []
    for g in registry.groups:
        group = _map(name=g.name)
        if g.full_name is not None:
            group["full_name"] = g.full_name
        group["aliases"] = flow_list(list(g.aliases))
        group["members"] = flow_list(list(g.members))
        groups.append(group)
    return dumps(_map(units=units, groups=groups), header=UNITS_HEADER)

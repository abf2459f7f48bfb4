"""Plain-text views of single records, shared by commands (no printing here)."""
from __future__ import annotations

from taskplan.model.records import Plan, Task
from taskplan.model.numerals import chinese_number
from taskplan.model.registry import Resolver

def section_heading(plan: Plan | None, number: int) -> str:
    section = plan.section(number) if plan else None
    title = section.title if section else "(not in plan.yaml)"
    return f"{chinese_number(number)}、{title}"


def _names(names: list[str], resolver: Resolver) -> str:
    out = []
    for name in names:
        entry = resolver.resolve(name)
        if entry is None:
            out.append(f"{name} (unregistered)")
        elif entry.display != name:
            out.append(f"{name} ({entry.display})")
        else:
            out.append(name)
    return "、".join(out)


def task_lines(task: Task, plan: Plan | None, resolver: Resolver) -> list[str]:
    """The lines of ``taskplan show N``: section, title, roles with full names, measures."""
    lines = [f"任务 {task.id}  ·  {section_heading(plan, task.section)}", "", task.title, ""]
    if task.leader:
        lines.append(f"牵头领导: {'、'.join(task.leader)}")
    lines.append(f"牵头单位: {_names(task.lead, resolver)}")
    lines.append(f"责任单位: {_names(task.responsible, resolver) if task.responsible else '—'}")
    lines.append("落实措施:")
    if not task.measures:
        lines.append("  —")
    for measure in task.measures:
        owner = _names([measure.unit], resolver) if measure.unit else "(全体)"
        lines.append(f"  {owner}")
        numbered = len(measure.items) > 1 or measure.intro is not None
        if measure.intro:
            lines.append(f"    {measure.intro}")
        for i, item in enumerate(measure.items, 1):
            lines.append(f"    ({i}) {item}" if numbered else f"    {item}")
    return lines

"""Plain-text views of single records, shared by commands (no printing here)."""
from __future__ import annotations

from taskplan.model.records import Plan, Task
from taskplan.model.registry import Resolver

CN_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 16 → 十六, 21 → 二十一 (section numerals up to 99)."""
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else CN_DIGITS[tens]
    return head + "十" + (CN_DIGITS[ones] if ones else "")


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

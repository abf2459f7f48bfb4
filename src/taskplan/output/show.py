"""Plain-text views of single records, shared by commands (no printing here)."""
from __future__ import annotations

from taskplan.i18n import _
from taskplan.model.records import Plan, Task
from taskplan.model.numerals import section_heading
from taskplan.model.registry import Resolver
from taskplan.model.text import display_width
from taskplan.output.wrap import wrap, wrap_items

def plan_section_heading(plan: Plan | None, number: int) -> str:
    """The heading of section ``number`` of ``plan``; a number plan.yaml lacks says so."""
    section = plan.section(number) if plan else None
    return section_heading(number, section.title if section else _("(not in plan.yaml)"))


def _name_list(names: list[str], resolver: Resolver) -> list[str]:
    out = []
    for name in names:
        entry = resolver.resolve(name)
        if entry is None:
            out.append(_("{name} (unregistered)").format(name=name))
        elif entry.display != name:
            out.append(_("{name} ({full_name})").format(name=name, full_name=entry.display))
        else:
            out.append(name)
    return out


def _names(names: list[str], resolver: Resolver) -> str:
    return "、".join(_name_list(names, resolver))


def hanging(prefix: str, text: str, width: int | None, indent: str | None = None) -> list[str]:
    """``prefix`` + ``text``; with ``width``, wrapped (Chinese line breaking) under a hanging indent."""
    if width is None:
        return [prefix + text]
    return wrap(text, width, prefix, " " * display_width(prefix) if indent is None else indent)


def _hanging_names(prefix: str, names: list[str], width: int | None) -> list[str]:
    """A list of unit names after ``prefix``, broken only after 、 (a name is never split)."""
    if width is None or not names:
        return [prefix + "、".join(names)]
    lines = wrap_items(names, max(width - display_width(prefix), 8))
    return [(prefix if i == 0 else " " * display_width(prefix)) + line for i, line in enumerate(lines)]


def task_lines(task: Task, plan: Plan | None, resolver: Resolver, width: int | None = None) -> list[str]:
    """The lines of ``taskplan show N``: section, title, roles with full names, measures;
    with ``width``, long lines wrap under a hanging indent."""
    lines = hanging("", _("Task {id}  ·  {section}").format(id=task.id, section=plan_section_heading(plan, task.section)), width)
    lines += [""] + hanging("", task.title, width) + [""]
    if task.leader:
        lines += _hanging_names(_("Leaders: "), list(task.leader), width)
    lines += _hanging_names(_("Lead units: "), _name_list(task.lead, resolver), width)
    lines += _hanging_names(_("Responsible units: "), _name_list(task.responsible, resolver), width) if task.responsible else [_("Responsible units: ") + "—"]
    lines.append(_("Measures:"))
    if not task.measures:
        lines.append("  —")
    for measure in task.measures:
        owner = _names([measure.unit], resolver) if measure.unit else _("(all units)")
        lines += hanging("  ", owner, width)
        numbered = len(measure.items) > 1 or measure.intro is not None
        if measure.intro:
            lines += hanging("    ", measure.intro, width)
        for i, item in enumerate(measure.items, 1):
            lines += hanging(f"    ({i}) " if numbered else "    ", item, width)
    return lines

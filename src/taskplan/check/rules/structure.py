"""TP3xx: the plan's structure — ids, file names, sections and their order."""
from __future__ import annotations

from typing import Iterator

from taskplan.i18n import M_
from taskplan.check.rule import RuleContext
from taskplan.check.rule import rule
from taskplan.findings import Finding
from taskplan.store.discover import names_id, task_file_name


@rule("TP301", "file-name-id", "error", per_file=True)
def file_name_matches_id(ctx: RuleContext) -> Iterator[Finding]:
    """A task file's name does not match its id (tasks/004.yaml must hold id 4).

    The name is the id zero-padded to at least three digits (004.yaml; a
    longer padding such as 00004.yaml is accepted too).  Links, reports and
    readers find a task by its file name; a copied file that kept the old
    name, or an id edited without renaming, sends readers to the wrong
    task.  Rename the file (``git mv``) or fix the id.
    """
    for task in ctx.loaded.records:
        path = ctx.loaded.task_paths[task.id]
        name = path.rsplit("/", 1)[-1]
        if not names_id(name, task.id):  # 00001.yaml is fine too
            want = task_file_name(task.id)
            yield ctx.at(path, ("id",), M_("file name {name} does not match id {task_id}; rename the file to {want}", name=name, task_id=task.id, want=want))


@rule("TP303", "id-gap", "warning")
def id_gaps(ctx: RuleContext) -> Iterator[Finding]:
    """Task ids skip a number (… 3, 5 …) or do not start at 1.

    The document numbers its tasks 1, 2, 3 … across all sections; a gap
    usually means a file was deleted or an id mistyped.  The finding is on
    the first task after the gap.
    """
    previous = 0
    for task in ctx.loaded.records:  # sorted by id
        if task.id > previous + 1:
            missing = f"{previous + 1}" if task.id == previous + 2 else f"{previous + 1}–{task.id - 1}"
            after = f"after {previous}" if previous else "at the start"
            yield ctx.at(ctx.loaded.task_paths[task.id], ("id",), M_("task ids jump to {task_id} {after}; {missing} missing", task_id=task.id, after=after, missing=missing))
        previous = task.id


@rule("TP304", "unknown-section", "error", per_file=True)
def unknown_section(ctx: RuleContext) -> Iterator[Finding]:
    """A task's section (or subsection) is not one of plan.yaml's sections.

    Every task belongs to a heading of the document; reports group tasks by
    section and cannot place one that points nowhere.  Fix the number or
    add the section to plan.yaml.
    """
    plan = ctx.loaded.plan
    if plan is None:
        return  # plan.yaml itself is broken; that is reported already
    numbers = ", ".join(str(s.number) for s in plan.sections) or "none"
    by_number = {s.number: s for s in reversed(plan.sections)}  # the first of a repeated number, as plan.section()
    for task in ctx.loaded.records:
        path = ctx.loaded.task_paths[task.id]
        section = by_number.get(task.section)
        if section is None:
            yield ctx.at(path, ("section",), M_("section {task_section} is not in plan.yaml (sections: {numbers})", task_section=task.section, numbers=numbers))
        elif task.subsection is not None and task.subsection not in {s.number for s in section.sections}:
            subs = ", ".join(str(s.number) for s in section.sections) or "none"
            yield ctx.at(
                path, ("subsection",),
                M_("subsection {task_subsection} is not in section {task_section} of plan.yaml (subsections: {subs})", task_subsection=task.subsection, task_section=task.section, subs=subs),
            )


@rule("TP305", "section-order", "warning")
def section_order(ctx: RuleContext) -> Iterator[Finding]:
    """Tasks are out of section order: a task's section is lower than the one before it.

    The document runs its numbering on across sections (section 1 holds
    tasks 1–2, section 2 starts at 3 …), so ids and sections rise together.
    A lower section after a higher one is usually a wrong section number.
    """
    previous = None
    for task in ctx.loaded.records:
        if previous is not None and task.section < previous.section:
            yield ctx.at(
                ctx.loaded.task_paths[task.id], ("section",),
                M_("task {task_id} is in section {task_section}, but task {previous_id} before it is in section {previous_section}", task_id=task.id, task_section=task.section, previous_id=previous.id, previous_section=previous.section),
            )
        previous = task


@rule("TP306", "section-numbering", "warning")
def section_numbering(ctx: RuleContext) -> Iterator[Finding]:
    """plan.yaml's sections are not numbered 1, 2, 3 … in order (a repeat or a gap).

    Section numbers are the document's 一、二、三 …; a repeated or skipped
    number makes two headings share tasks or hides one.
    """
    plan = ctx.loaded.plan
    if plan is None:
        return
    for i, section in enumerate(plan.sections):
        if section.number != i + 1:
            yield ctx.at("plan.yaml", ("sections", i, "number"), M_("section number {section_number} should be {value1} (sections are numbered 1, 2, 3 … in order)", section_number=section.number, value1=i + 1))
            return  # one finding is enough: the rest follow from it

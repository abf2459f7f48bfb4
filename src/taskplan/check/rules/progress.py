"""TP6xx: progress fields — status, progress log, deadlines, extensions.

The state these rules reason about is the one taskplan.progress.state
derives (extensions chain, entries in date order); see docs/progress.md.
"""
from __future__ import annotations

from typing import Iterator

from taskplan.i18n import M_
from taskplan.check.rule import RuleContext
from taskplan.check.rule import rule
from taskplan.findings import Finding
from taskplan.model.records import DONE_STATUSES, Task
from taskplan.progress.state import effective_due, status_as_of


def _tasks(ctx: RuleContext) -> list[tuple[str, Task]]:
    """Tasks that have progress fields: the others cannot break these rules."""
    return ctx.progress_tasks()


@rule("TP601", "done-without-report", "error", per_file=True)
def done_without_report(ctx: RuleContext) -> Iterator[Finding]:
    """A task is 已完成 or 已销号 but no progress entry reports it done.

    Closing a task needs its evidence: the progress entry that says when it
    was done and what shows it (``taskplan update N --status 已完成 --note
    "…"`` writes both).  Without it the on-time rate cannot be computed and
    nobody can tell where the claim comes from.  Record the report with
    ``taskplan update``, or set the status back.
    """
    for path, task in _tasks(ctx):
        if task.status in DONE_STATUSES and not any(p.status in DONE_STATUSES for p in task.progress):
            yield ctx.at(path, ("status",), M_("status {task_status} but no progress entry reports the task done; record it with taskplan update {task_id} --status {task_status} --note \"…\"", task_status=task.status, task_id=task.id))


@rule("TP602", "progress-order", "warning", per_file=True)
def progress_order(ctx: RuleContext) -> Iterator[Finding]:
    """Progress entries are not in date order.

    The progress log is append-only and read in order: the status of a task
    as of a date comes from its last entry up to that date.  An entry dated
    before the one above it is usually a typo in the date (or a late report
    added with ``update --force``).  Check the date; move the entry if it
    really belongs earlier.
    """
    for path, task in _tasks(ctx):
        for i in range(1, len(task.progress)):
            before, entry = task.progress[i - 1], task.progress[i]
            if entry.date < before.date:
                yield ctx.at(path, ("progress", i, "date"),
                             M_("progress entry dated {entry_date} comes after one dated {before_date}; entries go in date order", entry_date=entry.date, before_date=before.date))


@rule("TP603", "deadline-outside-plan-year", "warning", per_file=True)
def deadline_outside_plan_year(ctx: RuleContext) -> Iterator[Finding]:
    """A deadline is not in the plan's year (plan.yaml's date).

    A 2020 plan's deadlines fall in 2020; ``明年3月底`` in a policy text or a
    mistyped year reads as a deadline a year off, and every overdue list is
    wrong by a year.  Fix the date, or delete the deadline if the phrase was
    not a deadline of the task (extensions may move past the year; they are
    not checked here).
    """
    plan = ctx.loaded.plan
    year = plan.year if plan else None
    if year is None:
        return
    for path, task in _tasks(ctx):
        for i, deadline in enumerate(task.deadlines):
            if deadline.date is not None and deadline.date.year != year:
                yield ctx.at(path, ("deadlines", i, "date"),
                             M_("deadline {deadline_date} is outside the plan year {year} (\"{deadline_text}\")", deadline_date=deadline.date, year=year, deadline_text=deadline.text))


@rule("TP604", "extension-not-later", "error", per_file=True)
def extension_not_later(ctx: RuleContext) -> Iterator[Finding]:
    """An extension's new date (``to``) is not later than the deadline it extends (``from``).

    An extension postpones a deadline; one that moves it earlier or nowhere
    is a typo and is ignored when computing due dates and overdue tasks.
    Fix ``to`` (or ``from``); to bring a deadline forward, add a new deadline.
    """
    for path, task in _tasks(ctx):
        for i, ext in enumerate(task.extensions):
            if ext.to <= ext.from_:
                yield ctx.at(path, ("extensions", i, "to"),
                             M_("extension to {ext_to} is not later than the deadline it extends ({ext_from_})", ext_to=ext.to, ext_from_=ext.from_))


@rule("TP606", "extension-unmatched", "warning", per_file=True)
def extension_unmatched(ctx: RuleContext) -> Iterator[Finding]:
    """An extension starts from a date that is no deadline of the task.

    ``from`` names the deadline being extended: a date in ``deadlines`` or
    the ``to`` of an earlier extension (extensions chain).  One that matches
    neither changes nothing, so the task's due date is not what the approval
    says.  Set ``from`` to the deadline's date (``taskplan extend`` does).
    """
    for path, task in _tasks(ctx):
        known = {d.date for d in task.deadlines if d.date is not None}
        for i, ext in enumerate(task.extensions):
            chained = {e.to for j, e in enumerate(task.extensions) if j != i}
            if ext.from_ not in known | chained:
                shown = ", ".join(str(d) for d in sorted(known)) or "none"
                yield ctx.at(path, ("extensions", i, "from"),
                             M_("extension from {ext_from_} matches no deadline of the task (deadlines: {shown})", ext_from_=ext.from_, shown=shown))


@rule("TP605", "not-started-past-deadline", "warning", per_file=True)
def not_started_past_deadline(ctx: RuleContext) -> Iterator[Finding]:
    """A task is still 未启动 after its deadline (as of ``check --as-of``, default today).

    Work that has not started when it should be finished needs the
    supervision office's attention first: report progress, ask for an
    extension (``taskplan extend``), or correct the status.
    """
    as_of = ctx.as_of
    if as_of is None:
        return
    for path, task in _tasks(ctx):
        if status_as_of(task, as_of) != "未启动":
            continue
        due, original = effective_due(task)
        if due is not None and due < as_of:
            extended = f" (extended from {original})" if due != original else ""
            yield ctx.at(path, ("status",) if task.status else ("progress",),
                         M_("still 未启动 {value1} days after its deadline {due}{extended} as of {as_of}", value1=(as_of - due).days, due=due, extended=extended, as_of=as_of))

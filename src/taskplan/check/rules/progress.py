"""TP6xx: progress fields — status, progress log, deadlines, extensions.

The state these rules reason about is the one taskplan.progress.state
derives (extensions chain, entries in date order); see docs/progress.md.
"""
from __future__ import annotations

from typing import Iterator

from taskplan.i18n import M_, names_list
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
                shown = names_list([str(d) for d in sorted(known)]) or M_("none")
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


def _unit_problem(ctx: RuleContext, task: Task, name: str) -> str | None:
    """Why ``name`` cannot ask for an extension of ``task`` (unknown, or owes no part of it), else None."""
    entry = ctx.resolver.resolve(name)
    if entry is None:
        close = ctx.resolver.suggest(name)
        hint = M_(" (did you mean {names}?)", names=names_list(close)) if close else M_("; add it to units.yaml or fix the spelling")
        return M_("request by unknown unit \"{name}\"{hint}", name=name, hint=hint)
    if ctx.index.roles_of(task, entry):
        return None
    return M_("request by {name}, which task {task_id} does not name (lead: {lead}); requests come from the units that owe the task",
              name=entry.name, task_id=task.id, lead="、".join(task.lead) or "—")


@rule("TP607", "request-invalid", "error", per_file=True)
def request_invalid(ctx: RuleContext) -> Iterator[Finding]:
    """An extension request (``requests``) cannot be right: dates, unit or a repeat.

    ``requests`` holds what units asked for on their 填报表 (``taskplan
    collect``): the day they asked (``date``), the deadline they ask for
    (``to``), who asked (``unit``) and why.  A request is wrong when

    * ``to`` is not after ``date``: nobody asks on 12-05 to finish by 11-30;
    * ``date`` is after the day ``check`` judges as of (``--as-of``): a typo in the year;
    * ``unit`` is not in units.yaml, or names a unit the task does not name
      (as lead, responsible or measure owner, directly or through a group):
      only the units that owe a task ask for its extension;
    * it repeats an earlier request of the task (same unit, date asked for and reason).

    Fix the entry, or delete it; ``taskplan extend`` approves a right one.
    """
    as_of = ctx.as_of
    for path, task in _tasks(ctx):
        seen: dict[tuple, int] = {}
        for i, req in enumerate(task.requests):
            if req.to <= req.date:
                yield ctx.at(path, ("requests", i, "to"),
                             M_("request asked on {date} for a deadline of {to}, not after the day it was asked; fix the dates", date=req.date, to=req.to))
            if as_of is not None and req.date > as_of:
                yield ctx.at(path, ("requests", i, "date"), M_("request dated {date}, after {as_of}: a date in the future", date=req.date, as_of=as_of))
            if req.unit is not None:
                problem = _unit_problem(ctx, task, req.unit)
                if problem is not None:
                    yield ctx.at(path, ("requests", i, "unit"), problem)
            key = (ctx.canonical(req.unit) if req.unit else None, req.to, req.reason.strip())
            if key in seen:
                yield ctx.at(path, ("requests", i), M_("the same request as requests[{first}] (unit, date asked for and reason); delete one", first=seen[key]))
            else:
                seen[key] = i


def _approve(index: int):
    def apply(doc) -> None:
        doc["requests"][index]["status"] = "approved"
    return apply


@rule("TP608", "request-status", "warning", fixable=True, per_file=True)
def request_status(ctx: RuleContext) -> Iterator[Finding]:
    """An extension request's ``status`` disagrees with the extensions the task records.

    ``taskplan extend N --to D`` appends the extension and marks the unit's
    pending request for ``D`` approved.  After a hand edit the two can part:

    * ``status: pending`` although an extension to that date is recorded:
      the request was granted (``check --fix`` marks it approved);
    * ``status: approved`` but no extension to that date is recorded: the
      due date did not move, whatever the request says (approve it with
      ``taskplan extend``, or set it back to pending);
    * ``status: pending`` for a date not later than the deadline in force:
      approving it would move nothing (answer the unit, then delete it or
      mark it approved).

    The overdue lists and the 通报 follow the extensions, never the requests.
    """
    from taskplan.check.fixes import Fix

    for path, task in _tasks(ctx):
        if not task.requests:
            continue
        granted = {ext.to for ext in task.extensions}
        due, _ = effective_due(task)
        for i, req in enumerate(task.requests):
            if req.status == "pending" and req.to in granted:
                fix = Fix(path, M_("mark requests[{index}] approved", index=i), _approve(i))
                yield ctx.at(path, ("requests", i),
                             M_("request for {to} is pending, but an extension to {to} is recorded; mark it approved", to=req.to), fix=fix)
            elif req.status == "approved" and req.to not in granted:
                yield ctx.at(path, ("requests", i, "status"),
                             M_("request for {to} is approved, but no extension to {to} is recorded; run taskplan extend {task_id} --to {to} --reason \"…\", or set it back to pending",
                                to=req.to, task_id=task.id))
            elif req.status == "pending" and due is not None and req.to <= due:
                yield ctx.at(path, ("requests", i, "to"),
                             M_("pending request for {to}, but the deadline in force is {due}: approving it would move nothing", to=req.to, due=due))


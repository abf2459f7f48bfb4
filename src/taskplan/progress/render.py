"""Views of progress data: overdue tasks by lead unit, stored deadlines, extracted proposals, and
the progress block of ``show``.

overdue, deadlines and proposals are ``output.View``s, so they print in every ``--format`` the
query commands know (table, json, csv, md, ids) through the one table writer of each kind.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from taskplan.i18n import M_, N_, _, ngettext
from taskplan.model.records import Task
from taskplan.output.formats import FILE_ONLY, TEXT_ONLY, Part, View
from taskplan.output.tables import Column
from taskplan.output.tables import render_text
from taskplan.progress.deadlines import Proposal
from taskplan.progress.state import LIGHTS, TaskState, deadline_states
from taskplan.progress.summary import UnitProgress


def _day(date: dt.date | None) -> str:
    return date.isoformat() if date else "-"


def _due(state: TaskState) -> str:
    if state.due and state.extended:
        return _("{due} (originally {original})").format(due=state.due, original=state.original_due)
    return _day(state.due)


OVERDUE_COLUMNS = [
    Column("unit", N_("lead unit")), Column("id", N_("task"), numeric=True), Column("due", N_("deadline")),
    Column("days", N_("overdue"), numeric=True, formats=TEXT_ONLY), Column("days_overdue", N_("days overdue"), numeric=True, formats=FILE_ONLY),
    Column("status", N_("status")), Column("last_report", N_("last report")),
    Column("title", N_("task text"), wrap=True, weight=3),
]


def overdue_view(groups: list[UnitProgress], states: dict[int, TaskState], tasks: dict[int, Task], as_of: dt.date) -> View:
    """``taskplan overdue``: one row per (lead unit, overdue task), the units in the order given."""
    late = sorted({i for g in groups for i in g.overdue})

    def item(task_id: int) -> dict[str, Any]:
        s = states[task_id]
        return {
            "id": task_id, "title": tasks[task_id].title, "status": s.status, "due": _day(s.due),
            "original_due": _day(s.original_due), "days_overdue": -s.days_left if s.days_left is not None else None,
            "last_report": s.last_report.isoformat() if s.last_report else None,
        }

    def parts() -> list[Part]:
        if not late:
            return [Part(OVERDUE_COLUMNS, [], empty=M_("No overdue tasks as of {as_of}.", as_of=as_of))]
        rows = []
        for group in groups:
            for task_id in group.overdue:
                s = states[task_id]
                rows.append({"unit": group.unit, "id": task_id, "due": _due(s), "days": ngettext("{n} day", "{n} days", -s.days_left).format(n=-s.days_left), "days_overdue": -s.days_left,
                             "status": s.status, "last_report": _day(s.last_report), "title": tasks[task_id].title})
        title = ngettext("As of {as_of}: {n} overdue task, under {units} lead units.",
                         "As of {as_of}: {n} overdue tasks, under {units} lead units.", len(late)).format(
            as_of=as_of, n=len(late), units=len(groups))
        return [Part(OVERDUE_COLUMNS, rows, title=title)]

    def payload() -> dict[str, Any]:
        return {"as_of": as_of.isoformat(), "count": len(late),
                "units": [{"unit": g.unit, "tasks": [item(i) for i in g.overdue]} for g in groups]}

    return View(parts, payload, [str(i) for i in late])


# csv keeps the cells as they always were (常态(recurring), extracted, 已存: csv does not change with the
# language, docs/language.md); a table or md shows the word in the reader's language
RECURRING_CELL = "常态(recurring)"
SOURCE_WORDS = {"extracted": N_("extracted"), "manual": N_("manual")}
DEADLINE_COLUMNS = [
    Column("id", N_("task"), numeric=True), Column("unit", N_("unit")),
    Column("date", N_("deadline"), formats=FILE_ONLY), Column("date_shown", N_("deadline"), formats=TEXT_ONLY),
    Column("moved", N_("extended to")),
    Column("source", N_("source"), formats=FILE_ONLY), Column("source_shown", N_("source"), formats=TEXT_ONLY),
    Column("text", N_("text"), wrap=True),
]


def deadlines_view(tasks: list[Task]) -> View:
    """``taskplan deadlines``: one row per stored deadline, with the date an extension moved it to."""
    rows, records = [], []
    for task in tasks:
        for d in deadline_states(task):
            date = RECURRING_CELL if d.deadline.recurring else _day(d.original)
            shown = _("recurring") if d.deadline.recurring else date
            moved = str(d.due) if d.extended else ""
            source = d.deadline.source
            rows.append({"id": task.id, "unit": d.deadline.unit or "-", "date": date, "date_shown": shown, "moved": moved,
                         "source": source, "source_shown": _(SOURCE_WORDS[source]) if source in SOURCE_WORDS else source,
                         "text": d.deadline.text})
            records.append({"id": task.id, "unit": d.deadline.unit, "recurring": d.deadline.recurring,
                            "date": d.original.isoformat() if d.original else None,
                            "due": d.due.isoformat() if d.due else None,
                            "source": d.deadline.source, "text": d.deadline.text})
    empty = N_("no deadlines stored; try 'taskplan deadlines --extract'")
    return View([Part(DEADLINE_COLUMNS, rows, empty=empty)], {"deadlines": records},
                [str(i) for i in dict.fromkeys(r["id"] for r in rows)])


PROPOSAL_COLUMNS = [
    Column("id", N_("task"), numeric=True), Column("unit", N_("unit")),
    Column("date", N_("date"), formats=FILE_ONLY), Column("date_shown", N_("date"), formats=TEXT_ONLY),
    Column("phrase", N_("phrase")),
    Column("stored", N_("stored"), formats=FILE_ONLY), Column("stored_shown", N_("stored"), formats=TEXT_ONLY),
    Column("text", N_("text"), wrap=True),
]


def proposals_view(proposals: list[Proposal], fresh: set[tuple[int, tuple]]) -> View:
    """``taskplan deadlines --extract``; ``fresh`` holds (task id, key) of the proposals not stored yet."""
    rows, records = [], []
    for p in proposals:
        date = RECURRING_CELL if p.recurring else _day(p.date)
        stored = (p.task_id, p.key()) not in fresh
        rows.append({"id": p.task_id, "unit": p.unit or "-", "date": date,
                     "date_shown": _("recurring") if p.recurring else date, "phrase": p.phrase,
                     "stored": "已存" if stored else "", "stored_shown": _("stored") if stored else "", "text": p.text})
        records.append({"id": p.task_id, "unit": p.unit, "recurring": p.recurring,
                        "date": p.date.isoformat() if p.date else None, "phrase": p.phrase, "stored": stored,
                        "text": p.text})
    return View([Part(PROPOSAL_COLUMNS, rows, empty=N_("no deadline phrases found"))], {"proposals": records},
                [str(i) for i in dict.fromkeys(p.task_id for p in proposals)])




PROGRESS_FIELDS = ("status", "deadlines", "progress", "extensions")


def has_progress_fields(task: Task) -> bool:
    data = getattr(task, "data", None)  # a lean record (store/records.py): do not build the model for this
    if isinstance(data, dict) and not isinstance(task, Task):
        return any(data.get(name) for name in PROGRESS_FIELDS)
    return any(getattr(task, name) for name in PROGRESS_FIELDS)


def _plain(rows: list[list[str]]) -> list[str]:
    """Rows aligned, without a header, indented two spaces."""
    columns = [Column(str(i), "") for i in range(len(rows[0]))]
    return render_text(columns, rows, header=False, indent=2).splitlines()


def task_progress_lines(task: Task, state: TaskState, as_of: dt.date) -> list[str]:
    """The progress block of ``taskplan show N``: state as of a date, deadlines, extensions, the log."""
    summary = [state.status, LIGHTS[state.light]]
    if state.overdue:
        summary.append(ngettext("{n} day overdue", "{n} days overdue", -state.days_left).format(n=-state.days_left))
    elif state.due and not state.done:
        summary.append(ngettext("{n} day left", "{n} days left", state.days_left).format(n=state.days_left))
    lines = ["", _("Progress (as of {as_of}): {summary}").format(as_of=as_of, summary=" · ".join(summary))]
    if state.deadlines:
        lines.append(_("Deadlines:"))
        rows = []
        for d in state.deadlines:
            if d.deadline.recurring or d.original is None:
                date = "常态"
            elif d.extended:
                date = f"{d.original} → {d.due}"
            else:
                date = str(d.original)
            rows.append([date, d.deadline.unit or "", d.deadline.text])
        lines += _plain(rows)
    if task.extensions:
        lines.append(_("Extensions:"))
        for e in task.extensions:
            approved = _(" (approved by {who})").format(who=e.approved_by) if e.approved_by else ""
            lines.append(f"  {e.from_} → {e.to}  {e.reason}{approved}")
    if task.progress:
        lines.append(_("Progress reports:"))
        rows = [[str(p.date), p.status, p.unit or "", p.note or ""] for p in task.progress]
        lines += _plain(rows)
    return lines

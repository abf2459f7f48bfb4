"""Views of progress data: overdue tasks by lead unit, stored deadlines, extracted proposals, and
the progress block of ``show``.

overdue, deadlines and proposals are ``output.View``s, so they print in every ``--format`` the
query commands know (table, json, csv, md, ids) through the one table writer of each kind.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

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
        return f"{state.due} (原定 {state.original_due})"
    return _day(state.due)


OVERDUE_COLUMNS = [
    Column("unit", "牵头单位"), Column("id", "任务", numeric=True), Column("due", "完成时限"),
    Column("days", "逾期", numeric=True, formats=TEXT_ONLY), Column("days_overdue", "逾期天数", numeric=True, formats=FILE_ONLY),
    Column("status", "状态"), Column("last_report", "最近填报"),
    Column("title", "任务内容", wrap=True, weight=3),
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
            return [Part(OVERDUE_COLUMNS, [], empty=f"截至 {as_of} 没有逾期任务。")]
        rows = []
        for group in groups:
            for task_id in group.overdue:
                s = states[task_id]
                rows.append({"unit": group.unit, "id": task_id, "due": _due(s), "days": f"{-s.days_left} 天", "days_overdue": -s.days_left,
                             "status": s.status, "last_report": _day(s.last_report), "title": tasks[task_id].title})
        title = f"截至 {as_of} 逾期任务 {len(late)} 项，涉及牵头单位 {len(groups)} 个。"
        return [Part(OVERDUE_COLUMNS, rows, title=title)]

    def payload() -> dict[str, Any]:
        return {"as_of": as_of.isoformat(), "count": len(late),
                "units": [{"unit": g.unit, "tasks": [item(i) for i in g.overdue]} for g in groups]}

    return View(parts, payload, [str(i) for i in late])


DEADLINE_COLUMNS = [
    Column("id", "任务", numeric=True), Column("unit", "单位"), Column("date", "完成时限"), Column("moved", "延期至"),
    Column("source", "来源"), Column("text", "原文", wrap=True),
]


def deadlines_view(tasks: list[Task]) -> View:
    """``taskplan deadlines``: one row per stored deadline, with the date an extension moved it to."""
    rows, records = [], []
    for task in tasks:
        for d in deadline_states(task):
            date = "常态(recurring)" if d.deadline.recurring else _day(d.original)
            moved = str(d.due) if d.extended else ""
            rows.append({"id": task.id, "unit": d.deadline.unit or "-", "date": date, "moved": moved,
                         "source": d.deadline.source, "text": d.deadline.text})
            records.append({"id": task.id, "unit": d.deadline.unit, "recurring": d.deadline.recurring,
                            "date": d.original.isoformat() if d.original else None,
                            "due": d.due.isoformat() if d.due else None,
                            "source": d.deadline.source, "text": d.deadline.text})
    empty = "no deadlines stored; try 'taskplan deadlines --extract'"
    return View([Part(DEADLINE_COLUMNS, rows, empty=empty)], {"deadlines": records},
                [str(i) for i in dict.fromkeys(r["id"] for r in rows)])


PROPOSAL_COLUMNS = [
    Column("id", "任务", numeric=True), Column("unit", "单位"), Column("date", "日期"), Column("phrase", "短语"),
    Column("stored", "已存"), Column("text", "原文", wrap=True),
]


def proposals_view(proposals: list[Proposal], fresh: set[tuple[int, tuple]]) -> View:
    """``taskplan deadlines --extract``; ``fresh`` holds (task id, key) of the proposals not stored yet."""
    rows, records = [], []
    for p in proposals:
        date = "常态(recurring)" if p.recurring else _day(p.date)
        stored = (p.task_id, p.key()) not in fresh
        rows.append({"id": p.task_id, "unit": p.unit or "-", "date": date, "phrase": p.phrase,
                     "stored": "已存" if stored else "", "text": p.text})
        records.append({"id": p.task_id, "unit": p.unit, "recurring": p.recurring,
                        "date": p.date.isoformat() if p.date else None, "phrase": p.phrase, "stored": stored,
                        "text": p.text})
    return View([Part(PROPOSAL_COLUMNS, rows, empty="no deadline phrases found")], {"proposals": records},
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
        summary.append(f"逾期 {-state.days_left} 天")
    elif state.due and not state.done:
        summary.append(f"剩余 {state.days_left} 天")
    lines = ["", f"进展(截至 {as_of}): " + " · ".join(summary)]
    if state.deadlines:
        lines.append("完成时限:")
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
        lines.append("延期:")
        for e in task.extensions:
            approved = f"({e.approved_by}批准)" if e.approved_by else ""
            lines.append(f"  {e.from_} → {e.to}  {e.reason}{approved}")
    if task.progress:
        lines.append("填报记录:")
        rows = [[str(p.date), p.status, p.unit or "", p.note or ""] for p in task.progress]
        lines += _plain(rows)
    return lines

"""Text and JSON renderings of progress data: overdue by unit, deadlines, proposals.

Functions return strings; the CLI prints them.  Tables are aligned by display
width (CJK characters take two cells) and never fold long text.
"""
from __future__ import annotations

import datetime as dt
import json
from typing import Any, Callable

from taskplan.model.records import Task
from taskplan.progress.deadlines import Proposal
from taskplan.progress.state import LIGHTS, TaskState, deadline_states
from taskplan.progress.summary import UnitProgress
from taskplan.model.text import display_width, pad

TITLE_WIDTH = 40  # cells of a task title shown in a table row


def table(headers: list[str], rows: list[list[str]], indent: str = "") -> list[str]:
    widths = [max(display_width(c) for c in col) for col in zip(headers, *rows)]
    out = []
    for row in [headers, *rows]:
        cells = [pad(cell, width) for cell, width in zip(row, widths)]
        out.append((indent + "  ".join(cells)).rstrip())
    return out


_CELLS: dict[str, int] = {}  # character -> terminal cells (a few thousand distinct characters at most)


def shorten(text: str, width: int = TITLE_WIDTH) -> str:
    """``text`` cut to ``width`` terminal cells, ending in … when cut."""
    if len(text) * 2 <= width or display_width(text) <= width:
        return text
    used, end = 0, 0
    for end, ch in enumerate(text):
        cells = _CELLS.get(ch)
        if cells is None:
            cells = _CELLS[ch] = display_width(ch)
        if used + cells + 1 > width:  # keep one cell for …
            break
        used += cells
    return text[:end] + "…"


def _day(date: dt.date | None) -> str:
    return date.isoformat() if date else "-"


def _due(state: TaskState) -> str:
    if state.due and state.extended:
        return f"{state.due} (原定 {state.original_due})"
    return _day(state.due)


def overdue_text(groups: list[UnitProgress], states: dict[int, TaskState], tasks: dict[int, Task], as_of: dt.date) -> str:
    late = sorted({i for g in groups for i in g.overdue})
    if not late:
        return f"截至 {as_of} 没有逾期任务。\n"
    lines = [f"截至 {as_of} 逾期任务 {len(late)} 项,涉及牵头单位 {len(groups)} 个。"]
    for group in groups:
        lines += ["", f"{group.unit}(逾期 {len(group.overdue)} 项)"]
        rows = []
        for task_id in group.overdue:
            s = states[task_id]
            rows.append([str(task_id), _due(s), f"{-s.days_left} 天", s.status, _day(s.last_report), shorten(tasks[task_id].title)])
        lines += table(["任务", "截止日期", "逾期", "状态", "最近填报", "任务内容"], rows, indent="  ")
    return "\n".join(lines) + "\n"


def overdue_json(groups: list[UnitProgress], states: dict[int, TaskState], tasks: dict[int, Task], as_of: dt.date) -> str:
    def item(task_id: int) -> dict[str, Any]:
        s = states[task_id]
        return {
            "id": task_id, "title": tasks[task_id].title, "status": s.status, "due": _day(s.due),
            "original_due": _day(s.original_due), "days_overdue": -s.days_left if s.days_left is not None else None,
            "last_report": s.last_report.isoformat() if s.last_report else None,
        }

    data = {"as_of": as_of.isoformat(), "units": [{"unit": g.unit, "tasks": [item(i) for i in g.overdue]} for g in groups]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


OVERDUE_FORMATS: dict[str, Callable[..., str]] = {"text": overdue_text, "json": overdue_json}


def deadlines_text(tasks: list[Task]) -> str:
    rows = []
    for task in tasks:
        for d in deadline_states(task):
            date = "常态(recurring)" if d.deadline.recurring else _day(d.original)
            moved = str(d.due) if d.extended else ""
            rows.append([str(task.id), d.deadline.unit or "-", date, moved, d.deadline.source, d.deadline.text])
    if not rows:
        return "no deadlines stored; try 'taskplan deadlines --extract'\n"
    return "\n".join(table(["任务", "单位", "截止日期", "延期至", "来源", "原文"], rows)) + "\n"


def proposals_text(proposals: list[Proposal], fresh: set[tuple[int, tuple]]) -> str:
    """Proposals as a table; ``fresh`` holds (task id, key) of those not stored yet."""
    if not proposals:
        return "no deadline phrases found\n"
    rows = []
    for p in proposals:
        date = "常态(recurring)" if p.recurring else _day(p.date)
        stored = "" if (p.task_id, p.key()) in fresh else "已存"
        rows.append([str(p.task_id), p.unit or "-", date, p.phrase, stored, p.text])
    return "\n".join(table(["任务", "单位", "日期", "短语", "已存", "原文"], rows)) + "\n"


LIGHT_NAMES = LIGHTS  # one vocabulary: progress/state.py


PROGRESS_FIELDS = ("status", "deadlines", "progress", "extensions")


def has_progress_fields(task: Task) -> bool:
    data = getattr(task, "data", None)  # a lean record (store/records.py): do not build the model for this
    if isinstance(data, dict) and not isinstance(task, Task):
        return any(data.get(name) for name in PROGRESS_FIELDS)
    return any(getattr(task, name) for name in PROGRESS_FIELDS)


def task_progress_lines(task: Task, state: TaskState, as_of: dt.date) -> list[str]:
    """The progress block of ``taskplan show N``: state as of a date, deadlines, extensions, the log."""
    summary = [state.status, LIGHT_NAMES[state.light]]
    if state.overdue:
        summary.append(f"逾期 {-state.days_left} 天")
    elif state.due and not state.done:
        summary.append(f"剩余 {state.days_left} 天")
    lines = ["", f"进展(截至 {as_of}): " + " · ".join(summary)]
    if state.deadlines:
        lines.append("截止日期:")
        rows = []
        for d in state.deadlines:
            if d.deadline.recurring or d.original is None:
                date = "常态"
            elif d.extended:
                date = f"{d.original} → {d.due}"
            else:
                date = str(d.original)
            rows.append([date, d.deadline.unit or "", d.deadline.text])
        lines += table(["", "", ""], rows, indent="  ")[1:]
    if task.extensions:
        lines.append("延期:")
        for e in task.extensions:
            approved = f"({e.approved_by}批准)" if e.approved_by else ""
            lines.append(f"  {e.from_} → {e.to}  {e.reason}{approved}")
    if task.progress:
        lines.append("填报记录:")
        rows = [[str(p.date), p.status, p.unit or "", p.note or ""] for p in task.progress]
        lines += table(["", "", "", ""], rows, indent="  ")[1:]
    return lines

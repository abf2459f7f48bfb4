"""Progress columns for ``taskplan units``: status counts, overdue and on-time rate per lead unit.

Added to the units view built by taskplan.listing (kept separate so the
registry listing does not depend on progress).  Counts are over the tasks a
unit *leads*, as of --as-of; groups lead nothing and show zeros.
"""
from __future__ import annotations

from taskplan.output import Column, View
from taskplan.progress.state import TaskState
from taskplan.progress.status import english_key
from taskplan.progress.summary import STATUS_COLUMNS, UnitProgress, format_rate

TEXT_ONLY = frozenset({"table", "md"})
FILE_ONLY = frozenset({"csv"})


def status_text(counts: dict[str, int]) -> str:
    """``推进中 2、已完成 1`` — the non-zero counts in workflow order."""
    return "、".join(f"{status} {n}" for status, n in counts.items() if n)


def progress_record(unit: UnitProgress | None) -> dict:
    unit = unit or UnitProgress("")
    return {
        "status": {english_key(s): unit.counts[s] for s in STATUS_COLUMNS},
        "overdue": len(unit.overdue),
        "on_time": unit.on_time,
        "judged": unit.judged,
        "on_time_rate": None if unit.on_time_rate is None else round(unit.on_time_rate, 4),
    }


def add_progress(view: View, progress: dict[str, UnitProgress], as_of: str) -> View:
    part = view.parts[0]
    part.columns = [  # a new list: the listing's column list is shared module state
        *part.columns,
        Column("progress_status", "状态", formats=TEXT_ONLY),
        *[Column(f"status_{english_key(s)}", s, numeric=True, formats=FILE_ONLY) for s in STATUS_COLUMNS],
        Column("overdue", "逾期", numeric=True),
        Column("on_time_rate", "按时率", numeric=True),
    ]
    for row in part.rows:
        unit = progress.get(row["name"]) or UnitProgress(row["name"])
        row["progress_status"] = status_text(unit.counts)
        row.update({f"status_{english_key(s)}": unit.counts[s] for s in STATUS_COLUMNS})
        row["overdue"] = len(unit.overdue)
        row["on_time_rate"] = format_rate(unit.on_time_rate)
    for record in view.payload.get("units", []):
        record["progress"] = progress_record(progress.get(record["name"]))
    view.payload["as_of"] = as_of
    return view


def add_task_progress(view: View, states: dict[int, TaskState], as_of: str) -> View:
    """``list`` with a progress filter: add 状态, 截止 (after extensions) and 灯 to each task row."""
    from taskplan.progress.render import LIGHT_NAMES

    part = view.parts[0]
    at = next((i for i, c in enumerate(part.columns) if c.key == "responsible"), len(part.columns) - 1) + 1
    part.columns = [*part.columns[:at], Column("status", "状态"), Column("due", "截止"), Column("light", "灯"),
                    *part.columns[at:]]
    for row in part.rows:
        s = states[row["id"]]
        row.update(status=s.status, due=str(s.due) if s.due else "-", light=LIGHT_NAMES[s.light])
    for record in view.payload.get("tasks", []):
        s = states[record["id"]]
        record["progress"] = {
            "status": s.status, "due": s.due.isoformat() if s.due else None,
            "original_due": s.original_due.isoformat() if s.original_due else None,
            "overdue": s.overdue, "days_left": s.days_left, "light": s.light,
        }
    view.payload["as_of"] = as_of
    return view

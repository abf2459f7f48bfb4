"""Progress columns for ``taskplan units`` and ``taskplan list``.

Added to the views built by taskplan.output.views (kept separate so the listing
does not depend on progress).  Unit figures are over the tasks a unit
*leads*, as of --as-of; groups lead nothing and show zeros.  A view's parts
and payload may be built lazily (output.View); the additions stay lazy too.
"""
from __future__ import annotations

from typing import Any, Callable

from taskplan.output.formats import FILE_ONLY, TEXT_ONLY, Part, View
from taskplan.output.tables import Column
from taskplan.progress.state import TaskState
from taskplan.progress.status import english_key
from taskplan.progress.summary import STATUS_COLUMNS, UnitProgress, format_rate


def _extend(view: View, parts: Callable[[list[Part]], None], payload: Callable[[dict[str, Any]], None]) -> View:
    """Apply ``parts`` / ``payload`` to the view's tables and JSON body when they are built."""
    old_parts, old_payload = view.parts, view.payload

    def build_parts() -> list[Part]:
        built = old_parts() if callable(old_parts) else old_parts
        parts(built)
        return built

    def build_payload() -> dict[str, Any]:
        built = old_payload() if callable(old_payload) else old_payload
        payload(built)
        return built

    view.parts, view.payload = build_parts, build_payload
    return view


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
    """``units``: 状态 (non-zero counts), one column per status in csv, 逾期, 按时率; json: ``progress``."""

    def parts(built: list[Part]) -> None:
        part = built[0]
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

    def payload(body: dict[str, Any]) -> None:
        for record in body.get("units", []):
            record["progress"] = progress_record(progress.get(record["name"]))
        body["as_of"] = as_of

    return _extend(view, parts, payload)


def add_task_progress(view: View, states: dict[int, TaskState], as_of: str) -> View:
    """``list`` with a progress filter: add 状态, 截止 (after extensions) and 灯 to each task row."""
    from taskplan.progress.state import LIGHTS

    def parts(built: list[Part]) -> None:
        part = built[0]
        at = next((i for i, c in enumerate(part.columns) if c.key == "responsible"), len(part.columns) - 1) + 1
        part.columns = [*part.columns[:at], Column("status", "状态"), Column("due", "时限"), Column("light", "灯"),
                        *part.columns[at:]]
        for row in part.rows:
            s = states[row["id"]]
            row.update(status=s.status, due=str(s.due) if s.due else "-", light=LIGHTS[s.light])

    def payload(body: dict[str, Any]) -> None:
        for record in body.get("tasks", []):
            s = states[record["id"]]
            record["progress"] = {
                "status": s.status, "due": s.due.isoformat() if s.due else None,
                "original_due": s.original_due.isoformat() if s.original_due else None,
                "overdue": s.overdue, "days_left": s.days_left, "light": s.light,
            }
        body["as_of"] = as_of

    return _extend(view, parts, payload)

"""Derived state of tasks as of a date: due date, overdue, traffic light.

Dates are always passed in (``as_of``); nothing here reads the clock, so
every result is reproducible in tests and reports.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from taskplan.models import DONE_STATUSES, Task

UNREPORTED = "未填报"


@dataclass(frozen=True)
class StateConfig:
    warn_days: int = 15  # yellow when a deadline is this close
    report_period_days: int = 30  # yellow when no progress entry for longer than this


@dataclass(frozen=True)
class TaskState:
    task_id: int
    status: str  # a Status, or 未填报 when the task has none
    due: dt.date | None  # the effective (possibly extended) earliest open deadline
    original_due: dt.date | None  # the same before extensions
    overdue: bool
    days_left: int | None
    light: str  # red | yellow | green
    last_report: dt.date | None


def effective_due(task: Task) -> tuple[dt.date | None, dt.date | None]:
    """(due, original): the earliest dated deadline, moved by the latest extension that starts from it."""
    dates = sorted(d.date for d in task.deadlines if d.date is not None)
    if not dates:
        return None, None
    original = dates[0]
    due = original
    for ext in sorted(task.extensions, key=lambda e: e.to):
        if ext.from_ <= due < ext.to or ext.from_ == due:
            due = ext.to
    return due, original


def task_state(task: Task, as_of: dt.date, config: StateConfig = StateConfig()) -> TaskState:
    status = task.status or UNREPORTED
    due, original = effective_due(task)
    done = status in DONE_STATUSES
    overdue = bool(due and due < as_of and not done)
    days_left = (due - as_of).days if due else None
    last = max((p.date for p in task.progress), default=None)
    if done:
        light = "green"
    elif overdue:
        light = "red"
    elif (days_left is not None and days_left <= config.warn_days) or (
        last is None or (as_of - last).days > config.report_period_days
    ):
        light = "yellow"
    else:
        light = "green"
    return TaskState(task.id, status, due, original, overdue, days_left, light, last)


def plan_states(tasks: list[Task], as_of: dt.date, config: StateConfig = StateConfig()) -> dict[int, TaskState]:
    return {task.id: task_state(task, as_of, config) for task in tasks}

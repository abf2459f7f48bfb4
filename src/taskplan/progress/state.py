"""Derived state of tasks as of a date: due date, overdue, traffic light, on time.

Dates are always passed in (``as_of``); nothing here reads the clock, so
every result is reproducible in tests and reports.

Rules (docs/progress.md says the same for users):

* **Status as of a date.**  Progress entries dated after ``as_of`` are not yet
  known on that date: when there are any, the status is the one of the last
  entry on or before ``as_of`` (未填报 if none).  Otherwise it is the record's
  ``status`` (or the last entry's, or 未填报).
* **Deadlines and extensions.**  An extension ``{from, to}`` moves the deadline
  dated ``from`` to ``to``; extensions chain (6-30 → 9-30 → 12-31).  The
  original date is kept and reported.  An extension that matches no deadline,
  or that does not move it later, changes nothing (``check`` reports it).
  Recurring deadlines (全年, 常态化) have no date and never make a task late.
* **due** is the earliest effective deadline; **overdue** means it has passed
  (``due < as_of``) and the status is not 已完成/已销号.
* **light** (``LIGHTS``): green when done; red when overdue; ``none`` (无时限)
  when the task has no dated deadline — it cannot be late, so it is never
  yellow for want of reports; yellow when due within ``warn_days``, or when the
  last progress report (or the plan date, before the first report) is more
  than ``report_period_days`` old; green otherwise.
* **on time**: a done task is on time when it was reported done (first entry
  with a done status) on or before its due date — or when no date says
  otherwise; an overdue task is not on time; other tasks are not judged yet.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from taskplan.model.records import DONE_STATUSES, Deadline, Extension, ProgressEntry, Task
from taskplan.progress.status import UNREPORTED

__all__ = [
    "UNREPORTED", "LIGHTS", "LIGHT_WORDS", "StateConfig", "TaskState", "DeadlineState",
    "status_as_of", "deadline_states", "effective_due", "task_state", "plan_states",
]


# the light vocabulary, in the order reports list it: key -> Chinese name
LIGHTS = {"red": "红灯", "yellow": "黄灯", "green": "绿灯", "none": "无时限"}
# every word a light is written as: the key, its name and the name without 灯 (red, 红灯, 红 …) → the key
LIGHT_WORDS = {word: key for key, name in LIGHTS.items() for word in (key, name, name.removesuffix("灯"))}


@dataclass(frozen=True)
class StateConfig:
    warn_days: int = 15  # yellow when a deadline is this close
    report_period_days: int = 30  # yellow when no progress entry for longer than this
    since: dt.date | None = None  # the plan date: reports are not yet missing before it


@dataclass(slots=True)  # not frozen: built for every deadline of every task, and frozen init is slow
class DeadlineState:
    deadline: Deadline | DeadlineView  # read-only: date, text, unit, source, recurring
    original: dt.date | None  # the date the deadline states
    due: dt.date | None  # after extensions

    @property
    def extended(self) -> bool:
        return self.due != self.original


@dataclass(frozen=True)
class TaskState:
    task_id: int
    status: str  # a Status, or 未填报 when the task has none
    due: dt.date | None  # the effective (possibly extended) earliest deadline
    original_due: dt.date | None  # the same deadline before extensions
    overdue: bool
    days_left: int | None  # negative when overdue
    light: str  # red | yellow | green | none (no dated deadline): the keys of LIGHTS
    last_report: dt.date | None
    # added after the first version; defaults keep positional construction working
    done_on: dt.date | None = None  # first report of a done status, if any
    on_time: bool | None = None  # None: not judged yet
    deadlines: tuple[DeadlineState, ...] = ()

    @property
    def extended(self) -> bool:
        return self.due != self.original_due

    @property
    def done(self) -> bool:
        return self.status in DONE_STATUSES


@dataclass(frozen=True)
class _Fields:
    """The progress fields of a task, however it was loaded."""

    status: str | None
    deadlines: list[Deadline] | list[DeadlineView]
    progress: list[ProgressEntry] | list[EntryView]
    extensions: list[Extension] | list[ExtensionView]


def _fields(task: Task) -> _Fields:
    """Progress fields without validating the whole task again.

    The lean loader (store/records.py) hands out records whose ``data`` has
    already passed Task validation; asking one for ``status`` would validate
    the full model (title, measures …) a second time, which dominates a
    10,000-task overdue list.  Light read-only views of the validated
    sub-dicts are used instead.
    """
    data = getattr(task, "data", None)
    if not isinstance(data, dict) or isinstance(task, Task):
        return _Fields(task.status, task.deadlines, task.progress, task.extensions)
    return _Fields(
        data.get("status"),
        [DeadlineView(d) for d in data.get("deadlines", ())],
        [EntryView(p) for p in data.get("progress", ())],
        [ExtensionView(e) for e in data.get("extensions", ())],
    )


class DeadlineView:
    """A validated deadline dict read like a models.Deadline (pydantic's model_construct is 30x slower)."""

    __slots__ = ("date", "text", "unit", "source", "recurring")

    def __init__(self, d: dict) -> None:
        self.date, self.text, self.unit = d.get("date"), d["text"], d.get("unit")
        self.source, self.recurring = d.get("source", "manual"), d.get("recurring", False)


class EntryView:
    __slots__ = ("date", "status", "note", "unit")

    def __init__(self, p: dict) -> None:
        self.date, self.status, self.note, self.unit = p["date"], p["status"], p.get("note"), p.get("unit")


class ExtensionView:
    __slots__ = ("from_", "to", "reason", "approved_by")

    def __init__(self, e: dict) -> None:
        self.from_, self.to, self.reason, self.approved_by = e["from"], e["to"], e["reason"], e.get("approved_by")


def _status_as_of(f: _Fields, as_of: dt.date) -> str:
    entries = sorted(f.progress, key=lambda p: p.date)  # stable: same-day entries keep file order
    known = [p for p in entries if p.date <= as_of]
    if len(known) < len(entries):  # the record has moved on since as_of
        return known[-1].status if known else UNREPORTED
    if f.status:
        return f.status
    return entries[-1].status if entries else UNREPORTED


def status_as_of(task: Task, as_of: dt.date) -> str:
    return _status_as_of(_fields(task), as_of)


def _extend(date: dt.date, extensions: list[Extension]) -> dt.date:
    """Follow the chain of extensions starting at ``date``."""
    seen = {date}
    while True:
        moves = [e.to for e in extensions if e.from_ == date and e.to > date]
        if not moves:
            return date
        date = moves[-1]  # the latest entry wins when one deadline was extended twice from the same date
        if date in seen:  # pragma: no cover - impossible while moves only go later; kept as a guard
            return date
        seen.add(date)


def _deadline_states(f: _Fields) -> tuple[DeadlineState, ...]:
    if not f.extensions:  # the common case, and the cheap one
        return tuple(DeadlineState(d, d.date, d.date) for d in f.deadlines)
    return tuple(
        DeadlineState(d, d.date, _extend(d.date, f.extensions) if d.date is not None else None) for d in f.deadlines
    )


def deadline_states(task: Task) -> tuple[DeadlineState, ...]:
    return _deadline_states(_fields(task))


def _earliest(states: tuple[DeadlineState, ...]) -> tuple[dt.date | None, dt.date | None]:
    dated = [s for s in states if s.due is not None]
    if not dated:
        return None, None
    first = min(dated, key=lambda s: (s.due, s.original))
    return first.due, first.original


def effective_due(task: Task) -> tuple[dt.date | None, dt.date | None]:
    """(due, original): the earliest effective deadline and the date it originally stated."""
    return _earliest(deadline_states(task))


def task_state(task: Task, as_of: dt.date, config: StateConfig = StateConfig()) -> TaskState:
    f = _fields(task)
    status = _status_as_of(f, as_of)
    states = _deadline_states(f)
    due, original = _earliest(states)
    done = status in DONE_STATUSES
    overdue = bool(due and due < as_of and not done)
    days_left = (due - as_of).days if due else None
    last = max((p.date for p in f.progress if p.date <= as_of), default=None)
    done_on = min((p.date for p in f.progress if p.status in DONE_STATUSES and p.date <= as_of), default=None)

    if done:
        on_time: bool | None = done_on is None or due is None or done_on <= due
    else:
        on_time = False if overdue else None

    reference = last or config.since
    stale = reference is None or (as_of - reference).days > config.report_period_days
    if done:
        light = "green"
    elif overdue:
        light = "red"
    elif due is None:  # nothing dated to be late for: 无时限, whatever the reports say
        light = "none"
    elif days_left <= config.warn_days or stale:
        light = "yellow"
    else:
        light = "green"
    return TaskState(task.id, status, due, original, overdue, days_left, light, last, done_on, on_time, states)


def plan_states(tasks: list[Task], as_of: dt.date, config: StateConfig = StateConfig()) -> dict[int, TaskState]:
    return {task.id: task_state(task, as_of, config) for task in tasks}

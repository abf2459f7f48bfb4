"""Context rules that the golden files do not pin down on their own."""
from __future__ import annotations

import dataclasses
import datetime as dt

from taskplan.models import Task
from taskplan.progress.state import task_state
from taskplan.reports.base import measure_text
from taskplan.reports.context import on_time

D = dt.date


def task(**extra) -> Task:
    return Task.model_validate({"id": 1, "section": 1, "title": "t", "lead": ["财政局"], **extra}, strict=False)


def judge(t: Task, as_of: dt.date) -> bool | None:
    return on_time(t, _first_version(task_state(t, as_of)))


@dataclasses.dataclass(frozen=True)
class FirstVersion:
    """The TaskState of the first state.py, which had no on_time: the rule context.py applies then."""

    task_id: int
    status: str
    due: dt.date | None
    original_due: dt.date | None
    overdue: bool
    days_left: int | None
    light: str
    last_report: dt.date | None


def _first_version(state) -> FirstVersion:
    return FirstVersion(**{f.name: getattr(state, f.name) for f in dataclasses.fields(FirstVersion)})


def test_a_state_that_judges_on_time_itself_is_trusted():
    @dataclasses.dataclass(frozen=True)
    class Refined(FirstVersion):
        on_time: bool | None = None

    state = Refined(1, "已完成", D(2020, 6, 30), D(2020, 6, 30), False, 0, "green", None, on_time=False)
    assert on_time(task(status="已完成"), state) is False


DUE = {"deadlines": [{"date": D(2020, 6, 30), "text": "6月底前"}]}


def test_done_on_or_before_due_is_on_time():
    t = task(status="已完成", progress=[{"date": D(2020, 6, 30), "status": "已完成"}], **DUE)
    assert judge(t, D(2020, 12, 31)) is True


def test_done_late_is_not_on_time():
    t = task(status="已完成", progress=[{"date": D(2020, 7, 1), "status": "已完成"}], **DUE)
    assert judge(t, D(2020, 12, 31)) is False


def test_overdue_is_not_on_time_and_open_tasks_are_not_judged():
    t = task(status="推进中", **DUE)
    assert judge(t, D(2020, 7, 1)) is False
    assert judge(t, D(2020, 6, 1)) is None
    assert judge(task(), D(2020, 12, 31)) is None  # 未填报, no deadline


def test_done_without_dates_counts_as_on_time():
    assert judge(task(status="已销号"), D(2020, 12, 31)) is True


def test_measure_text_as_the_document_writes_it():
    assert measure_text("财政局", ["甲。", "乙。"]) == "财政局:(1)甲。(2)乙。"
    assert measure_text("财政局", ["甲。"]) == "财政局:甲。"
    assert measure_text(None, ["甲。", "乙。"]) == "(1)甲。(2)乙。"

"""Context rules that the golden files do not pin down on their own."""
from __future__ import annotations

import datetime as dt

from taskplan.model.records import Task
from taskplan.progress.state import task_state
from taskplan.reports.base import measure_text

D = dt.date


def task(**extra) -> Task:
    return Task.model_validate({"id": 1, "section": 1, "title": "t", "lead": ["财政局"], **extra}, strict=False)


def judge(t: Task, as_of: dt.date) -> bool | None:
    """The bulletin's on-time judgement of a task as of a date (progress/state.py's rule)."""
    return task_state(t, as_of).on_time


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

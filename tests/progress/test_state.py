"""Derived state as of a date: status, due with extensions, overdue, lights, on time."""
import datetime as dt

import pytest

from taskplan.model.records import Task
from taskplan.progress.state import StateConfig, effective_due, status_as_of, task_state

D = dt.date


def task(**fields):
    base = {"id": 1, "section": 1, "title": "任务", "lead": ["财政局"]}
    return Task.model_validate(base | fields, strict=False)


def dl(date, text="年底前"):
    return {"date": date, "text": text}


def test_no_status_is_unreported_and_never_overdue():
    s = task_state(task(), D(2020, 12, 1))
    assert (s.status, s.due, s.overdue, s.days_left, s.on_time) == ("未填报", None, False, None, None)


def test_overdue_when_deadline_passed_and_not_done():
    t = task(status="推进中", deadlines=[dl(D(2020, 11, 30))])
    assert task_state(t, D(2020, 11, 30)).overdue is False  # due today is not late
    s = task_state(t, D(2020, 12, 1))
    assert (s.overdue, s.days_left, s.light, s.on_time) == (True, -1, "red", False)


@pytest.mark.parametrize("status", ["已完成", "已销号"])
def test_done_is_never_overdue_and_green(status):
    t = task(status=status, deadlines=[dl(D(2020, 6, 30))], progress=[{"date": D(2020, 6, 1), "status": status, "note": "验收"}])
    s = task_state(t, D(2020, 12, 1))
    assert (s.overdue, s.light, s.done_on, s.on_time) == (False, "green", D(2020, 6, 1), True)


def test_done_late_is_not_on_time():
    t = task(status="已完成", deadlines=[dl(D(2020, 6, 30))], progress=[{"date": D(2020, 7, 2), "status": "已完成", "note": "x"}])
    assert task_state(t, D(2020, 12, 1)).on_time is False


def test_done_without_entry_counts_on_time():
    t = task(status="已完成", deadlines=[dl(D(2020, 6, 30))])
    s = task_state(t, D(2020, 12, 1))
    assert (s.done_on, s.on_time) == (None, True)


def test_earliest_deadline_is_due():
    t = task(status="推进中", deadlines=[dl(D(2020, 12, 31)), dl(D(2020, 6, 30), "6月末")])
    assert effective_due(t) == (D(2020, 6, 30), D(2020, 6, 30))


def test_extension_moves_the_deadline_and_keeps_the_original():
    t = task(status="推进中", deadlines=[dl(D(2020, 6, 30))],
             extensions=[{"from": D(2020, 6, 30), "to": D(2020, 9, 30), "reason": "疫情"}])
    s = task_state(t, D(2020, 8, 1), StateConfig(since=D(2020, 7, 24)))
    assert (s.due, s.original_due, s.extended, s.overdue, s.days_left) == (D(2020, 9, 30), D(2020, 6, 30), True, False, 60)
    assert s.deadlines[0].original == D(2020, 6, 30) and s.deadlines[0].due == D(2020, 9, 30)


def test_extensions_chain():
    t = task(status="推进中", deadlines=[dl(D(2020, 6, 30))], extensions=[
        {"from": D(2020, 9, 30), "to": D(2021, 1, 31), "reason": "b"},
        {"from": D(2020, 6, 30), "to": D(2020, 9, 30), "reason": "a"},
    ])
    assert effective_due(t) == (D(2021, 1, 31), D(2020, 6, 30))


def test_extension_of_another_date_does_not_apply():
    # the first version moved any deadline at or after 'from'; only the deadline dated 'from' moves
    t = task(status="推进中", deadlines=[dl(D(2020, 6, 30))],
             extensions=[{"from": D(2020, 3, 1), "to": D(2020, 12, 31), "reason": "x"}])
    assert effective_due(t) == (D(2020, 6, 30), D(2020, 6, 30))


def test_extension_backwards_is_ignored():
    t = task(status="推进中", deadlines=[dl(D(2020, 6, 30))],
             extensions=[{"from": D(2020, 6, 30), "to": D(2020, 5, 31), "reason": "x"}])
    assert effective_due(t) == (D(2020, 6, 30), D(2020, 6, 30))


def test_extended_deadline_can_become_the_later_one():
    # 6-30 moved to 2021-01-31 is now later than the 12-31 deadline: 12-31 is due first
    t = task(status="推进中", deadlines=[dl(D(2020, 6, 30)), dl(D(2020, 12, 31))],
             extensions=[{"from": D(2020, 6, 30), "to": D(2021, 1, 31), "reason": "x"}])
    assert effective_due(t) == (D(2020, 12, 31), D(2020, 12, 31))


def test_recurring_deadline_has_no_due():
    t = task(status="推进中", deadlines=[{"text": "全年", "recurring": True}])
    assert task_state(t, D(2020, 12, 1)).due is None


def test_yellow_when_due_soon():
    t = task(status="推进中", deadlines=[dl(D(2020, 12, 16))], progress=[{"date": D(2020, 11, 25), "status": "推进中"}])
    assert task_state(t, D(2020, 12, 1)).light == "yellow"  # 15 days left
    assert task_state(t, D(2020, 11, 30)).light == "green"  # 16 days left
    assert task_state(t, D(2020, 12, 1), StateConfig(warn_days=10)).light == "green"


def test_yellow_when_no_report_for_longer_than_the_period():
    t = task(status="推进中", deadlines=[dl(D(2021, 6, 30))], progress=[{"date": D(2020, 10, 1), "status": "推进中"}])
    assert task_state(t, D(2020, 10, 31)).light == "green"  # 30 days
    assert task_state(t, D(2020, 11, 1)).light == "yellow"  # 31 days
    assert task_state(t, D(2020, 11, 1), StateConfig(report_period_days=60)).light == "green"


def test_no_dated_deadline_is_none_never_yellow_for_missing_reports():
    recurring = {"text": "常态化开展", "recurring": True}
    for t in (task(status="推进中", progress=[{"date": D(2020, 1, 1), "status": "推进中"}]),
              task(status="未启动", deadlines=[recurring]), task()):
        assert task_state(t, D(2020, 12, 1)).light == "none"
    done = task(status="已完成", progress=[{"date": D(2020, 3, 1), "status": "已完成", "note": "验收"}])
    assert task_state(done, D(2020, 12, 1)).light == "green"  # done is on track, dated or not


def test_no_report_yet_counts_from_the_plan_date():
    t = task(status="未启动", deadlines=[dl(D(2020, 12, 31))])
    assert task_state(t, D(2020, 8, 20), StateConfig(since=D(2020, 7, 24))).light == "green"
    assert task_state(t, D(2020, 8, 24), StateConfig(since=D(2020, 7, 24))).light == "yellow"
    assert task_state(t, D(2020, 8, 20)).light == "yellow"  # no plan date: nothing reported is stale


def test_status_as_of_ignores_later_entries():
    t = task(status="已完成", progress=[
        {"date": D(2020, 8, 1), "status": "推进中"},
        {"date": D(2020, 10, 1), "status": "已完成", "note": "验收"},
    ])
    assert status_as_of(t, D(2020, 7, 1)) == "未填报"
    assert status_as_of(t, D(2020, 9, 1)) == "推进中"
    assert status_as_of(t, D(2020, 10, 1)) == "已完成"
    s = task_state(t.model_copy(update={"deadlines": t.deadlines}), D(2020, 9, 1))
    assert (s.status, s.last_report, s.done_on) == ("推进中", D(2020, 8, 1), None)


def test_status_without_field_comes_from_last_entry():
    t = task(progress=[{"date": D(2020, 8, 1), "status": "推进中"}])
    assert status_as_of(t, D(2020, 9, 1)) == "推进中"


def test_fixture_plan_states(progress_plan):
    from taskplan.progress.snapshot import states_for
    from taskplan.store.load import load_plan

    loaded = load_plan(progress_plan, use_cache=False).require_valid()
    got = {i: (s.status, s.due, s.overdue, s.light, s.on_time) for i, s in states_for(loaded, D(2020, 12, 1)).items()}
    assert got == {
        1: ("推进中", D(2020, 11, 30), True, "red", False),
        2: ("推进中", D(2021, 1, 31), False, "green", None),
        3: ("已完成", D(2020, 9, 30), False, "green", True),
        4: ("未启动", D(2020, 10, 31), True, "red", False),
        5: ("推进中", D(2020, 12, 10), False, "yellow", None),  # 9 days left
        6: ("推进中", None, False, "none", None),  # last report 2020-09-01, but no dated deadline: 无时限
        7: ("已销号", D(2020, 8, 31), False, "green", False),  # done 2020-09-15, late
        8: ("未填报", None, False, "none", None),
    }


@pytest.mark.parametrize("as_of", [D(2020, 7, 1), D(2020, 9, 16), D(2020, 12, 1), D(2021, 2, 1)])
def test_lean_records_give_the_same_states_as_models(progress_plan, as_of):
    """States read from the lean loader's records (validated dicts) equal those from full models."""
    import yaml

    from taskplan.store.records import TaskRecord

    config = StateConfig(since=D(2020, 7, 24))
    paths = sorted((progress_plan / "tasks").glob("*.yaml"))
    assert len(paths) == 8  # the progress fixture's tasks: an empty glob must not pass
    for path in paths:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        model, record = Task.model_validate(data), TaskRecord(data)
        from_model, from_record = task_state(model, as_of, config), task_state(record, as_of, config)
        assert record._model is None  # the record was not validated into a model again
        for field in ("status", "due", "original_due", "overdue", "days_left", "light", "last_report", "done_on", "on_time"):
            assert getattr(from_record, field) == getattr(from_model, field), (path.name, field)
        assert [(d.original, d.due, d.deadline.text, d.deadline.unit, d.deadline.recurring) for d in from_record.deadlines] == [
            (d.original, d.due, d.deadline.text, d.deadline.unit, d.deadline.recurring) for d in from_model.deadlines
        ]

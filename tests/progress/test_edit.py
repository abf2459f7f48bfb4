"""Writing progress: byte-exact edits of commented files, atomic writes, idempotent deadline storage."""
import datetime as dt
import os

import pytest

from taskplan.errors import DataError, UsageError
from taskplan.progress.deadlines import extract_task
from taskplan.progress.edit import Update, extend_task, store_deadlines, update_task
from taskplan.store.load import load_plan

D = dt.date


def load(root):
    return load_plan(root, use_cache=False).require_valid()


def test_update_changes_only_status_and_appends_entry(progress_plan):
    path = progress_plan / "tasks" / "001.yaml"
    before = path.read_bytes()
    loaded = load(progress_plan)
    update_task(progress_plan, "tasks/001.yaml", loaded.task(1), Update("已完成", "全部清零,见台账", "财政局", D(2020, 11, 28)))
    expected = before.replace("status: 推进中\ndeadlines:".encode(), "status: 已完成\ndeadlines:".encode()) + (
        "  - date: 2020-11-28\n"
        "    status: 已完成\n"
        "    note: 全部清零,见台账\n"
        "    unit: 财政局\n"
    ).encode()
    assert expected != before
    assert path.read_bytes() == expected
    # the comments are still there, byte for byte
    assert b"# \xe4\xbb\xbb\xe5\x8a\xa1 1" in path.read_bytes() and "  # 9月未报\n".encode() in path.read_bytes()


def test_update_without_status_field_inserts_it_in_record_order(progress_plan):
    path = progress_plan / "tasks" / "008.yaml"
    before = path.read_text(encoding="utf-8")
    loaded = load(progress_plan)
    update_task(progress_plan, "tasks/008.yaml", loaded.task(8), Update("推进中", None, None, D(2020, 9, 1)))
    assert path.read_text(encoding="utf-8") == before + (
        "status: 推进中\n"
        "progress:\n"
        "  - date: 2020-09-01\n"
        "    status: 推进中\n"
    )
    assert load(progress_plan).task(8).status == "推进中"


def test_update_refuses_earlier_date_unless_forced(progress_plan):
    path = progress_plan / "tasks" / "001.yaml"
    before = path.read_bytes()
    task = load(progress_plan).task(1)
    with pytest.raises(UsageError, match=r"task 1: 2020-10-19 is earlier than its last progress entry \(2020-10-20\)"):
        update_task(progress_plan, "tasks/001.yaml", task, Update("推进中", "补报", None, D(2020, 10, 19)))
    assert path.read_bytes() == before
    update_task(progress_plan, "tasks/001.yaml", task, Update("推进中", "补报", None, D(2020, 10, 19)), force=True)
    assert [p.date for p in load(progress_plan).task(1).progress] == [D(2020, 8, 15), D(2020, 10, 20), D(2020, 10, 19)]


@pytest.mark.parametrize("status", ["已完成", "已销号"])
@pytest.mark.parametrize("note", [None, "  "])
def test_done_needs_a_note(progress_plan, status, note):
    before = (progress_plan / "tasks" / "001.yaml").read_bytes()
    with pytest.raises(UsageError, match=f"{status} needs a note"):
        update_task(progress_plan, "tasks/001.yaml", load(progress_plan).task(1), Update(status, note, None, D(2020, 12, 1)))
    assert (progress_plan / "tasks" / "001.yaml").read_bytes() == before


def test_extend_appends_and_keeps_the_original(progress_plan):
    path = progress_plan / "tasks" / "004.yaml"
    before = path.read_text(encoding="utf-8")
    starts, _ = extend_task(progress_plan, "tasks/004.yaml", load(progress_plan).task(4), D(2020, 12, 31), "系统升级", "分管副市长")
    assert starts == [D(2020, 10, 31)]
    assert path.read_text(encoding="utf-8") == before + (
        "extensions:\n"
        "  - from: 2020-10-31\n"
        "    to: 2020-12-31\n"
        "    reason: 系统升级\n"
        "    approved_by: 分管副市长\n"
    )
    task = load(progress_plan).task(4)
    assert task.deadlines[0].date == D(2020, 10, 31)  # the original deadline is kept


def test_extend_from_current_due_follows_the_chain(progress_plan):
    starts, _ = extend_task(progress_plan, "tasks/002.yaml", load(progress_plan).task(2), D(2021, 3, 31), "再延")
    assert starts == [D(2021, 1, 31)]
    assert "  - from: 2021-01-31\n    to: 2021-03-31\n    reason: 再延\n" in (progress_plan / "tasks" / "002.yaml").read_text()


def two_leads_deadlines(plan):
    """Task 1 gets a deadline for its second lead (发改局, 12-31) and a later one (2021-03-31)."""
    path = plan / "tasks" / "001.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    source: extracted\n", "    source: extracted\n"
                                 "  - {date: 2020-12-31, text: 12月底前完成对账, unit: 发改局}\n"
                                 "  - {date: 2021-03-31, text: 一季度末前建立长效机制, unit: 财政局}\n", 1), encoding="utf-8")
    return path


def test_extend_moves_every_pending_deadline_and_the_light_follows(progress_plan):
    from taskplan.progress.state import task_state

    path = two_leads_deadlines(progress_plan)
    before = task_state(load(progress_plan).task(1), D(2021, 1, 5))
    assert (before.overdue, before.light, before.due) == (True, "red", D(2020, 11, 30))
    starts, _ = extend_task(progress_plan, "tasks/001.yaml", load(progress_plan).task(1), D(2021, 1, 31), "疫情影响")
    assert starts == [D(2020, 11, 30), D(2020, 12, 31)]  # 2021-03-31 is already later: untouched
    assert path.read_text(encoding="utf-8").endswith(
        "extensions:\n"
        "  - from: 2020-11-30\n    to: 2021-01-31\n    reason: 疫情影响\n"
        "  - from: 2020-12-31\n    to: 2021-01-31\n    reason: 疫情影响\n"
    )
    after = task_state(load(progress_plan).task(1), D(2021, 1, 5))
    assert (after.overdue, after.due, after.original_due, [s.due for s in after.deadlines]) == (
        False, D(2021, 1, 31), D(2020, 11, 30), [D(2021, 1, 31), D(2021, 1, 31), D(2021, 3, 31)])


def test_extend_only_the_deadlines_named_with_from(progress_plan):
    from taskplan.progress.state import task_state

    two_leads_deadlines(progress_plan)
    starts, _ = extend_task(progress_plan, "tasks/001.yaml", load(progress_plan).task(1), D(2021, 1, 31), "x", None,
                            [D(2020, 12, 31)])
    assert starts == [D(2020, 12, 31)]
    state = task_state(load(progress_plan).task(1), D(2021, 1, 5))
    assert (state.overdue, state.due) == (True, D(2020, 11, 30))  # the named one moved; 11-30 is still late


@pytest.mark.parametrize(
    "task_id, to, from_, message",
    [
        (4, D(2020, 10, 31), None, r"--to 2020-10-31 is not later than the deadline it extends \(2020-10-31\)"),
        (4, D(2020, 9, 1), None, r"--to 2020-09-01 is not later"),
        (8, D(2020, 12, 31), None, r"task 8 has no dated deadline to extend"),
        (2, D(2020, 12, 31), D(2020, 5, 31),
         r"task 2 has no deadline 2020-05-31 to extend \(its deadlines and extensions: 2020-06-30, 2020-09-30, 2021-01-31\)"),
    ],
)
def test_extend_refusals(progress_plan, task_id, to, from_, message):
    with pytest.raises(UsageError, match=message):
        extend_task(progress_plan, f"tasks/00{task_id}.yaml", load(progress_plan).task(task_id), to, "x", None, from_)


def test_store_deadlines_is_idempotent_and_respects_manual(progress_plan):
    loaded = load(progress_plan)
    task = loaded.task(3)  # a manual deadline 2020-09-30 without unit
    proposals = extract_task(task, 2020)
    assert [(p.date, p.unit) for p in proposals] == [(D(2020, 9, 30), None)]
    assert store_deadlines(progress_plan, "tasks/003.yaml", task, proposals) == []

    task = loaded.task(8)
    path = progress_plan / "tasks" / "008.yaml"
    written = store_deadlines(progress_plan, "tasks/008.yaml", task, extract_task(task, 2020))
    assert [(p.date, p.unit, p.text) for p in written] == [
        (D(2020, 12, 31), None, "今年赤字率拟按3.6%以上安排"),
        (D(2020, 12, 31), "财政局", "年底前用足用好上级政策"),
    ]
    once = path.read_bytes()
    task = load(progress_plan).task(8)
    assert [d.source for d in task.deadlines] == ["extracted", "extracted"]
    assert store_deadlines(progress_plan, "tasks/008.yaml", task, extract_task(task, 2020)) == []
    assert path.read_bytes() == once


def test_store_recurring_deadline_without_date(progress_plan):
    path = progress_plan / "tasks" / "008.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("年底前用足用好上级政策", "全年用足用好上级政策"), encoding="utf-8")
    task = load(progress_plan).task(8)
    store_deadlines(progress_plan, "tasks/008.yaml", task, [p for p in extract_task(task, 2020) if p.recurring])
    assert path.read_text(encoding="utf-8").endswith(
        "deadlines:\n"
        "  - text: 全年用足用好上级政策\n"
        "    unit: 财政局\n"
        "    source: extracted\n"
        "    recurring: true\n"
    )
    assert load(progress_plan).task(8).deadlines[0].recurring is True


def _leftovers(directory):
    return sorted(name for name in os.listdir(directory) if name.endswith(".tmp"))


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_interrupted_write_leaves_the_old_file(progress_plan, monkeypatch, failing):
    path = progress_plan / "tasks" / "001.yaml"
    before = path.read_bytes()
    task = load(progress_plan).task(1)

    def boom(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(os, failing, boom)
    with pytest.raises(OSError, match="disk full"):
        update_task(progress_plan, "tasks/001.yaml", task, Update("推进中", "进展", None, D(2020, 11, 1)))
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert _leftovers(path.parent) == []


def test_write_failing_halfway_through_the_data(progress_plan, monkeypatch):
    """The temp file receives half of the bytes, then the disk fails: the original stays intact."""
    import io

    path = progress_plan / "tasks" / "001.yaml"
    before = path.read_bytes()
    real_fdopen = os.fdopen
    seen = {}

    class HalfWriter(io.FileIO):
        def write(self, data):
            super().write(data[: len(data) // 2])
            seen["half"] = os.path.getsize(self.name)
            raise OSError("I/O error")

    def fdopen(fd, mode="r", *args, **kwargs):
        if "w" in mode:
            return HalfWriter(fd, "wb")
        return real_fdopen(fd, mode, *args, **kwargs)

    monkeypatch.setattr(os, "fdopen", fdopen)
    with pytest.raises(OSError, match="I/O error"):
        update_task(progress_plan, "tasks/001.yaml", load(progress_plan).task(1), Update("推进中", "x", None, D(2020, 11, 1)))
    monkeypatch.undo()
    assert seen["half"] > 0  # the failure really happened mid-write
    assert path.read_bytes() == before
    assert _leftovers(path.parent) == []


def test_change_that_makes_the_record_invalid_is_not_written(progress_plan):
    from taskplan.progress.edit import edit_task_file

    path = progress_plan / "tasks" / "001.yaml"
    before = path.read_bytes()
    with pytest.raises(DataError) as exc:
        edit_task_file(progress_plan, "tasks/001.yaml", lambda doc, task: doc.__setitem__("status", "完成了"))
    assert exc.value.findings[0].path == "tasks/001.yaml"
    assert exc.value.findings[0].code == "TP103"
    assert path.read_bytes() == before


def test_update_keeps_crlf_line_ends_and_bom(progress_plan):
    path = progress_plan / "tasks" / "005.yaml"
    lf = path.read_bytes()
    path.write_bytes(b"\xef\xbb\xbf" + lf.replace(b"\n", b"\r\n"))
    task = load(progress_plan).task(5)
    update_task(progress_plan, "tasks/005.yaml", task, Update("推进中", "排查过半", None, D(2020, 11, 30)))
    expected = lf + "  - date: 2020-11-30\n    status: 推进中\n    note: 排查过半\n".encode()
    assert path.read_bytes() == b"\xef\xbb\xbf" + expected.replace(b"\n", b"\r\n")


def test_checks_see_what_a_concurrent_writer_wrote_after_the_plan_was_read(progress_plan):
    """update/extend decide on the file as it is when they write (under its lock), not on the plan loaded earlier."""
    stale = load(progress_plan)
    extend_task(progress_plan, "tasks/004.yaml", stale.task(4), D(2020, 12, 31), "第一次")  # another run, meanwhile
    start, _ = extend_task(progress_plan, "tasks/004.yaml", stale.task(4), D(2021, 3, 31), "第二次")
    assert start == [D(2020, 12, 31)]  # chained onto the extension written meanwhile, not onto the stale 2020-10-31
    with pytest.raises(UsageError, match=r"--to 2021-01-31 is not later than the deadline it extends \(2021-03-31\)"):
        extend_task(progress_plan, "tasks/004.yaml", stale.task(4), D(2021, 1, 31), "第三次")
    update_task(progress_plan, "tasks/001.yaml", stale.task(1), Update("推进中", None, None, D(2020, 12, 1)))
    with pytest.raises(UsageError, match=r"task 1: 2020-11-01 is earlier than its last progress entry \(2020-12-01\)"):
        update_task(progress_plan, "tasks/001.yaml", stale.task(1), Update("推进中", None, None, D(2020, 11, 1)))


def test_the_round_trip_editing_api_puts_new_keys_where_the_format_does():
    """set_in_order / list_field / append_item / new_mapping: the one implementation collect also uses."""
    from taskplan.progress.edit import append_item, list_field, new_mapping, set_in_order
    from taskplan.store.write import dumps, rt_yaml

    doc = rt_yaml().load("id: 3  # 任务 3\nsection: 1\ntitle: 修路。\nlead: [交通局]\nprogress: []\n")
    set_in_order(doc, "status", "推进中")  # status comes after measures, before deadlines/progress
    append_item(doc, "requests", new_mapping([("date", D(2020, 9, 1)), ("to", D(2020, 12, 31)), ("reason", "雨季")]))
    append_item(doc, "progress", new_mapping([("date", D(2020, 9, 1)), ("status", "推进中")]))
    assert list(doc) == ["id", "section", "title", "lead", "status", "progress", "requests"]
    assert list_field(doc, "requests") is doc["requests"] and len(doc["requests"]) == 1
    set_in_order(doc, "status", "已完成")  # an existing key keeps its place
    assert list(doc)[4] == "status" and doc["status"] == "已完成"
    text = dumps(doc)
    assert text.startswith("id: 3  # 任务 3\n")
    assert "requests:\n  - date: 2020-09-01\n    to: 2020-12-31\n    reason: 雨季\n" in text


# --------------------------------------------------------------------------- record_progress (taskplan update), without the CLI


def test_record_progress_keeps_or_sets_the_status_and_says_what_changed(progress_plan):
    import datetime as dt

    from taskplan.progress.edit import record_progress
    from taskplan.store.load import load_plan

    today = dt.date(2020, 12, 31)
    loaded = load_plan(progress_plan, use_cache=False).require_valid()
    kept = record_progress(loaded, 2, status=None, note="完成摸底 95%", unit="工信局", day=dt.date(2020, 12, 1), today=today)
    assert kept.line() == "tasks/002.yaml: task 2 still 推进中, progress entry 2020-12-01 added"
    loaded = load_plan(progress_plan, use_cache=False).require_valid()
    done = record_progress(loaded, 2, status="done", note="全部完成", unit="示例市工业和信息化局", day=dt.date(2020, 12, 2), today=today)
    assert (done.before, done.after) == ("推进中", "已完成")
    task = load_plan(progress_plan, use_cache=False).task(2)
    assert task.status == "已完成"
    assert [(p.date.isoformat(), p.status, p.unit) for p in task.progress[-2:]] == [
        ("2020-12-01", "推进中", "工信局"), ("2020-12-02", "已完成", "工信局")]


def test_record_progress_refusals(progress_plan):
    import datetime as dt

    import pytest

    from taskplan.errors import UsageError
    from taskplan.progress.edit import record_progress
    from taskplan.store.load import load_plan

    loaded = load_plan(progress_plan, use_cache=False).require_valid()
    before = (progress_plan / "tasks" / "002.yaml").read_bytes()
    with pytest.raises(UsageError) as future:
        record_progress(loaded, 2, status="推进中", note=None, unit=None, day=dt.date(2021, 1, 2), today=dt.date(2021, 1, 1))
    assert str(future.value.message) == "--date 2021-01-02 is later than today (2021-01-01)"
    with pytest.raises(UsageError):
        record_progress(loaded, 2, status="不存在", note=None, unit=None, day=dt.date(2020, 12, 1), today=dt.date(2021, 1, 1))
    assert (progress_plan / "tasks" / "002.yaml").read_bytes() == before
    # a future day with force is recorded
    record_progress(loaded, 2, status="推进中", note=None, unit=None, day=dt.date(2021, 1, 2), today=dt.date(2021, 1, 1), force=True)
    assert load_plan(progress_plan, use_cache=False).task(2).progress[-1].date == dt.date(2021, 1, 2)

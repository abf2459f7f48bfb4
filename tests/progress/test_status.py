import pytest

from taskplan.errors import UsageError
from taskplan.progress.status import english_key, parse_status


@pytest.mark.parametrize(
    "text, status",
    [("未启动", "未启动"), ("推进中", "推进中"), ("已完成", "已完成"), ("已销号", "已销号"), ("暂缓", "暂缓"),
     ("not-started", "未启动"), ("in-progress", "推进中"), ("done", "已完成"), ("closed", "已销号"), ("paused", "暂缓"),
     ("DONE", "已完成"), (" 推进中 ", "推进中")],
)
def test_parse_status(text, status):
    assert parse_status(text) == status


def test_unknown_status_lists_the_choices():
    with pytest.raises(UsageError) as exc:
        parse_status("finished")
    assert str(exc.value) == (
        'unknown status "finished" (use one of 未启动 (not-started), 推进中 (in-progress), 已完成 (done), '
        "已销号 (closed), 暂缓 (paused))"
    )


def test_unreported_only_where_allowed():
    with pytest.raises(UsageError):
        parse_status("未填报")
    assert parse_status("unreported", allow_unreported=True) == "未填报"
    assert english_key("未填报") == "unreported" and english_key("暂缓") == "paused"

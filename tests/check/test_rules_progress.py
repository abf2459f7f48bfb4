"""TP6xx progress rules: failing and passing fixtures with exact findings."""
from __future__ import annotations

import datetime as dt

from taskplan.check.config import CheckConfig
from taskplan.check.engine import check_plan

HEAD = """
    id: 2
    section: 2
    title: 稳健的货币政策要更加灵活适度。
    lead: [市场监督管理局]
    responsible: []
    measures:
      - unit: null
        items:
          - 6月末完成摸底。
    """


def task2(extra: str) -> str:
    return HEAD.rstrip() + extra


def found_as_of(root, as_of, *codes):
    config = CheckConfig(select=list(codes), as_of=as_of)
    return [f.format() for f in check_plan(root, config).findings]


def test_mini_and_progress_fixture_are_clean_without_a_date(found, mini):
    assert found(mini, "TP6") == []


def test_tp601_done_without_report(found, make_plan):
    root = make_plan({"tasks/002.yaml": task2("""
    status: 已完成
    progress:
      - date: 2020-08-01
        status: 推进中
    """)})
    assert found(root, "TP601") == [
        'tasks/002.yaml:10:9: error TP601 status 已完成 but no progress entry reports the task done; '
        'record it with taskplan update 2 --status 已完成 --note "…"'
    ]


def test_tp601_passes_with_a_done_entry(found, make_plan):
    root = make_plan({"tasks/002.yaml": task2("""
    status: 已销号
    progress:
      - date: 2020-08-01
        status: 已完成
        note: 验收
      - date: 2020-09-01
        status: 已销号
        note: 销号
    """)})
    assert found(root, "TP601") == []


def test_tp602_progress_out_of_order(found, make_plan):
    root = make_plan({"tasks/002.yaml": task2("""
    status: 推进中
    progress:
      - date: 2020-08-01
        status: 推进中
      - date: 2020-07-01
        status: 推进中
      - date: 2020-07-01
        status: 推进中
    """)})
    assert found(root, "TP602") == [
        "tasks/002.yaml:14:11: warning TP602 progress entry dated 2020-07-01 comes after one dated 2020-08-01; entries go in date order"
    ]


def test_tp603_deadline_outside_plan_year(found, make_plan):
    root = make_plan({"tasks/002.yaml": task2("""
    deadlines:
      - date: 2021-03-31
        text: 明年3月底
      - date: 2020-06-30
        text: 6月末完成摸底
      - text: 全年
        recurring: true
    """)})
    assert found(root, "TP603") == [
        'tasks/002.yaml:11:11: warning TP603 deadline 2021-03-31 is outside the plan year 2020 ("明年3月底")'
    ]


def test_tp604_and_tp606_extensions(found, make_plan):
    root = make_plan({"tasks/002.yaml": task2("""
    deadlines:
      - date: 2020-06-30
        text: 6月末完成摸底
    extensions:
      - from: 2020-06-30
        to: 2020-09-30
        reason: 疫情
      - from: 2020-09-30
        to: 2020-09-01
        reason: 提前
      - from: 2020-05-31
        to: 2020-12-31
        reason: 错填
    """)})
    assert found(root, "TP604", "TP606") == [
        "tasks/002.yaml:18:9: error TP604 extension to 2020-09-01 is not later than the deadline it extends (2020-09-30)",
        "tasks/002.yaml:20:11: warning TP606 extension from 2020-05-31 matches no deadline of the task (deadlines: 2020-06-30)",
    ]


def test_tp604_tp606_pass_on_a_chain(found, make_plan):
    root = make_plan({"tasks/002.yaml": task2("""
    deadlines:
      - {date: 2020-06-30, text: 6月末完成摸底}
    extensions:
      - {from: 2020-06-30, to: 2020-09-30, reason: a}
      - {from: 2020-09-30, to: 2020-12-31, reason: b}
    """)})
    assert found(root, "TP604", "TP606") == []


NOT_STARTED = """
    status: 未启动
    deadlines:
      - date: 2020-06-30
        text: 6月末完成摸底
    """


def test_tp605_not_started_past_deadline_as_of(make_plan):
    root = make_plan({"tasks/002.yaml": task2(NOT_STARTED)})
    assert found_as_of(root, dt.date(2020, 6, 30), "TP605") == []
    assert found_as_of(root, dt.date(2020, 7, 1), "TP605") == [
        "tasks/002.yaml:10:9: warning TP605 still 未启动 1 days after its deadline 2020-06-30 as of 2020-07-01"
    ]
    assert found_as_of(root, None, "TP605") == []  # no date, no date-dependent finding


def test_tp605_respects_extension_and_progress(make_plan):
    root = make_plan({"tasks/002.yaml": task2(NOT_STARTED + """
    extensions:
      - {from: 2020-06-30, to: 2020-09-30, reason: 疫情}
    """)})
    assert found_as_of(root, dt.date(2020, 8, 1), "TP605") == []
    assert found_as_of(root, dt.date(2020, 10, 1), "TP605") == [
        "tasks/002.yaml:10:9: warning TP605 still 未启动 1 days after its deadline 2020-09-30 (extended from 2020-06-30) as of 2020-10-01"
    ]
    root = make_plan({"tasks/002.yaml": task2(NOT_STARTED.replace("未启动", "推进中"))}, name="started")
    assert found_as_of(root, dt.date(2020, 10, 1), "TP605") == []


def test_check_cli_as_of(cli, make_plan):
    root = make_plan({"tasks/002.yaml": task2(NOT_STARTED)})
    r = cli("check", "--select", "TP605", "--as-of", "2020-07-01", cwd=root)
    assert (r.code, r.err) == (0, "")
    assert r.out.splitlines()[0] == (
        "tasks/002.yaml:10:9: warning TP605 still 未启动 1 days after its deadline 2020-06-30 as of 2020-07-01"
    )
    r = cli("-C", str(root), "check", "--select", "TP605", "--as-of", "2020-07-01", "--strict")
    assert r.code == 1
    r = cli("-C", str(root), "check", "--as-of", "soon")
    assert (r.code, r.err) == (2, "taskplan: error: --as-of: expected a date YYYY-MM-DD, got 'soon'\n")


def commit_at(root, when: str) -> None:
    """Commit everything in ``root`` with author and committer date ``when`` (ISO 8601)."""
    import os
    import subprocess

    env = dict(os.environ, GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@x",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@x")
    if not (root / ".git").exists():
        subprocess.run(["git", "init", "-q", str(root)], check=True, env=env)
    subprocess.run(["git", "-C", str(root), "add", "-A"], check=True, env=env)
    subprocess.run(["git", "-C", str(root), "commit", "-q", "--allow-empty", "-m", "x"], check=True, env=env)


def test_check_judges_as_of_the_head_commit_date_not_today(cli, make_plan):
    root = make_plan({"tasks/002.yaml": task2(NOT_STARTED)})
    commit_at(root, "2020-07-01T10:00:00+08:00")
    r = cli("check", "--select", "TP605", cwd=root)
    assert (r.code, r.out.splitlines()[0]) == (
        0, "tasks/002.yaml:10:9: warning TP605 still 未启动 1 days after its deadline 2020-06-30 as of 2020-07-01")
    commit_at(root, "2020-06-15T10:00:00+08:00")  # an older HEAD date: nothing late yet, whatever today is
    r = cli("check", "--select", "TP605", cwd=root)
    assert (r.code, r.out, r.err) == (0, "4 files checked, no problems\n", "")
    r = cli("check", "--select", "TP605", "--as-of", "2020-07-03", cwd=root)  # --as-of wins
    assert "still 未启动 3 days after its deadline 2020-06-30 as of 2020-07-03" in r.out


def test_check_as_of_setting_wins_over_the_commit_date(cli, make_plan):
    root = make_plan({"tasks/002.yaml": task2(NOT_STARTED), ".taskplan.toml": "[check]\nas-of = 2020-07-02\n"})
    commit_at(root, "2020-06-15T10:00:00+08:00")
    r = cli("check", "--select", "TP605", cwd=root)
    assert r.out.splitlines()[0].endswith("still 未启动 2 days after its deadline 2020-06-30 as of 2020-07-02")
    r = cli("check", "--select", "TP605", "--as-of", "2020-06-20", cwd=root)
    assert (r.code, r.out) == (0, "4 files checked, no problems\n")


def test_check_as_of_setting_must_be_a_date(cli, make_plan):
    root = make_plan({".taskplan.toml": '[check]\nas-of = "soon"\n'})
    r = cli("-C", str(root), "check")
    assert (r.code, r.err) == (2, "taskplan: error: .taskplan.toml: as-of: expected a date YYYY-MM-DD, got 'soon'\n")


REQUESTS = """
    deadlines:
      - {date: 2020-06-30, text: 6月末完成摸底}
    extensions:
      - {from: 2020-06-30, to: 2020-09-30, reason: 疫情, approved_by: 督查室}
    requests:
      - {date: 2020-06-20, unit: 市场局, to: 2020-09-30, reason: 疫情, status: approved}
      - {date: 2020-10-08, unit: 市场监管局, to: 2020-12-31, reason: 企业停产（两家）, source: form 市场局.xlsx}
    """


def test_tp607_tp608_pass_on_requests_as_collect_and_extend_write_them(make_plan):
    root = make_plan({"tasks/002.yaml": task2(REQUESTS)})
    assert found_as_of(root, dt.date(2020, 12, 1), "TP607", "TP608") == []


def test_tp607_request_invalid_dates_unit_and_repeat(make_plan):
    root = make_plan({"tasks/002.yaml": task2("""
    deadlines:
      - {date: 2020-06-30, text: 6月末完成摸底}
    requests:
      - {date: 2020-07-10, unit: 市场局, to: 2020-07-01, reason: 晚了}
      - {date: 2021-07-10, unit: 市场局, to: 2021-09-30, reason: 年份写错}
      - {date: 2020-06-20, unit: 市场督管局, to: 2020-09-30, reason: 拼错}
      - {date: 2020-06-20, unit: 财政局, to: 2020-09-30, reason: 不相干}
      - {date: 2020-06-21, unit: 市场监管局, to: 2020-09-30, reason: 疫情}
      - {date: 2020-06-25, unit: 市场局, to: 2020-09-30, reason: 疫情 }
    """)})
    assert found_as_of(root, dt.date(2020, 12, 1), "TP607") == [
        "tasks/002.yaml:13:39: error TP607 request asked on 2020-07-10 for a deadline of 2020-07-01, not after the day it was asked; fix the dates",
        "tasks/002.yaml:14:12: error TP607 request dated 2021-07-10, after 2020-12-01: a date in the future",
        'tasks/002.yaml:15:30: error TP607 request by unknown unit "市场督管局" (did you mean 市场局?)',
        "tasks/002.yaml:16:30: error TP607 request by 财政局, which task 2 does not name (lead: 市场监督管理局); "
        "requests come from the units that owe the task",
        # 市场监管局 is 市场局's alias and the reason differs only by a space: the same request
        "tasks/002.yaml:18:5: error TP607 the same request as requests[4] (unit, date asked for and reason); delete one",
    ]
    # without a date to judge by, no future-date finding; the others stay
    assert [f.split(" TP607 ")[1][:24] for f in found_as_of(root, None, "TP607")] == [
        "request asked on 2020-07", 'request by unknown unit ', "request by 财政局, which ta", "the same request as requ",
    ]


def test_tp607_a_member_of_a_named_group_may_ask(make_plan):
    root = make_plan({"tasks/002.yaml": task2("""
    requests:
      - {date: 2020-06-20, unit: 西柳镇, to: 2020-09-30, reason: 雨季}
    """).replace("responsible: []", "responsible: [各镇(街道)]")})
    assert found_as_of(root, dt.date(2020, 12, 1), "TP607") == []


def test_tp608_request_status_disagrees_with_the_extensions_and_fix(cli, make_plan):
    root = make_plan({"tasks/002.yaml": task2("""
    deadlines:
      - {date: 2020-06-30, text: 6月末完成摸底}
    extensions:
      - {from: 2020-06-30, to: 2020-09-30, reason: 疫情}
    requests:
      - {date: 2020-06-20, unit: 市场局, to: 2020-09-30, reason: 疫情}
      - {date: 2020-07-20, unit: 市场局, to: 2020-12-31, reason: 停产, status: approved}
      - {date: 2020-07-25, unit: 市场局, to: 2020-08-31, reason: 再缓}
    """)})
    assert found_as_of(root, dt.date(2020, 12, 1), "TP608") == [
        "tasks/002.yaml:15:5: warning TP608 request for 2020-09-30 is pending, but an extension to 2020-09-30 is recorded; mark it approved",
        "tasks/002.yaml:16:71: warning TP608 request for 2020-12-31 is approved, but no extension to 2020-12-31 is recorded; "
        'run taskplan extend 2 --to 2020-12-31 --reason "…", or set it back to pending',
        "tasks/002.yaml:17:39: warning TP608 pending request for 2020-08-31, but the deadline in force is 2020-09-30: "
        "approving it would move nothing",
    ]
    r = cli("check", "--select", "TP608", "--fix", "--as-of", "2020-12-01", cwd=root)
    assert r.out.splitlines()[0] == "fixed tasks/002.yaml: mark requests[0] approved"
    text = (root / "tasks" / "002.yaml").read_text(encoding="utf-8")
    assert "  - {date: 2020-06-20, unit: 市场局, to: 2020-09-30, reason: 疫情, status: approved}\n" in text
    assert len(found_as_of(root, dt.date(2020, 12, 1), "TP608")) == 2

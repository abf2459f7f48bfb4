"""check/run.py without the CLI: the day date rules judge as of, options over settings, fix → re-check, reporters."""
from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

from taskplan.check.run import check_day, report_text, reporter_name, run_check, write_step_summary
from taskplan.errors import UsageError

TODAY = dt.date(2031, 5, 6)

# keys out of order (TP307, a warning with a safe fix) in the file 001 of the mini plan
MESSY = """
    section: 1
    id: 1
    title: 今年赤字率拟按3.6%以上安排。
    lead: [财政局, 发改局]
    responsible: [各镇(街道)]
    measures:
      - unit: 发改局
        items:
          - 密切跟踪政策方案,全力争取抗疫特别国债。
      - unit: 财政局
        items:
          - 积极争取上级转移支付和资金。
    """

# task 2 is 未启动 with a deadline of 2020-06-30: TP605 from 2020-07-01 on
LATE = """
    id: 2
    section: 2
    title: 稳健的货币政策要更加灵活适度。
    lead: [市场监督管理局]
    responsible: []
    status: 未启动
    deadlines:
      - date: 2020-06-30
        text: 6月末完成摸底
    measures: []
    """


def _git(root: Path, *args: str, date: str = "2024-03-09T10:00:00") -> None:
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
           "PATH": "/usr/bin:/bin", "HOME": str(root)}
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


# --------------------------------------------------------------------------- check_day


def test_the_option_wins_over_the_setting_and_the_commit(make_plan):
    root = make_plan()
    assert check_day(root, dt.date(2020, 1, 2), dt.date(2021, 3, 4), TODAY) == dt.date(2020, 1, 2)


def test_the_setting_wins_over_the_commit(make_plan):
    root = make_plan()
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "plan")
    assert check_day(root, None, dt.date(2021, 3, 4), TODAY) == dt.date(2021, 3, 4)


def test_without_a_date_the_commit_date_of_head_not_today(make_plan):
    root = make_plan()
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "plan", date="2024-03-09T10:00:00")
    assert check_day(root, None, None, TODAY) == dt.date(2024, 3, 9)


def test_outside_git_today(make_plan):
    assert check_day(make_plan(), None, None, TODAY) == TODAY


def test_the_day_reaches_the_date_rules(make_plan):
    root = make_plan({"tasks/002.yaml": LATE})
    codes = lambda run: [f.code for f in run.result.findings]  # noqa: E731
    assert "TP605" not in codes(run_check(root, as_of=dt.date(2020, 6, 30), today=TODAY, select="TP605"))
    assert codes(run_check(root, as_of=dt.date(2020, 7, 1), today=TODAY, select="TP605")) == ["TP605"]
    # no --as-of: the setting; then today (no git here)
    (root / ".taskplan.toml").write_text('[check]\nas-of = 2020-06-01\n', encoding="utf-8")
    assert codes(run_check(root, today=TODAY, select="TP605")) == []
    (root / ".taskplan.toml").unlink()
    assert codes(run_check(root, today=TODAY, select="TP605")) == ["TP605"]


# --------------------------------------------------------------------------- options and settings


def test_select_replaces_and_ignore_adds(make_plan):
    root = make_plan({"tasks/001.yaml": MESSY, ".taskplan.toml": '[check]\nignore = ["TP1"]\n'})
    assert [f.code for f in run_check(root, today=TODAY).result.findings] == ["TP307"]
    assert run_check(root, today=TODAY, ignore="TP307").result.findings == []
    assert run_check(root, today=TODAY, select="TP2").result.findings == []
    # the config's ignore still applies under --select, and --ignore adds to it
    assert run_check(root, today=TODAY, select="TP3").config.ignore == ["TP1"]
    assert run_check(root, today=TODAY, ignore="tp9, TP8").config.ignore == ["TP1", "TP9", "TP8"]


def test_a_warning_fails_only_when_strict(make_plan):
    root = make_plan({"tasks/001.yaml": MESSY})
    run = run_check(root, today=TODAY)
    assert [f.severity for f in run.result.findings] == ["warning"]
    assert run.exit_code() == 0
    assert run.exit_code(strict=True) == 1
    (root / ".taskplan.toml").write_text("[check]\nstrict = true\n", encoding="utf-8")
    assert run_check(root, today=TODAY).exit_code() == 1


def test_an_error_fails(make_plan):
    root = make_plan({"tasks/001.yaml": "id: 1\nsection: 1\ntitle: [broken\n"})
    run = run_check(root, today=TODAY)
    assert any(f.severity == "error" for f in run.result.findings)
    assert run.exit_code() == 1


def test_paths_narrow_what_is_reported(make_plan, monkeypatch):
    root = make_plan({"tasks/001.yaml": MESSY})
    monkeypatch.chdir(root)
    assert [f.path for f in run_check(root, paths=[Path("tasks/001.yaml")], today=TODAY).result.findings] == ["tasks/001.yaml"]
    assert run_check(root, paths=[Path("tasks/002.yaml")], today=TODAY).result.findings == []
    assert len(run_check(root, paths=[Path("tasks")], today=TODAY).result.findings) == 1


def test_a_path_outside_the_plan_or_missing_is_a_usage_error(make_plan, tmp_path, monkeypatch):
    root = make_plan()
    monkeypatch.chdir(root)
    with pytest.raises(UsageError) as missing:
        run_check(root, paths=[Path("tasks/009.yaml")], today=TODAY)
    assert str(missing.value.message) == "tasks/009.yaml: no such file or directory"
    with pytest.raises(UsageError) as outside:
        run_check(root, paths=[tmp_path], today=TODAY)
    assert str(outside.value.message) == f"{tmp_path}: not inside the plan directory {root}"


# --------------------------------------------------------------------------- fix and diff


def test_diff_lists_the_fixes_writes_nothing_and_checks_no_more(make_plan):
    root = make_plan({"tasks/001.yaml": MESSY})
    before = (root / "tasks/001.yaml").read_bytes()
    run = run_check(root, today=TODAY, diff=True)
    assert run.result is None
    assert [c.path for c in run.changes] == ["tasks/001.yaml"]
    assert run.exit_code(strict=True) == 0
    assert (root / "tasks/001.yaml").read_bytes() == before


def test_fix_writes_then_checks_again(make_plan):
    root = make_plan({"tasks/001.yaml": MESSY})
    run = run_check(root, today=TODAY, fix=True)
    assert [c.path for c in run.changes] == ["tasks/001.yaml"]
    assert run.result.findings == []  # the findings after the fix, not before
    assert (root / "tasks/001.yaml").read_text(encoding="utf-8").startswith("id: 1\nsection: 1\n")
    assert run.exit_code(strict=True) == 0


def test_fix_and_diff_exclude_each_other(make_plan):
    root = make_plan({"tasks/001.yaml": MESSY})
    before = (root / "tasks/001.yaml").read_bytes()
    with pytest.raises(UsageError) as err:
        run_check(root, today=TODAY, fix=True, diff=True)
    assert str(err.value.message) == "--fix and --diff exclude each other"
    assert (root / "tasks/001.yaml").read_bytes() == before


# --------------------------------------------------------------------------- reporters


@pytest.mark.parametrize(("fmt", "env", "name"), [
    (None, {}, "text"),
    (None, {"GITHUB_ACTIONS": "true"}, "github"),
    (None, {"GITHUB_ACTIONS": "1"}, "text"),
    ("json", {"GITHUB_ACTIONS": "true"}, "json"),
    ("text", {"GITHUB_ACTIONS": "true"}, "text"),
])
def test_reporter_name(fmt, env, name):
    assert reporter_name(fmt, env) == name


def test_report_text_and_step_summary(make_plan, tmp_path):
    root = make_plan({"tasks/001.yaml": MESSY})
    result = run_check(root, today=TODAY).result
    display = lambda p: f"plan/{p}"  # noqa: E731
    assert report_text(result, "text", display).splitlines()[0] == (
        'plan/tasks/001.yaml:2:1: warning TP307 "id" should come before "section"; run taskplan fmt')
    summary = tmp_path / "summary.md"
    write_step_summary(result, "text", display, {"GITHUB_STEP_SUMMARY": str(summary)})
    write_step_summary(result, "github", display, {})
    assert not summary.exists()
    summary.write_text("earlier step\n", encoding="utf-8")
    write_step_summary(result, "github", display, {"GITHUB_STEP_SUMMARY": str(summary)})
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## taskplan check\n\n")
    assert "| plan/tasks/001.yaml | 2 | warning | TP307 |" in text


def test_fix_after_a_cached_run_still_has_the_fixes(make_plan):
    # a stored finding carries no fix: fix and diff must see the rules' fresh findings
    root = make_plan({"tasks/001.yaml": MESSY})
    assert [f.code for f in run_check(root, today=TODAY, use_cache=True).result.findings] == ["TP307"]
    assert [c.path for c in run_check(root, today=TODAY, diff=True, use_cache=True).changes] == ["tasks/001.yaml"]
    run = run_check(root, today=TODAY, fix=True, use_cache=True)
    assert [c.path for c in run.changes] == ["tasks/001.yaml"]
    assert run.result.findings == []

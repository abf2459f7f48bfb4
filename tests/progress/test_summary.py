"""A task with ``lead: []`` (imported from a document naming no lead, issue 15) is grouped under NO_LEAD
by every per-lead view, never dropped, and no command or report raises on such a plan."""
import shutil
from pathlib import Path

import pytest

from taskplan.progress.summary import NO_LEAD, by_lead_unit, lead_groups

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "nolead"  # task 1: lead [], due 2021-12-31
AS_OF = "2022-01-10"


@pytest.fixture
def plan(tmp_path) -> Path:
    dest = tmp_path / "nolead"
    shutil.copytree(FIXTURE, dest, ignore=shutil.ignore_patterns(".taskplan-cache"))
    return dest


def test_lead_groups():
    assert lead_groups([]) == [NO_LEAD] == ["（无牵头单位）"]
    assert lead_groups(["财政局", "发改局"]) == ["财政局", "发改局"]


def test_by_lead_unit_counts_the_leadless_task(plan):
    from taskplan.progress.state import plan_states
    from taskplan.progress.snapshot import config_for
    from taskplan.store.load import load_plan
    import datetime as dt

    loaded = load_plan(plan)
    states = plan_states(loaded.tasks, dt.date(2022, 1, 10), config_for(loaded))
    groups = by_lead_unit(loaded.tasks, states)
    assert list(groups) == [NO_LEAD, "市发改委"]
    assert (groups[NO_LEAD].task_ids, groups[NO_LEAD].overdue) == ([1], [1])


def test_overdue_lists_the_leadless_task(cli, plan):
    r = cli("-C", str(plan), "overdue", "--as-of", AS_OF, "-f", "csv")
    assert (r.code, r.err) == (0, "")
    assert r.out.splitlines() == [
        "牵头单位,任务,完成时限,逾期天数,状态,最近填报,任务内容",
        "（无牵头单位）,1,2021-12-31,10,未填报,-,地区生产总值增长6.5%。",
    ]


def test_bulletin_md_groups_the_leadless_task(cli, plan):
    r = cli("-C", str(plan), "report", "bulletin", "--as-of", AS_OF, "-f", "md")
    assert (r.code, r.err) == (0, "")
    lines = r.out.splitlines()
    assert "### （无牵头单位）(1 项)" in lines
    assert "- 1\\. 地区生产总值增长6.5%。" in lines  # md escapes "1."
    assert "  原定时限 2021-12-31,逾期 10 天;最近进展:未填报" in lines


def test_bulletin_text_groups_the_leadless_task(cli, plan):
    r = cli("-C", str(plan), "report", "bulletin", "--as-of", AS_OF, "-f", "text")
    assert (r.code, r.err) == (0, "")
    assert "  （无牵头单位）(1项)" in r.out.splitlines()


def test_reminders_md_has_a_notice_for_the_leadless_task(cli, plan):
    r = cli("-C", str(plan), "report", "reminders", "--as-of", AS_OF, "-f", "md")
    assert (r.code, r.err) == (0, "")
    lines = r.out.splitlines()
    assert lines[0] == "# 催办单:（无牵头单位）"
    assert "| 办理单位 | （无牵头单位） |" in lines


def test_reminders_per_unit_says_what_it_cannot_send(cli, plan, tmp_path):
    out = tmp_path / "notices"
    r = cli("-C", str(plan), "report", "reminders", "--as-of", AS_OF, "-f", "md", "-o", str(out))
    assert r.code == 0
    assert r.err == (f"taskplan: warning: no 催办单 file for the tasks under {NO_LEAD}; write their 牵头单位 "
                     "(see 'taskplan check', TP208) or render one document with -o FILE\n")
    assert sorted(p.name for p in out.iterdir()) == []


def test_check_reports_tp208(cli, plan):
    r = cli("-C", str(plan), "check")
    assert r.code == 1
    assert "tasks/001.yaml:5:7: error TP208 task 1 has no lead unit; write the 牵头单位 into lead" in r.out + r.err


@pytest.mark.parametrize("args", [
    ("list",), ("units",), ("sections",), ("stats",), ("show", "1"), ("deadlines",),
    ("overdue", "--as-of", AS_OF),
])
def test_commands_run_and_show_task_1(cli, plan, args):
    r = cli("-C", str(plan), *args)
    assert (r.code, r.err) == (0, "")
    if args[0] in ("list", "show", "overdue"):
        assert "地区生产总值增长6.5%。" in r.out


def test_list_row_of_the_leadless_task(cli, plan):
    r = cli("-C", str(plan), "list", "-f", "csv")
    assert r.code == 0
    assert any(line.startswith("1,1,地区生产总值增长6.5%。,,") for line in r.out.splitlines()), r.out


KINDS = ("plan", "units", "matrix", "bulletin", "stats")


@pytest.mark.parametrize("fmt", ["md", "text", "csv", "html", "xlsx", "docx"])
@pytest.mark.parametrize("kind", KINDS)
def test_every_report_renders(cli, plan, tmp_path, kind, fmt):
    out = tmp_path / f"{kind}.{fmt}"
    r = cli("-C", str(plan), "report", kind, "--as-of", AS_OF, "-f", fmt, "-o", str(out))
    assert r.code == 0, r.err
    assert out.stat().st_size > 0


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_reminders_render(cli, plan, tmp_path, fmt):
    out = tmp_path / f"r.{fmt}"
    r = cli("-C", str(plan), "report", "reminders", "--as-of", AS_OF, "-f", fmt, "-o", str(out))
    assert r.code == 0, r.err
    assert out.stat().st_size > 0


def test_bulletin_html_names_the_group(cli, plan, tmp_path):
    out = tmp_path / "b.html"
    assert cli("-C", str(plan), "report", "bulletin", "--as-of", AS_OF, "-f", "html", "-o", str(out)).code == 0
    assert NO_LEAD in out.read_text(encoding="utf-8")


def test_forms_and_sqlite_export(cli, plan, tmp_path):
    r = cli("-C", str(plan), "report", "forms", "-f", "xlsx", "-o", str(tmp_path / "forms"))
    assert r.code == 0, r.err
    db = tmp_path / "x.sqlite"
    r = cli("-C", str(plan), "export", "sqlite", str(db), "--as-of", AS_OF)
    assert r.code == 0, r.err
    import sqlite3
    with sqlite3.connect(db) as con:
        assert con.execute("select count(*) from tasks").fetchone() == (2,)

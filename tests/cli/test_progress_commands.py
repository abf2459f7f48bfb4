"""overdue, deadlines, update, extend through the real entry point, on tests/fixtures/progress."""
import json
import shutil
from pathlib import Path

import pytest

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "progress"


@pytest.fixture
def plan(tmp_path) -> Path:
    dest = tmp_path / "progress"
    shutil.copytree(FIXTURE, dest, ignore=shutil.ignore_patterns(".taskplan-cache"))
    return dest


OVERDUE_2020_12_01 = (
    (
        "As of 2020-12-01: 2 overdue tasks, under 3 lead units.\n"
        "\n"
        "lead unit  task  deadline    overdue  status  last report  task text\n"
        "---------  ----  ----------  -------  ------  -----------  --------------------------------------------------\n"
        "财政局        1  2020-11-30    1 day  推进中  2020-10-20   保障中小企业款项支付,11月底前无分歧账款清零。\n"
        "发改局        1  2020-11-30    1 day  推进中  2020-10-20   保障中小企业款项支付,11月底前无分歧账款清零。\n"
        "市场局        4  2020-10-31  31 days  未启动  -            落实部门监管信息归集覆盖率,10月底前覆盖率达到90%。\n"
    )
)


def test_overdue_grouped_by_lead_unit(cli, plan):
    r = cli("-C", str(plan), "overdue", "--as-of", "2020-12-01")
    assert (r.code, r.err) == (0, "")
    assert r.out == OVERDUE_2020_12_01


def test_overdue_before_any_deadline_passed(cli, plan):
    r = cli("-C", str(plan), "overdue", "--as-of", "2020-08-01")
    assert (r.code, r.out, r.err) == (0, "No overdue tasks as of 2020-08-01.\n", "")


def test_overdue_after_the_extension_runs_out_shows_the_original(cli, plan):
    r = cli("-C", str(plan), "overdue", "--as-of", "2021-02-01", "--unit", "工信局")
    assert r.code == 0, r.err
    assert r.out == (
        (
            "As of 2021-02-01: 1 overdue task, under 1 lead units.\n"
            "\n"
            "lead unit  task  deadline                            overdue  status  last report  task text\n"
            "---------  ----  ----------------------------------  -------  ------  -----------  --------------------------------\n"
            "工信局        2  2021-01-31 (originally 2020-06-30)    1 day  推进中  2020-11-10   散煤替代,至2020年底实现替代30%。\n"
        )
    )


def test_overdue_unit_by_alias_and_json(cli, plan):
    r = cli("-C", str(plan), "overdue", "--as-of", "2020-12-01", "--unit", "市场监管局", "--format", "json")
    assert r.code == 0, r.err
    assert json.loads(r.out) == {
        "schema_version": 1, "as_of": "2020-12-01", "count": 1,
        "units": [{"unit": "市场局", "tasks": [{
            "id": 4, "title": "落实部门监管信息归集覆盖率,10月底前覆盖率达到90%。", "status": "未启动",
            "due": "2020-10-31", "original_due": "2020-10-31", "days_overdue": 31, "last_report": None}]}],
    }


@pytest.mark.parametrize(
    "args, err",
    [
        (["--as-of", "2020-13-01"], "taskplan: error: --as-of: expected a date YYYY-MM-DD, got '2020-13-01'\n"),
        (["--as-of", "2020-12-01", "--format", "xml"],
         "Usage: taskplan overdue [OPTIONS]\nTry 'taskplan overdue -h' for help.\n\n"
         "Error: Invalid value for '--format' / '-f': Value error, 'xml' is not one of 'table', 'json', 'csv', 'md', 'ids'.\n"),
    ],
)
def test_overdue_usage_errors(cli, plan, args, err):
    r = cli("-C", str(plan), "overdue", *args)
    assert (r.code, r.out, r.err) == (2, "", err)


def test_overdue_respects_configured_nothing_but_deadlines(cli, plan):
    # warn-days and the reporting period change lights, never what is overdue
    (plan / ".taskplan.toml").write_text("[progress]\nwarn-days = 0\nreport-period-days = 1000\n")
    assert cli("-C", str(plan), "overdue", "--as-of", "2020-12-01").out == OVERDUE_2020_12_01


def test_deadlines_lists_stored_with_extensions(cli, plan):
    r = cli("-C", str(plan), "deadlines", "--id", "2", "--id", "6")
    assert (r.code, r.err) == (0, "")
    assert r.out == (
        (
            "task  unit    deadline    extended to  source     text\n"
            "----  ------  ----------  -----------  ---------  ----------------------\n"
            "   2  工信局  2020-06-30  2021-01-31   extracted  6月末完成摸底\n"
            "   6  -       recurring                extracted  开展常态化就业创业服务\n"
        )
    )


def test_deadlines_extract_write_is_idempotent(cli, plan):
    before = (plan / "tasks" / "003.yaml").read_bytes()
    r = cli("-C", str(plan), "deadlines", "--extract", "--id", "3", "--id", "8")
    assert (r.code, r.err) == (0, "")
    assert r.out == (
        (
            "task  unit    date        phrase  stored  text\n"
            "----  ------  ----------  ------  ------  -----------------------------------\n"
            "   3  -       2020-09-30  9月末   stored  9月末必保完成改造农村中小学旱厕15个\n"
            "   8  -       2020-12-31  今年            今年赤字率拟按3.6%以上安排\n"
            "   8  财政局  2020-12-31  年底前          年底前用足用好上级政策\n"
        )
    )
    r = cli("-C", str(plan), "deadlines", "--extract", "--write", "--id", "3", "--id", "8")
    assert r.code == 0
    assert r.err == "wrote 2 deadline(s) to 1 task file(s); 1 already stored\n"
    written = (plan / "tasks" / "008.yaml").read_bytes()
    assert (plan / "tasks" / "003.yaml").read_bytes() == before  # the manual deadline is not duplicated
    r = cli("-C", str(plan), "deadlines", "--extract", "--write", "--id", "3", "--id", "8")
    assert r.err == "wrote 0 deadline(s) to 0 task file(s); 3 already stored\n"
    assert (plan / "tasks" / "008.yaml").read_bytes() == written
    assert "   8  财政局  2020-12-31  年底前  stored  年底前用足用好上级政策\n" in r.out


def test_deadlines_write_needs_extract(cli, plan):
    r = cli("-C", str(plan), "deadlines", "--write")
    assert (r.code, r.err) == (2, "taskplan: error: --write stores extracted deadlines; use it with --extract\n")


def test_deadlines_extract_needs_a_plan_year(cli, plan):
    text = (plan / "plan.yaml").read_text(encoding="utf-8").replace("date: 2020-07-24\n", "")
    (plan / "plan.yaml").write_text(text, encoding="utf-8")
    r = cli("-C", str(plan), "deadlines", "--extract")
    assert (r.code, r.out) == (2, "")
    assert r.err == "taskplan: error: plan.yaml has no date, so the plan year is unknown (add date: to plan.yaml or pass --year)\n"
    r = cli("-C", str(plan), "deadlines", "--extract", "--id", "8", "--year", "2021")
    assert r.out.splitlines()[2] == "   8  -       2021-12-31  今年            今年赤字率拟按3.6%以上安排"


def test_update_then_overdue(cli, plan):
    r = cli("-C", str(plan), "update", "1", "--status", "done", "--note", "全部清零,见台账", "--unit", "财政局", "--date", "2020-11-28")
    assert (r.code, r.err) == (0, "")
    assert r.out == "tasks/001.yaml: task 1 推进中 -> 已完成, progress entry 2020-11-28 added\n"
    r = cli("-C", str(plan), "overdue", "--as-of", "2020-12-01")
    # task 1 is done now; task 4 (10月底前, 市场局, never reported) is 31 days late on 1 December
    assert (r.code, r.err) == (0, "")
    assert r.out == (
        (
            "As of 2020-12-01: 1 overdue task, under 1 lead units.\n"
            "\n"
            "lead unit  task  deadline    overdue  status  last report  task text\n"
            "---------  ----  ----------  -------  ------  -----------  --------------------------------------------------\n"
            "市场局        4  2020-10-31  31 days  未启动  -            落实部门监管信息归集覆盖率,10月底前覆盖率达到90%。\n"
        )
    )


def test_update_resolves_unit_alias(cli, plan):
    r = cli("-C", str(plan), "update", "4", "--status", "in-progress", "--unit", "市场监管局", "--date", "2020-11-02")
    assert r.code == 0, r.err
    assert (plan / "tasks" / "004.yaml").read_text(encoding="utf-8").endswith(
        "progress:\n  - date: 2020-11-02\n    status: 推进中\n    unit: 市场局\n"
    )


@pytest.mark.parametrize(
    "args, err",
    [
        (["1", "--status", "done", "--date", "2020-12-01"],
         'taskplan: error: 已完成 needs a note saying what shows it (add --note "…" (the evidence))\n'),
        (["1", "--status", "推进中", "--date", "2020-10-01"],
         "taskplan: error: task 1: 2020-10-01 is earlier than its last progress entry (2020-10-20) "
         "(the log is in date order; pass --force to record a late report anyway)\n"),
        (["1", "--status", "finished", "--date", "2020-12-01"],
         'taskplan: error: unknown status "finished" (use one of 未启动 (not-started), 推进中 (in-progress), '
         "已完成 (done), 已销号 (closed), 暂缓 (paused))\n"),
        (["8", "--note", "x", "--date", "2020-12-01"], "taskplan: error: task 8 has no status yet (pass --status)\n"),
        (["1", "--status", "推进中", "--date", "12/01/2020"], "taskplan: error: --date: expected a date YYYY-MM-DD, got '12/01/2020'\n"),
        (["9", "--status", "推进中", "--date", "2020-12-01"], "taskplan: error: no task 9 in this plan (ids run from 1 to 8)\n"),
    ],
)
def test_update_refusals_leave_files_alone(cli, plan, args, err):
    before = {p.name: p.read_bytes() for p in (plan / "tasks").iterdir()}
    r = cli("-C", str(plan), "update", *args)
    assert (r.code, r.out, r.err) == (2, "", err)
    assert {p.name: p.read_bytes() for p in (plan / "tasks").iterdir()} == before


def test_update_force_accepts_late_report(cli, plan):
    r = cli("-C", str(plan), "update", "1", "--status", "推进中", "--note", "补报9月", "--date", "2020-09-30", "--force")
    assert (r.code, r.err) == (0, "")
    assert r.out == "tasks/001.yaml: task 1 still 推进中, progress entry 2020-09-30 added\n"
    assert (plan / "tasks" / "001.yaml").read_text(encoding="utf-8").endswith(
        "    note: '已清偿 80%'\n  - date: 2020-09-30\n    status: 推进中\n    note: 补报9月\n"
    )


def test_update_unknown_unit_suggests(cli, plan):
    r = cli("-C", str(plan), "update", "1", "--status", "推进中", "--unit", "财政", "--date", "2020-12-01")
    assert (r.code, r.out) == (2, "")
    assert r.err == 'taskplan: error: unknown unit "财政" (did you mean 财政局?)\n'


def test_extend_then_overdue(cli, plan):
    r = cli("-C", str(plan), "extend", "4", "--to", "2020-12-31", "--reason", "系统升级", "--approved-by", "分管副市长")
    assert (r.code, r.out, r.err) == (0, "tasks/004.yaml: task 4 deadline 2020-10-31 extended to 2020-12-31\n", "")
    r = cli("-C", str(plan), "overdue", "--as-of", "2020-12-01", "--unit", "市场局")
    assert r.out == "No overdue tasks as of 2020-12-01.\n"
    r = cli("-C", str(plan), "deadlines", "--id", "4")
    assert r.out.splitlines()[2] == "   4  -     2020-10-31  2020-12-31   extracted  10月底前覆盖率达到90%"


def test_extend_moves_both_leads_deadlines_and_overdue_follows(cli, plan):
    path = plan / "tasks" / "001.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "    source: extracted\n", "    source: extracted\n  - {date: 2020-11-20, text: 11月20日前完成对账, unit: 发改局}\n", 1),
        encoding="utf-8")
    r = cli("-C", str(plan), "extend", "1", "--to", "2020-12-31", "--reason", "疫情影响")
    assert (r.code, r.out, r.err) == (0, "tasks/001.yaml: task 1 deadlines 2020-11-20, 2020-11-30 extended to 2020-12-31\n", "")
    r = cli("-C", str(plan), "overdue", "--as-of", "2020-12-01")
    assert r.out.startswith("As of 2020-12-01: 1 overdue task, under 1 lead units.\n\n")
    assert r.out.splitlines()[4].startswith("市场局        4  2020-10-31  31 days")
    r = cli("-C", str(plan), "list", "--light", "red", "--as-of", "2020-12-01", "-f", "ids")
    assert r.out == "4\n"


def test_extend_refuses_earlier_date(cli, plan):
    r = cli("-C", str(plan), "extend", "4", "--to", "2020-10-01", "--reason", "x")
    assert (r.code, r.err) == (2, "taskplan: error: --to 2020-10-01 is not later than the deadline it extends (2020-10-31)\n")


def test_extend_explicit_from(cli, plan):
    r = cli("-C", str(plan), "extend", "2", "--from", "2020-06-30", "--to", "2020-07-31", "--reason", "x")
    assert (r.code, r.out, r.err) == (0, "tasks/002.yaml: task 2 deadline 2020-06-30 extended to 2020-07-31\n", "")


def test_show_adds_the_progress_block(cli, plan):
    r = cli("-C", str(plan), "show", "2", "--as-of", "2020-12-01")
    assert (r.code, r.err) == (0, "")
    assert r.out.endswith(
        "    6月末完成摸底,散煤替代至2020年底,实现替代30%。\n"
        "\n"
        "Progress (as of 2020-12-01): 推进中 · 绿灯 · 61 days left\n"
        "Deadlines:\n"
        "  2020-06-30 → 2021-01-31  工信局  6月末完成摸底\n"
        "Extensions:\n"
        "  2020-06-30 → 2020-09-30  疫情影响 (approved by 市政府办)\n"
        "  2020-09-30 → 2021-01-31  供暖季调整\n"
        "Progress reports:\n"
        "  2020-11-10  推进中    完成摸底 90%\n"
    )
    r = cli("-C", str(plan), "show", "1", "--as-of", "2020-12-01")
    assert r.out.endswith(
        "Progress (as of 2020-12-01): 推进中 · 红灯 · 1 day overdue\n"
        "Deadlines:\n"
        "  2020-11-30  财政局  11月底前无分歧的拖欠账款全部“清零”\n"
        "Progress reports:\n"
        "  2020-08-15  推进中  财政局  已建立清欠台账\n"
        "  2020-10-20  推进中          已清偿 80%\n"
    )


def test_show_without_progress_fields_is_unchanged(cli, plan):
    r = cli("-C", str(plan), "show", "8", "--as-of", "2020-12-01")
    assert (r.code, r.err) == (0, "")
    assert "进展" not in r.out
    assert r.out.endswith("    年底前用足用好上级政策。\n")
    assert r.out == cli("-C", str(plan), "show", "8").out  # --as-of changes nothing without progress fields


def test_deadlines_id_ranges_and_unknown_id(cli, plan):
    r = cli("-C", str(plan), "deadlines", "--id", "4-5,7")
    assert [line.split()[0] for line in r.out.splitlines()[2:]] == ["4", "5", "7"]
    assert cli("-C", str(plan), "deadlines", "--id", "4-5,7", "-f", "ids").out == "4\n5\n7\n"
    r = cli("-C", str(plan), "deadlines", "--id", "9")
    assert (r.code, r.out, r.err) == (2, "", "taskplan: error: no task 9 in this plan (ids run from 1 to 8)\n")


def test_deadlines_speak_chinese_and_their_csv_does_not_change(cli, plan):
    """The recurring mark, the source and 已存 are words for the reader in table and md; csv keeps its cells."""
    from taskplan import i18n

    english_csv = cli("-C", str(plan), "deadlines", "--id", "2", "--id", "6", "-f", "csv").out
    before = i18n.current()
    i18n.set_language("zh")
    try:
        table = cli("-C", str(plan), "deadlines", "--id", "2", "--id", "6").out
        chinese_csv = cli("-C", str(plan), "deadlines", "--id", "2", "--id", "6", "-f", "csv").out
        extract = cli("-C", str(plan), "deadlines", "--extract", "--id", "3").out
    finally:
        i18n.set_language(before)
    assert table == (
        "任务  单位    完成时限    延期至      来源      原文\n"
        "----  ------  ----------  ----------  --------  ----------------------\n"
        "   2  工信局  2020-06-30  2021-01-31  正文读出  6月末完成摸底\n"
        "   6  -       常态                    正文读出  开展常态化就业创业服务\n"
    )
    assert chinese_csv == english_csv
    assert english_csv.splitlines()[2] == "6,-,常态(recurring),,extracted,开展常态化就业创业服务"
    assert extract.splitlines()[2] == "   3  -     2020-09-30  9月末  已存  9月末必保完成改造农村中小学旱厕15个"

"""list --status/--overdue/--due-before/--due-within/--light and units' progress columns, on tests/fixtures/progress."""
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


def ids(cli, plan, *args):
    r = cli("-C", str(plan), "list", *args, "--format", "ids")
    assert (r.code, r.err) == (0, ""), r.err
    return r.out.split()


def test_list_overdue_table(cli, plan):
    r = cli("-C", str(plan), "list", "--overdue", "--as-of", "2020-12-01")
    assert (r.code, r.err) == (0, "")
    assert r.out == (
        (
            "id  section  task                                                lead units      responsible units  status  due         light\n"
            "--  -------  --------------------------------------------------  --------------  -----------------  ------  ----------  -----\n"
            " 1        1  保障中小企业款项支付,11月底前无分歧账款清零。       财政局、发改局  各镇(街道)         推进中  2020-11-30  红灯\n"
            " 4        2  落实部门监管信息归集覆盖率,10月底前覆盖率达到90%。  市场监督管理局                     未启动  2020-10-31  红灯\n"
            "\n"
            "2 tasks\n"
        )
    )


def test_list_progress_json_and_plain_list_unchanged(cli, plan):
    data = json.loads(cli("-C", str(plan), "list", "--id", "2", "--light", "green", "--as-of", "2020-12-01", "--format", "json").out)
    assert data["as_of"] == "2020-12-01"
    assert data["tasks"][0]["progress"] == {
        "status": "推进中", "due": "2021-01-31", "original_due": "2020-06-30", "overdue": False, "days_left": 61, "light": "green",
    }
    plain = cli("-C", str(plan), "list", "--id", "2", "--format", "json").out
    assert "progress" not in json.loads(plain)["tasks"][0] and "as_of" not in json.loads(plain)


@pytest.mark.parametrize(
    "args, expected",
    [
        (["--overdue", "--as-of", "2020-11-01"], ["4"]),
        (["--overdue", "--as-of", "2021-02-01"], ["1", "2", "4", "5"]),  # 2's extension ran out on 2021-01-31
        (["!overdue:yes", "--as-of", "2020-12-01"], ["2", "3", "5", "6", "7", "8"]),
        (["--status", "推进中", "--as-of", "2020-12-01"], ["1", "2", "5", "6"]),
        (["--status", "done", "--status", "closed", "--as-of", "2020-12-01"], ["3", "7"]),
        (["--status", "未填报", "--as-of", "2020-12-01"], ["8"]),
        # as of 2020-09-16 task 7 was 已完成, not yet 已销号, and task 3 had not reported (done on 09-20):
        # entries dated after --as-of are not known yet
        (["--status", "已完成", "--as-of", "2020-09-16"], ["7"]),
        (["--status", "unreported", "--as-of", "2020-09-16"], ["2", "3", "5", "8"]),
        (["--due-before", "2020-12-01", "--as-of", "2020-12-01"], ["1", "4"]),
        (["--due-before", "2021-02-01", "--as-of", "2020-12-01"], ["1", "2", "4", "5"]),
        (["--due-within", "30d", "--as-of", "2020-12-01"], ["5"]),
        (["--due-within", "9", "--as-of", "2020-12-01"], ["5"]),
        (["--due-within", "8d", "--as-of", "2020-12-01"], []),
        (["--due-within", "10w", "--as-of", "2020-12-01"], ["2", "5"]),
        (["--light", "red", "--as-of", "2020-12-01"], ["1", "4"]),
        (["--light", "yellow", "--light", "绿", "--as-of", "2020-12-01"], ["2", "3", "5", "7"]),
        (["--light", "无时限", "--as-of", "2020-12-01"], ["6", "8"]),  # no dated deadline: never yellow for that
        (["--light", "red", "--lead", "市场监管局", "--as-of", "2020-12-01"], ["4"]),
        (["status:in-progress light:yellow", "--as-of", "2020-12-01"], ["5"]),
    ],
)
def test_list_progress_filters(cli, plan, args, expected):
    assert ids(cli, plan, *args) == expected


def test_light_follows_configured_warn_days(cli, plan):
    (plan / "pyproject.toml").write_text("[tool.taskplan.progress]\nwarn-days = 5\nreport-period-days = 200\n")
    assert ids(cli, plan, "--light", "yellow", "--as-of", "2020-12-01") == []
    assert ids(cli, plan, "--light", "yellow", "--as-of", "2020-12-06") == ["5"]


@pytest.mark.parametrize(
    "args, err",
    [
        (["--status", "finished"], 'taskplan: error: unknown status "finished" (use one of 未启动 (not-started), '
         "推进中 (in-progress), 已完成 (done), 已销号 (closed), 暂缓 (paused), 未填报 (unreported))\n"),
        (["--light", "blue"], 'taskplan: error: unknown light "blue" (use red, yellow, green or none)\n'),
        (["--due-within", "soon"], "taskplan: error: --due-within: expected a number of days like 30d or 2w, got 'soon'\n"),
        (["--due-before", "12/01"], "taskplan: error: --due-before: expected a date YYYY-MM-DD, got '12/01'\n"),
        (["overdue:maybe"], 'taskplan: error: overdue takes yes or no, got "maybe"\n'),
    ],
)
def test_list_progress_usage_errors(cli, plan, args, err):
    r = cli("-C", str(plan), "list", *args, "--as-of", "2020-12-01")
    assert (r.code, r.out, r.err) == (2, "", err)


def test_units_progress_columns(cli, plan):
    r = cli("-C", str(plan), "units", "--as-of", "2020-12-01", "--format", "csv")
    assert (r.code, r.err) == (0, "")
    assert r.out.splitlines() == [
        "名称,类别,全称,别名,牵头,责任,经由组,措施,未启动,推进中,已完成,已销号,暂缓,未填报,逾期,按时率",
        "财政局,市直部门,示例市财政局,,3,0,0,2,0,1,1,0,0,1,1,50%",  # 1 overdue, 3 done on time
        "发改局,市直部门,示例市发展和改革局,发展改革局,2,0,0,0,0,2,0,0,0,0,1,0%",  # 1 overdue
        "工信局,市直部门,示例市工业和信息化局,,2,0,0,1,0,1,1,0,0,0,0,100%",  # 3 on time, 2 extended, open
        "市场局,市直部门,示例市市场监督管理局,市场监督管理局、市场监管局,1,0,0,0,1,0,0,0,0,0,1,0%",
        "教育局,市直部门,示例市教育局,,2,0,0,0,0,1,0,1,0,0,0,0%",  # 7 closed but done after its deadline
        "镇(街道),组,,各镇(街道),0,1,0,0,0,0,0,0,0,0,0,-",
    ]


def test_units_progress_table_and_json(cli, plan):
    r = cli("-C", str(plan), "units", "--as-of", "2020-12-01")
    assert r.out.splitlines()[0].endswith("measure  status                        overdue  on-time rate")
    assert r.out.splitlines()[2].endswith("3            0          0        2  推进中 1、已完成 1、未填报 1        1           50%")
    data = json.loads(cli("-C", str(plan), "units", "--as-of", "2020-12-01", "--format", "json").out)
    assert data["as_of"] == "2020-12-01"
    assert data["units"][0]["progress"] == {
        "status": {"not-started": 0, "in-progress": 1, "done": 1, "closed": 0, "paused": 0, "unreported": 1},
        "overdue": 1, "on_time": 1, "judged": 2, "on_time_rate": 0.5,
    }


def test_units_of_a_plan_without_progress_has_no_progress_columns(cli, mini):
    r = cli("-C", str(mini), "units", "--format", "csv")
    assert r.out.splitlines()[0] == "名称,类别,全称,别名,牵头,责任,经由组,措施"
    r = cli("-C", str(mini), "units", "--format", "csv", "--as-of", "2020-12-01")
    assert r.out.splitlines()[0].endswith(",措施,未启动,推进中,已完成,已销号,暂缓,未填报,逾期,按时率")
    assert r.out.splitlines()[1] == "财政局,市直部门,示例市财政局,,1,0,0,1,0,0,0,0,0,1,0,-"


def test_list_progress_json_validates_against_the_schema(cli, plan):
    import jsonschema

    schema = json.loads((FIXTURE.parents[2] / "docs" / "schema" / "list.schema.json").read_text(encoding="utf-8"))
    for args in (["--overdue"], ["--due-before", "2021-01-01", "--light", "red"], ["due-within:30d", "--status", "in-progress"]):
        r = cli("-C", str(plan), "list", *args, "--as-of", "2020-12-01", "--format", "json")
        assert (r.code, r.err) == (0, "")
        doc = json.loads(r.out)
        jsonschema.Draft7Validator(schema).validate(doc)
        assert doc["as_of"] == "2020-12-01" and doc["tasks"]

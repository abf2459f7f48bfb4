"""`taskplan list` on the two-task fixture: every option's wiring, errors and exit codes.

The same options are tested on the repo's own plan in test_list.py.
"""
import json

import pytest


def test_list_all(cli, mini):
    r = cli("-C", str(mini), "list")
    assert (r.code, r.err) == (0, "")
    assert r.out == (
        (
            "id  section  task                            lead units      responsible units\n"
            "--  -------  ------------------------------  --------------  -----------------\n"
            " 1        1  今年赤字率拟按3.6%以上安排。    财政局、发改局  各镇(街道)\n"
            " 2        2  稳健的货币政策要更加灵活适度。  市场监督管理局\n"
            "\n"
            "2 tasks\n"
        )
    )


def test_list_via_group_shows_why(cli, mini):
    r = cli("-C", str(mini), "list", "--unit", "西柳镇", "--full-names")
    assert (r.code, r.err) == (0, "")
    assert r.out == (
        (
            "id  section  task                          lead units                        responsible units  matched\n"
            "--  -------  ----------------------------  --------------------------------  -----------------  --------------------------------\n"
            " 1        1  今年赤字率拟按3.6%以上安排。  示例市财政局、示例市发展和改革局  镇(街道)           responsible (via group 镇(街道))\n"
            "\n"
            "1 task\n"
        )
    )
    r = cli("-C", str(mini), "list", "--unit", "西柳镇", "--no-groups")
    assert (r.code, r.out) == (0, "0 tasks\n")


def test_list_role_needs_unit(cli, mini):
    r = cli("-C", str(mini), "list", "--role", "lead")
    assert (r.code, r.out) == (2, "")
    assert r.err == "taskplan: error: --role narrows --unit (add --unit UNIT, or use --lead / lead: / responsible: / measure:)\n"


def test_list_bad_role_choice(cli, mini):
    r = cli("-C", str(mini), "list", "--unit", "财政局", "--role", "boss")
    assert (r.code, r.out) == (2, "")
    assert r.err == (
        "Usage: taskplan list [OPTIONS] [EXPRESSION]...\nTry 'taskplan list -h' for help.\n\n"
        "Error: Invalid value for '--role' / '-r': Value error, 'boss' is not one of 'lead', 'responsible', 'measure'.\n"
    )


@pytest.mark.parametrize("command, choices", [
    ("list", "'table', 'json', 'csv', 'md', 'ids'"),
    ("report", "'md', 'text', 'csv', 'html', 'xlsx', 'docx'"),
])
def test_unknown_format_is_a_usage_error_naming_the_choices(cli, mini, command, choices):
    r = cli("-C", str(mini), command, "-f", "xml")
    assert (r.code, r.out) == (2, "")
    assert r.err.endswith(f"\n\nError: Invalid value for '--format' / '-f': Value error, 'xml' is not one of {choices}.\n")
    assert r.err.startswith(f"Usage: taskplan {command} [OPTIONS] ")


def test_list_unknown_unit_exit_2(cli, mini):
    r = cli("-C", str(mini), "list", "--lead", "发展改革委")
    assert (r.code, r.out) == (2, "")
    assert r.err == 'taskplan: error: unknown unit "发展改革委" (did you mean 发改局?)\n'


def test_list_expression_first_word_negated(cli, mini):
    r = cli("-C", str(mini), "list", "-f", "ids", "--", "-responsible:镇(街道)")
    assert (r.code, r.out, r.err) == (0, "2\n", "")
    r = cli("-C", str(mini), "list", "-f", "ids", "!responsible:镇(街道)")
    assert (r.code, r.out, r.err) == (0, "2\n", "")


def test_list_excel_implies_csv_and_rejects_other_formats(cli, mini):
    r = cli("-C", str(mini), "list", "--id", "2", "--excel")
    assert (r.code, r.err) == (0, "")
    assert r.out == "\ufeff编号,板块,任务,牵头单位,责任单位,落实措施\n2,2,稳健的货币政策要更加灵活适度。,市场监督管理局,,6月末完成摸底。\n"
    r = cli("-C", str(mini), "list", "--excel", "-f", "json")
    assert (r.code, r.out, r.err) == (2, "", "taskplan: error: --excel applies to csv only, not --format json\n")


def test_list_json_roles(cli, mini):
    r = cli("-C", str(mini), "list", "-f", "json", "--unit", "财政局", "--unit", "西柳镇")
    assert r.code == 0
    doc = json.loads(r.out)
    assert doc["query"] == ["unit:财政局", "unit:西柳镇"]
    assert doc["tasks"][0]["matched"] == [
        {"unit": "财政局", "role": "lead", "via": None},
        {"unit": "财政局", "role": "measure", "via": None},
        {"unit": "西柳镇", "role": "responsible", "via": "镇(街道)"},
    ]


def test_list_broken_plan_is_exit_1(cli, mini):
    (mini / "tasks" / "002.yaml").write_text("id: 2\nsection: 2\ntitle: x\nlead: [财政局]\nresponsable: []\n", encoding="utf-8")
    r = cli("-C", str(mini), "list")
    assert (r.code, r.out) == (1, "")
    assert r.err == 'tasks/002.yaml:5:1: error TP102 unknown field "responsable" (did you mean responsible?)\n'


def test_units_sections_stats_on_mini(cli, mini):
    r = cli("-C", str(mini), "units", "-f", "ids")
    assert (r.code, r.out) == (0, "财政局\n发改局\n市场局\n西柳镇\n镇(街道)\n")
    r = cli("-C", str(mini), "units", "西柳镇")
    assert (r.code, r.err) == (0, "")
    assert r.out == (
        (
            "Lead: 0\n"
            "(none)\n"
            "\n"
            "Responsible: 1\n"
            "\n"
            "id  section  task                          via group\n"
            "--  -------  ----------------------------  ---------\n"
            " 1        1  今年赤字率拟按3.6%以上安排。  镇(街道)\n"
            "\n"
            "Measures: 0 tasks, 0 items\n"
            "(none)\n"
            "\n"
            "西柳镇 (示例市西柳镇人民政府) · 镇(街道): 1 task in all\n"
        )
    )
    r = cli("-C", str(mini), "sections")
    assert r.out == (
        (
            "id  title                     tasks  task ids\n"
            "--  ------------------------  -----  --------\n"
            "1   一、全面落实积极财政政策      1  1\n"
            "2   二、加大金融信贷支持力度      1  2\n"
            "\n"
            "2 sections, 2 tasks\n"
        )
    )
    r = cli("-C", str(mini), "stats", "-f", "ids")
    assert (r.code, r.out) == (2, "")
    assert r.err == "taskplan: error: --format ids is not available here (use table, json, csv or md)\n"


def test_list_help_documents_the_expression_syntax(cli):
    r = cli("list", "--help")
    assert r.code == 0
    assert "taskplan list 'lead:财政局 section:2..4 -responsible:各镇(街道)'" in r.out
    assert "-name:value  negated (tasks that do NOT match); also !name:value" in r.out
    assert "-f, --format <table|json|csv|md|ids>" in r.out  # the keys of output.FORMATS


def test_format_choices_come_from_the_registry():
    from taskplan.cli.formatting import FormatName
    from taskplan.output.formats import FORMATS

    assert [f.value for f in FormatName] == list(FORMATS)

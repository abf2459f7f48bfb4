"""taskplan check through the real entry point: exact output and exit code per format."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

FIXTURES_MINI = Path(__file__).resolve().parent.parent / "fixtures" / "mini"

BROKEN = {
    "tasks/001.yaml": """
        id: 1
        section: 1
        title: 今年赤字率拟按3.6%以上安排。
        lead: [财政局, 财正局]
        responsible: [各镇(街道), 发改局]
        measures:
          - unit: 财政局
            items:
              - 积极争取上级转移支付和资金。
        """,
    "tasks/003.yaml": "id: [\n",
}

def test_clean_plan_exit_0(cli, mini):
    r = cli("check", cwd=mini)
    assert (r.code, r.out, r.err) == (0, "4 files checked, no problems\n", "")


def test_text_format(cli, make_plan):
    root = make_plan(BROKEN)
    r = cli("check", cwd=root)
    assert r.err == ""
    assert r.out == (
        'tasks/001.yaml:4:13: error TP201 unknown unit "财正局" (did you mean 财政局?)\n'
        "tasks/003.yaml:2:1: error TP001 YAML syntax: did not find expected node content\n"
        "2 errors in 5 files\n"
    )
    assert r.code == 1


def test_paths_relative_to_cwd(cli, make_plan):
    root = make_plan(BROKEN)
    r = cli("-C", "plan", "check", cwd=root.parent)
    assert (r.code, r.err) == (1, "")
    assert r.out == (
        'plan/tasks/001.yaml:4:13: error TP201 unknown unit "财正局" (did you mean 财政局?)\n'
        "plan/tasks/003.yaml:2:1: error TP001 YAML syntax: did not find expected node content\n"
        "2 errors in 5 files\n"
    )


def test_path_arguments_limit_the_report(cli, make_plan):
    root = make_plan(BROKEN)
    r = cli("check", "tasks/003.yaml", cwd=root)
    assert r.out == "tasks/003.yaml:2:1: error TP001 YAML syntax: did not find expected node content\n1 error in 5 files\n"
    assert r.code == 1
    r = cli("check", "tasks/002.yaml", cwd=root)
    assert (r.code, r.out) == (0, "5 files checked, no problems\n")


def test_missing_path_is_usage_error(cli, mini):
    r = cli("check", "tasks/999.yaml", cwd=mini)
    assert (r.code, r.out, r.err) == (2, "", "taskplan: error: tasks/999.yaml: no such file or directory\n")


def test_json_format_is_the_envelope_of_every_tabular_command(cli, make_plan):
    root = make_plan(BROKEN)
    r = cli("check", "--format", "json", cwd=root)
    assert (r.code, r.err) == (1, "")
    assert r.out == (  # the layout of list -f json: one key per line, one finding per line
        '{\n'
        '  "schema_version": 1,\n'
        '  "files": 5,\n'
        '  "findings": [\n'
        '    {"path": "tasks/001.yaml", "line": 4, "col": 13, "code": "TP201", "rule": "unknown-unit", "severity": "error", '
        '"message": "unknown unit \\"财正局\\" (did you mean 财政局?)", "fixable": false},\n'
        '    {"path": "tasks/003.yaml", "line": 2, "col": 1, "code": "TP001", "rule": "yaml-syntax", "severity": "error", '
        '"message": "YAML syntax: did not find expected node content", "fixable": false}\n'
        '  ]\n'
        '}\n'
    )
    assert "\\u" not in r.out  # Chinese written as is
    assert json.loads(r.out)["findings"][0]["message"] == 'unknown unit "财正局" (did you mean 财政局?)'


def test_json_of_a_clean_plan(cli, mini):
    r = cli("check", "-f", "json", cwd=mini)
    assert (r.code, r.out) == (0, '{\n  "schema_version": 1,\n  "files": 4,\n  "findings": []\n}\n')


def test_json_of_a_fixable_finding(cli, make_plan):
    root = make_plan({"tasks/002.yaml": """
        section: 2
        id: 2
        title: 稳健的货币政策要更加灵活适度。
        lead: [市场监督管理局]
        responsible: []
        """})
    body = json.loads(cli("check", "-f", "json", cwd=root).out)
    assert [(f["code"], f["rule"], f["severity"], f["fixable"]) for f in body["findings"]] == [
        ("TP307", "key-order", "warning", True)]


def test_json_paths_are_display_paths(cli, make_plan):
    root = make_plan(BROKEN)
    r = cli("-C", "plan", "check", "-f", "json", cwd=root.parent)
    assert [f["path"] for f in json.loads(r.out)["findings"]] == ["plan/tasks/001.yaml", "plan/tasks/003.yaml"]


def test_csv_format_is_the_one_csv_writer(cli, make_plan):
    root = make_plan(BROKEN)
    r = cli("check", "--format", "csv", cwd=root)
    assert (r.code, r.err) == (1, "")
    assert r.out == (  # headers in the Chinese of the 台账 like every csv; messages as the JSON has them; LF
        "文件,行,列,代码,规则,级别,问题,修正\n"
        'tasks/001.yaml,4,13,TP201,unknown-unit,error,"unknown unit ""财正局"" (did you mean 财政局?)",\n'
        "tasks/003.yaml,2,1,TP001,yaml-syntax,error,YAML syntax: did not find expected node content,\n"
    )


def test_md_format_is_the_one_markdown_writer(cli, make_plan):
    root = make_plan({**BROKEN, "tasks/002.yaml": """
        section: 2
        id: 2
        title: 稳健的货币政策要更加灵活适度。。
        lead: [市场监督|管理局]
        responsible: []
        """})
    r = cli("check", "--format", "md", cwd=root)
    assert (r.code, r.err) == (1, "")
    assert r.out == (
        "| file | line | column | code | rule | severity | message | fix |\n"
        "|---|---:|---:|---|---|---|---|---|\n"
        '| tasks/001.yaml | 4 | 13 | TP201 | unknown-unit | error | unknown unit "财正局" (did you mean 财政局?) |  |\n'
        "| tasks/002.yaml | 2 | 1 | TP307 | key-order | warning | \"id\" should come before \"section\"; run taskplan fmt | fix |\n"
        '| tasks/002.yaml | 3 | 22 | TP401 | doubled-punctuation | warning | doubled punctuation "。。" in title |  |\n'
        '| tasks/002.yaml | 4 | 8 | TP201 | unknown-unit | error | unknown unit "市场监督\\|管理局" (did you mean 市场局?) |  |\n'
        "| tasks/003.yaml | 2 | 1 | TP001 | yaml-syntax | error | YAML syntax: did not find expected node content |  |\n"
        "| units.yaml | 10 | 11 | TP505 | unused-unit | warning | unit 市场局 is not named by any task |  |\n"
        "\n"
        "3 errors, 3 warnings in 5 files\n"
    )


def test_md_of_a_clean_plan(cli, mini):
    r = cli("check", "-f", "md", cwd=mini)
    assert (r.code, r.out) == (0, "(none)\n\n4 files checked, no problems\n")


def test_ids_is_no_format_of_check(cli, mini):
    r = cli("check", "-f", "ids", cwd=mini)  # findings have no ids; check's table is its text line
    assert r.code == 2 and r.err.endswith(
        "Error: Invalid value for '--format' / '-f': Value error, 'ids' is not one of "
        "'text', 'json', 'csv', 'md', 'github', 'gitlab'.\n")


def test_github_format_escapes_and_errors_first(cli, make_plan, monkeypatch, tmp_path):
    root = make_plan({**BROKEN, "tasks/002.yaml": """
        id: 2
        section: 2
        title: 稳健的货币政策要更加灵活适度。。
        lead: [市场监督管理局]
        responsible: []
        """})
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    r = cli("check", "--format", "github", cwd=root)
    assert r.code == 1
    assert r.out == (
        "::error file=tasks/001.yaml,line=4,col=13,title=TP201 unknown-unit::unknown unit \"财正局\" (did you mean 财政局?)\n"
        "::error file=tasks/003.yaml,line=2,col=1,title=TP001 yaml-syntax::YAML syntax: did not find expected node content\n"
        "::warning file=tasks/002.yaml,line=3,col=22,title=TP401 doubled-punctuation::doubled punctuation \"。。\" in title\n"
        "2 errors, 1 warning in 5 files\n"
    )
    assert summary.read_text(encoding="utf-8") == (
        "## taskplan check\n\n2 errors, 1 warning in 5 files\n\n"
        "| file | line | severity | code | message |\n|---|---:|---|---|---|\n"
        '| tasks/001.yaml | 4 | error | TP201 | unknown unit "财正局" (did you mean 财政局?) |\n'
        "| tasks/003.yaml | 2 | error | TP001 | YAML syntax: did not find expected node content |\n"
        '| tasks/002.yaml | 3 | warning | TP401 | doubled punctuation "。。" in title |\n\n'
    )


def test_github_chosen_when_running_in_actions(cli, make_plan, monkeypatch):
    root = make_plan(BROKEN)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    r = cli("check", cwd=root)
    assert (r.code, r.err) == (1, "")
    assert r.out.startswith("::error file=tasks/001.yaml,line=4,col=13,")
    assert r.out == cli("check", "--format", "github", cwd=root).out  # the same as asking for it


def test_github_escaping():
    from taskplan.check.reporters import _gh_data, _gh_prop

    assert _gh_data("100% a\r\nb") == "100%25 a%0D%0Ab"
    assert _gh_prop("a:b,c%") == "a%3Ab%2Cc%25"


def test_gitlab_format_unique_fingerprints(cli, make_plan):
    root = make_plan({"tasks/001.yaml": """
        id: 1
        section: 1
        title: 今年赤字率拟按3.6%以上安排。
        lead: [财正局, 财正局]
        responsible: []
        """})
    r = cli("check", "--format", "gitlab", "--select", "TP201", cwd=root)
    assert r.code == 1
    items = json.loads(r.out)
    assert [(i["check_name"], i["severity"], i["location"]) for i in items] == [
        ("TP201 unknown-unit", "major", {"path": "tasks/001.yaml", "lines": {"begin": 4}}),
        ("TP201 unknown-unit", "major", {"path": "tasks/001.yaml", "lines": {"begin": 4}}),
    ]
    assert items[0]["description"] == 'TP201 unknown unit "财正局" (did you mean 财政局?)'
    assert len({i["fingerprint"] for i in items}) == 2
    assert all(len(i["fingerprint"]) == 64 for i in items)


def test_unknown_format_is_usage_error(cli, mini):
    r = cli("check", "--format", "xml", cwd=mini)
    assert (r.code, r.out) == (2, "")
    assert r.err == (
        "Usage: taskplan check [OPTIONS] [PATH]...\nTry 'taskplan check -h' for help.\n\n"
        "Error: Invalid value for '--format' / '-f': Value error, 'xml' is not one of 'text', 'json', 'csv', 'md', 'github', 'gitlab'.\n"
    )


@pytest.mark.parametrize("args, code", [((), 0), (("--strict",), 1)])
def test_strict_makes_warnings_fail(cli, make_plan, args, code):
    root = make_plan({"tasks/002.yaml": """
        id: 2
        section: 2
        title: 稳健的货币政策要更加灵活适度。。
        lead: [市场监督管理局]
        responsible: []
        """})
    r = cli("check", *args, cwd=root)
    assert r.out == 'tasks/002.yaml:3:22: warning TP401 doubled punctuation "。。" in title\n1 warning in 4 files\n'
    assert r.code == code


def test_select_and_ignore_options(cli, make_plan):
    root = make_plan(BROKEN)
    r = cli("check", "--ignore", "TP201", cwd=root)
    assert r.out == "tasks/003.yaml:2:1: error TP001 YAML syntax: did not find expected node content\n1 error in 5 files\n"
    r = cli("check", "--select", "TP2", cwd=root)
    assert r.out == 'tasks/001.yaml:4:13: error TP201 unknown unit "财正局" (did you mean 财政局?)\n1 error in 5 files\n'
    r = cli("check", "--select", "XX1", cwd=root)
    assert (r.code, r.err) == (2, 'taskplan: error: --select: "XX1" is not a rule code (TP followed by up to three digits)\n')


def test_check_never_writes(cli, make_plan):
    root = make_plan(BROKEN)
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    cli("check", cwd=root)
    after = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    assert before == after
    assert not (root / ".taskplan-cache").exists()


def test_check_reads_and_fills_the_cache_outside_the_plan(make_plan, monkeypatch, capsys):
    from taskplan.cli.app import main
    from taskplan.store.cache import plan_cache_dir

    root = make_plan(BROKEN)
    monkeypatch.delenv("TASKPLAN_NO_CACHE", raising=False)
    monkeypatch.chdir(root)
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    capsys.readouterr()
    assert main(["check", "--select", "TP001,TP401"]) == 1
    first = capsys.readouterr().out
    assert os.listdir(plan_cache_dir(root)[0])  # check fills the cache, in the user's cache directory
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before  # and writes nothing in the plan
    assert main(["check", "--select", "TP001,TP401"]) == 1
    assert capsys.readouterr().out == first
    # edit a file after the cache was written: check must see the new text, not the cached parse
    (root / "tasks/003.yaml").write_text("id: 3\nsection: 2\ntitle: 新。。\nlead: [财政局]\n", encoding="utf-8")
    code = main(["check", "--select", "TP001,TP401"])
    assert capsys.readouterr().out == 'tasks/003.yaml:3:9: warning TP401 doubled punctuation "。。" in title\n1 warning in 5 files\n'
    assert code == 0

def test_directory_argument(cli, make_plan):
    root = make_plan({**BROKEN, "units.yaml": (FIXTURES_MINI / "units.yaml").read_text(encoding="utf-8") + "  - name: 气象台\n"})
    r = cli("check", "tasks", cwd=root)
    assert r.out == (
        'tasks/001.yaml:4:13: error TP201 unknown unit "财正局" (did you mean 财政局?)\n'
        "tasks/003.yaml:2:1: error TP001 YAML syntax: did not find expected node content\n"
        "2 errors in 5 files\n"
    )
    r = cli("check", "units.yaml", cwd=root)
    assert r.out == "units.yaml:22:11: warning TP505 group 气象台 is not named by any task\n1 warning in 5 files\n"
    assert r.code == 0

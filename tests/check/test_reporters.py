"""check/reporters.py without the CLI: every reporter's exact text for findings built by hand.

The whole command is tested in tests/check/test_check_cli.py, both languages in
tests/cli/test_language.py; here each reporter gets findings of every kind
(each severity, a whole-file finding with line 0, a finding without a column,
a fixable one, an unknown code) and a path map, so every branch shows.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from taskplan.check.engine import CheckResult
from taskplan.check.reporters import (
    REPORTERS, errors_first, findings_view, github, gitlab, step_summary, summary_line, text,
)
from taskplan.findings import Finding
from taskplan.i18n import M_
from taskplan.output.formats import FORMATS, FormatOptions

FIX = object()  # any fix: the reporters only say whether there is one

FINDINGS = [
    Finding("tasks/001.yaml", 4, 13, "TP201", "error", M_('unknown unit "{name}"', name="财正局")),
    Finding("tasks/001.yaml", 5, 0, "TP401", "warning", 'doubled punctuation "。。" in title', fix=FIX),
    Finding("tasks/002.yaml", 0, 0, "TP999", "info", "a note: 100%, (半角) and （全角）"),
    Finding("units.yaml", 2, 11, "TP505", "warning", "unit 财政局 is not named by any task"),
]


def result(findings: list[Finding] = FINDINGS, files: int = 7) -> CheckResult:
    return CheckResult(Path("/plan"), list(findings), files)


def shown(path: str) -> str:
    return f"plan/{path}"


# --------------------------------------------------------------------------- the one dict


def test_one_dict_joins_check_formats_and_the_output_path():
    assert list(REPORTERS) == ["text", "json", "csv", "md", "github", "gitlab"]
    # every format of the output path reaches check, except the two that mean nothing for findings
    assert [name for name in FORMATS if name not in REPORTERS] == ["table", "ids"]
    assert REPORTERS["text"] is text and REPORTERS["github"] is github and REPORTERS["gitlab"] is gitlab


# --------------------------------------------------------------------------- summary line


@pytest.mark.parametrize(("findings", "files", "line"), [
    ([], 1, "1 file checked, no problems"),
    ([], 3, "3 files checked, no problems"),
    (FINDINGS[:1], 1, "1 error in 1 file"),
    (FINDINGS, 7, "1 error, 2 warnings, 1 info in 7 files"),
    (FINDINGS[1:2], 2, "1 warning in 2 files"),
    (FINDINGS[2:3] * 2, 2, "2 infos in 2 files"),
    (FINDINGS[:1] * 2 + FINDINGS[2:3], 2, "2 errors, 1 info in 2 files"),
])
def test_summary_line(findings, files, line):
    assert summary_line(result(findings, files)) == line
    assert summary_line(result(findings, files), translated=True) == line  # the suite speaks English


# --------------------------------------------------------------------------- check's own formats


def test_text():
    assert text(result(), shown) == (
        'plan/tasks/001.yaml:4:13: error TP201 unknown unit "财正局"\n'
        'plan/tasks/001.yaml:5:0: warning TP401 doubled punctuation "。。" in title\n'
        "plan/tasks/002.yaml:0:0: info TP999 a note: 100%, (半角) and （全角）\n"
        "plan/units.yaml:2:11: warning TP505 unit 财政局 is not named by any task\n"
        "1 error, 2 warnings, 1 info in 7 files\n"
    )
    assert text(result([], 4), shown) == "4 files checked, no problems\n"


def test_finding_line():
    """The one line of a finding, with the path as the reader opens it (taskplan fmt prints it too)."""
    from taskplan.check.reporters import finding_line

    assert finding_line(FINDINGS[0], shown) == 'plan/tasks/001.yaml:4:13: error TP201 unknown unit "财正局"'
    assert finding_line(FINDINGS[2], lambda p: p) == "tasks/002.yaml:0:0: info TP999 a note: 100%, (半角) and （全角）"


def test_errors_first_keeps_file_order_within_a_severity():
    assert [(f.severity, f.path) for f in errors_first(FINDINGS[::-1])] == [
        ("error", "tasks/001.yaml"), ("warning", "tasks/001.yaml"), ("warning", "units.yaml"), ("info", "tasks/002.yaml")]


def test_github():
    assert github(result(), shown) == (
        '::error file=plan/tasks/001.yaml,line=4,col=13,title=TP201 unknown-unit::unknown unit "财正局"\n'
        '::warning file=plan/tasks/001.yaml,line=5,title=TP401 doubled-punctuation::doubled punctuation "。。" in title\n'
        "::warning file=plan/units.yaml,line=2,col=11,title=TP505 unused-unit::unit 财政局 is not named by any task\n"
        "::notice file=plan/tasks/002.yaml,title=TP999 TP999::a note: 100%25, (半角) and （全角）\n"
        "1 error, 2 warnings, 1 info in 7 files\n"
    )


def test_github_escapes_properties_and_data():
    odd = Finding("a:b,c%.yaml", 1, 1, "TP201", "error", "line one\r\nline two 50%")
    assert github(result([odd], 1), lambda p: p) == (
        "::error file=a%3Ab%2Cc%25.yaml,line=1,col=1,title=TP201 unknown-unit::line one%0D%0Aline two 50%25\n"
        "1 error in 1 file\n"
    )


def test_step_summary():
    assert step_summary(result(), shown) == (
        "## taskplan check\n\n1 error, 2 warnings, 1 info in 7 files\n\n"
        "| file | line | severity | code | message |\n|---|---:|---|---|---|\n"
        '| plan/tasks/001.yaml | 4 | error | TP201 | unknown unit "财正局" |\n'
        '| plan/tasks/001.yaml | 5 | warning | TP401 | doubled punctuation "。。" in title |\n'
        "| plan/units.yaml | 2 | warning | TP505 | unit 财政局 is not named by any task |\n"
        "| plan/tasks/002.yaml | 0 | info | TP999 | a note: 100%, (半角) and （全角） |\n\n"
    )
    assert step_summary(result([], 3), shown) == "## taskplan check\n\n3 files checked, no problems\n\n"


def fingerprint(*parts: str) -> str:
    """GitLab's fingerprint as docs/ci.md describes it: path, code, message and the occurrence, hashed."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def test_gitlab():
    twice = Finding("tasks/001.yaml", 9, 3, "TP201", "error", M_('unknown unit "{name}"', name="财正局"))
    out = gitlab(result([*FINDINGS, twice]), shown)
    assert "\\u" not in out  # Chinese as is
    assert json.loads(out) == [
        {"description": 'TP201 unknown unit "财正局"', "check_name": "TP201 unknown-unit",
         "fingerprint": fingerprint("plan/tasks/001.yaml", "TP201", 'unknown unit "财正局"', "1"),
         "severity": "major", "location": {"path": "plan/tasks/001.yaml", "lines": {"begin": 4}}},
        {"description": 'TP401 doubled punctuation "。。" in title', "check_name": "TP401 doubled-punctuation",
         "fingerprint": fingerprint("plan/tasks/001.yaml", "TP401", 'doubled punctuation "。。" in title', "1"),
         "severity": "minor", "location": {"path": "plan/tasks/001.yaml", "lines": {"begin": 5}}},
        {"description": "TP999 a note: 100%, (半角) and （全角）", "check_name": "TP999 TP999",
         "fingerprint": fingerprint("plan/tasks/002.yaml", "TP999", "a note: 100%, (半角) and （全角）", "1"),
         "severity": "info", "location": {"path": "plan/tasks/002.yaml", "lines": {"begin": 1}}},  # line 0: GitLab wants ≥ 1
        {"description": "TP505 unit 财政局 is not named by any task", "check_name": "TP505 unused-unit",
         "fingerprint": fingerprint("plan/units.yaml", "TP505", "unit 财政局 is not named by any task", "1"),
         "severity": "minor", "location": {"path": "plan/units.yaml", "lines": {"begin": 2}}},
        {"description": 'TP201 unknown unit "财正局"', "check_name": "TP201 unknown-unit",  # the same text again
         "fingerprint": fingerprint("plan/tasks/001.yaml", "TP201", 'unknown unit "财正局"', "2"),
         "severity": "major", "location": {"path": "plan/tasks/001.yaml", "lines": {"begin": 9}}},
    ]
    assert out.startswith('[\n  {\n    "description": ')  # indented: a CI artefact people open


# --------------------------------------------------------------------------- the output path


def test_findings_view():
    view = findings_view(result(), shown)
    assert view.ids is None and view.footer == "1 error, 2 warnings, 1 info in 7 files"
    assert view.body() == {"files": 7, "findings": [
        {"path": "plan/tasks/001.yaml", "line": 4, "col": 13, "code": "TP201", "rule": "unknown-unit", "severity": "error",
         "message": 'unknown unit "财正局"', "fixable": False},
        {"path": "plan/tasks/001.yaml", "line": 5, "col": 0, "code": "TP401", "rule": "doubled-punctuation",
         "severity": "warning", "message": 'doubled punctuation "。。" in title', "fixable": True},
        {"path": "plan/tasks/002.yaml", "line": 0, "col": 0, "code": "TP999", "rule": "TP999", "severity": "info",
         "message": "a note: 100%, (半角) and （全角）", "fixable": False},
        {"path": "plan/units.yaml", "line": 2, "col": 11, "code": "TP505", "rule": "unused-unit", "severity": "warning",
         "message": "unit 财政局 is not named by any task", "fixable": False},
    ]}
    assert type(view.body()["findings"][0]["message"]) is str  # the English text, not the Message that translates
    [part] = view.tables()
    assert [(c.key, c.header, c.numeric, c.formats) for c in part.columns] == [
        ("path", "file", False, None), ("line", "line", True, None), ("col", "column", True, None),
        ("code", "code", False, None), ("rule", "rule", False, None),
        ("severity", "severity", False, frozenset({"csv"})), ("severity_shown", "severity", False, frozenset({"table", "md"})),
        ("message", "message", False, frozenset({"csv"})), ("shown", "message", False, frozenset({"table", "md"})),
        ("fixable", "fix", False, frozenset({"csv"})), ("fix_shown", "fix", False, frozenset({"table", "md"})),
    ]
    assert [(r["fixable"], r["shown"]) for r in part.rows] == [
        ("", 'unknown unit "财正局"'), ("fix", 'doubled punctuation "。。" in title'), ("", "a note: 100%, (半角) and （全角）"),
        ("", "unit 财政局 is not named by any task")]


def test_json_is_the_envelope():
    assert REPORTERS["json"](result(FINDINGS[:2], 2), shown) == (
        '{\n  "schema_version": 1,\n  "files": 2,\n  "findings": [\n'
        '    {"path": "plan/tasks/001.yaml", "line": 4, "col": 13, "code": "TP201", "rule": "unknown-unit", '
        '"severity": "error", "message": "unknown unit \\"财正局\\"", "fixable": false},\n'
        '    {"path": "plan/tasks/001.yaml", "line": 5, "col": 0, "code": "TP401", "rule": "doubled-punctuation", '
        '"severity": "warning", "message": "doubled punctuation \\"。。\\" in title", "fixable": true}\n'
        "  ]\n}\n"
    )


def test_csv_and_md():
    assert REPORTERS["csv"](result(), shown) == (
        "文件,行,列,代码,规则,级别,问题,修正\n"
        'plan/tasks/001.yaml,4,13,TP201,unknown-unit,error,"unknown unit ""财正局""",\n'
        'plan/tasks/001.yaml,5,0,TP401,doubled-punctuation,warning,"doubled punctuation ""。。"" in title",fix\n'
        'plan/tasks/002.yaml,0,0,TP999,TP999,info,"a note: 100%, (半角) and （全角）",\n'
        "plan/units.yaml,2,11,TP505,unused-unit,warning,unit 财政局 is not named by any task,\n"
    )
    assert REPORTERS["md"](result(FINDINGS[2:3], 1), shown) == (
        "| file | line | column | code | rule | severity | message | fix |\n|---|---:|---:|---|---|---|---|---|\n"
        "| plan/tasks/002.yaml | 0 | 0 | TP999 | TP999 | info | a note: 100%, (半角) and （全角） |  |\n\n"
        "1 info in 1 file\n"
    )


def test_md_speaks_chinese_and_csv_stays_as_json_has_it():
    """md is read by a person: severity, message and fix in the user's language; csv keeps error/warning/info."""
    from taskplan import i18n

    before = i18n.current()
    i18n.set_language("zh")
    try:
        md = REPORTERS["md"](result(FINDINGS[1:2], 1), shown)
        csv = REPORTERS["csv"](result(FINDINGS[1:2], 1), shown)
    finally:
        i18n.set_language(before)
    assert md.splitlines()[2].startswith("| plan/tasks/001.yaml | 5 | 0 | TP401 | doubled-punctuation | 警告 | ")
    assert md.splitlines()[2].endswith(" | 修正 |")
    assert csv.splitlines()[1].startswith("plan/tasks/001.yaml,5,0,TP401,doubled-punctuation,warning,")
    assert csv.splitlines()[1].endswith(",fix")


def test_csv_takes_the_formula_guard_option():
    live = result([Finding("tasks/001.yaml", 1, 1, "TP999", "error", '=HYPERLINK("http://x")')], 1)
    guarded = REPORTERS["csv"](live, lambda p: p)
    assert guarded.splitlines()[1] == 'tasks/001.yaml,1,1,TP999,TP999,error,"\'=HYPERLINK(""http://x"")",'
    assert REPORTERS["csv"](live, lambda p: p, FormatOptions(formula_guard=True)) == guarded
    bare = REPORTERS["csv"](live, lambda p: p, FormatOptions(formula_guard=False))
    assert bare.splitlines()[1] == 'tasks/001.yaml,1,1,TP999,TP999,error,"=HYPERLINK(""http://x"")",'


def test_people_read_the_summary_in_their_language_programs_in_english(chinese):
    two = result(FINDINGS[:1] + FINDINGS[2:3], 2)
    assert summary_line(two) == "1 error, 1 info in 2 files"  # github's annotations, CI logs
    assert summary_line(two, translated=True) == "1 个错误，1 条提示（共 2 个文件）"
    assert text(two, shown).splitlines()[-1] == "1 个错误，1 条提示（共 2 个文件）"
    assert github(two, shown).splitlines()[-1] == "1 error, 1 info in 2 files"
    assert REPORTERS["md"](two, shown).splitlines()[-1] == "1 个错误，1 条提示（共 2 个文件）"
    assert findings_view(two, shown).footer == "1 个错误，1 条提示（共 2 个文件）"
    assert json.loads(REPORTERS["json"](two, shown))["findings"][0]["message"] == 'unknown unit "财正局"'  # English
    assert step_summary(two, shown).splitlines()[2] == "1 error, 1 info in 2 files"

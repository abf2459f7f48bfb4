"""A hostile corpus over every command: one case per table row.

Each row builds a copy of the mini plan with something hostile in it (a
folder where a file belongs, a pipe in tasks/, escape sequences in a title,
a revision that does not exist …), runs one command through the real entry
point and asserts the exact exit code, stdout and stderr — and that no
traceback ever shows.  ``{root}`` in an expected text is the plan directory.
The malformed-YAML corpus is tests/check/test_hostile.py; this one is about
everything around the records.
"""
from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

ESC_TITLE = "今年赤字率\x1b]0;pwned\x07拟按3.6%以上安排。"
T1 = "tasks/001.yaml"


def _mini_task(title: str = "今年赤字率拟按3.6%以上安排。", extra: str = "") -> str:
    return (
        "id: 1\nsection: 1\n"
        f"title: {title}\n"
        "lead: [财政局, 发改局]\nresponsible: [各镇(街道)]\nmeasures: []\n" + extra
    )


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar: the way a control character can be put into a record."""
    return '"' + text.encode("unicode_escape").decode("ascii").replace('"', '\\"') + '"'


FORMULA_TASK = _mini_task(_quoted('=HYPERLINK("http://x","点我")'))
UNITS_AT = (Path(__file__).resolve().parents[1] / "fixtures/mini/units.yaml").read_text(encoding="utf-8").replace(
    "full_name: 示例市财政局", "full_name: '@SUM(1+1)*cmd|'' /C calc''!A0'"
)


def _quoted_list(items: list[str]) -> str:
    return "[" + ", ".join(_quoted(i) for i in items) + "]"


GARBAGE = bytes(range(256)) * 8  # neither text nor a zip
SOURCE_TEXT = "关于印发示例市任务分解的通知\n一、全面落实\n1.今年赤字率拟按3.6%以上安排。（牵头单位：财政局）\n"
UNITS_ESC = (Path(__file__).resolve().parents[1] / "fixtures/mini/units.yaml").read_text(encoding="utf-8").replace(
    "full_name: 示例市财政局", 'full_name: "示例市\\e[2J财政局\\u202e"'
)
COLLECT_NONE = "added 0 progress report(s) and 0 extension request(s) to 0 task file(s) from 1 file; 1 row(s) not taken\n"
DEADLINES_OUT = (  # the excerpt around each phrase shows the escape sequence as text
    (
        "task  unit  date        phrase  stored  text\n"
        "----  ----  ----------  ------  ------  -------------------------------\n"
        "   1  -     2020-12-31  今年            今年赤字率\\x1b]0\n"
        "   1  -     2020-12-31  年底前          pwned\\x07拟按3.6%以上年底前安排\n"
    )
)
OVERDUE_OUT = (
    (
        "As of 2021-01-15: 1 overdue task, under 2 lead units.\n"
        "\n"
        "lead unit  task  deadline    overdue  status  last report  task text\n"
        "---------  ----  ----------  -------  ------  -----------  --------------------------------------------\n"
        "财政局        1  2020-12-31  15 days  未填报  -            今年赤字率\\x1b]0;pwned\\x07拟按3.6%以上安排。\n"
        "发改局        1  2020-12-31  15 days  未填报  -            今年赤字率\\x1b]0;pwned\\x07拟按3.6%以上安排。\n"
    )
)
UNITS_OUT = (
    (
        "Lead: 1\n"
        "\n"
        "id  section  task                          via group\n"
        "--  -------  ----------------------------  ---------\n"
        " 1        1  今年赤字率拟按3.6%以上安排。\n"
        "\n"
        "Responsible: 0\n"
        "(none)\n"
        "\n"
        "Measures: 1 task, 2 items\n"
        "\n"
        "id  this unit's measures\n"
        "--  ------------------------------\n"
        " 1  “积极争取上级转移支付和资金。”\n"
        " 1  “用足用好上级政策。”\n"
        "\n"
        "财政局 (示例市\\x1b[2J财政局\\u202e) · 市直部门: 1 task in all\n"
    )
)


ESC_UNIT_TASK = _mini_task().replace("[财政局, 发改局]", _quoted_list(["财政局", "发改\x1b]0;x\x07局"]))
CHECK_JSON_OUT = (  # json escapes the control characters itself (\u001b), and writes the Chinese as is
    '{\n  "schema_version": 1,\n  "files": 4,\n  "findings": [\n'
    '    {"path": "tasks/001.yaml", "line": 4, "col": 30, "code": "TP201", "rule": "unknown-unit", "severity": "error", '
    '"message": "unknown unit \\"发改\\u001b]0;x\\u0007局\\" (did you mean 发改局?)", "fixable": false}\n'
    '  ]\n}\n'
)
CHECK_MD_OUT = (
    "| file | line | column | code | rule | severity | message | fix |\n|---|---:|---:|---|---|---|---|---|\n"
    '| tasks/001.yaml | 4 | 30 | TP201 | unknown-unit | error | unknown unit "发改\\x1b]0;x\\x07局" (did you mean 发改局?) |  |\n'
    "\n1 error in 4 files\n"
)
CHECK_CSV_OUT = (
    "文件,行,列,代码,规则,级别,问题,修正\n"
    'tasks/001.yaml,4,30,TP201,unknown-unit,error,"unknown unit ""发改\x1b]0;x\x07局"" (did you mean 发改局?)",\n'
)

def _mkdir(rel: str) -> Callable[[Path], None]:
    return lambda root: (root / rel).mkdir(parents=True)


def _mkfifo(rel: str) -> Callable[[Path], None]:
    return lambda root: os.mkfifo(root / rel)


def _replace_with_dir(rel: str) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        (root / rel).unlink()
        (root / rel).mkdir()

    return setup


def _tasks_is_a_file(root: Path) -> None:
    for p in (root / "tasks").iterdir():
        p.unlink()
    (root / "tasks").rmdir()
    (root / "tasks").write_text("not a folder\n", encoding="utf-8")


def _subfolder_task(root: Path) -> None:
    (root / "tasks/2021").mkdir()
    (root / "tasks/2021/147.yaml").write_text((root / T1).read_text(encoding="utf-8"), encoding="utf-8")


def _broken_link(root: Path) -> None:
    (root / "tasks/005.yaml").symlink_to(root / "nowhere.yaml")


def _git_repo(root: Path) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": "/dev/null"}
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "first"]):
        subprocess.run(["git", *args], cwd=root, check=True, env=env)
    newline = root / "tasks/00\n3.yaml"
    newline.write_text(_mini_task("换行文件名的任务。").replace("id: 1", "id: 3").replace("section: 1", "section: 2"), encoding="utf-8")
    for args in (["add", "-A"], ["commit", "-q", "-m", "second"]):
        subprocess.run(["git", *args], cwd=root, check=True, env=env)


@dataclass
class Case:
    argv: list[str]
    code: int
    err: str = ""
    out: str = ""
    files: dict[str, str | bytes | None] = field(default_factory=dict)
    setup: Callable[[Path], None] | None = None
    env: dict[str, str] = field(default_factory=dict)


CASES: dict[str, Case] = {
    # ------------------------------------------------------------- every file accounted for
    "list-tasks-is-a-file": Case(["list"], 2, err="taskplan: error: {root}/tasks is a file, not a folder (task files go in a folder named tasks, e.g. tasks/001.yaml)\n", setup=_tasks_is_a_file),
    "check-tasks-is-a-file": Case(["check"], 2, err="taskplan: error: {root}/tasks is a file, not a folder (task files go in a folder named tasks, e.g. tasks/001.yaml)\n", setup=_tasks_is_a_file),
    "stats-tasks-is-a-file": Case(["stats"], 2, err="taskplan: error: {root}/tasks is a file, not a folder (task files go in a folder named tasks, e.g. tasks/001.yaml)\n", setup=_tasks_is_a_file),
    "fmt-tasks-is-a-file": Case(["fmt", "--check"], 2, err="taskplan: error: {root}/tasks is a file, not a folder (task files go in a folder named tasks, e.g. tasks/001.yaml)\n", setup=_tasks_is_a_file),
    "units-units-yaml-is-a-folder": Case(["units"], 2, err="taskplan: error: {root}/units.yaml is a folder, not a file (remove it or make it a file)\n", setup=_replace_with_dir("units.yaml")),
    "show-units-yaml-is-a-folder": Case(["show", "1"], 2, err="taskplan: error: {root}/units.yaml is a folder, not a file (remove it or make it a file)\n", setup=_replace_with_dir("units.yaml")),
    "new-units-yaml-is-a-folder": Case(["new", "新任务。", "-s", "1", "-l", "财政局"], 2, err="taskplan: error: {root}/units.yaml is a folder, not a file (remove it or make it a file)\n", setup=_replace_with_dir("units.yaml")),
    "sections-plan-yaml-is-a-folder": Case(["-C", ".", "sections"], 2, err="taskplan: error: {root}/plan.yaml is a folder, not a file (remove it or make it a file)\n", setup=_replace_with_dir("plan.yaml")),
    "check-settings-is-a-folder": Case(["check"], 2, err="taskplan: error: {root}/.taskplan.toml is a folder, not a file (remove it or make it a file)\n", setup=_mkdir(".taskplan.toml")),
    "list-settings-is-a-folder": Case(["list"], 2, err="taskplan: error: {root}/.taskplan.toml is a folder, not a file (remove it or make it a file)\n", setup=_mkdir(".taskplan.toml")),
    "overdue-pyproject-is-a-folder": Case(["overdue", "--as-of", "2020-12-31"], 2, err="taskplan: error: {root}/pyproject.toml is a folder, not a file (remove it or make it a file)\n", setup=_mkdir("pyproject.toml")),
    "check-task-in-subfolder": Case(["check"], 1, out="tasks/2021:0:0: error TP009 tasks/2021 is a folder: task files in subfolders are not read (tasks/2021/147.yaml); move them into tasks/\n1 error in 4 files\n", setup=_subfolder_task),
    "check-folder-named-like-a-task": Case(["check"], 1, out="tasks/999.yaml:0:0: error TP009 tasks/999.yaml is a folder, not a task file; remove it or replace it with the task's file\n1 error in 4 files\n", setup=_mkdir("tasks/999.yaml")),
    "check-empty-subfolder": Case(["check"], 1, out="tasks/old:0:0: error TP009 tasks/old is a folder; tasks/ holds only task files, remove it\n1 error in 4 files\n", setup=_mkdir("tasks/old")),
    "check-pipe-in-tasks": Case(["check"], 1, out="tasks/003.yaml:0:0: error TP009 tasks/003.yaml is a named pipe, not a task file; remove it\n1 error in 4 files\n", setup=_mkfifo("tasks/003.yaml")),
    "check-broken-link-in-tasks": Case(["check"], 1, out="tasks/005.yaml:0:0: error TP009 tasks/005.yaml is a broken symbolic link, not a task file; remove it\n1 error in 4 files\n", setup=_broken_link),
    "check-stray-text-file": Case(["check"], 0, out="tasks/notes.txt:0:0: warning TP010 tasks/notes.txt is not a task file (*.yaml) and is not read; move it out of tasks/ or rename it\n1 warning in 4 files\n", files={"tasks/notes.txt": "备注\n"}),
    "check-leftover-temp-file": Case(["check"], 0, out="tasks/.001.yaml.x1y2.tmp:0:0: warning TP010 tasks/.001.yaml.x1y2.tmp is left over from an interrupted write; delete it\n1 warning in 4 files\n", files={"tasks/.001.yaml.x1y2.tmp": "id: 1\n"}),
    "list-task-in-subfolder-refused": Case(["list"], 1, err="tasks/2021:0:0: error TP009 tasks/2021 is a folder: task files in subfolders are not read (tasks/2021/147.yaml); move them into tasks/\n", setup=_subfolder_task),
    "list-reads-yml": Case(["list", "-f", "ids"], 0, out="1\n2\n3\n", files={"tasks/003.yml": _mini_task("第三项任务。").replace("id: 1", "id: 3")}),
    # ------------------------------------------------------------- clear messages
    "show-abc": Case(["show", "abc"], 2, err='taskplan: error: "abc" is not a task number (write the task\'s number, e.g. 12; taskplan list shows them)\n'),
    "show-escape-as-number": Case(["show", "1\x1b[2J"], 2, err='taskplan: error: "1\\x1b[2J" is not a task number (write the task\'s number, e.g. 12; taskplan list shows them)\n'),
    "update-abc": Case(["update", "abc", "--status", "推进中"], 2, err='taskplan: error: "abc" is not a task number (write the task\'s number, e.g. 12; taskplan list shows them)\n'),
    "extend-abc": Case(["extend", "第一", "--to", "2020-12-31", "--reason", "x"], 2, err='taskplan: error: "第一" is not a task number (write the task\'s number, e.g. 12; taskplan list shows them)\n'),
    "show-bad-as-of": Case(["show", "1", "--as-of", "2020-13-45"], 2, err="taskplan: error: --as-of: expected a date YYYY-MM-DD, got '2020-13-45'\n"),
    "list-bad-as-of": Case(["list", "--as-of", "2020-13-45"], 2, err="taskplan: error: --as-of: expected a date YYYY-MM-DD, got '2020-13-45'\n"),
    "overdue-bad-as-of": Case(["overdue", "--as-of", "2020-02-30"], 2, err="taskplan: error: --as-of: expected a date YYYY-MM-DD, got '2020-02-30'\n"),
    "update-future-date": Case(["update", "1", "--status", "推进中", "--date", "2999-01-01"], 2, err="taskplan: error: --date 2999-01-01 is later than today ({today}) (a report is dated when it is made; pass --force to record it anyway)\n"),
    "update-future-date-forced": Case(["update", "1", "--status", "推进中", "--date", "2999-01-01", "--force"], 0, out="tasks/001.yaml: task 1 未填报 -> 推进中, progress entry 2999-01-01 added\n"),
    "report-o-under-a-file": Case(["report", "-o", "plan.yaml/r.md"], 2, err="taskplan: error: cannot write -o plan.yaml/r.md: plan.yaml is a file, not a folder\n"),
    "report-docx-o-deep-under-a-file": Case(["report", "-f", "docx", "-o", "units.yaml/a/b.docx"], 2, err="taskplan: error: cannot write -o units.yaml/a/b.docx: units.yaml is a file, not a folder\n"),
    "report-forms-o-under-a-file": Case(["report", "forms", "-f", "xlsx", "-o", "plan.yaml/forms"], 2, err="taskplan: error: cannot write -o plan.yaml/forms: plan.yaml is a file, not a folder\n"),
    "report-reminders-dir-under-a-file": Case(["report", "reminders", "-o", "plan.yaml/r"], 2, err="taskplan: error: cannot write -o plan.yaml/r: plan.yaml is a file, not a folder\n"),
    "report-reminders-file-under-a-file": Case(["report", "reminders", "-o", "plan.yaml/r.md"], 2, err="taskplan: error: cannot write -o plan.yaml/r.md: plan.yaml is a file, not a folder\n"),
    "report-o-over-units-yaml": Case(["report", "-o", "units.yaml"], 2, err="taskplan: error: cannot write -o units.yaml: it is one of the plan's records; name another file\n"),
    "report-o-over-a-task-file": Case(["report", "-f", "docx", "-o", "./tasks/002.yaml"], 2, err="taskplan: error: cannot write -o tasks/002.yaml: it is one of the plan's records; name another file\n"),
    "report-reminders-o-over-plan-yaml": Case(["report", "reminders", "-o", "plan.yaml"], 2, err="taskplan: error: cannot write -o plan.yaml: it is one of the plan's records; name another file\n"),
    "export-replace-over-plan-yaml": Case(["export", "sqlite", "plan.yaml", "--replace"], 2, err="taskplan: error: cannot write FILE plan.yaml: it is one of the plan's records; name another file\n"),
    "check-step-summary-is-a-folder": Case(["check", "-f", "github"], 2, out="4 files checked, no problems\n", err="taskplan: error: cannot write the step summary ($GITHUB_STEP_SUMMARY) {root}/tasks: it is a folder\n", env={"GITHUB_STEP_SUMMARY": "{root}/tasks"}),
    "check-step-summary-under-a-file": Case(["check", "-f", "github"], 2, out="4 files checked, no problems\n", err="taskplan: error: cannot write the step summary ($GITHUB_STEP_SUMMARY) {root}/plan.yaml/summary.md: {root}/plan.yaml is a file, not a folder\n", env={"GITHUB_STEP_SUMMARY": "{root}/plan.yaml/summary.md"}),
    "diff-no-such-revision": Case(["diff", "nosuchrev"], 2, err='taskplan: error: no revision "nosuchrev" in this git repository (name a commit, branch or tag, e.g. HEAD~1 or main; git log --oneline lists commits)\n', setup=_git_repo),
    "diff-option-as-revision": Case(["diff", "--", "--output=x"], 2, err='taskplan: error: "--output=x" is not a revision (name a commit, branch or tag, e.g. HEAD~1 or main)\n', setup=_git_repo),
    "diff-file-name-with-newline": Case(["diff", "HEAD~1", "HEAD"], 0, out="plan changes HEAD~1 → HEAD: 1 task added\ntask 3: added (section 2, lead 财政局、发改局)\n  + 换行文件名的任务。\n", setup=_git_repo),
    "check-file-name-with-newline": Case(["check", "--select", "TP301"], 1, out="tasks/00\\n3.yaml:1:5: error TP301 file name 00\\n3.yaml does not match id 3; rename the file to 003.yaml\n1 error in 5 files\n", setup=_git_repo),
    # ------------------------------------------------------------- neutralised terminal output
    "show-escape-in-title": Case(["show", "1"], 0, files={T1: _mini_task(_quoted(ESC_TITLE))}, out=(
        "Task 1  ·  一、全面落实积极财政政策\n\n今年赤字率\\x1b]0;pwned\\x07拟按3.6%以上安排。\n\n"
        "Lead units: 财政局 (示例市财政局)、发改局 (示例市发展和改革局)\nResponsible units: 各镇(街道) (镇(街道))\nMeasures:\n  —\n"
    )),
    "list-escape-in-title": Case(["list", "-f", "ids", "--grep", "赤字率"], 0, files={T1: _mini_task(_quoted(ESC_TITLE))}, out="1\n"),
    "list-table-escape-in-title": Case(["list", "--section", "1"], 0, files={T1: _mini_task(_quoted(ESC_TITLE))}, out=(
        "id  section  task                                          lead units      responsible units\n"
        "--  -------  --------------------------------------------  --------------  -----------------\n"
        " 1        1  今年赤字率\\x1b]0;pwned\\x07拟按3.6%以上安排。  财政局、发改局  各镇(街道)\n\n1 task\n"
    )),
    "unknown-unit-with-escape": Case(["list", "--lead", "财政\x1b[31m局"], 2, err='taskplan: error: unknown unit "财政\\x1b[31m局" (did you mean 财政局?)\n'),
    "update-unit-with-escape": Case(["update", "1", "--status", "推进中", "--unit", "\x1b]0;x\x07"], 2, err='taskplan: error: unknown unit "\\x1b]0;x\\x07" (see \'taskplan units\' for the registered names)\n'),
    # ------------------------------------------------------------- neutralised csv (formula guard)
    "list-csv-formula-title": Case(["list", "-f", "csv", "--section", "1"], 0, files={T1: FORMULA_TASK}, out=(
        '编号,板块,任务,牵头单位,责任单位,落实措施\n1,1,"\'=HYPERLINK(""http://x"",""点我"")",财政局、发改局,各镇(街道),\n')),
    "list-csv-formula-title-unguarded": Case(["--no-formula-guard", "list", "-f", "csv", "--section", "1"], 0, files={T1: FORMULA_TASK}, out=(
        '编号,板块,任务,牵头单位,责任单位,落实措施\n1,1,"=HYPERLINK(""http://x"",""点我"")",财政局、发改局,各镇(街道),\n')),
    "units-csv-formula-full-name": Case(["units", "-f", "csv"], 0, files={"units.yaml": UNITS_AT}, out=(
        "名称,类别,全称,别名,牵头,责任,经由组,措施\n财政局,市直部门,'@SUM(1+1)*cmd|' /C calc'!A0,,1,0,0,1\n"
        "发改局,市直部门,示例市发展和改革局,发展改革局,1,0,0,1\n市场局,市直部门,示例市市场监督管理局,市场监督管理局、市场监管局,1,0,0,0\n"
        "西柳镇,镇(街道),示例市西柳镇人民政府,,0,0,1,0\n镇(街道),组,,各镇(街道)、各镇区(街道),0,1,0,0\n")),
    "report-csv-formula-title": Case(["report", "-f", "csv", "--section", "1", "--as-of", "2020-12-31"], 0, files={T1: FORMULA_TASK}, out=(
        "编号,板块,任务内容,牵头单位,责任单位,落实措施,状态,完成时限,进展情况,灯\n"
        '1,一、全面落实积极财政政策,"\'=HYPERLINK(""http://x"",""点我"")",财政局、发改局,各镇(街道),,未填报,,,无时限\n')),
    # ------------------------------------------------------------- the commands around the records (issue 10: every command)
    "init-under-a-file": Case(["init", "units.yaml/x"], 2, err="taskplan: error: cannot write the plan units.yaml/x: units.yaml is a file, not a folder\n"),
    "import-source-is-a-folder": Case(["import", "srcdir", "--into", "new"], 2, err="taskplan: error: srcdir is a directory, not a document\n", setup=_mkdir("srcdir")),
    "import-binary-garbage": Case(["import", "garbage.docx", "--into", "new"], 2, files={"garbage.docx": GARBAGE}, err=(
        "taskplan: error: garbage.docx is a binary file, not a document taskplan reads (import a .txt (UTF-8), .docx or .xlsx document)\n")),
    "import-into-under-a-file": Case(["import", "src.txt", "--into", "units.yaml/x"], 2, files={"src.txt": SOURCE_TEXT},
                                     err="taskplan: error: cannot write --into units.yaml/x: units.yaml is a file, not a folder\n"),
    "schema-folder-is-a-file": Case(["schema"], 2, files={"docs/schema": "not a folder\n"},
                                    err="taskplan: error: cannot write the schema {root}/docs/schema/task.schema.json: {root}/docs/schema is a file, not a folder\n"),
    "schema-file-is-a-folder": Case(["schema"], 2, setup=_mkdir("docs/schema/task.schema.json"),
                                    err="taskplan: error: cannot write the schema {root}/docs/schema/task.schema.json: it is a folder; name a file\n"),
    "rules-code-with-escape": Case(["rules", "TP\x1b[2J"], 2, err="taskplan: error: no rule \"TP\\x1b[2J\" ('taskplan rules' lists them)\n"),
    "deadlines-bad-id-list": Case(["deadlines", "--id", "1-\x1b[2J"], 2, err='taskplan: error: bad id list "1-\\x1b[2J" (write ids and ranges like 1-20,35)\n'),
    "deadlines-escape-in-title": Case(["deadlines", "--extract", "--id", "1"], 0, files={T1: _mini_task(_quoted(ESC_TITLE.replace("安排", "年底前安排")))}, out=DEADLINES_OUT),
    "log-outside-git": Case(["log", "1"], 2, err=(
        "taskplan: error: {root} is not in a git repository (taskplan diff and log read the plan's history from git: git init, then commit the plan)\n")),
    "log-no-such-revision": Case(["log", "1", "--since", "nosuchrev"], 2, setup=_git_repo, err=(
        'taskplan: error: no revision "nosuchrev" in this git repository (name a commit, branch or tag, e.g. HEAD~1 or main; git log --oneline lists commits)\n')),
    "collect-a-folder": Case(["collect", "srcdir"], 1, setup=_mkdir("srcdir"), out=COLLECT_NONE, err="srcdir: not taken: it is a folder, not an Excel workbook (.xlsx)\n"),
    "collect-garbage-xlsx": Case(["collect", "garbage.xlsx"], 1, files={"garbage.xlsx": GARBAGE}, out=COLLECT_NONE,
                                 err="garbage.xlsx: not taken: not an Excel workbook (.xlsx) that can be read: BadZipFile\n"),
    "collect-old-xls": Case(["collect", "form.xls"], 1, files={"form.xls": GARBAGE}, out=COLLECT_NONE,
                            err="form.xls: not taken: not an Excel workbook (.xlsx): save it as .xlsx in Excel or WPS, then collect that file\n"),
    "collect-a-pipe": Case(["collect", "form.xlsx"], 1, setup=_mkfifo("form.xlsx"), out=COLLECT_NONE, err="form.xlsx: not taken: it is a named pipe, not an Excel workbook (.xlsx)\n"),
    "export-under-a-file": Case(["export", "sqlite", "plan.yaml/x.db"], 2, err="taskplan: error: cannot write FILE plan.yaml/x.db: plan.yaml is a file, not a folder\n"),
    "export-to-a-pipe": Case(["export", "sqlite", "x.db", "--replace"], 2, setup=_mkfifo("x.db"), err="taskplan: error: cannot write FILE x.db: it is a named pipe; name a file\n"),
    "export-to-a-folder": Case(["export", "sqlite", "tasks"], 2, err='taskplan: error: "tasks" is a directory (name a file, e.g. tasks/plan.db)\n'),
    "new-unit-with-escape": Case(["new", "新任务。", "-s", "1", "-l", "财政\x1b[31m局"], 2, err='taskplan: error: unknown unit "财政\\x1b[31m局" (did you mean 财政局?)\n'),
    "overdue-escape-in-title": Case(["overdue", "--as-of", "2021-01-15"], 0, files={T1: _mini_task(_quoted(ESC_TITLE), "deadlines:\n  - {date: 2020-12-31, text: 年底前, source: manual}\n")}, out=OVERDUE_OUT),
    "units-escape-in-full-name": Case(["units", "财政局"], 0, files={"units.yaml": UNITS_ESC}, out=UNITS_OUT),
    "check-escape-in-unit-name": Case(["check", "--select", "TP201"], 1, files={T1: ESC_UNIT_TASK}, out=(
        'tasks/001.yaml:4:30: error TP201 unknown unit "发改\\x1b]0;x\\x07局" (did you mean 发改局?)\n1 error in 4 files\n')),
    # the formats of the one output path: json escapes the controls itself, md shows them, csv is data and keeps them
    "check-json-escape-in-unit-name": Case(["check", "--select", "TP201", "-f", "json"], 1, files={T1: ESC_UNIT_TASK}, out=CHECK_JSON_OUT),
    "check-md-escape-in-unit-name": Case(["check", "--select", "TP201", "-f", "md"], 1, files={T1: ESC_UNIT_TASK}, out=CHECK_MD_OUT),
    "check-csv-escape-in-unit-name": Case(["check", "--select", "TP201", "-f", "csv"], 1, files={T1: ESC_UNIT_TASK}, out=CHECK_CSV_OUT),
}


def _expected(text: str, root: Path) -> str:
    import datetime as dt

    return text.replace("{root}", str(root)).replace("{today}", dt.date.today().isoformat())


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_command(cli, make_plan, monkeypatch, name):
    case = CASES[name]
    root = make_plan(case.files)
    if case.setup is not None:
        case.setup(root)
    for key, value in case.env.items():
        monkeypatch.setenv(key, _expected(value, root))
    r = cli(*case.argv, cwd=root)
    assert "Traceback" not in r.out + r.err and "internal error" not in r.err
    if os.environ.get("HOSTILE_PROBE"):
        print(f"\n=== {name}\ncode={r.code}\nout={r.out!r}\nerr={r.err!r}")
        return
    assert (r.code, r.err, r.out) == (case.code, _expected(case.err, root), _expected(case.out, root))


def test_the_corpus_covers_every_command():
    from taskplan.cli.app import COMMANDS, _command_of

    def command(argv: list[str]) -> str:
        args = iter(argv)
        for arg in args:
            if arg == "-C":
                next(args)  # its value
            elif not arg.startswith("-"):
                return arg
        return ""

    covered = {command(case.argv) for case in CASES.values()}
    assert sorted({_command_of(m) for m in COMMANDS} - covered) == []

"""The CLI in the user's language: run as a user runs it, under LANG=zh_CN.UTF-8 and LANG=C.UTF-8.

A fresh process per run: the language is chosen when taskplan is imported.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from taskplan.model.text import display_width

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
LOCALE_VARS = ("TASKPLAN_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def run(lang: str, *args: str, columns: int = 100, **extra: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in LOCALE_VARS}
    env.update({"LANG": lang, "COLUMNS": str(columns), "TERM": "dumb", "TASKPLAN_NO_CACHE": "1", **extra})
    return subprocess.run([sys.executable, "-m", "taskplan", *args], env=env, capture_output=True, text=True)


ZH, C = "zh_CN.UTF-8", "C.UTF-8"


def test_usage_error_in_both_languages():
    zh = run(ZH, "-C", str(MINI), "show", "--bogus")
    assert (zh.returncode, zh.stdout) == (2, "")
    assert zh.stderr == (
        "用法：taskplan show [OPTIONS] {N}\n"
        "运行 'taskplan show -h' 查看帮助。\n"
        "\n"
        "错误：没有选项：--bogus\n"
    )
    en = run(C, "-C", str(MINI), "show", "--bogus")
    assert (en.returncode, en.stdout) == (2, "")
    assert en.stderr == (
        "Usage: taskplan show [OPTIONS] {N}\n"
        "Try 'taskplan show -h' for help.\n"
        "\n"
        "Error: No such option: --bogus\n"
    )


def test_unknown_command_suggests_in_both_languages():
    zh = run(ZH, "lst")
    assert zh.returncode == 2
    assert zh.stderr.splitlines()[-1] == "错误：没有命令 'lst'。 是否要找 'list'？"
    en = run(C, "lst")
    assert en.stderr.splitlines()[-1] == "Error: No such command 'lst'. Did you mean 'list'?"


def test_bad_choice_in_both_languages():
    zh = run(ZH, "-C", str(MINI), "list", "--sort", "x")
    assert zh.stderr.splitlines()[-1] == "错误：'--sort' 的值无效：'x' 不是 'id', 'section', 'lead' 之一。"
    en = run(C, "-C", str(MINI), "list", "--sort", "x")
    assert en.stderr.splitlines()[-1] == "Error: Invalid value for '--sort': Value error, 'x' is not one of 'id', 'section', 'lead'."  # as typer words it


def test_language_variable_wins_and_taskplan_lang_wins_over_all():
    assert run(C, "--help", LANGUAGE="zh_CN:en").stdout.startswith("用法：taskplan")
    assert run(ZH, "--help", TASKPLAN_LANG="en").stdout.startswith("Usage: taskplan")
    assert run(ZH, "--help", LC_ALL="C").stdout.startswith("Usage: taskplan")


@pytest.mark.parametrize("lang", [ZH, C])
@pytest.mark.parametrize("columns", [60, 80, 120])
def test_help_fits_the_terminal_by_display_width(lang, columns):
    for command in ("list", "units", "check", "report"):
        out = run(lang, command, "--help", columns=columns).stdout
        wide = [line for line in out.splitlines() if display_width(line) > columns]
        assert wide == [], f"{command}: {wide}"


# --------------------------------------------------------------------------- whole outputs, both languages

PROGRESS = MINI.parent / "progress"


def both(*args: str, columns: int = 80, **extra: str) -> tuple[subprocess.CompletedProcess, subprocess.CompletedProcess]:
    return run(ZH, *args, columns=columns, **extra), run(C, *args, columns=columns, **extra)


def broken_plan(tmp_path: Path) -> Path:
    """The mini plan with a duplicate key, an unknown unit, a unit named twice and an id gap (tasks 1, 2, 4)."""
    import shutil

    plan = tmp_path / "plan"
    shutil.copytree(MINI, plan, ignore=shutil.ignore_patterns(".taskplan-cache"))
    (plan / "tasks" / "004.yaml").write_text(
        "id: 4\nsection: 2\ntitle: 甲。\nlead: [财务局, 市场局, 市场监管局]\nresponsible: []\nmeasures: []\n", encoding="utf-8")
    (plan / "tasks" / "005.yaml").write_text("id: 5\nid: 5\n", encoding="utf-8")
    return plan


def test_check_messages_and_summary_in_both_languages(tmp_path):
    plan = broken_plan(tmp_path)
    zh, en = both("-C", str(plan), "check")
    assert (zh.returncode, en.returncode, zh.stderr, en.stderr) == (1, 1, "", "")
    four, five = (os.path.relpath(plan / "tasks" / name) for name in ("004.yaml", "005.yaml"))
    assert zh.stdout == (
        f"{four}:1:5: 警告 TP303 任务编号跳到 4（前一个是 2）；缺少 3\n"
        f"{four}:4:8: 错误 TP201 未知单位“财务局”（是否要找 财政局？）\n"
        f"{four}:4:18: 警告 TP203 牵头单位中 市场局 出现两次（写作“市场局”）；请删除“市场监管局”\n"
        f"{five}:2:1: 错误 TP004 键“id”重复（第一次在第 1 行）；只保留一个\n"
        "2 个错误，2 个警告（共 6 个文件）\n"
    )
    assert en.stdout == (
        f"{four}:1:5: warning TP303 task ids jump to 4 after 2; 3 missing\n"
        f"{four}:4:8: error TP201 unknown unit \"财务局\" (did you mean 财政局?)\n"
        f"{four}:4:18: warning TP203 lead names 市场局 twice (as \"市场局\"); remove \"市场监管局\"\n"
        f"{five}:2:1: error TP004 duplicate key \"id\" (first defined on line 1); keep one of them\n"
        "2 errors, 2 warnings in 6 files\n"
    )


def test_check_machine_formats_are_the_same_in_both_languages_and_md_follows_the_language(tmp_path):
    """json, csv, github and gitlab are read by programs: English messages and keys (csv: the Chinese
    headers of every csv) whoever runs them; md is read by a person, in the person's language."""
    plan = broken_plan(tmp_path)
    four, five = (os.path.relpath(plan / "tasks" / name) for name in ("004.yaml", "005.yaml"))
    for fmt in ("json", "csv", "github", "gitlab"):
        zh, en = both("-C", str(plan), "check", "-f", fmt)
        assert (zh.returncode, zh.stderr, zh.stdout) == (en.returncode, en.stderr, en.stdout), fmt
    zh, en = both("-C", str(plan), "check", "-f", "json")
    assert zh.stdout == (
        '{\n  "schema_version": 1,\n  "files": 6,\n  "findings": [\n'
        f'    {{"path": "{four}", "line": 1, "col": 5, "code": "TP303", "rule": "id-gap", "severity": "warning", '
        '"message": "task ids jump to 4 after 2; 3 missing", "fixable": false},\n'
        f'    {{"path": "{four}", "line": 4, "col": 8, "code": "TP201", "rule": "unknown-unit", "severity": "error", '
        '"message": "unknown unit \\"财务局\\" (did you mean 财政局?)", "fixable": false},\n'
        f'    {{"path": "{four}", "line": 4, "col": 18, "code": "TP203", "rule": "duplicate-unit-in-role", "severity": "warning", '
        '"message": "lead names 市场局 twice (as \\"市场局\\"); remove \\"市场监管局\\"", "fixable": false},\n'
        f'    {{"path": "{five}", "line": 2, "col": 1, "code": "TP004", "rule": "duplicate-key", "severity": "error", '
        '"message": "duplicate key \\"id\\" (first defined on line 1); keep one of them", "fixable": false}\n'
        "  ]\n}\n"
    )
    zh, en = both("-C", str(plan), "check", "-f", "csv")
    assert zh.stdout.splitlines()[:3] == [
        "文件,行,列,代码,规则,级别,问题,修正",
        f"{four},1,5,TP303,id-gap,warning,task ids jump to 4 after 2; 3 missing,",
        f'{four},4,8,TP201,unknown-unit,error,"unknown unit ""财务局"" (did you mean 财政局?)",',
    ]
    zh, en = both("-C", str(plan), "check", "-f", "md")
    assert (zh.returncode, en.returncode) == (1, 1)
    assert zh.stdout == (
        "| 文件 | 行 | 列 | 代码 | 规则 | 级别 | 问题 | 修正 |\n|---|---:|---:|---|---|---|---|---|\n"
        f"| {four} | 1 | 5 | TP303 | id-gap | 警告 | 任务编号跳到 4（前一个是 2）；缺少 3 |  |\n"
        f"| {four} | 4 | 8 | TP201 | unknown-unit | 错误 | 未知单位“财务局”（是否要找 财政局？） |  |\n"
        f"| {four} | 4 | 18 | TP203 | duplicate-unit-in-role | 警告 | 牵头单位中 市场局 出现两次（写作“市场局”）；请删除“市场监管局” |  |\n"
        f"| {five} | 2 | 1 | TP004 | duplicate-key | 错误 | 键“id”重复（第一次在第 1 行）；只保留一个 |  |\n"
        "\n2 个错误，2 个警告（共 6 个文件）\n"
    )
    assert en.stdout.splitlines()[0] == "| file | line | column | code | rule | severity | message | fix |"
    assert en.stdout.splitlines()[-1] == "2 errors, 2 warnings in 6 files"


def test_a_warm_cache_speaks_the_language_of_the_run_not_of_the_run_that_filled_it(tmp_path):
    plan = broken_plan(tmp_path)
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    cold = {lang: run(lang, "-C", str(plan), "check").stdout for lang in (ZH, C)}
    for filled_by in (C, ZH):  # one language fills the cache, then both read it
        env = dict(XDG_CACHE_HOME=str(cache), TASKPLAN_NO_CACHE="")
        run(filled_by, "-C", str(plan), "check", **env)
        assert any((cache / "taskplan" / "plans").rglob("data-*"))
        assert {lang: run(lang, "-C", str(plan), "check", **env).stdout for lang in (ZH, C)} == cold


def test_a_clean_plan_says_so_in_both_languages():
    zh, en = both("-C", str(MINI), "check", "--select", "TP001")
    assert (zh.stdout, en.stdout) == ("已检查 4 个文件，没有问题\n", "4 files checked, no problems\n")


def test_list_headers_and_matched_words_in_both_languages():
    zh, en = both("-C", str(PROGRESS), "list", "--lead", "财政局", "--unit", "发改局")
    assert zh.stdout == (
        "编号  板块  任务                           牵头单位   责任单位    匹配\n"
        "----  ----  -----------------------------  ---------  ----------  --------------\n"
        "   1     1  保障中小企业款项支付,11月底前  财政局、   各镇(街道)  财政局 牵头；\n"
        "            无分歧账款清零。               发改局                 发改局 牵头\n"
        "\n"
        "1 项任务\n"
    )
    assert en.stdout == (  # a header wraps between its words, never inside one
        "id  section  task                        lead       responsible    matched\n"
        "                                         units      units\n"
        "--  -------  --------------------------  ---------  -------------  -------------\n"
        " 1        1  保障中小企业款项支付,11月   财政局、   各镇(街道)     财政局 lead;\n"
        "             底前无分歧账款清零。        发改局                    发改局 lead\n"
        "\n"
        "1 task\n"
    )


def test_a_missing_choice_argument_in_both_languages():
    # Click puts the choices on lines of their own after a tab, which the escaping of messages showed as a
    # literal \t ("Choose from:\n\\tsqlite"): the choices follow on the same line in both languages
    zh, en = both("export")
    assert (zh.returncode, en.returncode) == (2, 2)
    assert zh.stderr == (
        "用法：taskplan export [OPTIONS] {target} {FILE}\n"
        "运行 'taskplan export -h' 查看帮助。\n"
        "\n"
        "错误：缺少参数 'target'。可选：sqlite\n"
    )
    assert en.stderr == (
        "Usage: taskplan export [OPTIONS] {target} {FILE}\n"
        "Try 'taskplan export -h' for help.\n"
        "\n"
        "Error: Missing argument 'target'. Choose from: sqlite\n"
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_several_missing_choices_are_one_list_in_the_users_language(lang):
    # export has one target today; Click's wording of several is "a,\n\tb,\n\tc"
    from taskplan import i18n
    from taskplan.cli.localize import _message

    before = i18n.current()
    i18n.set_language(lang)
    try:
        shown = _message("Missing argument 'target'. Choose from:\n\tsqlite,\n\tcsv,\n\tmd")
    finally:
        i18n.set_language(before)
    assert shown == {"zh": "缺少参数 'target'。可选：sqlite、csv、md",
                     "en": "Missing argument 'target'. Choose from: sqlite, csv, md"}[lang]


def test_help_lines_join_without_a_space_between_chinese_characters():
    from taskplan.cli.helpformat import join_lines

    assert join_lines(["列出日期、", "作者、提交说明"]) == "列出日期、作者、提交说明"
    assert join_lines(["source: form FILE};", "申请延期至 becomes"]) == "source: form FILE}; 申请延期至 becomes"
    assert join_lines(["the 牵头单位", "and"]) == "the 牵头单位 and"
    zh = run(ZH, "units", "--help", columns=80).stdout
    assert "编号。 " not in zh and "全部任务编号。\n" in zh


def test_diff_and_log_in_both_languages(tmp_path):
    import shutil

    plan = tmp_path / "plan"
    shutil.copytree(MINI, plan, ignore=shutil.ignore_patterns(".taskplan-cache"))

    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=督查室", "-c", "user.email=d@example.org", *args], cwd=plan, check=True,
                       capture_output=True)

    git("init", "-q")
    git("add", ".")
    git("commit", "-qm", "方案")
    task = plan / "tasks" / "002.yaml"
    task.write_text(task.read_text(encoding="utf-8").replace("lead: [市场监督管理局]", "lead: [市场监督管理局, 财政局]")
                    .replace("      - 6月末完成摸底。", "      - 6月末完成摸底。\n      - 年底前完成。"), encoding="utf-8")
    git("commit", "-qam", "任务 2")
    # lists of changes are lists of names: 、 in Chinese, ", " in English (i18n.names_list)
    task.write_text(task.read_text(encoding="utf-8").replace("lead: [市场监督管理局, 财政局]", "lead: [发改局, 西柳镇]"),
                    encoding="utf-8")
    units = plan / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace("aliases: [发展改革局]", "aliases: [发改委, 市发改局]"),
                     encoding="utf-8")
    zh, en = both("-C", str(plan), "diff", "HEAD")
    assert (zh.returncode, zh.stderr, en.returncode, en.stderr) == (0, "", 0, "")
    assert zh.stdout == (
        "方案变化 HEAD → 工作区：修改 1 项任务、plan.yaml/units.yaml 有 1 处变化\n"
        "任务 2：牵头：+ 发改局、+ 西柳镇、− 市场监督管理局、− 财政局\n"
        "units.yaml：发改局：别名 + 发改委、+ 市发改局、− 发展改革局\n"
    )
    assert en.stdout == (
        "plan changes HEAD → working tree: 1 task changed, 1 change to\n"  # fitted to the 80 columns
        "  plan.yaml/units.yaml\n"
        "task 2: lead: + 发改局, + 西柳镇, − 市场监督管理局, − 财政局\n"
        "units.yaml: 发改局: aliases + 发改委, + 市发改局, − 发展改革局\n"
    )
    git("checkout", "--", ".")
    zh, en = both("-C", str(plan), "diff", "HEAD~1", "HEAD")
    assert zh.stdout == (
        "方案变化 HEAD~1 → HEAD：修改 1 项任务\n"
        "任务 2：牵头：+ 财政局\n"
        "任务 2：修改 整项任务 的落实措施\n"
        "  + 年底前完成。\n"
    )
    assert en.stdout == (
        "plan changes HEAD~1 → HEAD: 1 task changed\n"
        "task 2: lead: + 财政局\n"
        "task 2: measures changed for (the task as a whole)\n"
        "  + 年底前完成。\n"
    )
    zh, en = both("-C", str(plan), "log", "2")
    assert [line.split(" ", 2)[2] if not line.startswith(" ") else line for line in zh.stdout.splitlines()] == [
        "督查室: 任务 2", "    牵头：+ 财政局", "    修改 整项任务 的落实措施", "      + 年底前完成。",
        "督查室: 方案", "    新增（板块 2，牵头单位 市场监督管理局）", "      + 稳健的货币政策要更加灵活适度。"]
    assert [line.split(" ", 2)[2] if not line.startswith(" ") else line for line in en.stdout.splitlines()] == [
        "督查室: 任务 2", "    lead: + 财政局", "    measures changed for (the task as a whole)", "      + 年底前完成。",
        "督查室: 方案", "    added (section 2, lead 市场监督管理局)", "      + 稳健的货币政策要更加灵活适度。"]


@pytest.mark.parametrize("lang", [ZH, C])
def test_every_commands_help_fits_60_columns(lang):
    from taskplan.cli.app import COMMANDS, _command_of

    for command in map(_command_of, COMMANDS):
        out = run(lang, command, "--help", columns=60).stdout
        assert out, command
        wide = [line for line in out.splitlines() if display_width(line) > 60]
        assert wide == [], f"{command}: {wide}"


def test_an_extra_argument_in_both_languages():
    """Typer's Click words it "argument(s)": the Chinese message must still be found."""
    zh, en = both("sections", "9")
    assert (zh.returncode, en.returncode) == (2, 2)
    assert zh.stderr.split("\n\n")[-1] == "错误：多余的参数（9）\n"
    assert en.stderr.split("\n\n")[-1] == "Error: Got unexpected extra argument(s) (9)\n"

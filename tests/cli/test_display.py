"""Tables as a reader gets them: fitted to the width (terminal, COLUMNS, or 100 when piped) by the rules of
Chinese line breaking, unit names never split; --wide unwrapped; colour only on a terminal, never with NO_COLOR."""
from __future__ import annotations

import io
import re

import pytest
import yaml

from taskplan.cli import display
from taskplan.model.text import display_width
from taskplan.output.wrap import CLOSING, OPENING

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROGRESS = ROOT / "tests" / "fixtures" / "progress"  # the repo plan stores no deadlines or progress yet
TABLE_COMMANDS = [
    ("list",),
    ("list", "--unit", "西柳镇"),
    ("list", "--lead", "财政局", "--unit", "税务局"),
    ("units",),
    ("units", "财政局"),
    ("sections",),
    ("stats",),
    ("rules",),
    ("show", "4"),
    ("-C", str(PROGRESS), "overdue", "--as-of", "2020-12-31"),
    ("-C", str(PROGRESS), "deadlines"),
    ("-C", str(PROGRESS), "deadlines", "--extract"),
    ("-C", str(PROGRESS), "list", "--overdue", "--as-of", "2020-12-31"),
    ("-C", str(PROGRESS), "units", "--as-of", "2020-12-31"),
    ("-C", str(PROGRESS), "show", "2", "--as-of", "2020-12-31"),
]
PROSE_HEADERS = {"任务", "任务内容", "原文", "标题", "本单位落实措施", "说明", "检查内容", "名称",
                 "task", "task text", "text", "title", "this unit's measures", "what it finds", "name"}


def unit_names() -> set[str]:
    names = set()
    units = yaml.safe_load((ROOT / "units.yaml").read_text(encoding="utf-8"))
    for entry in (units.get("units") or []) + (units.get("groups") or []):
        names |= {entry["name"], *(entry.get("aliases") or []), *([entry["full_name"]] if entry.get("full_name") else [])}
    for path in (ROOT / "tasks").glob("*.yaml"):
        task = yaml.safe_load(path.read_text(encoding="utf-8"))
        names |= set(task.get("lead") or []) | set(task.get("responsible") or [])
    return {n for n in names if len(n) >= 2}


NAMES = unit_names()


def chunks(line: str) -> list[tuple[int, str]]:
    """(display column, text) of each cell-like piece of a line (pieces are separated by 2+ spaces)."""
    out, col = [], 0
    for piece in re.split(r"( {2,})", line):
        if piece.strip() and not piece.startswith("  "):
            out.append((col + display_width(piece) - display_width(piece.lstrip()), piece.strip()))
        col += display_width(piece)
    return out


def split_names(lines: list[str]) -> list[str]:
    """Unit names cut between a line and the next one in the same column (prose columns aside)."""
    found = []
    prose_cols: set[int] = set()
    for upper, lower in zip(lines, lines[1:]):
        above = dict(chunks(upper))
        for col, text in chunks(upper):
            if text in PROSE_HEADERS:
                prose_cols.add(col)
        for col, text in chunks(lower):
            if col in prose_cols or col not in above or above[col] in PROSE_HEADERS:
                continue
            head = above[col]
            for name in NAMES:
                for k in range(1, len(name)):
                    if head.endswith(name[:k]) and text.startswith(name[k:]) and name not in head and name not in text:
                        found.append(f"{head!r} / {text!r}: {name}")
    return found


@pytest.fixture(params=["en", "zh"])
def language(request):
    """The tables in both languages (their headers and labels differ in width)."""
    from taskplan import i18n

    before = i18n.current()
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language(before)


def _ids(args: tuple[str, ...]) -> str:
    return " ".join(a.replace(str(PROGRESS), "progress") for a in args)


@pytest.mark.parametrize("width", [60, 80, 120])
@pytest.mark.parametrize("args", TABLE_COMMANDS, ids=_ids)
def test_every_table_command_respects_the_width_and_chinese_line_breaking(cli, monkeypatch, language, args, width):
    monkeypatch.setenv("COLUMNS", str(width))
    r = cli("-C", str(ROOT), *args)
    assert r.code in (0, 1) and r.err == "", r.err
    lines = r.out.splitlines()
    assert lines, args
    too_wide = [line for line in lines if display_width(line) > width]
    assert too_wide == []
    starts = [line for line in lines if line.strip() and line.strip()[0] in CLOSING - set("%")]
    assert starts == []
    ends = [line for line in lines if line.strip() and line.rstrip()[-1] in OPENING]
    assert ends == []
    assert split_names(lines) == []


def test_piped_output_is_fitted_to_columns_else_100(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "70")
    narrow = cli("-C", str(ROOT), "list", "--lead", "财政局").out.splitlines()
    assert max(display_width(line) for line in narrow) <= 70
    monkeypatch.delenv("COLUMNS")
    piped = cli("-C", str(ROOT), "list", "--lead", "财政局").out.splitlines()
    assert 90 < max(display_width(line) for line in piped) <= 100
    wide = cli("-C", str(ROOT), "list", "--lead", "财政局", "--wide").out.splitlines()
    assert len(wide) == 2 + 26 + 2  # header, rule, one line per task, blank, footer
    assert max(display_width(line) for line in wide) > 300


def test_machine_formats_are_never_wrapped(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "40")
    ids = cli("-C", str(ROOT), "list", "--lead", "财政局", "-f", "ids").out.splitlines()
    assert len(ids) == 26
    rows = cli("-C", str(ROOT), "list", "--lead", "财政局", "-f", "csv").out
    assert rows.count("\n") > 26 and "\x1b" not in rows
    body = cli("-C", str(ROOT), "units", "-f", "json").out
    assert "各市场监督管理分局市场规范管理科" in body and max(display_width(line) for line in body.splitlines()) > 40


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    "environ, tty, when, coloured",
    [
        ({"TERM": "xterm"}, True, "auto", True),
        ({"TERM": "xterm"}, False, "auto", False),  # piped
        ({"TERM": "xterm", "NO_COLOR": "1"}, True, "auto", False),
        ({"TERM": "xterm", "NO_COLOR": ""}, True, "auto", True),  # an empty NO_COLOR is not set
        ({"TERM": "dumb"}, True, "auto", False),
        ({"FORCE_COLOR": "1"}, False, "auto", True),
        ({"FORCE_COLOR": "0"}, False, "auto", False),
        ({"NO_COLOR": "1"}, False, "always", True),  # the command line wins over the environment
        ({"FORCE_COLOR": "1"}, True, "never", False),
    ],
)
def test_colour_follows_no_color_org(environ, tty, when, coloured):
    display.settings.color = display.ColorWhen(when)
    try:
        stream = Tty() if tty else io.StringIO()
        assert display.use_color(stream, environ) is coloured
    finally:
        display.reset()


def test_lights_are_coloured_only_when_asked_and_never_with_no_color(cli, monkeypatch, tmp_path):
    args = ("-C", str(PROGRESS), "list", "--overdue", "--as-of", "2020-12-01")
    plain = cli(*args)
    assert "\x1b[" not in plain.out and "红灯" in plain.out  # piped: no colour
    forced = cli(*args, "--color", "always")
    assert forced.out.count("\x1b[31m红灯\x1b[0m") == plain.out.count("红灯") == 2
    assert forced.out.replace("\x1b[31m", "").replace("\x1b[0m", "") == plain.out  # colour adds nothing else
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[31m红灯" in cli(*args).out
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in cli(*args).out


def test_check_colours_the_severity_only_when_asked(cli, tmp_path, language):
    import shutil

    plan = tmp_path / "plan"
    shutil.copytree(ROOT / "tests" / "fixtures" / "mini", plan)
    (plan / "tasks" / "002.yaml").write_text(
        (plan / "tasks" / "002.yaml").read_text(encoding="utf-8").replace("lead: [市场监督管理局]", "lead: [财务局]"), encoding="utf-8")
    plain = cli("-C", str(plan), "check")
    coloured = cli("-C", str(plan), "check", "--color", "always")
    word = {"en": "error", "zh": "错误"}[language]
    assert "\x1b[" not in plain.out and f": {word} TP201" in plain.out
    assert f": \x1b[31m{word}\x1b[0m TP201" in coloured.out
    rules = cli("rules", "--color", "always").out.splitlines()
    assert rules[2].startswith(f"TP001  \x1b[31m{word}\x1b[0m")
    assert rules[4].startswith("TP003  \x1b[33m" + {"en": "warning", "zh": "警告"}[language] + "\x1b[0m")


def _history(tmp_path: Path) -> Path:
    """A git repository of the repo's own plan files for tasks 4 and 47, with one commit changing both."""
    import shutil
    import subprocess

    plan = tmp_path / "plan"
    plan.mkdir()
    for name in ("plan.yaml", "units.yaml"):
        shutil.copy(ROOT / name, plan / name)
    (plan / "tasks").mkdir()
    for name in ("004.yaml", "047.yaml"):
        shutil.copy(ROOT / "tasks" / name, plan / "tasks" / name)

    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=督查室", "-c", "user.email=d@example.org", *args], cwd=plan, check=True,
                       capture_output=True)

    git("init", "-q")
    git("add", ".")
    git("commit", "-qm", "导入方案：任务 4 和 47，含牵头单位、责任单位、落实措施，以及各单位报送的全部文字说明和附件清单")
    for name in ("004.yaml", "047.yaml"):
        path = plan / "tasks" / name
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("title: ", "title: 【调整】", 1), encoding="utf-8")
    git("commit", "-qam", "调整标题")
    return plan


@pytest.mark.parametrize("width", [60, 80, 120])
def test_log_and_diff_wrap_like_the_tables(cli, monkeypatch, language, tmp_path, width):
    plan = _history(tmp_path)
    monkeypatch.setenv("COLUMNS", str(width))
    for args in (("log", "4"), ("log", "47"), ("diff", "HEAD~1", "HEAD")):
        r = cli("-C", str(plan), *args)
        assert (r.code, r.err) == (0, ""), r.err
        lines = r.out.splitlines()
        assert len(lines) > 3
        assert [line for line in lines if display_width(line) > width] == []
        assert [line for line in lines if line.strip() and line.strip()[0] in CLOSING - set("%+-")] == []
        assert [line for line in lines if line.strip() and line.rstrip()[-1] in OPENING] == []
    wide = cli("-C", str(plan), "log", "4", "-f", "json").out  # json is never wrapped
    assert "调整标题" in wide


def test_check_text_is_one_line_per_finding_whatever_the_width(cli, monkeypatch, language, tmp_path):
    """Editors' problem matchers and CI read path:line:col: severity CODE message one line at a time."""
    import shutil

    plan = tmp_path / "plan"
    shutil.copytree(ROOT / "tests" / "fixtures" / "mini", plan)
    (plan / "tasks" / "002.yaml").write_text(
        (plan / "tasks" / "002.yaml").read_text(encoding="utf-8").replace("lead: [市场监督管理局]", "lead: [财务局, 税务稽查局, 市场监督管理局]"),
        encoding="utf-8")
    monkeypatch.setenv("COLUMNS", "40")
    r = cli("-C", str(plan), "check")
    assert r.code == 1
    findings = r.out.splitlines()[:-1]
    severity = {"en": "error", "zh": "错误"}[language]  # the severity word a person reads (findings.severity_word)
    assert len(findings) == 2 and all(re.match(rf"\S+:\d+:\d+: {severity} TP201 ", line) for line in findings)
    assert max(display_width(line) for line in findings) > 40


def test_every_light_of_the_vocabulary_has_its_colour_stated():
    from taskplan.progress.state import LIGHTS

    assert set(display.LIGHT_COLOURS) == set(LIGHTS)  # a new or renamed light cannot go uncoloured unnoticed
    assert {name: display._colour(name) for name in LIGHTS.values()} == {
        "红灯": "\x1b[31m", "黄灯": "\x1b[33m", "绿灯": "\x1b[32m", "无时限": None}
    assert display._colour("红") is None and display._colour("red") is None  # only a light's full name is painted

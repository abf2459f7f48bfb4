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

TABLE_COMMANDS = [
    ("list",),
    ("list", "--unit", "西柳镇"),
    ("list", "--lead", "财政局", "--unit", "税务局"),
    ("units",),
    ("units", "财政局"),
    ("sections",),
    ("stats",),
    ("overdue", "--as-of", "2020-12-31"),
    ("deadlines",),
    ("rules",),
    ("show", "4"),
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


@pytest.mark.parametrize("width", [60, 80, 120])
@pytest.mark.parametrize("args", TABLE_COMMANDS, ids=" ".join)
def test_every_table_command_respects_the_width_and_chinese_line_breaking(cli, monkeypatch, args, width):
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
    args = ("-C", str(ROOT / "tests" / "fixtures" / "progress"), "overdue", "--as-of", "2020-12-01")
    plain = cli(*args)
    assert "\x1b[" not in plain.out
    forced = cli(*args, "--color", "always")
    assert "\x1b[31m" in forced.out or "\x1b[33m" in forced.out or "\x1b[32m" in forced.out or "未启动" in forced.out
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in cli(*args).out

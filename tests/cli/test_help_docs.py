"""Every command has help text, and docs/cli.md (English) and docs/cli.zh_CN.md (Chinese) are the
reference built from that help.

Both are regenerated with ``TASKPLAN_UPDATE_GOLDEN=1 make test``; the test
fails when a command's help changed and the reference was not updated.  The
Chinese reference comes from a fresh interpreter under LANG=zh_CN.UTF-8: help
is translated when the command modules are imported.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from taskplan.cli.app import app
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

DOC = ROOT / "docs" / "cli.md"
DOCS = {"en": DOC, "zh": ROOT / "docs" / "cli.zh_CN.md"}
INTRO = {
    "en": ("# Command reference\n", "Generated from `taskplan --help` and each command's `--help` "
           "(`TASKPLAN_UPDATE_GOLDEN=1 make test` regenerates it; a test fails when it is out of date). "
           "中文版：[cli.zh_CN.md](cli.zh_CN.md).\n"),
    "zh": ("# 命令参考\n", "由 `taskplan --help` 和各命令的 `--help` 生成（`TASKPLAN_UPDATE_GOLDEN=1 make test` "
           "重新生成；与帮助不一致时测试失败）。English: [cli.md](cli.md).\n"),
}

# Prints every help page of the CLI in the language of its environment, separated by NUL.
_HELP_PAGES = """
import contextlib, io, sys
from taskplan.cli.app import main, app
import typer.main
names = list(typer.main.get_command(app).commands)
for args in [[]] + [[n] for n in names]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main([*args, "--help"])
    assert code == 0, args
    sys.stdout.write(" ".join(args) + "\\0" + out.getvalue() + "\\0")
"""


def help_pages(language: str) -> list[tuple[str, str]]:
    env = {k: v for k, v in os.environ.items() if k not in ("TASKPLAN_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env.update(LANG="zh_CN.UTF-8" if language == "zh" else "C.UTF-8", COLUMNS="100", TERM="dumb")
    done = subprocess.run([sys.executable, "-c", _HELP_PAGES], env=env, capture_output=True, text=True, check=True)
    parts = done.stdout.split("\0")
    return list(zip(parts[0:-1:2], parts[1::2]))


def command_names() -> list[str]:
    import typer.main

    group = typer.main.get_command(app)
    return list(group.commands)


@pytest.fixture
def help_of(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("TERM", "dumb")

    def run(*args: str) -> str:
        r = cli(*args, "--help")
        assert (r.code, r.err) == (0, "")
        return r.out

    return run


def test_every_command_has_a_summary_and_option_help(help_of):
    names = command_names()
    assert len(names) == 21
    checked = 0
    for name in names:
        text = help_of(name)
        assert text.startswith(f"Usage: taskplan {name} ")
        summary = text.split("\n\n")[1].strip()
        assert len(summary) > 15, f"{name}: help summary missing"
        lines = text.splitlines()
        start = lines.index("Options:")  # the option table; "  --x" in the description above is prose
        options = [i for i, line in enumerate(lines) if i > start and line.startswith("  -") and "--help" not in line]
        checked += len(options)
        for i in options:
            # help beside the option (after a gap of 2+ spaces), or on the next line when the option is long
            beside = len(re.split(r"\s{2,}", lines[i].strip())) >= 2
            below = i + 1 < len(lines) and lines[i + 1].startswith(" " * 20) and lines[i + 1].strip() != ""
            assert beside or below, f"{name}: option without help: {lines[i]!r}"
    assert checked > 50  # the commands have many options: none of them went unchecked by a wrong parse


def build_reference(language: str) -> str:
    parts = list(INTRO[language])
    for name, page in help_pages(language):
        parts.append(f"## taskplan {name}".rstrip() + "\n")
        parts.append("```text\n" + page + "```\n")
    return "\n".join(parts)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_docs_cli_md_is_the_current_help(language, help_of):
    text = build_reference(language)
    if language == "en":  # the in-process CLI (English) prints the same pages
        assert f"## taskplan list\n\n```text\n{help_of('list')}```" in text
    else:
        assert "用法：taskplan list [OPTIONS]" in text and "Usage:" not in text
    doc = DOCS[language]
    if os.environ.get("TASKPLAN_UPDATE_GOLDEN"):
        if os.environ.get("CI"):  # rewriting the file first would make this test pass whatever the help says
            pytest.fail("TASKPLAN_UPDATE_GOLDEN is for a developer's machine, never under CI")
        doc.write_text(text, encoding="utf-8")
    assert doc.read_text(encoding="utf-8") == text, f"docs/{doc.name} is out of date: TASKPLAN_UPDATE_GOLDEN=1 make test"


def test_every_command_is_documented_in_a_topic_page():
    pages = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.md") if not p.name.startswith("cli."))
    missing = [name for name in command_names() if f"taskplan {name}" not in pages]
    assert missing == []

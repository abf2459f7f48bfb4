"""Every command has help text, and docs/cli.md is the reference built from that help.

docs/cli.md is regenerated with ``TASKPLAN_UPDATE_GOLDEN=1 make test``; the
test fails when a command's help changed and the reference was not updated.
"""
from __future__ import annotations

import os
import re

import pytest

from taskplan.cli.app import app
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

DOC = ROOT / "docs" / "cli.md"


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
    assert len(names) == 18
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


def build_reference(help_of) -> str:
    parts = [
        "# Command reference\n",
        "Generated from `taskplan --help` and each command's `--help` "
        "(`TASKPLAN_UPDATE_GOLDEN=1 make test` regenerates it; a test fails when it is out of date).\n",
        "## taskplan\n",
        "```text\n" + help_of() + "```\n",
    ]
    for name in command_names():
        parts.append(f"## taskplan {name}\n")
        parts.append("```text\n" + help_of(name) + "```\n")
    return "\n".join(parts)


def test_docs_cli_md_is_the_current_help(help_of):
    text = build_reference(help_of)
    if os.environ.get("TASKPLAN_UPDATE_GOLDEN"):
        if os.environ.get("CI"):  # rewriting the file first would make this test pass whatever the help says
            pytest.fail("TASKPLAN_UPDATE_GOLDEN is for a developer's machine, never under CI")
        DOC.write_text(text, encoding="utf-8")
    assert DOC.read_text(encoding="utf-8") == text, "docs/cli.md is out of date: TASKPLAN_UPDATE_GOLDEN=1 make test"


def test_every_command_is_documented_in_a_topic_page():
    pages = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.md") if p.name != "cli.md")
    missing = [name for name in command_names() if f"taskplan {name}" not in pages]
    assert missing == []

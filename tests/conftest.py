"""Shared fixtures: run the CLI in-process and capture exactly what a user sees."""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from taskplan.cli.app import main

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys, monkeypatch):
    """cli(*args, cwd=None) -> Result(code, out, err), through the real entry point."""

    def run(*args: str, cwd: Path | None = None) -> Result:
        monkeypatch.setenv("TASKPLAN_NO_CACHE", "1")
        if cwd is not None:
            monkeypatch.chdir(cwd)
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def mini(tmp_path) -> Path:
    """A writable copy of tests/fixtures/mini (two tasks, two sections)."""
    dest = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", dest, ignore=shutil.ignore_patterns(".taskplan-cache"))
    return dest

"""Shared fixtures: run the CLI in-process and capture exactly what a user sees; build mini plans with files replaced."""
from __future__ import annotations

import os
import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

# The in-process suite speaks English whatever the developer's locale (the language is chosen
# when taskplan.i18n is first imported); tests/cli/test_language.py runs the CLI in both languages.
os.environ["TASKPLAN_LANG"] = "en"

from taskplan.cli.app import main  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture(autouse=True)
def private_cache_home(tmp_path_factory, monkeypatch):
    """Every test gets its own user cache directory (store/cache.py), never the developer's ~/.cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))


@pytest.fixture(autouse=True)
def _no_installed_ci_source(monkeypatch):
    """init/import name the taskplan CI installs from how it was installed; tests must not depend on that."""
    import taskplan.records.scaffold

    monkeypatch.setattr(taskplan.records.scaffold, "installed_source", lambda: None)


@pytest.fixture
def chinese():
    """The test runs as a person with LANG=zh_CN.UTF-8 (the suite itself speaks English)."""
    from taskplan import i18n

    before = i18n.current()
    i18n.set_language("zh")
    yield
    i18n.set_language(before)


@pytest.fixture
def cli(capsys, monkeypatch):
    """cli(*args, cwd=None) -> Result(code, out, err), through the real entry point."""
    # piped output is fitted to COLUMNS (else 100): the suite's tables stay one line per row unless a
    # test sets its own width (tests/cli/test_display.py checks the fitting)
    monkeypatch.setenv("COLUMNS", "1000")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)

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

@pytest.fixture
def make_plan(tmp_path):
    """make_plan({"tasks/003.yaml": "...", "tasks/002.yaml": None}) -> plan dir (None deletes a file)."""

    def build(files: dict[str, str | bytes | None] | None = None, name: str = "plan") -> Path:
        dest = tmp_path / name
        shutil.copytree(FIXTURES / "mini", dest, ignore=shutil.ignore_patterns(".taskplan-cache"))  # a developer's run may leave one
        for rel, content in (files or {}).items():
            target = dest / rel
            if content is None:
                target.unlink()
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
        return dest

    return build


def findings_of(root: Path, *codes: str) -> list[str]:
    """The formatted findings of ``codes`` only (all codes when none are given)."""
    from taskplan.check.config import CheckConfig
    from taskplan.check.engine import check_plan

    config = CheckConfig(select=list(codes) or ["TP"])
    return [f.format() for f in check_plan(root, config).findings]


@pytest.fixture
def found():
    return findings_of

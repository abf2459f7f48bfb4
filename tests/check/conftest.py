"""Fixtures for check tests: a mini plan with some files replaced."""
from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


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

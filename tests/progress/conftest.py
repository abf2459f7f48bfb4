import shutil
from pathlib import Path

import pytest

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "progress"


@pytest.fixture
def progress_plan(tmp_path) -> Path:
    """A writable copy of tests/fixtures/progress (8 tasks with statuses, deadlines, progress, extensions, comments)."""
    dest = tmp_path / "progress"
    shutil.copytree(FIXTURE, dest, ignore=shutil.ignore_patterns(".taskplan-cache"))
    return dest

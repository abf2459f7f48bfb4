"""Find the plan directory: the nearest ancestor holding plan.yaml."""
from __future__ import annotations

from pathlib import Path

from taskplan.errors import UsageError

PLAN_FILE = "plan.yaml"
UNITS_FILE = "units.yaml"
TASKS_DIR = "tasks"


def find_plan_dir(start: Path | None = None, *, explicit: bool = False) -> Path:
    """Return the directory holding plan.yaml at or above ``start``.

    With ``explicit`` (``taskplan -C DIR``) only ``start`` itself is accepted:
    a user who names a directory means that one.
    """
    here = (start or Path.cwd()).resolve()
    if explicit:
        if not here.is_dir():
            raise UsageError(f"{here}: no such directory")
        if not (here / PLAN_FILE).is_file():
            raise UsageError(f"{here}: no {PLAN_FILE} here", hint="point -C at a plan directory")
        return here
    for directory in (here, *here.parents):
        if (directory / PLAN_FILE).is_file():
            return directory
    raise UsageError(
        f"no {PLAN_FILE} in {here} or any parent directory",
        hint="run inside a plan repository, use -C DIR, or create one with 'taskplan import'",
    )

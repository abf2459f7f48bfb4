"""Find the plan directory: the nearest ancestor holding plan.yaml."""
from __future__ import annotations

from pathlib import Path

from taskplan.i18n import M_
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
            raise UsageError(M_("{here}: no such directory", here=here))
        if not (here / PLAN_FILE).is_file():
            raise UsageError(M_("{here}: no {PLAN_FILE} here", here=here, PLAN_FILE=PLAN_FILE), hint=M_("point -C at a plan directory"))
        return here
    for directory in (here, *here.parents):
        if (directory / PLAN_FILE).is_file():
            return directory
    raise UsageError(
        M_("no {PLAN_FILE} in {here} or any parent directory", PLAN_FILE=PLAN_FILE, here=here),
        hint=M_("run inside a plan repository, use -C DIR, or create one with 'taskplan import'"),
    )

"""Find the plan directory: the nearest ancestor holding plan.yaml."""
from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Sequence

from taskplan.i18n import M_
from taskplan.errors import UsageError

PLAN_FILE = "plan.yaml"
SETTINGS_FILES = (".taskplan.toml", "pyproject.toml")
UNITS_FILE = "units.yaml"
TASKS_DIR = "tasks"

# --------------------------------------------------------------------------- the file-name rule of task files
# One rule, used by discovery (load), new, import, fmt, diff, log and check (TP301):
# * a task file is a file in tasks/ whose name ends .yaml or .yml;
# * its name states its id: NNN.yaml is task NNN, zero-padded to at least three digits (004.yaml;
#   0004.yaml is accepted too); taskplan writes exactly three (1000 and above: as many as needed).

TASK_SUFFIXES = (".yaml", ".yml")


def is_task_file(name: str) -> bool:
    """Whether a file named ``name`` in tasks/ is a task record (*.yaml, *.yml)."""
    return name.endswith(TASK_SUFFIXES)


def task_file_name(task_id: int) -> str:
    """The name taskplan writes for task ``task_id``: 001.yaml … 999.yaml, 1000.yaml (from the id only, never from text)."""
    return f"{task_id:03d}.yaml"


def task_path(task_id: int) -> str:
    """tasks/NNN.yaml, plan-relative."""
    return f"{TASKS_DIR}/{task_file_name(task_id)}"


def file_id(name: str) -> int | None:
    """The id a task file's name states (``tasks/004.yaml`` → 4, any zero padding), or None (``extra.yaml``)."""
    base = name.rsplit("/", 1)[-1]
    if not is_task_file(base):
        return None
    stem = base.rsplit(".", 1)[0]
    return int(stem) if stem.isascii() and stem.isdigit() else None


def names_id(name: str, task_id: int) -> bool:
    """Whether a task file's name is right for the id it holds: the id, zero-padded to at least three digits."""
    stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return file_id(name) == task_id and len(stem) >= 3


def find_plan_dir(start: Path | None = None, *, explicit: bool = False) -> Path:
    """Return the directory holding plan.yaml at or above ``start``.

    With ``explicit`` (``taskplan -C DIR``) only ``start`` itself is accepted:
    a user who names a directory means that one.
    """
    here = (start or Path.cwd()).resolve()
    if explicit:
        if not here.is_dir():
            raise UsageError(M_("{here}: no such directory", here=here))
        if not is_regular_file(here / PLAN_FILE):
            raise UsageError(M_("{here}: no {PLAN_FILE} here", here=here, PLAN_FILE=PLAN_FILE), hint=M_("point -C at a plan directory"))
        return checked(here)
    for directory in (here, *here.parents):
        if is_regular_file(directory / PLAN_FILE):
            return checked(directory)
    raise UsageError(
        M_("no {PLAN_FILE} in {here} or any parent directory", PLAN_FILE=PLAN_FILE, here=here),
        hint=M_("run inside a plan repository, use -C DIR, or create one with 'taskplan import'"),
    )


def checked(root: Path) -> Path:
    """``root``, once its settings files are known to be files or absent (a settings folder is exit 2)."""
    for name in SETTINGS_FILES:
        is_regular_file(root / name)
    return root


KINDS = {stat.S_IFDIR: "a folder", stat.S_IFIFO: "a named pipe", stat.S_IFSOCK: "a socket",
         stat.S_IFCHR: "a device", stat.S_IFBLK: "a device", stat.S_IFLNK: "a broken symbolic link"}


def kind_of(path: Path | str) -> str:
    """What ``path`` is, in words ("a folder", "a named pipe" …), for messages."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "a broken symbolic link" if os.path.islink(path) else "missing"
    except NotADirectoryError:
        return "missing"
    return "a file" if stat.S_ISREG(mode) else KINDS.get(stat.S_IFMT(mode), "not a file")


def is_regular_file(path: Path | str) -> bool:
    """True for a file, False when nothing is there; a folder, pipe or broken link there is a usage error.

    Settings files and the records the plan cannot do without are read
    only when they are files: anything else under their name would be
    skipped (a settings folder ignores every setting) or hang (a pipe), so
    it stops the command, naming the path (exit 2).
    """
    kind = kind_of(path)
    if kind == "a file":
        return True
    if kind == "missing":
        return False
    raise UsageError(f"{path} is {kind}, not a file", hint="remove it or make it a file")


def plan_relative(root: Path, paths: list[Path]) -> list[str]:
    """``paths`` as typed (files or folders, relative to the current directory) → plan-relative posix paths.

    A path that does not exist or lies outside the plan is a usage error naming it.
    """
    out = []
    for p in paths:
        full = p.resolve()
        if not full.exists():
            raise UsageError(M_("{p}: no such file or directory", p=p))
        try:
            rel = full.relative_to(root)
        except ValueError:
            raise UsageError(M_("{p}: not inside the plan directory {root}", p=p, root=root)) from None
        out.append(rel.as_posix())
    return out


def under(path: str, wanted: Sequence[str]) -> bool:
    """Whether plan-relative ``path`` is one of ``wanted`` or inside one of them ("" and "." are the whole plan)."""
    return any(path == w or path.startswith(w.rstrip("/") + "/") or w in ("", ".") for w in wanted)

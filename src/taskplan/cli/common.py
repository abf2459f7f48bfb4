"""Helpers shared by command modules: locating and loading the plan."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

import typer

from taskplan.errors import UsageError
from taskplan.i18n import M_
from taskplan.store.discover import find_plan_dir
from taskplan.store.load import LoadedPlan, load_plan


def plan_dir(ctx: typer.Context) -> Path:
    opts = ctx.find_root().obj
    directory = getattr(opts, "directory", None)
    return find_plan_dir(directory, explicit=directory is not None)


def load(ctx: typer.Context, *, strict: bool = True) -> LoadedPlan:
    """Load the plan; with ``strict`` a plan with errors is refused (DataError, exit 1)."""
    opts = ctx.find_root().obj
    loaded = load_plan(plan_dir(ctx), use_cache=not getattr(opts, "no_cache", False))
    return loaded.require_valid() if strict else loaded


def task_number(text: str) -> int:
    """The task number N of ``show N``/``update N``/``extend N``; a clear message naming what was typed."""
    import unicodedata

    value = unicodedata.normalize("NFKC", text).strip()  # full-width digits (１２) are the same number
    if value.isascii() and value.lstrip("+").isdigit():
        return int(value)
    shown = value.encode("unicode_escape").decode("ascii") if not value.isprintable() else value
    raise UsageError(M_("\"{shown}\" is not a task number", shown=shown), hint=M_("write the task's number, e.g. 12; taskplan list shows them"))


def formula_guard(ctx: typer.Context | None) -> bool:
    """The global --formula-guard/--no-formula-guard (cli/app.py)."""
    return getattr(ctx.find_root().obj, "formula_guard", True) if ctx is not None else True


def use_cache(ctx: typer.Context) -> bool:
    """False under the global --no-cache."""
    return not getattr(ctx.find_root().obj, "no_cache", False)


def exit_with(code: int) -> None:
    """End a command with ``code`` (0: return normally, as a command that prints and ends does)."""
    if code:
        raise typer.Exit(code)


def display_path(root: Path) -> Callable[[str], str]:
    """Plan-relative path -> path relative to the current directory (what editors and CI open)."""
    cwd = Path.cwd().resolve()
    try:
        prefix = os.path.relpath(root, cwd)
    except ValueError:  # another drive on Windows
        prefix = str(root)
    if prefix == ".":
        return lambda p: p
    prefix = prefix.replace(os.sep, "/")
    return lambda p: f"{prefix}/{p}"

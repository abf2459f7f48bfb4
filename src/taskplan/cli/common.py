"""Helpers shared by command modules: locating and loading the plan."""
from __future__ import annotations

from pathlib import Path

import typer

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

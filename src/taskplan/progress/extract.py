"""Deadline extraction over a whole plan directory (``import --extract-deadlines``)."""
from __future__ import annotations

from pathlib import Path

from taskplan.progress.deadlines import extract_plan
from taskplan.progress.edit import store_plan_deadlines
from taskplan.store.load import load_plan


def extract_into(root: Path) -> str:
    """Read the deadline phrases of every task under ``root`` and store the new ones; returns a summary line."""
    from taskplan.i18n import _

    loaded = load_plan(Path(root), use_cache=False).require_valid()
    if loaded.plan is None or loaded.plan.year is None:
        return _("not extracted: plan.yaml has no date, so the plan year is unknown")
    proposals = extract_plan(loaded.tasks, loaded.plan.year)
    result = store_plan_deadlines(loaded.root, loaded.tasks, loaded.task_paths, proposals)
    recurring = sum(p.recurring for p in proposals)
    return _("{n} found ({recurring} recurring); {stored}").format(n=len(proposals), recurring=recurring, stored=result.line())

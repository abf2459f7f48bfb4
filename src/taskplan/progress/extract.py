"""Deadlines over a whole plan: ``import --extract-deadlines`` and ``taskplan deadlines [--extract [--write]]``."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from taskplan.errors import UsageError
from taskplan.i18n import M_
from taskplan.model.records import Task
from taskplan.output.formats import View
from taskplan.progress.deadlines import Proposal, extract_plan, extract_task
from taskplan.progress.edit import StoreResult, new_proposals, store_plan_deadlines
from taskplan.progress.render import deadlines_view, proposals_view
from taskplan.progress.snapshot import plan_year
from taskplan.query.select import tasks_with_ids
from taskplan.store.load import LoadedPlan, load_plan


def extract_into(root: Path) -> str:
    """Read the deadline phrases of every task under ``root`` and store the new ones; returns a summary line."""
    loaded = load_plan(Path(root), use_cache=False).require_valid()
    if loaded.plan is None or loaded.plan.year is None:
        return "not extracted: plan.yaml has no date, so the plan year is unknown"
    proposals = extract_plan(loaded.tasks, loaded.plan.year)
    result = store_plan_deadlines(loaded.root, loaded.tasks, loaded.task_paths, proposals)
    recurring = sum(p.recurring for p in proposals)
    return f"{len(proposals)} found ({recurring} recurring); " + result.line()


@dataclass
class DeadlineListing:
    """``taskplan deadlines``: the stored deadlines of ``tasks``, or (``extracted``) the proposals read from their text."""

    root: Path
    tasks: list[Task]
    task_paths: dict[int, str]
    view: View
    proposals: list[Proposal] | None = None  # None: the stored deadlines were listed, nothing was extracted

    def store(self) -> StoreResult:
        """Store the proposals not stored yet, as ``source: extracted`` (``--write``)."""
        if self.proposals is None:
            raise UsageError(M_("--write stores extracted deadlines; use it with --extract"))
        return store_plan_deadlines(self.root, self.tasks, self.task_paths, self.proposals)


def deadline_listing(loaded: LoadedPlan, ids: Sequence[str] = (), *, extract: bool = False, year: int | None = None) -> DeadlineListing:
    """The deadlines of the tasks ``ids`` names (every task without), or with ``extract`` the deadline
    phrases read from their titles and measures in ``year`` (default: plan.yaml's), new ones marked."""
    tasks = tasks_with_ids(loaded, ids)
    if not extract:
        return DeadlineListing(loaded.root, tasks, loaded.task_paths, deadlines_view(tasks))
    the_year = plan_year(loaded, year)
    proposals: list[Proposal] = []
    fresh: set[tuple[int, tuple]] = set()
    for task in tasks:
        found = extract_task(task, the_year)
        proposals += found
        fresh |= {(p.task_id, p.key()) for p in new_proposals(task, found)}
    return DeadlineListing(loaded.root, tasks, loaded.task_paths, proposals_view(proposals, fresh), proposals)

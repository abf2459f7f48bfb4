"""The query commands' views with progress: when states are computed and the progress settings read.

``list`` computes states only when a progress filter (status, overdue, light …)
is used, and then shows each listed task's status, due date and light;
``units`` adds the progress columns when the plan tracks progress or a date
was asked for; ``overdue`` groups the overdue tasks by lead unit.  The CLI
parses the options, calls one of these and prints the View.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Sequence

from taskplan.output.formats import View
from taskplan.output.views import task_view, unit_view, units_view
from taskplan.progress.filters import PROGRESS_FILTERS, states_of
from taskplan.query.select import QueryOptions, Term, select
from taskplan.index.roles import ROLES, PlanIndex


def uses_progress(terms: Sequence[Term]) -> bool:
    """Whether a query filters on progress (then it needs states, and shows them)."""
    return any(t.name in PROGRESS_FILTERS for t in terms)


def list_view(
    index: PlanIndex, terms: Sequence[Term], *, root: Path, as_of: dt.date, groups: bool = True,
    roles: tuple[str, ...] = ROLES, sort: str = "id", full_names: bool = False,
) -> View:
    """``taskplan list``: the tasks matching ``terms``; with a progress filter also their state as of ``as_of``.

    The progress settings are read only when a progress filter is used: a plain
    listing never opens them (nor fails on them).
    """
    progress = uses_progress(terms)
    state_config = None
    if progress:  # a plain list (the common, timed case) imports no more of progress
        from taskplan.progress.snapshot import config_at

        state_config = config_at(root, index.plan)
    options = QueryOptions(groups=groups, roles=roles, as_of=as_of, state_config=state_config)
    view = task_view(select(index, list(terms), options, sort=sort), index, full_names=full_names)
    if not progress:
        return view
    from taskplan.progress.units_view import add_task_progress

    return add_task_progress(view, states_of(index, options), as_of.isoformat())


def units_listing(index: PlanIndex, name: str | None, *, root: Path, as_of: dt.date | None, today: dt.date, groups: bool = True) -> View:
    """``taskplan units [UNIT]``: one unit's responsibility list, or every unit with its counts.

    The list of every unit gets the progress columns of the tasks each unit leads
    (as of ``as_of``, else ``today``) when a date was given or any task has
    progress fields: a plan that tracks no progress gets no empty columns.
    """
    from taskplan.progress.render import has_progress_fields
    from taskplan.progress.snapshot import index_lead_units, index_states
    from taskplan.progress.units_view import add_progress
    from taskplan.query.stats import compute_stats  # not at module level: `list` never needs it

    entry = index.resolver.require(name) if name is not None else None
    stats = compute_stats(index)
    if entry:
        return unit_view(entry, stats, index, groups=groups)
    view = units_view(stats, index)
    if as_of is None and not any(has_progress_fields(t) for t in index.tasks):
        return view
    day = as_of or today
    return add_progress(view, index_lead_units(index, index_states(root, index, day)), day.isoformat())


def overdue_listing(index: PlanIndex, *, root: Path, as_of: dt.date, unit: str | None = None) -> View:
    """``taskplan overdue``: overdue tasks by lead unit (only ``unit``, any spelling, when given), most overdue first."""
    from taskplan.progress.render import overdue_view
    from taskplan.progress.snapshot import index_states, overdue_by_lead

    states = index_states(root, index, as_of)
    groups = overdue_by_lead(index, states, unit)
    return overdue_view(groups, states, {t.id: t for t in index.tasks}, as_of)


def show_lines(loaded: Any, task_id: int, as_of: dt.date, width: int) -> list[str]:
    """``taskplan show N``: the task (section, title, roles with full names, measures), then, when it
    has progress fields, its state as of ``as_of``, deadlines, extensions and log; lines fit ``width``."""
    from taskplan.model.registry import Resolver
    from taskplan.output.show import hanging, task_lines
    from taskplan.progress.render import has_progress_fields, task_progress_lines

    task = loaded.task(task_id)
    lines = list(task_lines(task, loaded.plan, Resolver(loaded.registry), width))
    if not has_progress_fields(task):
        return lines
    from taskplan.progress.snapshot import config_for
    from taskplan.progress.state import task_state

    for line in task_progress_lines(task, task_state(task, as_of, config_for(loaded)), as_of):
        lead = line[: len(line) - len(line.lstrip())]
        lines += hanging(lead, line.strip(), width, lead + "  ") if line.strip() else [line]
    return lines

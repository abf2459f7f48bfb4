"""The progress picture of a loaded plan as of a date: config, task states, lead units."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from taskplan.i18n import M_
from taskplan.progress.config import load_config
from taskplan.progress.state import StateConfig, TaskState, plan_states
from taskplan.progress.summary import UnitProgress, by_lead_unit
from taskplan.model.records import Plan
from taskplan.store.load import LoadedPlan

if TYPE_CHECKING:  # pragma: no cover
    from taskplan.index.roles import PlanIndex


def config_at(root: Path, plan: Plan | None) -> StateConfig:
    """The plan's progress settings, with its date as the start of reporting."""
    return load_config(root, plan.date if plan else None)


def config_for(loaded: LoadedPlan) -> StateConfig:
    return config_at(loaded.root, loaded.plan)


def index_states(root: Path, index: PlanIndex, as_of: dt.date) -> dict[int, TaskState]:
    """States for a query index (``taskplan.query.select.PlanIndex``), which has no root of its own."""
    return plan_states(index.tasks, as_of, config_at(root, index.plan))


def index_lead_units(index: PlanIndex, states: dict[int, TaskState]) -> dict[str, UnitProgress]:
    def canonical(name: str) -> str:
        entry = index.resolve(name)  # memoised per spelling
        return entry.name if entry else name

    return by_lead_unit(index.tasks, states, canonical)


def states_for(loaded: LoadedPlan, as_of: dt.date) -> dict[int, TaskState]:
    return plan_states(loaded.tasks, as_of, config_for(loaded))


def plan_year(loaded: LoadedPlan, year: int | None = None) -> int:
    """The year deadline phrases are read in: ``year`` if given, else plan.yaml's date."""
    from taskplan.errors import UsageError

    if year is not None:
        return year
    if loaded.plan is None or loaded.plan.year is None:
        raise UsageError(M_("plan.yaml has no date, so the plan year is unknown"), hint=M_("add date: to plan.yaml or pass --year"))
    return loaded.plan.year


def overdue_by_lead(index: PlanIndex, states: dict[int, TaskState], unit: str | None = None) -> list[UnitProgress]:
    """The lead units with overdue tasks, most overdue first (ties keep the order they first lead a task);
    only ``unit`` (any spelling) when given."""
    groups = [g for g in index_lead_units(index, states).values() if g.overdue]
    if unit is not None:
        wanted = index.resolver.require(unit).name
        groups = [g for g in groups if g.unit == wanted]
    return sorted(groups, key=lambda g: -len(g.overdue))  # stable

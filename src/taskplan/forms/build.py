"""Which rows each unit's 填报表 holds: every task the unit owes, with its role, measures, deadline and status.

"Owes" is the plan index's answer (``PlanIndex.roles_of``): the unit is named
as lead, responsible or measure owner, directly or through a group it
belongs to.  Nothing here reads the clock: states are computed as of the
date passed in.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from taskplan.i18n import M_
from taskplan.errors import UsageError
from taskplan.forms.sheet import FormRow, plan_identity
from taskplan.model.registry import Entry
from taskplan.progress.snapshot import config_for
from taskplan.progress.state import task_state
from taskplan.index.roles import PlanIndex, RoleMatch
from taskplan.model.records import measure_text
from taskplan.store.load import LoadedPlan

ROLE_WORDS = {"lead": "牵头", "responsible": "责任", "measure": "措施"}


@dataclass(frozen=True)
class UnitForm:
    """One unit's form: who, as of when, of which plan, and its rows."""

    unit: Entry
    as_of: dt.date
    plan_title: str
    plan_id: str
    rows: tuple[FormRow, ...]


def identity_of(loaded: LoadedPlan) -> tuple[str, str]:
    """(title, fingerprint) of the loaded plan."""
    plan = loaded.plan
    if plan is None:
        raise UsageError(M_("the plan has no plan.yaml"))
    return plan.title, plan_identity(plan.title, plan.issuer, plan.date.isoformat() if plan.date else None)


def role_label(matches: tuple[RoleMatch, ...]) -> str:
    """牵头, 责任(经由镇(街道)), 措施 … joined with 、 in document order."""
    words = [ROLE_WORDS[m.role] + (f"(经由{m.via})" if m.via else "") for m in matches]
    return "、".join(dict.fromkeys(words))


def _measures(index: PlanIndex, task, unit: Entry) -> str:
    """The measures the task gives this unit, or a group through which the unit owes it (the one role model's)."""
    return "\n".join(measure_text(via, items) for via, items in index.own_measures(task, unit))


def _due_text(state, task) -> str:
    if state.due is not None:
        return state.due.isoformat() + (f"(原定{state.original_due.isoformat()})" if state.extended else "")
    return "；".join(d.text for d in task.deadlines)


def unit_form(loaded: LoadedPlan, index: PlanIndex, unit: Entry, as_of: dt.date) -> UnitForm:
    title, plan_id = identity_of(loaded)
    config = config_for(loaded)
    rows = []
    for task in index.tasks:
        matches = index.roles_of(task, unit)
        if not matches:
            continue
        state = task_state(task, as_of, config)
        rows.append(FormRow(task.id, task.title, role_label(matches), _measures(index, task, unit),
                            _due_text(state, task), state.status))
    return UnitForm(unit, as_of, title, plan_id, tuple(rows))


def _not_the_placeholder(unit: str) -> None:
    """``--unit （无牵头单位）``: the heading reports list lead-less tasks under is no unit; no form is written for it.

    Forms go to units that owe a task; a task without lead is on the forms of its
    responsible units, so the placeholder never has a form of its own (and a form's
    identity sheet never names it)."""
    from taskplan.model.text import name_key
    from taskplan.progress.summary import NO_LEAD

    if name_key(unit) == name_key(NO_LEAD):
        raise UsageError(
            M_("\"{name}\" is not a unit: reports list the tasks that name no lead under it, and no form is written for it", name=NO_LEAD),
            hint=M_("those tasks are on the forms of their responsible units; give each a 牵头单位 (taskplan check reports them as TP208)"),
        )


def plan_forms(loaded: LoadedPlan, as_of: dt.date, unit: str | None = None) -> list[UnitForm]:
    """One form per unit that owes at least one task (registry order); only ``unit``'s when given."""
    index = PlanIndex.of(loaded)
    if unit is not None:
        _not_the_placeholder(unit)
        entry = index.resolver.require(unit)
        if entry.is_group:
            members = "、".join(entry.members) or "none listed in units.yaml"
            raise UsageError(M_("\"{entry_name}\" is a group: its members fill in the forms", entry_name=entry.name), hint=M_("name one of them: {members}", members=members))
        form = unit_form(loaded, index, entry, as_of)
        if not form.rows:
            raise UsageError(M_("{entry_name} owes no task in this plan: no form to write", entry_name=entry.name))
        return [form]
    forms = [unit_form(loaded, index, e, as_of) for e in index.resolver.entries.values() if not e.is_group]
    return [f for f in forms if f.rows]

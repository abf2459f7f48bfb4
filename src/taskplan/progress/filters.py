"""Progress filters for queries (``taskplan list``): status, overdue, due-before, due-within, light.

Registered in the query module's filter registry, so they work both as
``list`` options (``--status 推进中 --overdue``) and in filter expressions
(``'status:in-progress overdue:yes light:red,yellow due-within:30d'``).
Every one is computed as of ``QueryOptions.as_of`` (the CLI passes --as-of or today).
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

from taskplan.i18n import M_
from taskplan.model.dates import parse_date
from taskplan.errors import UsageError
from taskplan.model.records import Task
from taskplan.progress.state import LIGHT_WORDS, LIGHTS as LIGHT_NAMES, StateConfig, TaskState, plan_states
from taskplan.progress.status import parse_status
from taskplan.query.select import FILTERS, Predicate, QueryOptions, register_filter
from taskplan.index.roles import PlanIndex

LIGHTS = tuple(LIGHT_NAMES)
_YES = {"yes": True, "true": True, "1": True, "是": True, "no": False, "false": False, "0": False, "否": False}


def states_of(index: PlanIndex, options: QueryOptions) -> dict[int, TaskState]:
    """States of every task as of the query's date, computed once per index and date."""
    if not isinstance(options.as_of, dt.date):
        raise UsageError(M_("progress filters need a date"), hint=M_("pass --as-of YYYY-MM-DD"))
    config = options.state_config if isinstance(options.state_config, StateConfig) else StateConfig()
    cache = index.__dict__.setdefault("_progress_states", {})
    key = (options.as_of, config)
    if key not in cache:
        cache[key] = plan_states(index.tasks, options.as_of, config)
    return cache[key]


def _words(value: str) -> list[str]:
    return [w for w in re.split(r"[,,\s]+", unicodedata.normalize("NFKC", value).strip()) if w]


@register_filter("status", "status as of --as-of: 推进中 or in-progress …, several with commas; 未填报/unreported for none")
def _status_filter(value: str, index: PlanIndex, options: QueryOptions) -> Predicate:
    wanted = {parse_status(w, allow_unreported=True) for w in _words(value)}
    if not wanted:
        raise UsageError(M_("--status needs a value"), hint=M_("e.g. 推进中 or in-progress"))
    states = states_of(index, options)
    return lambda task: states[task.id].status in wanted


@register_filter("overdue", "yes: a deadline has passed and the task is not 已完成/已销号 (no: the others)")
def _overdue_filter(value: str, index: PlanIndex, options: QueryOptions) -> Predicate:
    flag = _YES.get(unicodedata.normalize("NFKC", value).strip().lower())
    if flag is None:
        raise UsageError(M_("overdue takes yes or no, got \"{value}\"", value=value))
    states = states_of(index, options)
    return lambda task: states[task.id].overdue == flag


def parse_days(value: str) -> int:
    """``30d``, ``30``, ``30天``, ``2w`` -> days."""
    m = re.fullmatch(r"(\d+)\s*([dw天周]?)", unicodedata.normalize("NFKC", value).strip().lower())
    if not m:
        raise UsageError(M_("--due-within: expected a number of days like 30d or 2w, got {value!r}", value=value))
    return int(m.group(1)) * (7 if m.group(2) in ("w", "周") else 1)


def _open(state: TaskState) -> bool:
    return state.due is not None and not state.done


@register_filter("due-before", "open tasks whose (extended) deadline is before DATE")
def _due_before_filter(value: str, index: PlanIndex, options: QueryOptions) -> Predicate:
    limit = parse_date(value, "--due-before")
    states = states_of(index, options)
    return lambda task: _open(states[task.id]) and states[task.id].due < limit


@register_filter("due-within", "open tasks due in the next N days (30d, 2w), counting from --as-of; overdue ones excluded")
def _due_within_filter(value: str, index: PlanIndex, options: QueryOptions) -> Predicate:
    days = parse_days(value)
    states = states_of(index, options)

    def pred(task: Task) -> bool:
        s = states[task.id]
        return _open(s) and 0 <= s.days_left <= days

    return pred


@register_filter("light", "traffic light as of --as-of: red, yellow, green, none (红 黄 绿 无时限), several with commas")
def _light_filter(value: str, index: PlanIndex, options: QueryOptions) -> Predicate:
    wanted = set()
    for word in _words(value):
        light = LIGHT_WORDS.get(word.lower())
        if light is None:
            raise UsageError(M_("unknown light \"{word}\"", word=word), hint=M_("use red, yellow, green or none"))
        wanted.add(light)
    states = states_of(index, options)
    return lambda task: states[task.id].light in wanted


# the filters this module registers, by name: a query using one needs task states
PROGRESS_FILTERS = tuple(name for name, spec in FILTERS.items() if spec.compile.__module__ == __name__)

"""Progress settings of a plan repository: warn days and reporting period.

Read by ``taskplan.settings`` (the one reader of ``.taskplan.toml`` / ``pyproject.toml``: table
``[progress]`` or ``[tool.taskplan.progress]``) and validated here::

    [tool.taskplan.progress]
    warn-days = 15            # yellow when a deadline is this many days away
    report-period-days = 30   # yellow when the last progress report is older

Underscores are accepted for dashes.  A bad file or value is a usage error
naming the file: a silently ignored setting would colour every light wrong.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from taskplan.i18n import M_
from taskplan.errors import UsageError
from taskplan.progress.state import StateConfig
from taskplan.settings import feature_table

KEYS = {"warn-days": "warn_days", "report-period-days": "report_period_days"}


def from_table(table: Any, source: str) -> dict[str, int]:
    """The StateConfig fields a ``[progress]`` table sets; UsageError naming ``source`` for a bad one."""
    if not isinstance(table, dict):
        raise UsageError(M_("{source}: the progress settings must be a table", source=source))
    settings: dict[str, int] = {}
    for key, value in table.items():
        field = KEYS.get(key)
        if field is None:
            raise UsageError(M_("{source}: unknown progress setting \"{key}\"", source=source, key=key), hint=M_("known: {keys}", keys=", ".join(KEYS)))
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise UsageError(M_("{source}: progress setting \"{key}\" must be a whole number of days ≥ 0, got {value!r}", source=source, key=key, value=value))
        settings[field] = value
    return settings


def load_config(root: Path, plan_date: dt.date | None = None) -> StateConfig:
    table, source = feature_table(root, "progress")
    settings = {} if source is None else from_table(table, source)
    return StateConfig(since=plan_date, **settings)

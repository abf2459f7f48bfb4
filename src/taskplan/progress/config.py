"""Progress settings of a plan repository: warn days and reporting period.

Read from ``.taskplan.toml`` (table ``[progress]`` or ``[tool.taskplan.progress]``)
or, failing that, from ``pyproject.toml`` (``[tool.taskplan.progress]``) in the
plan directory::

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

KEYS = {"warn-days": "warn_days", "report-period-days": "report_period_days"}
FILES = (".taskplan.toml", "pyproject.toml")


def _table(data: dict[str, Any], name: str) -> dict[str, Any] | None:
    tool = data.get("tool", {}).get("taskplan", {}) if isinstance(data.get("tool"), dict) else {}
    if isinstance(tool, dict) and "progress" in tool:
        return tool["progress"]
    if name == ".taskplan.toml" and "progress" in data:
        return data["progress"]
    return None


def read_settings(root: Path) -> tuple[dict[str, int], str | None]:
    """(settings, file name they came from) — the first file that has a progress table wins."""
    import tomllib  # only when a command needs the settings: every command imports this module

    for name in FILES:
        path = root / name
        if not path.is_file():
            continue
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise UsageError(M_("{name}: invalid TOML: {exc}", name=name, exc=exc), hint=M_("fix the file or remove it")) from None
        table = _table(data, name)
        if table is None:
            continue
        if not isinstance(table, dict):
            raise UsageError(M_("{name}: the progress settings must be a table", name=name))
        settings: dict[str, int] = {}
        for key, value in table.items():
            field = KEYS.get(key.replace("_", "-"))
            if field is None:
                raise UsageError(M_("{name}: unknown progress setting \"{key}\"", name=name, key=key), hint="known: " + ", ".join(KEYS))
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise UsageError(M_("{name}: progress setting \"{key}\" must be a whole number of days ≥ 0, got {value!r}", name=name, key=key, value=value))
            settings[field] = value
        return settings, name
    return {}, None


def load_config(root: Path, plan_date: dt.date | None = None) -> StateConfig:
    settings, _ = read_settings(root)
    return StateConfig(since=plan_date, **settings)

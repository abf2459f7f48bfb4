"""Report settings of a plan repository: the 通报's letterhead, the 催办单's reply period.

Read by ``taskplan.settings`` (the one reader of ``.taskplan.toml`` / ``pyproject.toml``: table
``[report]`` or ``[tool.taskplan.report]``) and validated here::

    [report]
    office = "市政府督查室"          # the issuing office (版头, 印发机关)
    name = "督查通报"                # the masthead in red
    signature = "市政府督查室"       # 落款 (default: office)
    cc = "市委办公室,市人大办公室"   # 抄送
    printed-by = "市政府督查室"      # 印发机关 (default: office)
    reply-days = 5                   # 催办单: reply within this many days
    template-timeout = 10            # user templates: seconds of rendering at most
    template-max-output = 20000000   # user templates: characters of output (and of any value built)

The issue number comes from ``report bulletin --issue N``; the date is the
report's ``--as-of``.  A bad file or value is a usage error naming the file.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from taskplan.i18n import M_
from taskplan.errors import UsageError
from taskplan.settings import feature_table

TEXT_KEYS = {"office": "office", "name": "name", "signature": "signature", "cc": "cc", "printed-by": "printed_by"}
INT_KEYS = {"reply-days": "reply_days", "template-max-output": "template_max_output"}
NUMBER_KEYS = {"template-timeout": "template_timeout"}  # seconds: 2.5 is fine


@dataclass(frozen=True)
class ReportSettings:
    office: str = ""
    name: str = "督查通报"
    signature: str | None = None
    cc: str = ""
    printed_by: str | None = None
    reply_days: int = 5
    template_timeout: float = 10.0
    template_max_output: int = 20_000_000


def read_report_settings(root: Path | None) -> ReportSettings:
    """The ``[report]`` table (read by ``taskplan.settings``, the one reader of the settings files), validated."""
    if root is None:
        return ReportSettings()
    data, name = feature_table(root, "report")
    if name is None:
        return ReportSettings()
    if not isinstance(data, dict):
        raise UsageError(M_("{name}: the report settings must be a table", name=name))
    values: dict[str, Any] = {}
    for key, value in data.items():  # keys with _ folded to - (feature_table)
        if key in TEXT_KEYS:
            if not isinstance(value, str):
                raise UsageError(M_("{name}: report setting \"{key}\" must be text, got {value!r}", name=name, key=key, value=value))
            values[TEXT_KEYS[key]] = value.strip()
        elif key in INT_KEYS:
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise UsageError(M_("{name}: report setting \"{key}\" must be a whole number ≥ 0, got {value!r}", name=name, key=key, value=value))
            values[INT_KEYS[key]] = value
        elif key in NUMBER_KEYS:
            if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 < value < 1e6:
                raise UsageError(M_("{name}: report setting \"{key}\" must be a number of seconds > 0, got {value!r}", name=name, key=key, value=value))
            values[NUMBER_KEYS[key]] = float(value)
        else:
            raise UsageError(M_("{name}: unknown report setting \"{key}\"", name=name, key=key), hint=M_("known: {keys}", keys=", ".join([*TEXT_KEYS, *INT_KEYS, *NUMBER_KEYS])))
    return ReportSettings(**values)


def letterhead(settings: ReportSettings, as_of: dt.date, issue: int | None) -> dict[str, Any]:
    """The 版头 and 版记 of the 通报, as plain values for the writers and templates."""
    from taskplan.model.dates import cn_date

    return {
        "name": settings.name,
        "office": settings.office,
        "issue": issue,
        "date": as_of.isoformat(),
        "date_cn": cn_date(as_of),
        "signature": settings.signature if settings.signature is not None else settings.office,
        "cc": settings.cc,
        "printed_by": settings.printed_by if settings.printed_by is not None else settings.office,
        "reply_days": settings.reply_days,
    }

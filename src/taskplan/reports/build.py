"""One call from the CLI: load context for a kind, render it in a format."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from taskplan.reports.context import build_context
from taskplan.reports.base import ReportOptions
from taskplan.reports.formats import FORMATS, RenderSettings
from taskplan.store.load import LoadedPlan


def render_report(
    loaded: LoadedPlan,
    kind: str,
    fmt: str,
    *,
    as_of: dt.date,
    unit: str | None = None,
    section: str | None = None,
    template: Path | None = None,
    by_unit: bool = False,
    formula_guard: bool = True,
    issue: int | None = None,
    paper: str = "A4",
    stream: bool = False,
) -> str | bytes | Iterable[str]:
    """The report of ``kind`` in ``fmt``; ``stream``: a text format's text in pieces, as it is rendered."""
    from taskplan.reports.settings import letterhead, read_report_settings

    options = ReportOptions(as_of=as_of, unit=unit, section=section, by_unit=by_unit)
    context = build_context(kind, loaded, options)
    report_settings = read_report_settings(loaded.root)
    context["letterhead"] = letterhead(report_settings, as_of, issue)
    settings = RenderSettings(
        plan_root=loaded.root, template=template, formula_guard=formula_guard, paper=paper,
        template_timeout=report_settings.template_timeout, template_max_output=report_settings.template_max_output,
    )
    chosen = FORMATS[fmt]
    return (chosen.load_stream() if stream else chosen.load())(fmt, kind, context, settings)


def reminder_units(loaded: LoadedPlan, as_of: dt.date, unit: str | None = None) -> list[tuple[str, str]]:
    """(unit, file name) of every unit a 催办单 goes to as of ``as_of``; file names are safe and unique."""
    import re

    context = build_context("reminders", loaded, ReportOptions(as_of=as_of, unit=unit))
    out, seen = [], set()
    for notice in context["notices"]:
        name = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", notice["unit"]).strip(". ") or "unit"
        base, n = name, 2
        while name in seen:
            name, n = f"{base}-{n}", n + 1
        seen.add(name)
        out.append((notice["unit"], f"催办单-{name}"))
    return out

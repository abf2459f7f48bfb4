"""taskplan overdue: tasks past their deadline and not done, grouped by lead unit."""
from __future__ import annotations

from typing import Optional

import typer

from taskplan.cli.common import load
from taskplan.cli.dates import as_of_option, parse_day
from taskplan.progress.render import OVERDUE_FORMATS
from taskplan.progress.snapshot import lead_units, states_for
from taskplan.registry import Resolver


def register(app: typer.Typer) -> None:
    @app.command()
    def overdue(
        ctx: typer.Context,
        as_of: Optional[str] = as_of_option(),
        unit: Optional[str] = typer.Option(None, "--unit", help="Only this lead unit (any spelling or alias)."),
        fmt: str = typer.Option("text", "--format", help="Output format: " + ", ".join(OVERDUE_FORMATS) + "."),
    ) -> None:
        """Overdue tasks (deadline passed, not 已完成/已销号) grouped by lead unit, most overdue units first."""
        if fmt not in OVERDUE_FORMATS:
            from taskplan.errors import UsageError

            raise UsageError(f"unknown format {fmt!r}", hint="use one of " + ", ".join(OVERDUE_FORMATS))
        day = parse_day(as_of)
        loaded = load(ctx)
        states = states_for(loaded, day)
        groups = [g for g in lead_units(loaded, states).values() if g.overdue]
        if unit is not None:
            wanted = Resolver(loaded.registry).require(unit).name
            groups = [g for g in groups if g.unit == wanted]
        groups.sort(key=lambda g: -len(g.overdue))  # stable: ties keep document order
        tasks = {t.id: t for t in loaded.tasks}
        typer.echo(OVERDUE_FORMATS[fmt](groups, states, tasks, day), nl=False)

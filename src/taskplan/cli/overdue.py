"""taskplan overdue: tasks past their deadline and not done, grouped by lead unit."""
from __future__ import annotations

import enum
from typing import Optional

import typer

from taskplan.cli.common import plan_dir
from taskplan.cli.dates import as_of_option, parse_day
from taskplan.cli.formatting import load_index
from taskplan.model.text import visible
from taskplan.progress.render import OVERDUE_FORMATS
from taskplan.progress.snapshot import index_lead_units, index_states

Format = enum.Enum("OverdueFormat", {name: name for name in OVERDUE_FORMATS}, type=str)  # type: ignore[misc]


def register(app: typer.Typer) -> None:
    @app.command()
    def overdue(
        ctx: typer.Context,
        as_of: Optional[str] = as_of_option(),
        unit: Optional[str] = typer.Option(None, "--unit", help="Only this lead unit (any spelling or alias)."),
        fmt: Format = typer.Option("text", "--format", "-f", help="Output format."),
    ) -> None:
        """Overdue tasks (deadline passed, not 已完成/已销号) grouped by lead unit, most overdue units first."""
        day = parse_day(as_of)
        index = load_index(ctx)  # the lean read-only loader, as list and units use
        states = index_states(plan_dir(ctx), index, day)
        groups = [g for g in index_lead_units(index, states).values() if g.overdue]
        if unit is not None:
            wanted = index.resolver.require(unit).name
            groups = [g for g in groups if g.unit == wanted]
        groups.sort(key=lambda g: -len(g.overdue))  # stable: ties keep document order
        tasks = {t.id: t for t in index.tasks}
        text = OVERDUE_FORMATS[fmt.value](groups, states, tasks, day)
        typer.echo(visible(text) if fmt.value == "text" else text, nl=False)  # json escapes controls itself

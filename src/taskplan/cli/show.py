"""taskplan show N: one task, readable in a terminal."""
from __future__ import annotations

import typer

from taskplan.cli import display

from typing import Optional

from taskplan.cli.common import load
from taskplan.cli.dates import as_of_option, parse_day
from taskplan.progress.render import has_progress_fields, task_progress_lines
from taskplan.model.registry import Resolver
from taskplan.output.show import hanging, task_lines


def register(app: typer.Typer) -> None:
    @app.command()
    def show(
        ctx: typer.Context,
        task_id: int = typer.Argument(..., metavar="N", help="Task number."),
        as_of: Optional[str] = as_of_option(),
    ) -> None:
        """Show one task: section, title, roles with full unit names, measures per unit.

        A task with progress fields also shows its state as of --as-of (status, light,
        days left or overdue), its deadlines and extensions, and the progress log.
        """
        day = parse_day(as_of)  # a bad date is refused before anything is printed
        loaded = load(ctx)
        task = loaded.task(task_id)
        width = display.width()
        for line in task_lines(task, loaded.plan, Resolver(loaded.registry), width):
            typer.echo(line)
        if has_progress_fields(task):
            from taskplan.progress.snapshot import config_for
            from taskplan.progress.state import task_state

            for line in task_progress_lines(task, task_state(task, day, config_for(loaded)), day):
                lead = line[: len(line) - len(line.lstrip())]
                for part in hanging(lead, line.strip(), width, lead + "  ") if line.strip() else [line]:
                    typer.echo(part)

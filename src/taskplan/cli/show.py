"""taskplan show N: one task, readable in a terminal."""
from __future__ import annotations

import typer

from taskplan.cli import display

from typing import Optional

from taskplan.cli.common import load, task_number
from taskplan.cli.dates import as_of_option, parse_day
from taskplan.escape import visible


def run(ctx: typer.Context, number: str, as_of: Optional[str]) -> None:
    """show: the number and date as typed → the task's lines (library: progress.queries.show_lines), printed."""
    from taskplan.progress.queries import show_lines

    task_id = task_number(number)
    day = parse_day(as_of)  # a bad date is refused before anything is printed
    for line in show_lines(load(ctx), task_id, day, display.width()):
        typer.echo(visible(line))


def register(app: typer.Typer) -> None:
    @app.command()
    def show(
        ctx: typer.Context,
        number: str = typer.Argument(..., metavar="N", help="Task number."),
        as_of: Optional[str] = as_of_option(),
    ) -> None:
        """Show one task: section, title, roles with full unit names, measures per unit.

        A task with progress fields also shows its state as of --as-of (status, light,
        days left or overdue), its deadlines and extensions, and the progress log.
        """
        run(ctx, number, as_of)

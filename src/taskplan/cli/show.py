"""taskplan show N: one task, readable in a terminal."""
from __future__ import annotations

import typer

from taskplan.cli.common import load
from taskplan.registry import Resolver
from taskplan.views import task_lines


def register(app: typer.Typer) -> None:
    @app.command()
    def show(ctx: typer.Context, task_id: int = typer.Argument(..., metavar="N", help="Task number.")) -> None:
        """Show one task: section, title, roles with full unit names, measures per unit."""
        loaded = load(ctx)
        task = loaded.task(task_id)
        for line in task_lines(task, loaded.plan, Resolver(loaded.registry)):
            typer.echo(line)

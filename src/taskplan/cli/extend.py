"""taskplan extend N: record an approved extension; the original deadline is kept."""
from __future__ import annotations

from typing import Optional

import typer

from taskplan.cli.common import load
from taskplan.cli.dates import parse_day


def register(app: typer.Typer) -> None:
    @app.command()
    def extend(
        ctx: typer.Context,
        task_id: int = typer.Argument(..., metavar="N", help="Task number."),
        to: str = typer.Option(..., "--to", metavar="YYYY-MM-DD", help="The new deadline."),
        reason: str = typer.Option(..., "--reason", help="Why the deadline moves."),
        approved_by: Optional[str] = typer.Option(None, "--approved-by", help="Who approved it."),
        from_: Optional[str] = typer.Option(
            None, "--from", metavar="YYYY-MM-DD", help="The deadline to extend (default: the task's current due date)."
        ),
    ) -> None:
        """Move a deadline later: appends {from, to, reason, approved_by} to the task's extensions."""
        from taskplan.progress.edit import extend_task  # the writer: not loaded by read-only commands

        new = parse_day(to, "--to")
        old = parse_day(from_, "--from") if from_ is not None else None
        loaded = load(ctx)
        task = loaded.task(task_id)
        rel = loaded.task_paths[task_id]
        start, _ = extend_task(loaded.root, rel, task, new, reason, approved_by, old)
        typer.echo(f"{rel}: task {task_id} deadline {start} extended to {new}")

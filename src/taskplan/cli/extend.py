"""taskplan extend N: record an approved extension; the original deadline is kept."""
from __future__ import annotations

from typing import List, Optional

import typer

from taskplan.cli.common import load, task_number
from taskplan.cli.dates import parse_day


def run(ctx, number, to, reason, approved_by, from_) -> None:
    """extend: the options as typed → the library → what is printed."""
    task_id = task_number(number)
    from taskplan.progress.edit import extend_task  # the writer: not loaded by read-only commands

    new = parse_day(to, "--to")
    old = [parse_day(day, "--from") for day in from_] if from_ else None
    loaded = load(ctx)
    task = loaded.task(task_id)
    rel = loaded.task_paths[task_id]
    starts, _ = extend_task(loaded.root, rel, task, new, reason, approved_by, old)
    moved = ", ".join(str(day) for day in starts)
    typer.echo(f"{rel}: task {task_id} deadline{'s' if len(starts) > 1 else ''} {moved} extended to {new}")


def register(app: typer.Typer) -> None:
    @app.command()
    def extend(
        ctx: typer.Context,
        number: str = typer.Argument(..., metavar="N", help="Task number."),
        to: str = typer.Option(..., "--to", metavar="YYYY-MM-DD", help="The new deadline."),
        reason: str = typer.Option(..., "--reason", help="Why the deadline moves."),
        approved_by: Optional[str] = typer.Option(None, "--approved-by", help="Who approved it."),
        from_: Optional[List[str]] = typer.Option(
            None, "--from", metavar="YYYY-MM-DD",
            help="Only this deadline (repeatable; default: every deadline still earlier than --to).",
        ),
    ) -> None:
        """Move deadlines later: appends {from, to, reason, approved_by} to the task's extensions.

        Every deadline of the task still earlier than --to moves to --to (so the task
        is no longer late under any of its units), or only those named with --from.
        Prints which deadlines moved; the original dates are kept.
        """
        run(ctx, number, to, reason, approved_by, from_)

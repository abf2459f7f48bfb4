"""taskplan update N: append a progress entry and set the task's status."""
from __future__ import annotations

import datetime as dt
from typing import Optional

import typer

from taskplan.cli.common import load, task_number
from taskplan.cli.dates import parse_day


def run(ctx: typer.Context, number: str, status: Optional[str], note: Optional[str], unit: Optional[str], date: Optional[str],
        force: bool) -> None:
    """update: the number and date as typed → the entry recorded (library: progress.edit.record_progress) → one line."""
    task_id = task_number(number)
    from taskplan.progress.edit import record_progress  # the writer: not loaded by read-only commands

    day = parse_day(date, "--date")
    today = dt.date.today()  # the CLI is the one place that reads the clock
    recorded = record_progress(load(ctx), task_id, status=status, note=note, unit=unit, day=day, today=today, force=force)
    typer.echo(recorded.line())


def register(app: typer.Typer) -> None:
    @app.command()
    def update(
        ctx: typer.Context,
        number: str = typer.Argument(..., metavar="N", help="Task number."),
        status: Optional[str] = typer.Option(
            None, "--status", help="未启动 推进中 已完成 已销号 暂缓, or not-started in-progress done closed paused (default: unchanged)."
        ),
        note: Optional[str] = typer.Option(None, "--note", help="What was done; required for 已完成 and 已销号 (the evidence)."),
        unit: Optional[str] = typer.Option(None, "--unit", help="The unit reporting (any spelling or alias)."),
        date: Optional[str] = typer.Option(None, "--date", metavar="YYYY-MM-DD", help="Date of the report; default today."),
        force: bool = typer.Option(False, "--force", help="Accept a date earlier than the last entry, or later than today."),
    ) -> None:
        """Record progress: append {date, status, note, unit} to the task's log and set its status.

        The file is rewritten through the round-trip writer: comments and formatting stay as they are.
        """
        run(ctx, number, status, note, unit, date, force)

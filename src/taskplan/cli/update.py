"""taskplan update N: append a progress entry and set the task's status."""
from __future__ import annotations

import datetime as dt
from typing import Optional

import typer

from taskplan.i18n import M_, _
from taskplan.cli.common import load, task_number
from taskplan.cli.dates import parse_day
from taskplan.errors import UsageError
from taskplan.progress.status import parse_status
from taskplan.model.registry import Resolver


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
        task_id = task_number(number)
        from taskplan.progress.edit import Update, update_task  # the writer: not loaded by read-only commands

        day = parse_day(date, "--date")
        today = dt.date.today()  # the CLI is the one place that reads the clock
        if day > today and not force:
            # an entry dated in the future sorts after every real report and blocks them (date order)
            raise UsageError(M_("--date {day} is later than today ({today})", day=day, today=today), hint=M_("a report is dated when it is made; pass --force to record it anyway"))
        loaded = load(ctx)
        task = loaded.task(task_id)
        if status is not None:
            new_status = parse_status(status)
        elif task.status is not None:
            new_status = task.status
        else:
            raise UsageError(M_("task {task_id} has no status yet", task_id=task_id), hint=M_("pass --status"))
        unit_name = Resolver(loaded.registry).require(unit).name if unit else None
        rel = loaded.task_paths[task_id]
        update_task(loaded.root, rel, task, Update(new_status, note, unit_name, day), force=force)
        before = task.status or "未填报"
        change = _("{before} -> {after}").format(before=before, after=new_status) if before != new_status else _("still {status}").format(status=new_status)
        typer.echo(_("{rel}: task {task_id} {change}, progress entry {day} added").format(rel=rel, task_id=task_id, change=change, day=day))

"""taskplan log N: the commits that changed task N, in the plan's words."""
from __future__ import annotations

import enum
from typing import Optional

import typer

from taskplan.cli.common import plan_dir
from taskplan.escape import visible


class LogFormat(str, enum.Enum):
    text = "text"
    json = "json"


def run(ctx, task_id, since, fmt) -> None:
    """log: the options as typed → the library → what is printed."""
    from taskplan.records.log import LOG_FORMATS, task_log

    root = plan_dir(ctx)
    text = LOG_FORMATS[fmt.value](task_id, task_log(root, task_id, since=since))
    # titles, commit subjects and author names are shown, never obeyed (json escapes them itself)
    typer.echo(visible(text) if fmt is LogFormat.text else text, nl=False)


def register(app: typer.Typer) -> None:
    @app.command()
    def log(
        ctx: typer.Context,
        task_id: int = typer.Argument(..., metavar="N", help="Task number."),
        since: Optional[str] = typer.Option(None, "--since", metavar="REV", help="Only commits after this revision (REV..HEAD)."),
        fmt: LogFormat = typer.Option(LogFormat.text, "--format", "-f", help="text, or json (schema_version 1)."),
    ) -> None:
        """A task's history, newest first: each commit that changed its file (renames followed), with date,
        author, subject and the change in the words of `taskplan diff`."""
        run(ctx, task_id, since, fmt)

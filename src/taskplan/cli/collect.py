"""taskplan collect FILE…: read filled 填报表 back into the progress logs."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from taskplan.cli.common import load
from taskplan.cli.dates import parse_day
from taskplan.escape import visible


def run(ctx, files, dry_run, as_of) -> None:
    """collect: the options as typed → the library → what is printed."""
    from taskplan.forms.collect import collect as collect_replies, dry_run_diff, rejected_lines, summary_line, taken_lines

    day = parse_day(as_of)
    loaded = load(ctx)
    result = collect_replies(loaded, list(files), day, dry_run=dry_run)
    # cells of a form someone else filled in are shown, never obeyed: file names, statuses, notes
    for line in taken_lines(result, loaded.task_paths):
        typer.echo(visible(line, newlines=False))
    if dry_run:
        typer.echo(visible(dry_run_diff(result)), nl=False)
    for line in rejected_lines(result):
        typer.echo(visible(line, newlines=False), err=True)
    typer.echo(summary_line(result, dry_run=dry_run))
    if result.rejected:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    @app.command()
    def collect(
        ctx: typer.Context,
        files: List[Path] = typer.Argument(..., metavar="FILE…", help="Filled forms (.xlsx) written by `taskplan report forms`."),
        dry_run: bool = typer.Option(False, "--dry-run", help="Print what would be written (a diff of each task file); write nothing."),
        as_of: Optional[str] = typer.Option(
            None, "--as-of", metavar="YYYY-MM-DD", help="Refuse report dates after this day (default today)."
        ),
    ) -> None:
        """Read filled 填报表 and append each valid reply to its task's progress log.

        Each reply row becomes a progress entry {date, status, note, unit, reporter, source: form FILE};
        申请延期至 becomes a pending extension request (`taskplan extend` approves it). Rows already
        recorded are not added again. Every row not taken is listed with file:sheet:row and the reason,
        and the exit code is then 1.
        """
        run(ctx, files, dry_run, as_of)

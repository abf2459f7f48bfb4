"""taskplan fmt [PATH…] [--check]: write the records in the canonical layout."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from taskplan.escape import visible

from taskplan.cli.common import display_path, exit_with, plan_dir


def run(ctx: typer.Context, paths: list[Path], check: bool) -> int:
    """fmt: format (library), then list the unreadable files, the changed ones and the count."""
    from taskplan.check.reporters import finding_line
    from taskplan.records.fmt import format_plan

    root = plan_dir(ctx)
    outcome = format_plan(root, paths, write=not check)
    display = display_path(root)
    for finding in outcome.problems:
        typer.echo(finding_line(finding, display), err=True)
    verb = "would reformat" if check else "reformatted"
    for rel in outcome.changed:
        typer.echo(visible(f"{verb} {display(rel)}"))
    changed = len(outcome.changed)
    typer.echo(f"{changed} file{'s' if changed != 1 else ''} {verb}, {outcome.unchanged} unchanged")
    return outcome.exit_code()


def register(app: typer.Typer) -> None:
    @app.command()
    def fmt(
        ctx: typer.Context,
        paths: Optional[List[Path]] = typer.Argument(None, metavar="PATH", help="Files or directories to format (default: every record file)."),
        check: bool = typer.Option(False, "--check", help="Write nothing; list the files that would change and exit 1 if there are any."),
    ) -> None:
        """Put record files in the canonical layout: editor header, key order, flow lists for lead/responsible, indentation.

        Comments are kept.  Running it twice changes nothing the second time.
        """
        exit_with(run(ctx, paths or [], check))

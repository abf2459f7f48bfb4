"""taskplan export sqlite FILE: the plan as a SQLite database (for SQL and Datasette)."""
from __future__ import annotations

import enum
from pathlib import Path
from typing import Optional

import typer

from taskplan.cli.common import load
from taskplan.cli.dates import parse_day


class Target(str, enum.Enum):
    sqlite = "sqlite"


def run(ctx, target, path, replace, as_of) -> None:
    """export: the options as typed → the library → what is printed."""
    from taskplan.export.sqlite import export_sqlite

    day = parse_day(as_of)
    counts = export_sqlite(load(ctx), path, day, replace=replace)
    typer.echo(f"wrote {path}: {counts['tasks']} tasks, {counts['units']} units, {counts['roles']} roles, "
               f"{counts['progress']} progress reports (as of {day})", err=True)


def register(app: typer.Typer) -> None:
    @app.command()
    def export(
        ctx: typer.Context,
        target: Target = typer.Argument(..., help="sqlite: a normalised SQLite database (docs/sqlite.md)."),
        path: Path = typer.Argument(..., metavar="FILE", help="The database file to write."),
        replace: bool = typer.Option(False, "--replace", help="Overwrite FILE if it exists (atomically)."),
        as_of: Optional[str] = typer.Option(
            None, "--as-of", metavar="YYYY-MM-DD", help="The day the task_state view describes (default today)."
        ),
    ) -> None:
        """Export the plan: tables of units, groups, tasks, roles, measures, deadlines, progress, a task_state
        view and full-text search. Browse it with `datasette FILE`; see docs/sqlite.md for the schema."""
        run(ctx, target, path, replace, as_of)

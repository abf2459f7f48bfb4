"""taskplan overdue: tasks past their deadline and not done, grouped by lead unit."""
from __future__ import annotations

from typing import Optional

import typer

from taskplan.cli.common import plan_dir
from taskplan.cli.dates import as_of_option, parse_day
from taskplan.cli.formatting import FormatName, emit, excel_option, format_option, load_index


def run(ctx: typer.Context, as_of: Optional[str], unit: Optional[str], fmt: Optional[FormatName], excel: bool) -> None:
    """overdue: the view (library: progress.queries.overdue_listing), printed."""
    from taskplan.progress.queries import overdue_listing

    day = parse_day(as_of)
    index = load_index(ctx)  # the lean read-only loader, as list and units use
    emit(overdue_listing(index, root=plan_dir(ctx), as_of=day, unit=unit), fmt, excel, ctx)


def register(app: typer.Typer) -> None:
    @app.command()
    def overdue(
        ctx: typer.Context,
        as_of: Optional[str] = as_of_option(),
        unit: Optional[str] = typer.Option(None, "--unit", help="Only this lead unit (any spelling or alias)."),
        fmt: Optional[FormatName] = format_option(),
        excel: bool = excel_option(),
    ) -> None:
        """Overdue tasks (deadline passed, not 已完成/已销号) grouped by lead unit, most overdue units first."""
        run(ctx, as_of, unit, fmt, excel)

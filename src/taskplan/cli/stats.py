"""taskplan stats: counts by section and unit, and the gaps worth a second look."""
from __future__ import annotations

from typing import Optional

import typer

from taskplan.cli.formatting import FormatName, emit, excel_option, format_option, load_index
from taskplan.output.views import stats_view


def run(ctx, fmt, excel) -> None:
    """stats: the options as typed → the library → what is printed."""
    from taskplan.query.stats import compute_stats  # not at module level: `list` never needs it

    index = load_index(ctx)
    emit(stats_view(compute_stats(index), index), fmt, excel, ctx)


def register(app: typer.Typer) -> None:
    @app.command()
    def stats(ctx: typer.Context, fmt: Optional[FormatName] = format_option(), excel: bool = excel_option()) -> None:
        """Counts by section and by unit, tasks without responsible units, units with only
        responsible roles, the busiest units, and registered units no task names.

        Every count is of distinct tasks.  csv prints the tables one after another,
        separated by an empty line.
        """
        run(ctx, fmt, excel)

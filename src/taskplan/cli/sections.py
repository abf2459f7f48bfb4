"""taskplan sections: the plan's sections and sub-sections with task counts."""
from __future__ import annotations

from typing import Optional

import typer

from taskplan.cli.formatting import FormatName, emit, excel_option, format_option, load_index
from taskplan.output.views import sections_view


def run(ctx, fmt, excel) -> None:
    """sections: the options as typed → the library → what is printed."""
    from taskplan.query.stats import compute_stats  # not at module level: `list` never needs it

    emit(sections_view(compute_stats(load_index(ctx))), fmt, excel, ctx)


def register(app: typer.Typer) -> None:
    @app.command()
    def sections(ctx: typer.Context, fmt: Optional[FormatName] = format_option(), excel: bool = excel_option()) -> None:
        """List sections (and sub-sections) with their task counts and task number ranges.

        The numbers shown are what `taskplan list --section` accepts.
        """
        run(ctx, fmt, excel)

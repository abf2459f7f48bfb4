"""taskplan deadlines: the stored deadlines, or proposals read from the text (--extract [--write])."""
from __future__ import annotations

from typing import List, Optional

import typer

from taskplan.i18n import M_
from taskplan.cli.common import load
from taskplan.errors import UsageError
from taskplan.cli.formatting import FormatName, emit, excel_option, format_option


def run(ctx: typer.Context, extract: bool, write: bool, ids: list[str], year: Optional[int], fmt: Optional[FormatName], excel: bool) -> None:
    """deadlines: the listing (library: progress.extract.deadline_listing) printed; with --write stored."""
    from taskplan.progress.extract import deadline_listing  # with the writer: not loaded by the other commands

    if write and not extract:
        raise UsageError(M_("--write stores extracted deadlines; use it with --extract"))
    listing = deadline_listing(load(ctx), ids, extract=extract, year=year)
    emit(listing.view, fmt, excel, ctx)
    if write:
        typer.echo(listing.store().line(), err=True)


def register(app: typer.Typer) -> None:
    @app.command()
    def deadlines(
        ctx: typer.Context,
        extract: bool = typer.Option(False, "--extract", help="Read deadline phrases (年底前, 6月末, 三季度 …) from titles and measures."),
        write: bool = typer.Option(False, "--write", help="With --extract: store new proposals as 'source: extracted'."),
        ids: Optional[List[str]] = typer.Option(None, "--id", metavar="IDS", help="Only these tasks: 1-20,35 (repeatable)."),
        year: Optional[int] = typer.Option(None, "--year", help="Year of phrases without one (default: plan.yaml's date)."),
        fmt: Optional[FormatName] = format_option(),
        excel: bool = excel_option(),
    ) -> None:
        """List stored deadlines with their extensions; --extract proposes dates read from the text."""
        run(ctx, extract, write, ids or [], year, fmt, excel)

"""Date options of the CLI: the only place taskplan reads the clock."""
from __future__ import annotations

import datetime as dt

import typer

from taskplan.i18n import N_
from taskplan.model.dates import parse_date

AS_OF_HELP = N_("Compute as of this day (YYYY-MM-DD); default today.")


def parse_day(text: str | None, option: str = "--as-of") -> dt.date:
    """``text`` as a date; today when None."""
    return dt.date.today() if text is None else parse_date(text, option)


def as_of_option(help: str = AS_OF_HELP) -> str | None:
    return typer.Option(None, "--as-of", metavar="YYYY-MM-DD", help=help)

"""Date options of the CLI: the only place taskplan reads the clock."""
from __future__ import annotations

import datetime as dt

import typer

from taskplan.errors import UsageError

AS_OF_HELP = "Compute as of this day (YYYY-MM-DD); default today."


def parse_day(text: str | None, option: str = "--as-of") -> dt.date:
    """``text`` as a date; today when None."""
    if text is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"{option}: expected a date YYYY-MM-DD, got {text!r}") from None


def as_of_option() -> str | None:
    return typer.Option(None, "--as-of", metavar="YYYY-MM-DD", help=AS_OF_HELP)

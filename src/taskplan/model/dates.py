"""Dates typed by users (--as-of, --date, --to, --from, due-before:): one parser, one message."""
from __future__ import annotations

import datetime as dt
import unicodedata

from taskplan.errors import UsageError


def parse_date(value: str, what: str) -> dt.date:
    """``value`` as YYYY-MM-DD (full-width digits accepted); UsageError naming ``what`` otherwise."""
    try:
        return dt.date.fromisoformat(unicodedata.normalize("NFKC", value).strip())
    except ValueError:
        raise UsageError(f"{what}: expected a date YYYY-MM-DD, got {value!r}") from None

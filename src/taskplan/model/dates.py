"""Dates typed by users (--as-of, --date, --to, --from, due-before:, 填报表 cells): one parser, one message."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

from taskplan.errors import UsageError

# 2020-12-01, 2020/12/1, 2020.12.1 and 2020年12月1日 (日 optional); full-width digits are NFKC'd first
_DAY = re.compile(r"(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?")


def parse_date(value: str, what: str) -> dt.date:
    """``value`` as a date (YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD or YYYY年M月D日, any digit width);
    UsageError naming ``what`` otherwise."""
    text = unicodedata.normalize("NFKC", value).strip()
    match = _DAY.fullmatch(text)
    try:
        if match is None:
            raise ValueError(text)
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        raise UsageError(f"{what}: expected a date YYYY-MM-DD, got {value!r}") from None

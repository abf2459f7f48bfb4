"""Dates: those typed by users (--as-of, --date, --to, --from, due-before:, 填报表 cells): one parser, one message;
and the one way documents write a date (2020年7月24日)."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

from taskplan.i18n import M_
from taskplan.errors import UsageError

# 2020-12-01, 2020/12/1, 2020.12.1, 2020年12月1日 (日 optional) and 20201201; full-width digits are NFKC'd first
_DAY = re.compile(r"(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?|(\d{4})(\d{2})(\d{2})")


def parse_date(value: str, what: str) -> dt.date:
    """``value`` as a date (YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD, YYYY年M月D日 or YYYYMMDD, any digit width);
    UsageError naming ``what`` otherwise."""
    text = unicodedata.normalize("NFKC", value).strip()
    match = _DAY.fullmatch(text)
    try:
        if match is None:
            raise ValueError(text)
        return dt.date(*(int(part) for part in match.groups() if part is not None))
    except ValueError:
        raise UsageError(M_("{what}: expected a date YYYY-MM-DD, got {value!r}", what=what, value=value)) from None


def cn_date(date: dt.date | None) -> str:
    """2020-07-24 → 2020年7月24日 (the way documents date themselves: reports, 填报表)."""
    return f"{date.year}年{date.month}月{date.day}日" if date else ""

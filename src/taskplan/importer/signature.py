"""The lines that sign and send out an official document, by their shape.

A notice, or a plan published on its own (a State Council 意见), is signed by
its issuer and dated (``国务院`` / ``2024年3月1日``), often followed by a
publication note (``（此件公开发布）``) and the distribution lines of the
printed copy (``抄送：…``, ``国务院办公厅2024年3月4日印发``).  They stand before
the plan's title (a cover notice) or after its last task.  The front matter
(frontmatter.py) and the skeleton (structure.py) both recognise them here.
"""
from __future__ import annotations

import datetime as dt
import re

from taskplan.importer.punct import CLOSE, COLONS, OPEN
from taskplan.model.numerals import read_digits, read_number

DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
CN_DATE = re.compile(r"^([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$")
_O, _C = re.escape(OPEN), re.escape(CLOSE)
NOTE = re.compile(rf"^[{_O}][^{_O}{_C}]+[{_C}]$")
# 抄送 / 抄报 / 分送 / 主送 lines of the printed copy, and its 印发 line (who printed it, when)
DISTRIBUTION = re.compile(rf"^(?:抄\s*送|抄\s*报|分\s*送|主\s*送)\s*[{COLONS}]")
PRINTED = re.compile(  # the whole line: who printed it (no sentence in it), when, 印发
    r"^[^，,。；;：:（）()、]{0,30}?\s*(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月"
    r"\s*[\d一二三四五六七八九十]{1,3}\s*日\s*印\s*发$"
)
# an issuer: a body of government, not a sentence (国务院, 某市人民政府办公室, 某县农业农村局)
ISSUER_END = ("国务院", "人民政府", "政府", "办公厅", "办公室", "委员会", "委", "局", "部", "厅", "署", "院", "会", "组", "中心", "管委会")


def parse_date(text: str) -> dt.date | None:
    """The date of a line that is only a date (``2024年3月1日``, ``二〇二四年三月一日``), else None."""
    match = DATE.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = CN_DATE.match(text)
        if not match:
            return None
        year, month, day = read_digits(match.group(1)), read_number(match.group(2)), read_number(match.group(3))
        if year is None or month is None or day is None:
            return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def is_distribution(text: str) -> bool:
    """``抄送：…`` or ``…2024年3月4日印发``: how the printed copy was sent, not part of the plan."""
    return bool(DISTRIBUTION.match(text) or PRINTED.match(text))


def issuer_shaped(text: str) -> bool:
    """A short name of a government body, with no sentence punctuation."""
    return 2 <= len(text) <= 30 and text.endswith(ISSUER_END) and not re.search(r"[，,。；;：:！？!?、（）()]", text)

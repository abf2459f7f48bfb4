"""How many lines a cell's text wraps to in a table column: the one estimate every printed table sizes with.

The Word tables (reports/tablefit.py: the widths that save lines, which rows may not break across pages),
the Excel 台账 (reports/xlsx.py) and the units' 填报表 (forms/write.py) all count lines here; the
workbooks turn lines into row heights with ``output.workbook.row_points``.

Widths are in full-width characters: a CJK character (or full-width ，：；（）) is one, an ASCII letter,
digit or half-width ,:;() half of one (``display_width / 2``).  A line holds whole characters only
(``line_capacity``), and a cell's own line breaks each start a line.  The estimate does not break words:
the callers that print (the workbooks) count in a slightly narrower column, which covers a Latin word
moved to the next line whole and a closing mark kept on its line (禁则).
"""
from __future__ import annotations

import math
from typing import Any

from taskplan.model.text import display_width


def line_capacity(width: float) -> float:
    """Characters a line of a ``width``-character column holds: whole CJK characters (an ASCII one is half)."""
    return max(1.0, math.floor(width * 2) / 2)


def text_parts(value: Any) -> list[int]:
    """The display widths of the lines of a cell's text (none for an empty cell): what ``parts_lines`` counts."""
    return [] if value is None or value == "" else [display_width(part) for part in str(value).split("\n")]


def parts_lines(parts: list[int], width: float) -> int:
    """Lines a cell whose text lines are ``parts`` wide (``text_parts``) takes in a ``width``-character column;
    an empty cell takes one.  Split from ``cell_lines`` so a caller trying many widths measures the text once."""
    room = line_capacity(width)
    return sum(max(1, math.ceil(w / 2 / room)) for w in parts) or 1


def cell_lines(value: Any, width: float) -> int:
    """Lines ``value`` wraps to in a column ``width`` full-width characters wide."""
    return parts_lines(text_parts(value), width)

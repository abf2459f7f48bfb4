"""The printed page of every workbook taskplan writes: the reports' 台账 (reports/xlsx.py) and the
units' 填报表 (forms/write.py) print alike.

Paper sizes, margins and the print layout of a worksheet (XlsxWriter's, passed in: XlsxWriter is not
imported here, so this module costs next to nothing to import), and the cells: a column's printed width and the
height a row needs for its wrapped text (lines counted by ``output.cellfit``, the one estimate).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from taskplan.output.cellfit import cell_lines

MARGIN_IN = 0.4  # left and right page margins


@dataclass(frozen=True)
class Paper:
    code: int  # Excel's paper size number
    landscape_width_mm: float

    @property
    def printable_pt(self) -> float:
        return self.landscape_width_mm / 25.4 * 72 - 2 * MARGIN_IN * 72


PAPERS: dict[str, Paper] = {"A4": Paper(9, 297), "A3": Paper(8, 420)}


def print_layout(ws: Any, title: str, header_row: int = 0, paper: Paper = PAPERS["A4"]) -> None:
    """The 台账's page: landscape, the columns fit the page width at 100 %, the header repeated, title and page numbers."""
    ws.set_landscape()
    ws.set_paper(paper.code)
    ws.repeat_rows(header_row)
    # the widths already fit: 1 page wide keeps a rounding difference of a viewer from adding a page sideways
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=MARGIN_IN, right=MARGIN_IN, top=0.6, bottom=0.6)
    ws.set_header(f"&C{title.replace('&', '&&')}"[:255])
    ws.set_footer("&C第 &P 页,共 &N 页")


# ---------------------------------------------------------------- cells: widths and row heights

# Excel's column width unit is the width of a digit of the workbook's default font (Calibri 11:
# 7 pixels) and a column is that many digits plus 5 pixels of padding; a pixel is 0.75 pt.
DIGIT_PX, COLUMN_PAD_PX, PT_PER_PX = 7, 5, 0.75
CELL_PAD_PT = 2.5  # Excel/LibreOffice keep this much room at each side of a cell's text
SLACK_PT = 1.5  # and a viewer rounds widths to whole pixels
LINE_SPACING = 1.45  # a wrapped line of CJK text, in font sizes: LibreOffice sets 10 pt 宋体/仿宋 (Noto CJK) 14.5 pt apart; Excel's 宋体 13.5
ROW_PAD_PT = 4.0
MAX_ROW_PT = 409.0  # Excel's limit
# lines are counted in a slightly narrower column: a viewer's font may set digits and Latin letters wider than
# half a CJK character, a Latin word moves to the next line whole, and a line never starts with 、,。
WRAP_SAFETY = 0.9


def column_points(stored: float) -> float:
    """The printed width in points of a column whose stored (file) width is ``stored`` (ECMA-376 18.3.1.13)."""
    return math.trunc((256 * stored + math.trunc(128 / DIGIT_PX)) / 256 * DIGIT_PX) * PT_PER_PX


def column_width(points: float) -> float:
    """The width to give XlsxWriter's set_column for a column at most ``points`` wide (it adds the padding)."""
    return max(0.0, (math.floor(points / PT_PER_PX) - COLUMN_PAD_PX) / DIGIT_PX)


def cell_overhead(font_pt: float) -> float:
    """A column's room around its text, in characters of ``font_pt``."""
    return (2 * CELL_PAD_PT + SLACK_PT) / font_pt


def text_chars(stored: float, font_pt: float) -> float:
    """Characters of ``font_pt`` text a line of a column of stored width ``stored`` holds (its width less the room around)."""
    return max(0.0, column_points(stored) / font_pt - cell_overhead(font_pt))


def row_points(widths: list[float], row: list[Any], font_pt: float, min_lines: int = 1) -> float:
    """Points a row needs: its tallest cell's wrapped lines (``output.cellfit``, counted at ``WRAP_SAFETY``
    of each text width ``widths``, in characters), at least ``min_lines``, so that nothing is clipped."""
    lines = max((cell_lines(v, w * WRAP_SAFETY) for v, w in zip(row, widths)), default=1)
    return min(MAX_ROW_PT, max(lines, min_lines) * (font_pt * LINE_SPACING) + ROW_PAD_PT)

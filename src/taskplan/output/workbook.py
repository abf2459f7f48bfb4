"""The printed page of every workbook taskplan writes: the reports' 台账 (reports/xlsx.py) and the
units' 填报表 (forms/write.py) print alike.

Paper sizes, margins and the print layout of a worksheet (XlsxWriter's, passed in: nothing is
imported here, so this module costs nothing to import).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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

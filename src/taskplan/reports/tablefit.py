"""Column widths in proportion to content, for the printed tables (docx, xlsx).

Widths are counted in full-width characters (a CJK character is one, an
ASCII character half of one: ``display_width / 2``).  A column gets its
*natural* width — the widest line of its header and cells — when the table
fits; when it does not, short columns (numbers, 编号, 状态, dates: up to
``SNUG`` characters) keep theirs and the text columns share what is left in
proportion to their natural widths, never narrower than ``MIN_CHARS`` (or
their natural width, when that is less).  Numeric columns never go below the
width of their longest number, so a number never wraps.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from taskplan.model.text import display_width

MIN_CHARS = 6  # no text column narrower than this
SNUG = 8  # columns this narrow keep their natural width
CAP = 60  # a very long cell does not claim more than this many characters of natural width


def chars(value: Any) -> float:
    """Width of the widest line of ``value`` in full-width characters."""
    if value is None:
        return 0.0
    return max((display_width(line) for line in str(value).split("\n")), default=0) / 2


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


@dataclass(frozen=True)
class Fit:
    chars: list[float]  # the text width of each column, in characters
    twips: list[int]  # the column widths including cell margins
    numeric: list[bool]  # every cell of the column a number (or empty)
    natural: list[float]
    squeezed: bool  # the natural widths did not fit

    def row_lines(self, row: list[Any]) -> int:
        """An estimate of the lines the tallest cell of ``row`` takes."""
        lines = 1
        for value, width in zip(row, self.chars):
            if value is None or width <= 0:
                continue
            text_lines = str(value).split("\n")
            lines = max(lines, sum(max(1, math.ceil(display_width(t) / 2 / width)) for t in text_lines))
        return lines

    def fits_without_squeezing(self, numeric_from: int = 0) -> bool:
        """Whether every column got at least its natural width (numeric columns from ``numeric_from`` on)."""
        return not self.squeezed


def fit_columns(header: list[Any], rows: list[list[Any]], width_twips: int, font_pt: float, margin_twips: int) -> Fit:
    """Column widths for a table ``width_twips`` wide at ``font_pt`` with ``margin_twips`` on each side of a cell."""
    n = len(header)
    char_twips = font_pt * 20
    # a cell holds its text plus the margins, and a little slack for rounding in the layout engine
    overhead = (2 * margin_twips + 30) / char_twips
    available = width_twips / char_twips - n * overhead
    natural = [chars(h) for h in header]
    numeric = [True] * n
    for row in rows:
        for i, value in enumerate(row[:n]):
            natural[i] = max(natural[i], min(chars(value), CAP))
            if value not in (None, "") and not _is_number(value):
                numeric[i] = False
    natural = [max(1.0, math.ceil(x * 2) / 2) for x in natural]
    squeezed = sum(natural) > available
    if not squeezed:
        widths = list(natural)
        extra = available - sum(widths)
        wide = [i for i in range(n) if natural[i] > SNUG and not numeric[i]] or list(range(n))
        weight = sum(natural[i] for i in wide)
        for i in wide:
            widths[i] += extra * natural[i] / weight
    else:
        fixed = [i for i in range(n) if natural[i] <= SNUG or numeric[i]]
        flex = [i for i in range(n) if i not in fixed]
        widths = list(natural)
        left = available - sum(natural[i] for i in fixed)
        floors = {i: min(MIN_CHARS, natural[i]) for i in flex}
        if flex and left >= sum(floors.values()):
            weight = sum(natural[i] for i in flex)
            for i in flex:
                widths[i] = natural[i] * left / weight
            # raise any column below its floor, taking the difference from the widest ones
            for _ in range(n):
                low = [i for i in flex if widths[i] < floors[i]]
                if not low:
                    break
                need = sum(floors[i] - widths[i] for i in low)
                for i in low:
                    widths[i] = floors[i]
                rich = [i for i in flex if i not in low]
                share = sum(widths[i] for i in rich)
                for i in rich:
                    widths[i] -= need * widths[i] / share
        else:  # not even the short columns fit: shrink everything alike
            scale = available / sum(natural)
            widths = [x * scale for x in natural]
    twips = [int(round((w + overhead) * char_twips)) for w in widths]
    # the last column takes the rounding so the table is exactly the text width
    if not squeezed or sum(twips) > width_twips:
        twips[-1] += width_twips - sum(twips)
    return Fit(widths, twips, numeric, natural, squeezed)

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


def _natural_widths(header: list[Any], rows: list[list[Any]]) -> tuple[list[float], list[bool]]:
    """Each column's natural width in characters (its longest cell, at most CAP, in half-character steps)
    and whether it holds numbers only: what both fitting rules start from."""
    n = len(header)
    natural = [chars(h) for h in header]
    numeric = [True] * n
    for row in rows:
        for i, value in enumerate(row[:n]):
            natural[i] = max(natural[i], min(chars(value), CAP))
            if value not in (None, "") and not _is_number(value):
                numeric[i] = False
    return [max(1.0, math.ceil(x * 2) / 2) for x in natural], numeric


def fit_columns(header: list[Any], rows: list[list[Any]], width_twips: int, font_pt: float, margin_twips: int) -> Fit:
    """Column widths for a table ``width_twips`` wide at ``font_pt`` with ``margin_twips`` on each side of a cell."""
    n = len(header)
    char_twips, overhead, available = _page(n, width_twips, font_pt, margin_twips)
    natural, numeric = _natural_widths(header, rows)
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
    return _fit(widths, numeric, natural, squeezed, width_twips, char_twips, overhead)


def _page(n: int, width_twips: int, font_pt: float, margin_twips: int) -> tuple[float, float, float]:
    """(twips per character, a column's room around its text in characters, the text width left for n columns)."""
    char_twips = font_pt * 20
    # a cell holds its text plus the margins, and a little slack for rounding in the layout engine
    overhead = (2 * margin_twips + 30) / char_twips
    return char_twips, overhead, width_twips / char_twips - n * overhead


def _fit(widths: list[float], numeric: list[bool], natural: list[float], squeezed: bool, width_twips: int,
         char_twips: float, overhead: float) -> Fit:
    twips = [int(round((w + overhead) * char_twips)) for w in widths]
    # the last column takes the rounding so the table is exactly the text width
    if not squeezed or sum(twips) > width_twips:
        twips[-1] += width_twips - sum(twips)
    return Fit(widths, twips, numeric, natural, squeezed)


def fit_balanced(header: list[Any], rows: list[list[Any]], width_twips: int, font_pt: float, margin_twips: int) -> Fit:
    """``balance_columns``'s widths (the rule the Excel sheets use: each slice of width to the column whose
    widening saves the most lines) for a Word table ``width_twips`` wide at ``font_pt``."""
    char_twips, overhead, available = _page(len(header), width_twips, font_pt, margin_twips)
    natural, numeric = _natural_widths(header, rows)
    widths = balance_columns(header, rows, available)
    return _fit(widths, numeric, natural, sum(natural) > available, width_twips, char_twips, overhead)


SAMPLE_ROWS = 120  # rows the balancing looks at (evenly spread): enough to know a column, cheap on 10,000 rows
STEPS = 60  # the spare width is handed out in this many slices


def line_capacity(width: float) -> float:
    """Characters a line of a ``width``-character column holds: whole CJK characters (an ASCII one is half)."""
    return max(1.0, math.floor(width * 2) / 2)


def cell_lines(value: Any, width: float) -> int:
    """Lines ``value`` wraps to in a column ``width`` full-width characters wide."""
    return _lines(_parts(value), width)


def _parts(value: Any) -> list[int]:
    """The display widths of the lines of a cell's text (none for an empty cell)."""
    return [] if value is None or value == "" else [display_width(part) for part in str(value).split("\n")]


def _lines(parts: list[int], width: float) -> int:
    room = line_capacity(width)
    return sum(max(1, math.ceil(w / 2 / room)) for w in parts) or 1


def balance_columns(header: list[Any], rows: list[list[Any]], available: float) -> list[float]:
    """Text widths (in characters, summing to ``available``) that make the table as short as they can.

    Every column starts at its floor: numbers and short columns (up to ``SNUG``)
    their natural width, so they never wrap; text columns ``MIN_CHARS`` (or
    their natural width, when less).  The rest is handed out in slices, each
    to the column whose widening saves the most lines over the rows (a row is
    as tall as its tallest cell; the header counts as a row); no column grows
    past its natural width while another still saves lines.  What no column
    needs is shared in proportion to the widths.  When even the floors do not
    fit, every column shrinks alike (``fit_columns``'s rule).
    """
    n = len(header)
    natural, numeric = _natural_widths(header, rows)
    floors = [natural[i] if numeric[i] or natural[i] <= SNUG else min(float(MIN_CHARS), natural[i]) for i in range(n)]
    if sum(floors) > available:
        scale = available / sum(natural)
        return [x * scale for x in natural]
    widths = list(floors)
    sample = rows if len(rows) <= SAMPLE_ROWS else [rows[i * len(rows) // SAMPLE_ROWS] for i in range(SAMPLE_ROWS)]
    parts = [[_parts(r[j] if j < len(r) else None) for j in range(n)] for r in [header, *sample]]
    lines = [[_lines(p[j], widths[j]) for j in range(n)] for p in parts]
    left = available - sum(widths)
    step = max(0.5, left / STEPS)
    while left >= step:
        tops = []  # per row: the tallest cell, its column, the second tallest
        for row_lines in lines:
            order = sorted(range(n), key=row_lines.__getitem__, reverse=True)
            tops.append((row_lines[order[0]], order[0], row_lines[order[1]] if n > 1 else 1))
        best, best_saving = None, (0, 0)
        for j in range(n):
            if widths[j] >= natural[j]:
                continue  # as wide as its widest line already
            rows_saved = tied_saved = 0  # lines off the rows' heights; lines off tallest cells that tie
            for r, (top, col, second) in enumerate(tops):
                if lines[r][j] != top:
                    continue  # not the tallest cell: widening it cannot make the row shorter
                after = _lines(parts[r][j], widths[j] + step)
                rows_saved += top - max(second if col == j else top, after)
                tied_saved += top - after
            if (rows_saved, tied_saved) > best_saving:
                best, best_saving = j, (rows_saved, tied_saved)
        if best is None:
            break
        widths[best] += step
        left -= step
        for r, row_lines in enumerate(lines):
            row_lines[best] = _lines(parts[r][best], widths[best])
    if left > 0:  # nothing saves a line any more: share the rest, first up to the natural widths
        short = [i for i in range(n) if widths[i] < natural[i]]
        need = sum(natural[i] - widths[i] for i in short)
        if need > 0:
            give = min(left, need)
            for i in short:
                widths[i] += give * (natural[i] - widths[i]) / need
            left -= give
        if left > 0:
            total = sum(widths)
            widths = [w + left * w / total for w in widths]
    return widths

"""Column widths for the printed tables (docx, xlsx): one rule, the widths that make the table shortest.

Widths are counted in full-width characters (a CJK character is one, an
ASCII character half of one: ``display_width / 2``).  A column's *natural*
width is the widest line of its header and cells.  Numbers and short columns
(编号, 状态, dates: up to ``SNUG`` characters) keep their natural width, so a
number or a date never wraps; text columns start at ``MIN_CHARS`` (or their
natural width, when less) and the rest of the width goes, slice by slice, to
the column whose widening saves the most lines (``balance_columns``; lines are
counted by ``output.cellfit``, the one estimate).  The Word tables
(``fit_columns``) and the Excel sheets (reports/xlsx.py) both use it.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from taskplan.model.text import display_width
from taskplan.output.cellfit import cell_lines, parts_lines, text_parts

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
        return max((cell_lines(value, width) for value, width in zip(row, self.chars) if width > 0), default=1)


def _natural_widths(header: list[Any], rows: list[list[Any]]) -> tuple[list[float], list[bool]]:
    """Each column's natural width in characters (its longest cell, at most CAP, in half-character steps)
    and whether it holds numbers only: what the fitting starts from."""
    n = len(header)
    natural = [chars(h) for h in header]
    numeric = [True] * n
    for row in rows:
        for i, value in enumerate(row[:n]):
            natural[i] = max(natural[i], min(chars(value), CAP))
            if value not in (None, "") and not _is_number(value):
                numeric[i] = False
    return [max(1.0, math.ceil(x * 2) / 2) for x in natural], numeric


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


def fit_columns(header: list[Any], rows: list[list[Any]], width_twips: int, font_pt: float, margin_twips: int) -> Fit:
    """``balance_columns``'s widths for a Word table ``width_twips`` wide at ``font_pt`` with ``margin_twips``
    on each side of a cell: the width goes where it saves lines, short columns and numbers keep theirs."""
    char_twips, overhead, available = _page(len(header), width_twips, font_pt, margin_twips)
    natural, numeric = _natural_widths(header, rows)
    widths = balance_columns(header, rows, available)
    return _fit(widths, numeric, natural, sum(natural) > available, width_twips, char_twips, overhead)


def natural_fits(header: list[Any], rows: list[list[Any]], width_twips: int, font_pt: float, margin_twips: int) -> bool:
    """Whether every column of the table fits at its natural width (``Fit.squeezed`` without fitting: cheap
    enough to try many column sets, as the matrix does to group its sections)."""
    _, _, available = _page(len(header), width_twips, font_pt, margin_twips)
    return sum(_natural_widths(header, rows)[0]) <= available


SAMPLE_ROWS = 120  # rows the balancing looks at (evenly spread): enough to know a column, cheap on 10,000 rows
STEPS = 60  # the spare width is handed out in this many slices


def balance_columns(header: list[Any], rows: list[list[Any]], available: float) -> list[float]:
    """Text widths (in characters, summing to ``available``) that make the table as short as they can.

    Every column starts at its floor: numbers and short columns (up to ``SNUG``)
    their natural width, so they never wrap; text columns ``MIN_CHARS`` (or
    their natural width, when less).  The rest is handed out in slices, each
    to the column whose widening saves the most lines over the rows (a row is
    as tall as its tallest cell; the header counts as a row); no column grows
    past its natural width while another still saves lines.  What no column
    needs goes to the text columns (wider than ``SNUG``), in proportion to
    their widths: numbers and short columns keep their natural width.  When even the floors do not
    fit, every column shrinks alike.
    """
    n = len(header)
    natural, numeric = _natural_widths(header, rows)
    floors = [natural[i] if numeric[i] or natural[i] <= SNUG else min(float(MIN_CHARS), natural[i]) for i in range(n)]
    if sum(floors) > available:
        scale = available / sum(natural)
        return [x * scale for x in natural]
    widths = list(floors)
    sample = rows if len(rows) <= SAMPLE_ROWS else [rows[i * len(rows) // SAMPLE_ROWS] for i in range(SAMPLE_ROWS)]
    parts = [[text_parts(r[j] if j < len(r) else None) for j in range(n)] for r in [header, *sample]]
    lines = [[parts_lines(p[j], widths[j]) for j in range(n)] for p in parts]
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
                after = parts_lines(parts[r][j], widths[j] + step)
                rows_saved += top - max(second if col == j else top, after)
                tied_saved += top - after
            if (rows_saved, tied_saved) > best_saving:
                best, best_saving = j, (rows_saved, tied_saved)
        if best is None:
            break
        widths[best] += step
        left -= step
        for r, row_lines in enumerate(lines):
            row_lines[best] = parts_lines(parts[r][best], widths[best])
    if left > 0:  # nothing saves a line any more: share the rest, first up to the natural widths
        short = [i for i in range(n) if widths[i] < natural[i]]
        need = sum(natural[i] - widths[i] for i in short)
        if need > 0:
            give = min(left, need)
            for i in short:
                widths[i] += give * (natural[i] - widths[i]) / need
            left -= give
        if left > 0:  # then to the text columns: a number, a date or a short word gains nothing from room
            wide = [i for i in range(n) if not numeric[i] and natural[i] > SNUG] or list(range(n))
            total = sum(widths[i] for i in wide)
            for i in wide:
                widths[i] += left * widths[i] / total
    return widths

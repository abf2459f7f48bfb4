"""The table writers: the only text table, the only Markdown table and the only CSV writer.

Every tabular thing taskplan prints goes through these three functions: the
``--format table|md|csv`` output of list, units, sections, stats, overdue,
deadlines and rules (through ``output.formats``), the progress block of
``show``, and the md/text/csv report templates (as the Jinja filters
``text_table``, ``md_table`` and ``csv_row``).  A change made here — a new
line-breaking rule, an escaping rule — therefore reaches every command and
every report at once.

Widths are display widths (``model.text.display_width``: CJK characters take
two terminal cells).

CSV line ends: **LF** everywhere (the lines of a ``list`` csv and of a report
csv are alike).  Python's csv module, Excel and LibreOffice read LF files; LF
keeps csv files diffable in git next to the YAML they come from, and a cell's
own line breaks (measures) are LF too, so one file never mixes two line ends.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from taskplan.model.text import display_width

CSV_LINE_END = "\n"
GAP = "  "  # between two columns of a text table


@dataclass(frozen=True)
class Column:
    """One column of a table.  ``key`` names the row field in a ``View``; the writers
    only need the header and how the column behaves."""

    key: str
    header: str
    wrap: bool = False  # may wrap when the table is wider than ``width`` (titles, unit lists); others never wrap
    weight: int = 1  # share of the width among wrapping columns (titles get more)
    numeric: bool = False  # right-aligned (text), ``---:`` (Markdown)
    formats: frozenset[str] | None = None  # only in these output formats (None: all tabular formats)


def pad(text: str, width: int) -> str:
    """Left-align ``text`` in ``width`` terminal cells."""
    return text + " " * max(0, width - display_width(text))


# --------------------------------------------------------------------------- text


def break_lines(text: str, width: int) -> list[str]:
    """``text`` cut into lines of at most ``width`` cells (never fewer than one character per line).

    The one place a cell of a text table is broken into lines: line-breaking
    rules for Chinese (no line starting with 、，。) belong here.
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0
        for ch in paragraph:
            cells = display_width(ch)
            if line and used + cells > width:
                lines.append(line)
                line, used = "", 0
            line += ch
            used += cells
        lines.append(line)
    return lines


def _width(cell: str) -> int:
    return max(display_width(line) for line in cell.split("\n")) if "\n" in cell else display_width(cell)


def _fit(columns: Sequence[Column], natural: list[int], width: int) -> list[int]:
    """Column widths within ``width``: fixed columns keep theirs, wrapping columns share the rest by weight."""
    total = sum(natural) + len(GAP) * (len(columns) - 1)
    if total <= width:
        return natural
    sizes = list(natural)
    wrapping = [i for i, c in enumerate(columns) if c.wrap]
    room = width - total + sum(natural[i] for i in wrapping)
    # a column narrower than its share keeps its natural width and leaves the rest to the others
    while wrapping:
        weights = sum(columns[i].weight for i in wrapping)
        share = {i: max(8, room * columns[i].weight // weights) for i in wrapping}
        small = [i for i in wrapping if natural[i] <= share[i]]
        if not small:
            for i in wrapping:
                sizes[i] = min(natural[i], share[i])
            break
        for i in small:
            room -= natural[i]
            wrapping.remove(i)
    return sizes


def render_text(
    columns: Sequence[Column],
    rows: Iterable[Sequence[str]],
    *,
    header: bool = True,
    rule: bool = False,
    indent: int = 0,
    width: int | None = None,
) -> str:
    """An aligned text table: columns padded by display width and separated by two spaces.

    ``rows`` hold the cells as text.  ``header``: a first line of the column
    headers; ``rule``: a line of dashes under it.  With ``width`` (a terminal)
    columns marked ``wrap`` are narrowed so the table fits, and their cells
    continue on the next lines (``break_lines``); without it nothing is ever
    wrapped or cut — stable and greppable.  Trailing spaces are removed.
    """
    table = [list(r) for r in rows]
    heads = [c.header for c in columns]
    natural = [max([_width(h) if header else 0] + [_width(r[i]) for r in table]) for i, h in enumerate(heads)]
    sizes = natural if width is None else _fit(columns, natural, width - indent)
    last = len(columns) - 1
    margin = " " * indent

    def lines_of(cells: list[str]) -> list[str]:
        broken = [break_lines(cell, sizes[i]) if sizes[i] < natural[i] else cell.split("\n") if "\n" in cell else [cell]
                  for i, cell in enumerate(cells)]
        out = []
        for k in range(max(len(b) for b in broken)):
            parts = []
            for i, col in enumerate(columns):
                text = broken[i][k] if k < len(broken[i]) else ""
                gap = " " * (sizes[i] - display_width(text))
                parts.append(gap + text if col.numeric else (text if i == last else text + gap))
            out.append((margin + GAP.join(parts)).rstrip())
        return out

    out: list[str] = []
    if header:
        out += lines_of(heads)
        if rule:
            out.append((margin + GAP.join("-" * s for s in sizes)).rstrip())
    for cells in table:
        out += lines_of(cells)
    return "".join(line + "\n" for line in out)


# --------------------------------------------------------------------------- Markdown


def md_cell(value: Any) -> str:
    """Text safe inside a Markdown table cell: pipes and backslashes escaped, line breaks as <br>."""
    text = "" if value is None else str(value)
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r\n", "<br>").replace("\n", "<br>")


def render_markdown(columns: Sequence[Column], rows: Iterable[Sequence[Any]]) -> str:
    """A GitHub-flavoured Markdown table; numeric columns right-aligned (``---:``)."""
    lines = ["| " + " | ".join(md_cell(c.header) for c in columns) + " |"]
    lines.append("|" + "|".join("---:" if c.numeric else "---" for c in columns) + "|")
    lines += ["| " + " | ".join(md_cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- CSV


def render_csv(rows: Iterable[Sequence[Any]]) -> str:
    """CSV lines (RFC 4180 quoting, LF line ends, see the module docstring) of ``rows``; None is an empty cell.

    Every cell of every csv taskplan writes passes through here: rules about
    what a cell may hold in a spreadsheet belong here.
    """
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator=CSV_LINE_END)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return buf.getvalue()

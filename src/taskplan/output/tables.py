"""The table writers: the only text table, the only Markdown table and the only CSV writer.

Every tabular thing taskplan prints goes through these three functions: the
``--format table|md|csv`` output of list, units, sections, stats, overdue,
deadlines, rules and check (through ``output.formats``), the progress block of
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
import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Sequence

from taskplan.escape import visible
from taskplan.model.text import display_width
from taskplan.output.wrap import wrap, wrap_items

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
    sep: str | None = None  # a list of names joined by this (、): wrapped only after a separator, a name never split


def pad(text: str, width: int) -> str:
    """Left-align ``text`` in ``width`` terminal cells."""
    return text + " " * max(0, width - display_width(text))


# --------------------------------------------------------------------------- text


def break_lines(text: str, width: int, sep: str | None = None) -> list[str]:
    """``text`` cut into lines of at most ``width`` cells.

    The one place a cell of a text table is broken into lines, by the rules of
    Chinese typesetting (``output.wrap``): no line starts with closing
    punctuation (、，。）…) or ends with an opening bracket, Latin words stay
    whole; with ``sep`` the cell is a list of names broken only after a
    separator, so no name is split (unless it alone is wider than ``width``).
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if sep and sep in paragraph:
            lines += wrap_items(paragraph.split(sep), width, sep)
        else:
            lines += wrap(paragraph, width)
    return lines


def _narrowest(column: Column, cells: list[str]) -> int:
    """The least width a wrapping column may get: its widest name for a list, else 8 cells per weight
    (a title squeezed below that reads worse than the record layout ``render_text`` falls back to)."""
    if column.sep:
        return max([8] + [display_width(name) + display_width(column.sep)
                          for cell in cells for line in cell.split("\n") for name in line.split(column.sep)])
    return 8 * column.weight


def _widest_word(text: str) -> int:
    """A header may wrap between its words ("lead / units"), never inside one."""
    return max((display_width(word) for word in text.split()), default=0)


def _width(cell: str) -> int:
    return max(display_width(line) for line in cell.split("\n")) if "\n" in cell else display_width(cell)


def _fit(columns: Sequence[Column], natural: list[int], width: int, least: list[int] | None = None) -> list[int]:
    """Column widths within ``width``: fixed columns keep theirs; wrapping columns get their least width
    (a list column its widest name, others 8 cells) and share the rest by weight, never beyond their natural one."""
    gaps = len(GAP) * (len(columns) - 1)
    if sum(natural) + gaps <= width:
        return natural
    least = least or [min(8, n) for n in natural]
    sizes = [least[i] if c.wrap else natural[i] for i, c in enumerate(columns)]
    room = width - gaps - sum(sizes)
    growing = [i for i, c in enumerate(columns) if c.wrap and natural[i] > sizes[i]]
    while room > 0 and growing:
        weights = sum(columns[i].weight for i in growing)
        given = 0
        for i in growing:
            add = min(max(1, room * columns[i].weight // weights), natural[i] - sizes[i], room - given)
            sizes[i] += add
            given += add
        room -= given
        growing = [i for i in growing if natural[i] > sizes[i]]
        if not given:
            break
    return sizes


def render_text(
    columns: Sequence[Column],
    rows: Iterable[Sequence[str]],
    *,
    header: bool = True,
    rule: bool = False,
    indent: int = 0,
    width: int | None = None,
    paint: Callable[[str, str], str] | None = None,
) -> str:
    """An aligned text table: columns padded by display width and separated by two spaces.

    ``rows`` hold the cells as text.  ``header``: a first line of the column
    headers; ``rule``: a line of dashes under it.  With ``width`` (a terminal)
    columns marked ``wrap`` are narrowed so the table fits, and their cells
    continue on the next lines (``break_lines``); without it nothing is ever
    wrapped or cut — stable and greppable.  Trailing spaces are removed.
    When even the narrowest columns (a list column keeps its widest name) do
    not fit ``width``, each row is printed as a record instead (``_records``).
    ``paint(column key, text)`` styles a cell (colour) after it is measured.
    """
    table = [[visible(cell) for cell in r] for r in rows]  # user text is shown, never obeyed by a terminal
    heads = [c.header for c in columns]
    natural = [max([_width(h) if header else 0] + [_width(r[i]) for r in table]) for i, h in enumerate(heads)]
    least = [max(min(natural[i], _narrowest(c, [r[i] for r in table])), _widest_word(heads[i]) if header else 0)
             if c.wrap else natural[i] for i, c in enumerate(columns)]
    if width is not None and sum(least) + len(GAP) * (len(columns) - 1) > width - indent:
        return _records(columns, table, width, indent, paint)
    sizes = natural if width is None else _fit(columns, natural, width - indent, least)
    last = len(columns) - 1
    margin = " " * indent
    style = paint or (lambda key, text: text)

    def lines_of(cells: list[str]) -> list[str]:
        broken = [break_lines(cell, sizes[i], columns[i].sep) if sizes[i] < natural[i] else cell.split("\n") if "\n" in cell else [cell]
                  for i, cell in enumerate(cells)]
        out = []
        for k in range(max(len(b) for b in broken)):
            parts = []
            for i, col in enumerate(columns):
                text = broken[i][k] if k < len(broken[i]) else ""
                gap = " " * (sizes[i] - display_width(text))
                text = style(col.key, text) if text and k < len(broken[i]) and cells is not heads else text
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


def _records(columns: Sequence[Column], table: list[list[str]], width: int, indent: int,
             paint: Callable[[str, str], str] | None) -> str:
    """Rows too wide for any column layout, one record each: ``header  value`` lines, the value
    wrapped under a hanging indent, a blank line between records."""
    label = max(display_width(c.header) for c in columns) + len(GAP)
    margin = " " * indent
    blocks = []
    for cells in table:
        lines = []
        for col, cell in zip(columns, cells):
            if not cell:
                continue
            room = max(width - indent - label, 8)
            broken = break_lines(cell, room, col.sep)
            for k, text in enumerate(broken):
                head = pad(col.header, label) if k == 0 else " " * label
                lines.append((margin + head + (paint(col.key, text) if paint and text else text)).rstrip())
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n" if blocks else ""


# --------------------------------------------------------------------------- Markdown


def md_cell(value: Any) -> str:
    """Text safe inside a Markdown table cell: pipes and backslashes escaped, line breaks as <br>."""
    text = "" if value is None else str(value)
    text = text.replace("\\", "\\\\").replace("|", "\\|").replace("\r\n", "<br>").replace("\n", "<br>")
    return visible(text)  # what remains of control characters is shown, never obeyed


def render_markdown(columns: Sequence[Column], rows: Iterable[Sequence[Any]]) -> str:
    """A GitHub-flavoured Markdown table; numeric columns right-aligned (``---:``)."""
    lines = ["| " + " | ".join(md_cell(c.header) for c in columns) + " |"]
    lines.append("|" + "|".join("---:" if c.numeric else "---" for c in columns) + "|")
    lines += ["| " + " | ".join(md_cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- CSV


# A cell starting with one of these is run as a formula by Excel and LibreOffice (OWASP "CSV
# injection"): =HYPERLINK(…), +cmd|' /C calc'!A0, -2+3, @SUM(…); tab and CR start one after
# the spreadsheet strips them.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def guard_cell(value: Any) -> Any:
    """``value`` as a spreadsheet shows it as text: a string starting with = + - @, tab or CR gets a ``'`` in front.

    A plain number such as ``-3`` (days overdue) and the lone ``-`` of an
    empty value are left alone: a spreadsheet reads them as they are, and
    they run nothing.
    """
    if isinstance(value, str) and value.startswith(FORMULA_START) and value != "-" and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def render_csv(rows: Iterable[Sequence[Any]], *, guard: bool = True) -> str:
    """CSV lines (RFC 4180 quoting, LF line ends, see the module docstring) of ``rows``; None is an empty cell.

    Every cell of every csv taskplan writes passes through here: rules about
    what a cell may hold in a spreadsheet belong here.  With ``guard`` (the
    default; ``--no-formula-guard`` turns it off) every cell goes through
    ``guard_cell``, so no cell of a csv taskplan writes is a live formula.
    """
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator=CSV_LINE_END)
    for row in rows:
        cells = ["" if v is None else v for v in row]
        writer.writerow([guard_cell(v) for v in cells] if guard else cells)
    return buf.getvalue()

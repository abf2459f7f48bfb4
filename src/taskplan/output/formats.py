"""Output formats shared by list, units, sections and stats: one name → formatter dict.

A command builds a ``View`` (one or more tables of plain cells, the JSON body,
and the ids for shell pipes) and hands it to ``render(view, format, options)``.
``--format`` choices are the keys of ``FORMATS``.

``table`` is the default.  On a terminal it is a rich table (aligned by
display width, long titles wrapped to the terminal).  When stdout is not a
terminal (a pipe, a file, a test) it is a plain text table: columns padded
by display width and separated by two spaces, one row per line, nothing
wrapped or cut — stable, greppable, and cheap (rich is not even imported).
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from typing import Any, Callable

from taskplan.errors import UsageError
from taskplan.model.text import visible
SCHEMA_VERSION = 1

# East Asian Wide and Fullwidth ranges (UAX #11): two terminal cells each.  A regex counts them in C,
# ~20x faster than a per-character lookup on 10,000 long Chinese titles; rich (terminal tables) and
# text.display_width agree with it on every character the plans use.
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]"
)


def cell_width(text: str) -> int:
    """Terminal cells of ``text``: CJK and full-width forms take two."""
    return len(text) if text.isascii() else len(text) + len(_WIDE.findall(text))


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    wrap: bool = False  # may wrap on a terminal (titles, unit lists); other columns never wrap
    weight: int = 1  # share of the terminal width among wrapping columns (titles get more)
    numeric: bool = False  # right-aligned
    formats: frozenset[str] | None = None  # only in these formats (None: all tabular formats)


# Column.formats of columns meant for reading only, or only for the spreadsheet
TEXT_ONLY = frozenset({"table", "md"})
FILE_ONLY = frozenset({"csv"})


@dataclass
class Part:
    """One table of a view; stats has several, list has one."""

    columns: list[Column]
    rows: list[dict[str, Any]]
    title: str | None = None
    empty: str | None = "(none)"  # what a table with no rows says in text formats (None: nothing)


@dataclass
class View:
    """What a command shows.  ``parts`` and ``payload`` may be given as zero-argument
    functions: then only the format asked for pays for building them (``ids`` of
    10,000 tasks needs neither)."""

    parts: list[Part] | Callable[[], list[Part]]
    payload: dict[str, Any] | Callable[[], dict[str, Any]]  # the JSON body; render adds schema_version
    ids: list[str] | None = None  # for --format ids; None where ids mean nothing
    footer: str | None = None  # a summary line under text tables ("3 tasks")

    def tables(self) -> list[Part]:
        if callable(self.parts):
            self.parts = self.parts()
        return self.parts

    def body(self) -> dict[str, Any]:
        if callable(self.payload):
            self.payload = self.payload()
        return self.payload


@dataclass(frozen=True)
class FormatOptions:
    terminal: bool = False  # stdout is a terminal: rich table, wrapped to ``width``
    width: int | None = None
    excel: bool = False  # csv: start with the BOM Excel needs to read UTF-8


def cell_text(value: Any) -> str:
    if callable(value):  # a cell only some formats show, computed on demand (list's 落实措施 column)
        value = value()
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "、".join(cell_text(v) for v in value)
    return str(value)


def _columns(part: Part, fmt: str) -> list[Column]:
    return [c for c in part.columns if c.formats is None or fmt in c.formats]


# --------------------------------------------------------------------------- formatters


def _plain_table(part: Part) -> list[str]:
    cols = _columns(part, "table")
    cells = [[cell_text(row.get(c.key)) for c in cols] for row in part.rows]
    sizes = [[cell_width(v) for v in r] for r in cells]
    widths = [max([cell_width(c.header)] + [s[i] for s in sizes]) for i, c in enumerate(cols)]
    last = len(cols) - 1

    def line(values: list[str], size: list[int]) -> str:
        out = []
        for i, col in enumerate(cols):
            gap = " " * (widths[i] - size[i])
            out.append(gap + values[i] if col.numeric else (values[i] if i == last else values[i] + gap))
        return "  ".join(out).rstrip()

    headers = [c.header for c in cols]
    lines = [line(headers, [cell_width(h) for h in headers]), line(["-" * w for w in widths], widths)]
    lines += [line(r, z) for r, z in zip(cells, sizes)]
    return lines


def _rich_table(part: Part, options: FormatOptions) -> str:
    from rich import box
    from rich.console import Console
    from rich.table import Table

    wraps = any(c.wrap for c in _columns(part, "table"))
    # expand: wrapping columns then share the width by weight (titles 3:1 against unit lists)
    from rich.text import Text

    title = Text(visible(part.title)) if part.title else None
    table = Table(box=box.SIMPLE_HEAD, title=title, title_justify="left", pad_edge=False, expand=wraps)
    cols = _columns(part, "table")
    for col in cols:
        table.add_column(
            col.header,
            justify="right" if col.numeric else "left",
            no_wrap=not col.wrap,
            overflow="fold",
            ratio=col.weight if col.wrap else None,
            min_width=8 if col.wrap else None,  # never squeezed away by its neighbours
        )
    for row in part.rows:
        # user text is shown, never obeyed: control characters as escapes, no rich markup ("[red]")
        table.add_row(*(visible(cell_text(row.get(c.key))) for c in cols))
    buf = io.StringIO()
    Console(file=buf, width=options.width, force_terminal=True, highlight=False, markup=False).print(table)
    return buf.getvalue()


def format_table(view: View, options: FormatOptions) -> str:
    chunks = []
    parts = view.tables()
    for part in parts:
        if not part.rows:
            lines = ([part.title] if part.title else []) + ([part.empty] if part.empty else [])
            if lines:
                chunks.append("\n".join(lines) + "\n")
        elif options.terminal:
            chunks.append(_rich_table(part, options))
        else:
            lines = ([part.title, ""] if part.title else []) + _plain_table(part)
            chunks.append("\n".join(lines) + "\n")
    text = "\n".join(chunks)
    if view.footer:
        text += ("\n" if any(p.rows for p in parts) else "") + view.footer + "\n"
    return text


def _md_cell(value: Any) -> str:
    return cell_text(value).replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>")


def format_md(view: View, options: FormatOptions) -> str:
    chunks = []
    for part in view.tables():
        cols = _columns(part, "md")
        lines = [f"### {part.title}", ""] if part.title else []
        if not part.rows:
            lines += [part.empty] if part.empty else []
        else:
            lines.append("| " + " | ".join(_md_cell(c.header) for c in cols) + " |")
            lines.append("|" + "|".join("---:" if c.numeric else "---" for c in cols) + "|")
            lines += ["| " + " | ".join(_md_cell(row.get(c.key)) for c in cols) + " |" for row in part.rows]
        chunks.append("\n".join(lines) + "\n")
    text = "\n".join(chunks)
    if view.footer:
        text += "\n" + view.footer + "\n"
    return text


def format_csv(view: View, options: FormatOptions) -> str:
    """RFC 4180 csv (CRLF line ends), UTF-8; several parts are separated by an empty line."""
    buf = io.StringIO()
    if options.excel:
        buf.write("\ufeff")
    writer = csv.writer(buf)
    for i, part in enumerate(view.tables()):
        if i:
            buf.write("\r\n")
        cols = _columns(part, "csv")
        writer.writerow([c.header for c in cols])
        for row in part.rows:
            writer.writerow([cell_text(row.get(c.key)) for c in cols])
    return buf.getvalue()


def format_json(view: View, options: FormatOptions) -> str:
    """The envelope, one top-level key per line and one list element (task, unit …) per line.

    Readable and diff-friendly, and several times faster than ``indent=``
    (which makes the json module fall back to pure Python on 10,000 tasks).
    """
    body = {"schema_version": SCHEMA_VERSION, **view.body()}
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode
    lines = ["{"]
    last = len(body) - 1
    for i, (key, value) in enumerate(body.items()):
        comma = "," if i < last else ""
        if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
            lines.append(f"  {dumps(key)}: [")
            end = len(value) - 1
            lines += [f"    {dumps(item)}{',' if j < end else ''}" for j, item in enumerate(value)]
            lines.append(f"  ]{comma}")
        else:
            lines.append(f"  {dumps(key)}: {dumps(value)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def format_ids(view: View, options: FormatOptions) -> str:
    if view.ids is None:
        raise UsageError("--format ids is not available here", hint="use table, json, csv or md")
    return "".join(f"{i}\n" for i in view.ids)


Formatter = Callable[[View, FormatOptions], str]

FORMATS: dict[str, Formatter] = {
    "table": format_table,
    "json": format_json,
    "csv": format_csv,
    "md": format_md,
    "ids": format_ids,
}


def render(view: View, fmt: str, options: FormatOptions = FormatOptions()) -> str:
    try:
        formatter = FORMATS[fmt]
    except KeyError:
        raise UsageError(f'unknown format "{fmt}"', hint=f"use one of {', '.join(FORMATS)}") from None
    return formatter(view, options)


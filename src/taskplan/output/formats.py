"""Output formats shared by every tabular command (and check's json/csv/md): one name → formatter dict.

A command builds a ``View`` (one or more tables of plain cells, the JSON body,
and the ids for shell pipes) and hands it to ``render(view, format, options)``.
``--format`` choices are the keys of ``FORMATS``.

Every formatter writes its tables with the one writer of its kind in
``output.tables`` (text, Markdown, CSV).

``table`` is the default: columns padded by display width and separated by
two spaces.  The columns marked ``wrap`` (titles, unit lists) are narrowed to
fit ``FormatOptions.width`` (the terminal's, or COLUMNS/100 when piped: see
cli/display.py) and continue on the next lines; without a width (``--wide``)
nothing is wrapped or cut, one row per line.  Headers are msgids: table and
md show them translated, csv in Chinese whatever the language (``_columns``).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import Any, Callable

from taskplan.i18n import M_, N_, chinese, translate
from taskplan.errors import UsageError
from taskplan.output.tables import CSV_LINE_END, Column, render_csv, render_markdown, render_text

__all__ = ["Column", "FORMATS", "FormatOptions", "Part", "View", "render"]
SCHEMA_VERSION = 1

# Column.formats of columns meant for reading only, or only for the spreadsheet
TEXT_ONLY = frozenset({"table", "md"})
FILE_ONLY = frozenset({"csv"})


@dataclass
class Part:
    """One table of a view; stats has several, list has one."""

    columns: list[Column]
    rows: list[dict[str, Any]]
    title: str | None = None
    empty: str | None = N_("(none)")  # what a table with no rows says in text formats (None: nothing); translated when shown


@dataclass
class View:
    """What a command shows.  ``parts`` and ``payload`` may be given as zero-argument
    functions: then only the format asked for pays for building them (``ids`` of
    10,000 tasks needs neither)."""

    parts: list[Part] | Callable[[], list[Part]]
    payload: dict[str, Any] | Callable[[], dict[str, Any]]  # the JSON body; render adds schema_version
    ids: list[str] | None = None  # for --format ids; None where ids mean nothing
    footer: str | None = None  # a summary line under text tables ("3 tasks")
    # a format whose output is a whole document rather than the tables (rules: md is docs/rules.md)
    documents: dict[str, Callable[[], str]] = field(default_factory=dict)

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
    terminal: bool = False  # stdout is a terminal: wrapping columns narrowed to ``width``
    width: int | None = None
    excel: bool = False  # csv: start with the BOM Excel needs to read UTF-8
    formula_guard: bool = True  # csv: cells starting with = + - @ are written as text (tables.guard_cell)
    paint: Callable[[str, str], str] | None = None  # text table: colour a cell (cli/display.py), None: plain


def cell_text(value: Any) -> str:
    if callable(value):  # a cell only some formats show, computed on demand (list's 落实措施 column)
        value = value()
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "、".join(cell_text(v) for v in value)
    return str(value)


def _columns(part: Part, fmt: str) -> list[Column]:
    """The columns ``fmt`` shows, headed in the reader's language (table, md) or, for csv, by the
    Chinese words of the 台账 whatever the language: a spreadsheet or script reading a csv does not
    depend on who ran the command (docs/language.md)."""
    name = chinese if fmt == "csv" else translate
    return [replace(c, header=name(c.header)) for c in part.columns if c.formats is None or fmt in c.formats]


# --------------------------------------------------------------------------- formatters


def format_table(view: View, options: FormatOptions) -> str:
    chunks = []
    parts = view.tables()
    for part in parts:
        if not part.rows:
            lines = ([part.title] if part.title else []) + ([translate(part.empty)] if part.empty else [])
            if lines:
                chunks.append("\n".join(lines) + "\n")
        else:
            cols = _columns(part, "table")
            rows = ([cell_text(row.get(c.key)) for c in cols] for row in part.rows)
            table = render_text(cols, rows, rule=True, width=options.width, paint=options.paint)
            chunks.append((f"{part.title}\n\n" if part.title else "") + table)
    text = "\n".join(chunks)
    if view.footer:
        text += ("\n" if any(p.rows for p in parts) else "") + view.footer + "\n"
    return text


def format_md(view: View, options: FormatOptions) -> str:
    chunks = []
    for part in view.tables():
        cols = _columns(part, "md")
        lines = [f"### {part.title}", ""] if part.title else []
        if not part.rows:
            lines += [translate(part.empty)] if part.empty else []
        else:
            lines.append(render_markdown(cols, ([cell_text(row.get(c.key)) for c in cols] for row in part.rows)).rstrip("\n"))
        chunks.append("\n".join(lines) + "\n")
    text = "\n".join(chunks)
    if view.footer:
        text += "\n" + view.footer + "\n"
    return text


def format_csv(view: View, options: FormatOptions) -> str:
    """csv (``tables.render_csv``: LF line ends), UTF-8; several parts are separated by an empty line."""
    chunks = []
    for part in view.tables():
        cols = _columns(part, "csv")
        chunks.append(render_csv([[c.header for c in cols], *([cell_text(row.get(c.key)) for c in cols] for row in part.rows)],
                                 guard=options.formula_guard))
    return ("\ufeff" if options.excel else "") + CSV_LINE_END.join(chunks)


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
        raise UsageError(M_("--format ids is not available here"), hint=M_("use table, json, csv or md"))
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
        raise UsageError(M_("unknown format \"{fmt}\"", fmt=fmt), hint=M_("use one of {value1}", value1=', '.join(FORMATS))) from None
    if fmt in view.documents:
        return view.documents[fmt]()
    return formatter(view, options)


"""The Excel 台账: XlsxWriter (write-only, fast), one sheet per table of the context.

Every kind's context carries ``tables`` ([{name, title, header, rows, lead?}]):
the plan's 台账 (plus one sheet per unit with --by-unit, or only the unit's
with --unit), a 责任清单 sheet per unit, the matrix, the 通报's scoreboard and
task list, the stats tables.  ``lead`` is lines of text written above the
header (the 通报 sheet's 截至 date, 按期完成率 and summary).

Each sheet prints on A4 or A3 landscape (``--paper``) at 100 %: the column
widths are chosen (``tablefit.balance_columns``, display-width aware) so that
they add up to the printable width at ``FONT_PT``, and every row is given
the height its wrapped text needs, so nothing is clipped and nothing is
shrunk below 9 pt.  A frozen header row with an autofilter, the header
repeated on every printed page, 宋体 header and 仿宋 text, dates (完成时限,
原定时限, 延期至, 最近填报) stored as date cells with a date format.
"""
from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

from taskplan.output.workbook import PAPERS, Paper, cell_overhead, column_width, print_layout, row_points
from taskplan.progress.state import LIGHT_WORDS
from taskplan.reports.formats import RenderSettings
from taskplan.reports.lazy import Lazy
from taskplan.reports.tablefit import balance_columns

SHEET_NAME_MAX = 31
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
# keyed by the one light vocabulary (progress/state.LIGHTS); None: no fill.  A 灯 cell is read with LIGHT_WORDS
# (红, 红灯 or red), so a renamed light keeps its fill.
LIGHT_COLOURS = {"red": "#F4B6B6", "yellow": "#FFE699", "green": "#C6E0B4", "none": None}
HEAD_FONT, TEXT_FONT = "宋体", "仿宋"
FONT_PT = 10.0  # printed at 100 %: ≥ 9 pt on paper
OVERHEAD = cell_overhead(FONT_PT)  # a column's room around its text, in characters
DATE_SPACE = "0" * 13  # a date's printed width: 6.5 characters
DATE_COLUMNS = frozenset({"完成时限", "原定时限", "延期至", "最近填报"})
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def sheet_name(name: str, taken: set[str]) -> str:
    """Excel's rules: ≤ 31 characters, none of []:*?/\\, not blank, unique (case-insensitive)."""
    base = _BAD_SHEET_CHARS.sub("_", name).strip("'").strip() or "Sheet"
    base = base[:SHEET_NAME_MAX]
    candidate, n = base, 2
    while candidate.lower() in taken:
        suffix = f"~{n}"
        candidate = base[: SHEET_NAME_MAX - len(suffix)] + suffix
        n += 1
    taken.add(candidate.lower())
    return candidate


def fit_sheet(header: list[Any], rows: list[list[Any]], paper: Paper) -> list[float]:
    """Text widths in characters (``tablefit.balance_columns``) whose columns print within the paper's width at FONT_PT.

    A date cell is measured as its printed digits (wider than half a CJK character in most fonts): a date
    never wraps, it shows as ### when its column is too narrow.
    """
    dates = [i for i, h in enumerate(header) if h in DATE_COLUMNS]
    if dates:
        # made when read, as the rows themselves (reports/lazy.py): a 100,000-row 台账 is not copied
        rows = Lazy(rows, lambda r: [DATE_SPACE if i in dates and _date(v, header[i]) else v for i, v in enumerate(r)])
    return balance_columns(header, rows, paper.printable_pt / FONT_PT - len(header) * OVERHEAD)


def _date(value: Any, column: str) -> dt.date | None:
    if column in DATE_COLUMNS and isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def write_table(workbook: Any, taken: set[str], table: dict[str, Any], plan_title: str, formats: dict[str, Any],
                paper: Paper) -> None:
    ws = workbook.add_worksheet(sheet_name(table["name"], taken))
    header, rows = table["header"], table["rows"]
    widths = fit_sheet(header, rows, paper)
    for col, width in enumerate(widths):
        ws.set_column(col, col, column_width((width + OVERHEAD) * FONT_PT), formats["cell"])
    # lines above the table (the 通报's date, rate and summary), each across the table's width
    lead = table.get("lead") or []
    across = sum(widths) + (len(widths) - 1) * OVERHEAD  # the merged cell's text width, in characters
    for r, line in enumerate(lead):
        if len(header) > 1:
            ws.merge_range(r, 0, r, len(header) - 1, line, formats["lead"])
        else:
            ws.write_string(r, 0, line, formats["lead"])
        ws.set_row(r, row_points([across], [line], FONT_PT))
    top = len(lead)
    ws.write_row(top, 0, header, formats["head"])
    ws.set_row(top, row_points(widths, header, FONT_PT), formats["head"])
    light_col = header.index("灯") if "灯" in header else None
    for r, row in enumerate(rows, start=top + 1):
        ws.set_row(r, row_points(widths, row, FONT_PT))
        for c, value in enumerate(row):
            day = _date(value, header[c])
            if value is None or value == "":
                ws.write_blank(r, c, None, formats["cell"])
            elif day is not None:
                ws.write_datetime(r, c, dt.datetime(day.year, day.month, day.day), formats["date"])
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                ws.write_number(r, c, value, formats["num"])
            elif c == light_col and LIGHT_COLOURS.get(LIGHT_WORDS.get(str(value), "")):
                ws.write_string(r, c, str(value), formats[f"light_{LIGHT_WORDS[str(value)]}"])
            else:
                ws.write_string(r, c, str(value), formats["cell"])
    ws.freeze_panes(top + 1, 0)
    ws.autofilter(top, 0, top + max(len(rows), 1), len(header) - 1)
    print_layout(ws, table.get("title") or plan_title, header_row=top, paper=paper)


def render(fmt: str, kind: str, context: dict[str, Any], settings: RenderSettings) -> bytes:
    import xlsxwriter

    paper = PAPERS[settings.paper]
    buf = io.BytesIO()
    # constant_memory: each row is written out (to a temporary file) as soon as the next one starts, instead of
    # every cell of every sheet held until close (330 MB for a 100,000-task 台账); it stores text as inline strings
    # instead of the shared-string table, which Excel, WPS, LibreOffice and openpyxl all read.  It needs rows
    # written in order, as write_table does (lead lines, header, tasks).
    workbook = xlsxwriter.Workbook(buf, {"constant_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
                                         "strings_to_urls": False})
    base = {"text_wrap": True, "valign": "top", "border": 1, "font_size": FONT_PT, "font_name": TEXT_FONT}
    formats = {
        "cell": workbook.add_format(base),
        "num": workbook.add_format(base | {"align": "right"}),
        "date": workbook.add_format(base | {"num_format": "yyyy-mm-dd", "align": "center"}),
        "head": workbook.add_format(base | {"bold": True, "bg_color": "#D9D9D9", "align": "center", "valign": "vcenter",
                                            "font_name": HEAD_FONT}),
        "lead": workbook.add_format({"text_wrap": True, "valign": "top", "font_size": FONT_PT, "font_name": TEXT_FONT}),
    }
    for light, colour in LIGHT_COLOURS.items():
        if colour is None:
            continue
        formats[f"light_{light}"] = workbook.add_format(base | {"bg_color": colour, "align": "center"})
    workbook.set_properties({"title": context["report"]["title"], "subject": context["plan"]["title"], "comments": "taskplan"})
    taken: set[str] = set()
    for table in context["tables"]:
        write_table(workbook, taken, table, context["plan"]["title"], formats, paper)
    if not context["tables"]:
        workbook.add_worksheet("空")
    workbook.close()
    return buf.getvalue()

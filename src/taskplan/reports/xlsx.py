"""The Excel 台账: XlsxWriter (write-only, fast), one sheet per table of the context.

Every kind's context carries ``tables`` ([{name, title, header, rows}]): the
plan's 台账 (plus one sheet per unit with --by-unit, or only the unit's with
--unit), a 责任清单 sheet per unit, the matrix, the bulletin's three tables,
the stats tables.  Each sheet: a frozen header row with an autofilter,
column widths from the display width of Chinese text (capped, with
wrapping), A4 landscape, header row repeated on every printed page.
"""
from __future__ import annotations

import io
import re
from typing import Any

from taskplan.reports.formats import RenderSettings
from taskplan.model.text import display_width

SHEET_NAME_MAX = 31
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
WIDTH_CAP = 60  # wider columns wrap instead
LIGHT_COLOURS = {"红": "#F4B6B6", "黄": "#FFE699", "绿": "#C6E0B4"}


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


def column_widths(header: list[Any], rows: list[list[Any]]) -> list[float]:
    widths = []
    for i, head in enumerate(header):
        longest = max([display_width(str(head))] + [display_width(str(r[i])) for r in rows[:2000] if r[i] is not None])
        widths.append(min(longest, WIDTH_CAP) + 2)
    return widths


def write_table(workbook: Any, taken: set[str], table: dict[str, Any], plan_title: str, formats: dict[str, Any]) -> None:
    ws = workbook.add_worksheet(sheet_name(table["name"], taken))
    header, rows = table["header"], table["rows"]
    for col, width in enumerate(column_widths(header, rows)):
        ws.set_column(col, col, width, formats["cell"])
    ws.set_row(0, None, formats["head"])
    ws.write_row(0, 0, header, formats["head"])
    light_col = header.index("灯") if "灯" in header else None
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if value is None or value == "":
                ws.write_blank(r, c, None, formats["cell"])
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                ws.write_number(r, c, value, formats["num"])
            elif c == light_col and value in LIGHT_COLOURS:
                ws.write_string(r, c, str(value), formats[f"light_{value}"])
            else:
                ws.write_string(r, c, str(value), formats["cell"])
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(len(rows), 1), len(header) - 1)
    print_layout(ws, table.get("title") or plan_title)


def print_layout(ws: Any, title: str, header_row: int = 0) -> None:
    """The 台账's page: A4 landscape, fit to the page width, the header row repeated, title and page numbers."""
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.repeat_rows(header_row)
    ws.fit_to_pages(1, 0)  # all columns on the page width, as many pages down as needed
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.set_header(f"&C{title.replace('&', '&&')}"[:255])
    ws.set_footer("&C第 &P 页,共 &N 页")


def render(fmt: str, kind: str, context: dict[str, Any], settings: RenderSettings) -> bytes:
    import xlsxwriter

    buf = io.BytesIO()
    workbook = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False})
    base = {"text_wrap": True, "valign": "top", "border": 1, "font_size": 10}
    formats = {
        "cell": workbook.add_format(base),
        "num": workbook.add_format(base | {"align": "right"}),
        "head": workbook.add_format(base | {"bold": True, "bg_color": "#D9D9D9", "align": "center", "valign": "vcenter"}),
    }
    for light, colour in LIGHT_COLOURS.items():
        formats[f"light_{light}"] = workbook.add_format(base | {"bg_color": colour, "align": "center"})
    workbook.set_properties({"title": context["report"]["title"], "subject": context["plan"]["title"], "comments": "taskplan"})
    taken: set[str] = set()
    for table in context["tables"]:
        write_table(workbook, taken, table, context["plan"]["title"], formats)
    if not context["tables"]:
        workbook.add_worksheet("空")
    workbook.close()
    return buf.getvalue()

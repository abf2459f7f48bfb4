"""An Excel 台账 (.xlsx) → (text, where) pieces, through tabular.py.

The sheet is read as a grid of cell texts: merged ranges repeat their cell
across the columns they span and mark the rows below as ``continued``; dates
are written the Chinese way (2020年6月30日) so the deadline reader sees what
the clerk typed; whole numbers stored as floats lose their ``.0``.

Which sheet: ``--sheet NAME``, else the first sheet whose first rows hold a
recognisable header (工作任务 and 牵头单位 or 责任单位, in any spelling).
"""
from __future__ import annotations

import datetime as dt
from io import BytesIO

from taskplan.i18n import M_
from taskplan.errors import UsageError
from taskplan.importer.tabular import HEADER_ROWS, Cell, find_header, grid_pieces


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime) and value.time() == dt.time(0, 0):
        value = value.date()
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def sheet_grid(ws, limit: int | None = None) -> list[list[Cell]]:
    """The sheet's rows as Cells (``limit``: only the first rows, to look for a header)."""
    merged: dict[tuple[int, int], tuple[int, int]] = {}
    for rng in ws.merged_cells.ranges:
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                merged[(r, c)] = (rng.min_row, rng.min_col)
    max_row = ws.max_row if limit is None else min(ws.max_row, limit)
    max_col = ws.max_column
    title = ws.title
    made: dict[tuple, Cell] = {}
    rows: list[list[Cell]] = []
    for r, values in enumerate(ws.iter_rows(min_row=1, max_row=max_row, max_col=max_col, values_only=True), 1):
        row: list[Cell] = []
        for c, value in enumerate(values, 1):
            origin = merged.get((r, c))
            if origin is None or origin == (r, c):
                cell = Cell(cell_text(value), M_("sheet {sheet}, cell {cell}", sheet=title, cell=f"{_column_letter(c)}{r}"))
                made[(r, c)] = cell
            else:
                # a merged range: its first row repeats the origin cell; each row below is one continued cell
                key = origin if origin[0] == r else (origin[0], origin[1], r)
                cell = made.get(key)
                if cell is None:
                    first = made.get(origin) or Cell("", M_("sheet {sheet}, cell {cell}", sheet=title, cell=f"{_column_letter(origin[1])}{origin[0]}"))
                    cell = Cell(first.text, first.where, continued=True)
                    made[key] = cell
            row.append(cell)
        rows.append(row)
    return rows


def _open(raw: bytes):
    import openpyxl

    from taskplan.importer.tabular import Damaged

    try:
        return openpyxl.load_workbook(BytesIO(raw), data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a broken package; all mean "damaged"
        raise Damaged(str(exc) or type(exc).__name__) from exc


def read_xlsx(raw: bytes, shown: str, sheet: str | None = None) -> list[tuple[str, str]]:
    """The lines of the chosen sheet; UsageError when no sheet can be read as a task list."""
    book = _open(raw)
    names = book.sheetnames
    if sheet is not None:
        if sheet not in names:
            raise UsageError(M_("{shown} has no sheet named {sheet}", shown=shown, sheet=sheet), hint=M_("its sheets: {value1}", value1='、'.join(names)))
        chosen = book[sheet]
    else:
        chosen = next((book[name] for name in names if find_header(sheet_grid(book[name], HEADER_ROWS)) is not None), None)
        if chosen is None:
            raise UsageError(
                M_("{shown}: no sheet has a header row naming the task and its units (e.g. 序号, 工作任务, 牵头单位, 责任单位)", shown=shown),
                hint=M_("sheets looked at: {value1}; name the header's columns, or choose a sheet with --sheet", value1='、'.join(names)),
            )
    pieces = grid_pieces(sheet_grid(chosen))
    if pieces is None:
        raise UsageError(
            M_("{shown}: sheet {chosen_title} has no header row naming the task and its units in its first {HEADER_ROWS} rows", shown=shown, chosen_title=chosen.title, HEADER_ROWS=HEADER_ROWS),
            hint=M_("expected column names such as 序号, 工作任务, 牵头单位, 责任单位, 完成时限, 落实措施"),
        )
    return pieces

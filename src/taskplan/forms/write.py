"""Write a unit's 填报表 as .xlsx (XlsxWriter): instructions, the form, and a hidden sheet naming what it is.

The form sheet is protected without a password (it guards against slips,
not against intent: the checksums on the hidden sheet catch an edit anyway);
the reply columns are unlocked.  本期状态 is a dropdown of the statuses and
填报日期 a date cell.  The print layout is the 台账's (output/workbook.py).
"""
from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

from taskplan.forms.build import UnitForm
from taskplan.forms.sheet import (
    COLUMNS, EDITABLE, FIRST_DATA_ROW, FORM_SHEET, FORMAT, HEADER_ROW, HELP_SHEET, META_KEYS, META_SHEET, PROTECTED, ROW_TABLE,
    TITLE_ROW, WIDTHS, form_checksum, row_checksum,
)
from taskplan.model.records import STATUSES
from taskplan.model.dates import cn_date
from taskplan.output.workbook import print_layout, row_points, text_chars

_UNSAFE_FILE_CHARS = re.compile(r'[\\/:*?"<>|\s]+')

FONT_PT, HELP_PT = 10, 11  # the form's text; the instructions'
FONT = {"font_name": "宋体", "font_size": FONT_PT}
HELP_WIDTH = 90  # the instructions' one column (stored width)
# Neither XlsxWriter nor a spreadsheet opening the file sizes rows to wrapped text: each row gets the
# height its text needs (output.workbook.row_points, from the columns' text widths).
TEXT_CHARS = [text_chars(WIDTHS[name], FONT_PT) for name in COLUMNS]


def file_name(form: UnitForm) -> str:
    """财政局-填报表-2020-12-01.xlsx (characters a file system refuses become _)."""
    return f"{_UNSAFE_FILE_CHARS.sub('_', form.unit.name)}-填报表-{form.as_of.isoformat()}.xlsx"


def instructions(form: UnitForm) -> list[str]:
    statuses = "、".join(STATUSES)
    return [
        f"{form.unit.display}任务进展填报表 填报说明",
        "",
        f"方案:{form.plan_title}",
        f"单位:{form.unit.display}",
        f"截至:{cn_date(form.as_of)}(“当前状态”是这一天的状态)",
        "",
        f"1. “{FORM_SHEET}”表列出本单位承担的全部任务(牵头、责任、落实措施,以及经由所属单位组承担的任务),每项任务一行。",
        f"2. 灰色各列({'、'.join(PROTECTED)})由督查室填写,已锁定,请勿修改;被修改的行不能导入。",
        f"3. 本期状态:从下拉列表中选择({statuses})。",
        "4. 进展情况:写明本期做了什么;状态为“已完成”或“已销号”时必须写明完成依据(文件、验收、台账等)。",
        "5. 填报日期:填写日期,如 2020-12-01 或 2020年12月1日,不得晚于填报当天。填报人:填写姓名。",
        "6. 需要延期的,在“申请延期至”填写新的完成日期,在“延期理由”写明理由;延期经批准后生效,原定时限仍保留。",
        "7. 本期没有进展的任务,该行留空即可;留空的行不导入。",
        f"8. 请勿增删、改名或取消隐藏工作表(“{META_SHEET}”记录本表属于哪个方案、哪个单位);填好后将本文件原样发回督查室。",
    ]


def _help_sheet(workbook: Any, form: UnitForm) -> None:
    ws = workbook.add_worksheet(HELP_SHEET)
    title = workbook.add_format(FONT | {"bold": True, "font_size": 14})
    text = workbook.add_format(FONT | {"font_size": HELP_PT, "text_wrap": True, "valign": "top"})
    ws.set_column(0, 0, HELP_WIDTH)
    chars = [text_chars(HELP_WIDTH, HELP_PT)]
    for r, line in enumerate(instructions(form)):
        ws.write_string(r, 0, line, title if r == 0 else text)
        ws.set_row(r, 24 if r == 0 else row_points(chars, [line], HELP_PT))
    print_layout(ws, f"{form.unit.display}任务进展填报表")
    ws.protect("", {"select_locked_cells": True})


def _form_sheet(workbook: Any, form: UnitForm) -> None:
    ws = workbook.add_worksheet(FORM_SHEET)
    base = FONT | {"text_wrap": True, "valign": "top", "border": 1}
    fixed = workbook.add_format(base | {"bg_color": "#E7E6E6", "locked": True})
    fixed_num = workbook.add_format(base | {"bg_color": "#E7E6E6", "locked": True, "align": "center"})
    head = workbook.add_format(base | {"bold": True, "bg_color": "#BFBFBF", "align": "center", "valign": "vcenter", "locked": True})
    head_open = workbook.add_format(base | {"bold": True, "bg_color": "#DDEBF7", "align": "center", "valign": "vcenter", "locked": True})
    open_text = workbook.add_format(base | {"locked": False})
    open_date = workbook.add_format(base | {"locked": False, "num_format": "yyyy-mm-dd", "align": "center"})
    title = workbook.add_format(FONT | {"bold": True, "font_size": 14, "align": "center", "valign": "vcenter"})

    for col, name in enumerate(COLUMNS):
        ws.set_column(col, col, WIDTHS[name])
    heading = f"{form.unit.display}任务进展填报表(截至{cn_date(form.as_of)})"
    ws.merge_range(TITLE_ROW, 0, TITLE_ROW, len(COLUMNS) - 1, heading, title)
    ws.set_row(TITLE_ROW, 26)
    for col, name in enumerate(COLUMNS):
        ws.write_string(HEADER_ROW, col, name, head if name in PROTECTED else head_open)
    ws.set_row(HEADER_ROW, 20)

    last = FIRST_DATA_ROW + len(form.rows) - 1
    for r, row in enumerate(form.rows, start=FIRST_DATA_ROW):
        task_id, *texts = row.cells()
        ws.write_number(r, 0, task_id, fixed_num)
        for c, value in enumerate(texts, start=1):
            ws.write_string(r, c, value, fixed)  # write_string: text is never a formula
        for c, name in enumerate(EDITABLE, start=len(PROTECTED)):
            ws.write_blank(r, c, None, open_date if name in ("填报日期", "申请延期至") else open_text)
        ws.set_row(r, row_points(TEXT_CHARS, row.cells(), FONT_PT, min_lines=2))  # two lines at least: room to write the reply

    status_col = COLUMNS.index("本期状态")
    ws.data_validation(FIRST_DATA_ROW, status_col, last, status_col, {
        "validate": "list", "source": list(STATUSES),
        "input_title": "本期状态", "input_message": "从列表中选择",
        "error_title": "本期状态", "error_message": "请从列表中选择:" + "、".join(STATUSES),
    })
    for name in ("填报日期", "申请延期至"):
        col = COLUMNS.index(name)
        ws.data_validation(FIRST_DATA_ROW, col, last, col, {
            "validate": "date", "criteria": ">", "value": dt.date(2000, 1, 1),
            "error_type": "warning", "error_title": name, "error_message": "请填写日期,如 2020-12-01",
        })
    ws.freeze_panes(FIRST_DATA_ROW, 1)
    print_layout(ws, f"{form.unit.display}任务进展填报表", HEADER_ROW)
    ws.protect("", {"format_columns": True, "format_rows": True, "select_locked_cells": True, "select_unlocked_cells": True})
    ws.activate()


def _meta_sheet(workbook: Any, form: UnitForm) -> None:
    ws = workbook.add_worksheet(META_SHEET)
    sums = [row_checksum(row.cells()) for row in form.rows]
    values = (FORMAT, form.plan_title, form.plan_id, form.unit.name, form.as_of.isoformat(),
              form_checksum(form.plan_id, form.unit.name, form.as_of.isoformat(), sums))
    for r, pair in enumerate(zip(META_KEYS, values)):
        ws.write_row(r, 0, pair)
    start = len(values) + 1
    ws.write_row(start, 0, ROW_TABLE)
    for r, (row, digest) in enumerate(zip(form.rows, sums), start=start + 1):
        ws.write_number(r, 0, row.task_id)
        ws.write_string(r, 1, digest)
    ws.protect("")
    ws.hide()


def form_bytes(form: UnitForm) -> bytes:
    import xlsxwriter

    buf = io.BytesIO()
    workbook = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False})
    workbook.set_properties({"title": f"{form.unit.display}任务进展填报表", "subject": form.plan_title, "comments": "taskplan"})
    _help_sheet(workbook, form)
    _form_sheet(workbook, form)
    _meta_sheet(workbook, form)
    workbook.close()
    return buf.getvalue()


def write_forms(forms: list[UnitForm], directory: Path) -> list[Path]:
    """Write each form to ``directory`` (created if needed), atomically; returns the paths written."""
    from taskplan.store.write import atomic_write

    directory.mkdir(parents=True, exist_ok=True)
    out = []
    for form in forms:
        path = directory / file_name(form)
        atomic_write(path, form_bytes(form))
        out.append(path)
    return out

"""The Excel 台账 fit to print (reports/xlsx.py), read back with openpyxl and, where LibreOffice is installed
(CI installs it), printed to PDF.

Widths are checked against the printable width computed here from the spec, not from the writer's
own helpers: ECMA-376 Part 1, 18.3.1.13 — a stored column width W of a workbook whose default font
has a 7-pixel digit (Calibri 11, XlsxWriter's default) prints Truncate(((256·W + Truncate(128/7)) / 256)·7)
pixels wide, at 96 pixels per inch.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import subprocess
from pathlib import Path

import openpyxl
import pytest

from test_docx import soffice

AS_OF = "2021-01-15"
MARGIN_PT = 0.4 * 72  # the writer's left and right margins
PRINTABLE_PT = {"A4": 297 / 25.4 * 72 - 2 * MARGIN_PT, "A3": 420 / 25.4 * 72 - 2 * MARGIN_PT}
PAPER_CODE = {"A4": 9, "A3": 8}  # Excel's paperSize numbers


def printed_pt(stored_width: float) -> float:
    return math.trunc((256 * stored_width + math.trunc(128 / 7)) / 256 * 7) * 0.75


def render(cli, plan: Path, tmp_path: Path, kind: str, *extra: str) -> Path:
    out = tmp_path / f"{kind}-{len(list(tmp_path.iterdir()))}.xlsx"
    r = cli("-C", str(plan), "report", kind, "-f", "xlsx", "-o", str(out), "--as-of", AS_OF, *extra)
    assert (r.code, r.out, r.err) == (0, "", f"wrote {out}\n")
    return out


def widths_pt(ws) -> list[float]:
    """Printed width of each column; a <col min max> element may set several columns at once."""
    stored: dict[int, float] = {}
    for dim in ws.column_dimensions.values():
        for i in range(dim.min, dim.max + 1):
            stored[i] = dim.width
    assert set(stored) >= set(range(1, ws.max_column + 1)), "every column has a width of its own"
    return [printed_pt(stored[i]) for i in range(1, ws.max_column + 1)]


def header_row(ws) -> int:
    """The row the frozen pane starts under (the header row, 1-based)."""
    return int(ws.freeze_panes[1:]) - 1


# ---------------------------------------------------------------- widths, fonts, paper


@pytest.mark.parametrize("paper", ["A4", "A3"])
def test_every_sheet_fits_the_paper_width_at_ten_points(cli, progress_repo_plan, tmp_path, paper):
    wb = openpyxl.load_workbook(render(cli, progress_repo_plan, tmp_path, "plan", "--by-unit", "--paper", paper))
    assert len(wb.sheetnames) > 20  # 台账 and one sheet per unit
    for ws in wb:
        assert sum(widths_pt(ws)) <= PRINTABLE_PT[paper], ws.title
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == PAPER_CODE[paper]
        assert (ws.page_margins.left, ws.page_margins.right) == (0.4, 0.4)
        top = header_row(ws)
        for row in ws.iter_rows(min_row=top, max_row=min(ws.max_row, top + 30)):
            for cell in row:
                assert cell.font.sz >= 9, (ws.title, cell.coordinate)
                assert cell.font.name == ("宋体" if cell.row == top else "仿宋"), (ws.title, cell.coordinate)


def test_a3_gives_the_text_columns_more_room(cli, progress_repo_plan, tmp_path):
    a4 = openpyxl.load_workbook(render(cli, progress_repo_plan, tmp_path, "plan", "--paper", "A4"))["台账"]
    a3 = openpyxl.load_workbook(render(cli, progress_repo_plan, tmp_path, "plan", "--paper", "A3"))["台账"]
    assert sum(widths_pt(a3)) > 1.3 * sum(widths_pt(a4))
    # 编号 and 状态 keep their width; 任务内容 and 落实措施 grow
    assert widths_pt(a3)[0] == widths_pt(a4)[0] and widths_pt(a3)[6] == widths_pt(a4)[6]
    assert widths_pt(a3)[2] > widths_pt(a4)[2] and widths_pt(a3)[5] > widths_pt(a4)[5]
    assert a4.max_row == a3.max_row == 147
    assert sum(a3.row_dimensions[r].height for r in range(2, 148)) < sum(a4.row_dimensions[r].height for r in range(2, 148))


def test_no_text_column_narrower_than_six_characters_and_numbers_keep_their_width(cli, progress_repo_plan, tmp_path):
    ws = openpyxl.load_workbook(render(cli, progress_repo_plan, tmp_path, "plan"))["台账"]
    widths = widths_pt(ws)
    header = [c.value for c in ws[1]]
    for name in ("板块", "任务内容", "牵头单位", "责任单位", "落实措施", "进展情况"):
        assert widths[header.index(name)] >= 6 * 10 + 5, name  # six 10 pt characters and the cell padding
    # 编号 holds "146" and 完成时限 a date on one line
    assert widths[header.index("编号")] >= 3 * 0.6 * 10 + 5 and widths[header.index("完成时限")] >= 10 * 0.6 * 10 + 5


def test_paper_is_for_xlsx_only(cli, mini):
    r = cli("-C", str(mini), "report", "plan", "-f", "md", "--paper", "A3")
    assert (r.code, r.out, r.err) == (2, "", "taskplan: error: --paper applies to --format xlsx (the 台账's paper size)\n")
    r = cli("-C", str(mini), "report", "plan", "-f", "xlsx", "-o", "x.xlsx", "--paper", "B5")
    assert r.code == 2 and "'B5' is not one of 'A4', 'A3'" in r.err


# ---------------------------------------------------------------- rows, dates


def test_wrapped_rows_are_tall_enough_for_their_text(cli, mini, tmp_path):
    long = "加强乡镇寄宿制学校、乡村小规模学校和县城学校建设,完善随迁子女义务教育入学政策。" * 6  # 246 characters
    p = mini / "tasks" / "002.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace("稳健的货币政策要更加灵活适度。", long), encoding="utf-8")
    ws = openpyxl.load_workbook(render(cli, mini, tmp_path, "plan"))["台账"]
    header = [c.value for c in ws[1]]
    task_col = header.index("任务内容")
    text_pt = widths_pt(ws)[task_col] - 5  # less the cell padding
    per_line = math.floor(text_pt / 10)
    lines = math.ceil(len(long) / per_line)
    assert lines >= 3
    assert ws.row_dimensions[3].height >= lines * 10 * 1.2  # 10 pt text, at least 1.2 line spacing
    assert ws.row_dimensions[3].height <= 409  # Excel's limit
    short = max(1, *(math.ceil(len(str(c.value or "")) / max(1, math.floor((w - 5) / 10))) for c, w in zip(ws[2], widths_pt(ws))))
    assert ws.row_dimensions[2].height < ws.row_dimensions[3].height and ws.row_dimensions[2].height >= short * 12


def test_deadlines_are_date_cells(cli, progress_repo_plan, tmp_path):
    ws = openpyxl.load_workbook(render(cli, progress_repo_plan, tmp_path, "plan"))["台账"]
    header = [c.value for c in ws[1]]
    due = ws.cell(row=2, column=header.index("完成时限") + 1)  # task 1: 2020-12-31
    assert due.is_date and due.value == dt.datetime(2020, 12, 31) and due.number_format == "yyyy-mm-dd"
    # a deadline that is a phrase, not a date, stays text
    phrases = [ws.cell(row=r, column=header.index("完成时限") + 1) for r in range(2, ws.max_row + 1)]
    assert any(c.data_type == "s" and c.value for c in phrases)
    assert all(c.is_date for c in phrases if isinstance(c.value, dt.datetime))
    # 进展情况 starts with a date but is a note: text
    note = ws.cell(row=2, column=header.index("进展情况") + 1)
    assert note.data_type == "s" and note.value == "2020-11-21 已部署,按计划推进"


# ---------------------------------------------------------------- the same columns as the CSV


def csv_rows(cli, plan: Path, kind: str, *extra: str) -> list[list[str]]:
    r = cli("-C", str(plan), "report", kind, "-f", "csv", "--as-of", AS_OF, *extra)
    assert r.code == 0, r.err
    return list(csv.reader(io.StringIO(r.out)))


def as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value)


@pytest.mark.parametrize(("kind", "sheet"), [("plan", "台账"), ("bulletin", "任务"), ("matrix", "矩阵"), ("stats", "统计")])
def test_the_sheet_has_the_csv_columns_and_rows(cli, progress_repo_plan, tmp_path, kind, sheet):
    ws = openpyxl.load_workbook(render(cli, progress_repo_plan, tmp_path, kind))[sheet]
    got = [[as_text(c.value) for c in row] for row in ws.iter_rows()]
    assert got == csv_rows(cli, progress_repo_plan, kind)


def test_units_sheets_together_are_the_csv(cli, progress_repo_plan, tmp_path):
    wb = openpyxl.load_workbook(render(cli, progress_repo_plan, tmp_path, "units"))
    expected = csv_rows(cli, progress_repo_plan, "units")
    got = [[as_text(c.value) for c in row] for row in next(iter(wb)).iter_rows(max_row=1)]
    for ws in wb:
        got += [[as_text(c.value) for c in row] for row in ws.iter_rows(min_row=2)]
    assert got == expected


# ---------------------------------------------------------------- the 通报 sheet


def test_bulletin_sheet_has_the_date_the_rate_and_the_scoreboard(cli, progress_repo_plan, tmp_path):
    wb = openpyxl.load_workbook(render(cli, progress_repo_plan, tmp_path, "bulletin"))
    assert wb.sheetnames == ["通报", "任务", "逾期", "红黄灯", "状态", "灯"]
    ws = wb["通报"]
    lead = [ws.cell(row=r, column=1).value for r in range(1, 5)]
    assert lead[:3] == ["关于任务推进情况的通报", "截至2021年1月15日", "按期完成率:5.3%(已办结或已逾期19项,其中按期办结1项)"]
    assert lead[3].startswith("截至2021年1月15日,《海城市贯彻落实2020年国务院《政府工作报告》任务分解和责任分工方案》146项任务中")
    assert "A1:G1" in {str(r) for r in ws.merged_cells.ranges}
    assert ws.freeze_panes == "A6" and ws.print_title_rows == "$5:$5" and ws.auto_filter.ref.startswith("A5:G")
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=5)]
    assert rows[0] == ["单位", "牵头任务", "已完成", "推进中", "逾期", "按期完成率", "排名"]
    assert rows[1] == ["发改局", 22, 2, 2, 3, "20.0%", 1]
    overdue = [[c.value for c in row] for row in wb["逾期"].iter_rows()]
    assert overdue[0] == ["牵头单位", "编号", "任务内容", "原定时限", "延期至", "逾期天数", "最近进展"]
    task20 = next(r for r in overdue if r[1] == 20)
    assert task20[3:6] == [dt.datetime(2020, 6, 30), dt.datetime(2020, 12, 31), 15]


def test_bulletin_for_one_unit_scores_that_unit_only(cli, progress_repo_plan, tmp_path):
    ws = openpyxl.load_workbook(render(cli, progress_repo_plan, tmp_path, "bulletin", "--unit", "财政局"))["通报"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=6)]
    assert [r[0] for r in rows] == ["财政局"]
    assert ws["A4"].value.startswith("截至2021年1月15日,《海城市贯彻落实2020年国务院《政府工作报告》任务分解和责任分工方案》涉及海城市财政局的43项任务中")


# ---------------------------------------------------------------- printed, through LibreOffice


WORD = re.compile(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>')


def words(pdf: Path) -> list[tuple[float, str]]:
    """(height in points, text) of every word of a PDF (poppler's pdftotext -bbox)."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return [(float(m.group(2)) - float(m.group(1)), m.group(3)) for m in WORD.finditer(out)]


def test_printed_ledger_is_at_least_nine_points_and_one_page_wide(cli, progress_repo_plan, tmp_path):
    path = render(cli, progress_repo_plan, tmp_path, "plan")
    profile = tmp_path / "lo-profile"
    subprocess.run([soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(path)], check=True, capture_output=True, timeout=240)
    pdf = path.with_suffix(".pdf")
    found = words(pdf)
    # every task's 编号 is printed: the 146 rows are all there, none lost to a page sideways
    assert {t for _, t in found} >= {str(i) for i in range(1, 147)}
    # a CJK word's box is about 1.24 em tall (12.4 pt at 10 pt); 9 pt text would be 11 pt: a page shrunk
    # to fit its columns (75 % when the widths were counted in the wrong unit) prints 9.3
    cjk = [h for h, t in found if t and "\u4e00" <= t[0] <= "\u9fff"]
    assert len(cjk) > 1000 and sorted(cjk)[len(cjk) // 2] >= 9 * 1.2
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert "841.89 x 595.3" in info  # A4 landscape


def test_every_light_is_filled_in_both_light_columns(cli, progress_repo_plan, tmp_path):
    from taskplan.progress.state import LIGHTS
    from taskplan.reports.xlsx import LIGHT_COLOURS

    assert set(LIGHT_COLOURS) == set(LIGHTS)  # a new or renamed light cannot go unfilled unnoticed
    wb = openpyxl.load_workbook(render(cli, progress_repo_plan, tmp_path, "bulletin"))
    fills = {"红": "FFF4B6B6", "黄": "FFFFE699", "绿": "FFC6E0B4", "无时限": "00000000"}  # 无时限: no fill
    seen: dict[str, set[str]] = {}
    for sheet in ("任务", "红黄灯"):
        rows = list(wb[sheet].iter_rows())
        column = [c.value for c in rows[0]].index("灯")
        for row in rows[1:]:
            cell = row[column]
            seen.setdefault(sheet, set()).add(cell.value)
            assert cell.fill.fgColor.rgb == fills[cell.value], (sheet, cell.coordinate, cell.value)
    assert seen == {"任务": {"红", "黄", "绿", "无时限"}, "红黄灯": {"红", "黄"}}


def test_rows_are_written_as_they_come_with_their_text_inline(cli, progress_repo_plan, tmp_path):
    """Written row by row (XlsxWriter's constant_memory: a 100,000-task 台账 is not held cell by cell until the
    workbook closes), so text is stored in each cell, not in a shared-string table; openpyxl, Excel and
    LibreOffice read both.  The 通报's merged lead lines come first, then the header, then the tasks, in order."""
    import zipfile

    path = render(cli, progress_repo_plan, tmp_path, "bulletin")
    with zipfile.ZipFile(path) as z:
        assert "xl/sharedStrings.xml" not in z.namelist()
        sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert 't="inlineStr"' in sheet and "<is><t>截至2021年1月15日</t></is>" in sheet
    rows = [int(n) for n in re.findall(r'<row r="(\d+)"', sheet)]
    assert rows == sorted(rows) and len(rows) == len(set(rows))
    ws = openpyxl.load_workbook(path)["通报"]
    assert ws["A2"].value == "截至2021年1月15日" and "A2:G2" in {str(r) for r in ws.merged_cells.ranges}

"""xlsx and docx read back (openpyxl, python-docx) and checked cell by cell / paragraph by paragraph."""
from __future__ import annotations

import re
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.oxml.ns import qn

from taskplan.reports.xlsx import sheet_name

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "sources" / "haicheng-2020.txt"
from taskplan.reports.kinds import EVERY_FORMAT_KINDS as KINDS  # the one list of kinds (reminders: its own tests)

LEDGER = ["编号", "板块", "任务内容", "牵头单位", "责任单位", "落实措施", "状态", "完成时限", "进展情况", "灯"]


def source_titles() -> dict[int, str]:
    titles: dict[int, str] = {}
    for line in SOURCE.read_text(encoding="utf-8").split("\n"):
        m = re.match(r"^(\d+)\.\s*(.*)$", line)
        if m and int(m.group(1)) == len(titles) + 1:
            titles[int(m.group(1))] = m.group(2)
    return titles


def render(cli, plan: Path, tmp_path: Path, kind: str, fmt: str, *extra: str) -> Path:
    out = tmp_path / f"{kind}.{fmt}"
    r = cli("-C", str(plan), "report", kind, "--format", fmt, "-o", str(out), "--as-of", "2020-12-31", *extra)
    assert (r.code, r.out, r.err) == (0, "", f"wrote {out}\n")
    return out


def rows(ws) -> list[list]:
    return [[c.value for c in row] for row in ws.iter_rows()]


# ---------------------------------------------------------------- xlsx


def test_xlsx_ledger_cell_by_cell(cli, mini, tmp_path):
    wb = openpyxl.load_workbook(render(cli, mini, tmp_path, "plan", "xlsx"))
    assert wb.sheetnames == ["台账"]
    ws = wb["台账"]
    assert rows(ws) == [
        LEDGER,
        [1, "一、全面落实积极财政政策", "今年赤字率拟按3.6%以上安排。", "财政局、发改局", "各镇(街道)",
         "发改局:密切跟踪政策方案,全力争取抗疫特别国债。财政局:(1)积极争取上级转移支付和资金。(2)用足用好上级政策。",
         "未填报", None, None, "无时限"],
        [2, "二、加大金融信贷支持力度", "稳健的货币政策要更加灵活适度。", "市场监督管理局", None, "6月末完成摸底。",
         "未填报", None, None, "无时限"],
    ]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:J3"
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.paperSize == 9  # A4
    assert ws.print_title_rows == "$1:$1"
    assert ws["C2"].alignment.wrap_text and ws["A1"].font.b
    # widths follow the content (tests/reports/test_xlsx.py checks that they fit the paper): 任务内容 is wider than 编号
    assert ws.column_dimensions["C"].width > 3 * ws.column_dimensions["A"].width


def test_xlsx_by_unit_gives_one_sheet_per_unit(cli, mini, tmp_path):
    wb = openpyxl.load_workbook(render(cli, mini, tmp_path, "plan", "xlsx", "--by-unit"))
    assert wb.sheetnames == ["台账", "财政局", "发改局", "市场局", "西柳镇", "镇(街道)"]
    assert [r[0] for r in rows(wb["西柳镇"])] == ["编号", 1]
    assert [r[0] for r in rows(wb["市场局"])] == ["编号", 2]


def test_xlsx_unit_gives_that_units_sheet(cli, mini, tmp_path):
    wb = openpyxl.load_workbook(render(cli, mini, tmp_path, "plan", "xlsx", "--unit", "发展改革局"))
    assert wb.sheetnames == ["发改局"]
    assert [r[0] for r in rows(wb["发改局"])] == ["编号", 1]


def test_xlsx_real_plan_has_146_rows_with_the_documents_titles(cli, tmp_path):
    ws = openpyxl.load_workbook(render(cli, ROOT, tmp_path, "plan", "xlsx"))["台账"]
    data = rows(ws)
    titles = source_titles()
    assert len(data) == 147
    # task 93 is broken over two lines in the document: its first line is a prefix of the record
    assert all(r[2] == titles[r[0]] or (r[0] == 93 and r[2].startswith(titles[93])) for r in data[1:])
    assert [r[0] for r in data[1:]] == list(range(1, 147))


def test_xlsx_text_that_looks_like_a_formula_stays_text(cli, mini, tmp_path):
    p = mini / "tasks" / "002.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace("title: 稳健的货币政策要更加灵活适度。", 'title: "=1+1"'), encoding="utf-8")
    ws = openpyxl.load_workbook(render(cli, mini, tmp_path, "plan", "xlsx"))["台账"]
    assert ws["C3"].value == "=1+1" and ws["C3"].data_type == "s"


def test_xlsx_matrix_and_bulletin_sheets(cli, mini, tmp_path):
    wb = openpyxl.load_workbook(render(cli, mini, tmp_path, "matrix", "xlsx"))
    assert rows(wb["矩阵"])[:3] == [["单位", "角色", "一", "二", "合计"], ["财政局", "牵头", 1, 0, 1], ["财政局", "责任", 0, 0, 0]]
    assert rows(wb["矩阵"])[-2:] == [["合计", "牵头", 2, 1, 3], ["合计", "责任", 1, 0, 1]]
    wb = openpyxl.load_workbook(render(cli, mini, tmp_path, "bulletin", "xlsx"))
    assert wb.sheetnames == ["通报", "任务", "逾期", "红黄灯", "状态", "灯"]
    assert rows(wb["状态"]) == [["状态", "任务数"], ["未启动", 0], ["推进中", 0], ["已完成", 0], ["已销号", 0], ["暂缓", 0], ["未填报", 2]]
    assert rows(wb["逾期"]) == [["牵头单位", "编号", "任务内容", "原定时限", "延期至", "逾期天数", "最近进展"]]


SHEETS = {"plan": ["台账"], "units": ["财政局", "发改局", "市场局", "西柳镇", "镇(街道)"], "matrix": ["矩阵"],
          "bulletin": ["通报", "任务", "逾期", "红黄灯", "状态", "灯"], "stats": ["统计", "板块", "单位"]}


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_writes_a_workbook_and_a_document(cli, mini, tmp_path, kind):
    wb = openpyxl.load_workbook(render(cli, mini, tmp_path, kind, "xlsx"))
    assert wb.sheetnames == SHEETS[kind]
    assert all(ws["A1"].value and ws.freeze_panes for ws in wb)  # every sheet has a frozen header row
    d = docx.Document(str(render(cli, mini, tmp_path, kind, "docx")))
    assert "示例市贯彻落实2020年《政府工作报告》任务分解和责任分工方案" in "\n".join(p.text for p in d.paragraphs)


def test_sheet_names_are_sanitised_and_unique():
    taken: set[str] = set()
    assert sheet_name("a[b]:c*d?e/f\\g", taken) == "a_b__c_d_e_f_g"
    long = "市直欠款部门(含政府平台公司)以及其他很长很长的单位名称一二三四五六七八九十"
    first = sheet_name(long, taken)
    second = sheet_name(long, taken)
    assert len(first) == 31 and len(second) == 31 and first != second and second.endswith("~2")
    assert sheet_name("", taken) == "Sheet"


# ---------------------------------------------------------------- docx


def test_docx_plan_paragraph_by_paragraph(cli, mini, tmp_path):
    d = docx.Document(str(render(cli, mini, tmp_path, "plan", "docx")))
    got = [(p.style.name, p.text) for p in d.paragraphs if p.text]
    assert got == [
        ("无缩进", "各镇人民政府、街道办事处,市政府各部门:"),  # the addressees start at the margin
        ("Normal", "现将方案印发给你们,请认真贯彻落实。"),
        ("Normal", "示例市人民政府"),
        ("Normal", "2020年7月24日"),
        ("Normal", "(此文件公开发布)"),
        ("Title", "示例市贯彻落实2020年《政府工作报告》任务分解和责任分工方案"),
        ("Heading 1", "一、全面落实积极财政政策"),
        ("Normal", "1.今年赤字率拟按3.6%以上安排。"),
        ("Normal", "牵头单位:财政局、发改局"),
        ("Normal", "责任单位:各镇(街道)"),
        ("Normal", "落实措施:"),
        ("Normal", "发改局:密切跟踪政策方案,全力争取抗疫特别国债。"),
        ("Normal", "财政局:(1)积极争取上级转移支付和资金。(2)用足用好上级政策。"),
        ("Heading 1", "二、加大金融信贷支持力度"),
        ("Normal", "2.稳健的货币政策要更加灵活适度。"),
        ("Normal", "牵头单位:市场监督管理局"),
        ("Normal", "落实措施:"),
        ("Normal", "6月末完成摸底。"),
    ]


def test_docx_official_style(cli, mini, tmp_path):
    d = docx.Document(str(render(cli, mini, tmp_path, "plan", "docx")))
    section = d.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)

    def east_asia(style: str) -> str:
        return d.styles[style].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))

    assert east_asia("Normal") == "仿宋_GB2312"
    assert east_asia("Title") == "方正小标宋简体"
    assert east_asia("Heading 1") == "黑体"
    assert d.styles["Normal"].font.size.pt == 16
    table = next(p for p in d.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml")
    xml = table.blob.decode("utf-8")
    assert '<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>' in xml


def test_docx_escapes_markup_in_text(cli, mini, tmp_path):
    p = mini / "tasks" / "002.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace("稳健的货币政策要更加灵活适度。", "A&B <x> ]]> {{ x }}"), encoding="utf-8")
    path = render(cli, mini, tmp_path, "plan", "docx")
    d = docx.Document(str(path))
    assert "2.A&B <x> ]]> {{ x }}" in [p.text for p in d.paragraphs]


def test_docx_real_plan_has_16_headings_and_146_numbered_tasks(cli, tmp_path):
    d = docx.Document(str(render(cli, ROOT, tmp_path, "plan", "docx")))
    headings = [p.text for p in d.paragraphs if p.style.name == "Heading 1"]
    assert len(headings) == 16 and headings[0] == "一、全面落实积极财政政策" and headings[-1] == "十六、持续加强政府自身建设"
    titles = source_titles()
    tasks = [p.text for p in d.paragraphs if re.match(r"^\d+\.", p.text) and p.style.name == "Normal"]
    ids = [int(t.split(".", 1)[0]) for t in tasks]
    assert ids == list(range(1, 147))
    assert tasks[0] == f"1.{titles[1]}"


def test_docx_units_chapters(cli, mini, tmp_path):
    d = docx.Document(str(render(cli, mini, tmp_path, "units", "docx", "--unit", "西柳镇")))
    got = [(p.style.name, p.text) for p in d.paragraphs if p.text]
    assert got == [
        ("Title", "示例市贯彻落实2020年《政府工作报告》任务分解和责任分工方案责任清单"),
        ("无缩进", "截至2020年12月31日"),
        ("Heading 1", "西柳镇(示例市西柳镇人民政府)"),
        ("Normal", "牵头0项,责任1项,本单位落实措施0条。"),
    ]
    assert [[c.text for c in r.cells] for r in d.tables[0].rows] == [
        ["序号", "任务", "本单位角色", "本单位措施", "时限", "状态", "最近进展"],
        ["1", "今年赤字率拟按3.6%以上安排。", "责任\n(经由镇(街道))", "—", "无时限", "未填报", "—"],
    ]


def test_docx_matrix_table_cell_by_cell(cli, mini, tmp_path):
    d = docx.Document(str(render(cli, mini, tmp_path, "matrix", "docx")))
    (table,) = d.tables
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert cells[0] == ["单位", "角色", "一", "二", "合计"]
    assert cells[1] == ["财政局", "牵头", "1", "0", "1"]
    assert cells[-1] == ["合计", "责任", "1", "0", "1"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_xlsx_units_and_stats_sheets(cli, mini, tmp_path):
    wb = openpyxl.load_workbook(render(cli, mini, tmp_path, "units", "xlsx"))
    assert wb.sheetnames == ["财政局", "发改局", "市场局", "西柳镇", "镇(街道)"]
    assert rows(wb["西柳镇"]) == [
        ["单位", "角色", "经由", "编号", "板块", "任务内容", "本单位落实措施"],
        ["西柳镇", "责任", "镇(街道)", 1, "一、全面落实积极财政政策", "今年赤字率拟按3.6%以上安排。", None],
    ]
    wb = openpyxl.load_workbook(render(cli, mini, tmp_path, "stats", "xlsx"))
    assert wb.sheetnames == ["统计", "板块", "单位"]  # the first is the CSV's table (tests/reports/test_xlsx.py)
    assert rows(wb["统计"]) == [["维度", "名称", "类别", "牵头", "责任", "经由组", "落实措施", "任务数"],
                              ["板块", "一、全面落实积极财政政策", None, None, None, None, None, 1],
                              ["板块", "二、加大金融信贷支持力度", None, None, None, None, None, 1],
                              ["单位", "财政局", "市直部门", 1, 0, 0, 1, 1],
                              ["单位", "发改局", "市直部门", 1, 0, 0, 1, 1],
                              ["单位", "市场局", "市直部门", 1, 0, 0, 0, 1],
                              ["单位", "西柳镇", "镇(街道)", 0, 0, 1, 0, 0],
                              ["单位", "镇(街道)", "组", 0, 1, 0, 0, 1]]
    assert rows(wb["板块"]) == [["板块", "任务数", "起", "止"], ["一、全面落实积极财政政策", 1, 1, 1], ["二、加大金融信贷支持力度", 1, 2, 2]]
    # the Word document prints the two tables, not the sheet's long form of them
    d = docx.Document(str(render(cli, mini, tmp_path, "stats", "docx")))
    assert [[c.text for c in t.rows[0].cells] for t in d.tables] == [["板块", "任务数", "起", "止"],
                                                                    ["单位", "类别", "牵头", "责任", "经由组", "落实措施", "任务数"]]


def test_docx_bulletin_paragraphs(cli, mini, tmp_path):
    d = docx.Document(str(render(cli, mini, tmp_path, "bulletin", "docx")))
    got = [(p.style.name, p.text) for p in d.paragraphs if p.text]
    assert got == [
        ("版头", "督查通报"),
        ("无缩进", "\t2020年12月31日"),  # no office configured: the date alone, at the right margin
        ("Title", "关于任务推进情况的通报"),
        ("Normal", "截至2020年12月31日,《示例市贯彻落实2020年《政府工作报告》任务分解和责任分工方案》2项任务中,已完成0项,"
                   "推进中0项,未启动0项,暂缓0项,未填报2项。没有逾期任务。亮红灯0项、黄灯0项、绿灯0项,无时限2项。"
                   "尚无已办结或逾期的任务,按期完成率暂不计算。"),
        ("Heading 1", "一、各单位推进情况"),
        ("Heading 1", "二、逾期任务"),
        ("Normal", "截至2020年12月31日无逾期任务。"),
        ("Heading 1", "三、红灯、黄灯任务"),
        ("Normal", "没有红灯、黄灯任务。"),
    ]
    assert [[c.text for c in row.cells] for row in d.tables[0].rows] == [
        ["单位", "牵头任务", "已完成", "推进中", "逾期", "按期完成率", "排名"],
        ["发改局", "1", "0", "0", "0", "—", "—"], ["市场局", "1", "0", "0", "0", "—", "—"], ["财政局", "1", "0", "0", "0", "—", "—"],
    ]

"""taskplan report forms: one workbook per unit, with the rows it owes, protected, validated and laid out to print."""
from __future__ import annotations

import datetime as dt

from openpyxl import load_workbook

from taskplan.forms.sheet import row_checksum


def _forms(cli, plan, *extra):
    r = cli("-C", str(plan), "report", "forms", "-f", "xlsx", "-o", str(plan / "out"), "--as-of", "2020-12-01", *extra)
    return r


def test_one_workbook_per_unit_that_owes_a_task(cli, plan):
    r = _forms(cli, plan)
    assert (r.code, r.out) == (0, "")
    names = ["财政局", "发改局", "西柳镇", "南台镇"]
    assert r.err == "".join(f"wrote {plan / 'out' / f'{n}-填报表-2020-12-01.xlsx'}\n" for n in names)


def test_rows_roles_measures_deadlines_and_status(cli, plan):
    assert _forms(cli, plan).code == 0
    wb = load_workbook(plan / "out" / "西柳镇-填报表-2020-12-01.xlsx")
    assert wb.sheetnames == ["说明", "填报", "_taskplan"]
    rows = list(wb["填报"].iter_rows(min_row=2, values_only=True))
    assert rows[0] == ("编号", "任务", "本单位角色", "本单位措施", "时限", "当前状态", "本期状态", "进展情况", "填报日期", "填报人", "申请延期至", "延期理由")
    assert rows[1:] == [
        (1, "保障中小企业款项支付（清欠）,11月底前无分歧账款清零。", "责任(经由镇(街道))、措施(经由镇(街道))",
         "镇(街道):摸清本辖区欠款底数。", "2020-11-30", "推进中", None, None, None, None, None, None),
    ]
    rows = list(load_workbook(plan / "out" / "财政局-填报表-2020-12-01.xlsx")["填报"].iter_rows(min_row=3, values_only=True))
    assert [r[:6] for r in rows] == [
        (1, "保障中小企业款项支付（清欠）,11月底前无分歧账款清零。", "牵头、措施", "(1)建立清欠台账。(2)每月通报进度。", "2020-11-30", "推进中"),
        (3, "完成2020年预算调整。", "牵头", "", "2020-12-31", "未填报"),
    ]


def test_protection_dropdown_date_cells_and_hidden_identity(cli, plan):
    assert _forms(cli, plan, "--unit", "县财政局").code == 0  # any spelling of the unit
    wb = load_workbook(plan / "out" / "财政局-填报表-2020-12-01.xlsx")
    ws = wb["填报"]
    assert ws.protection.sheet and not ws.protection.password
    assert [ws.cell(3, c).protection.locked for c in range(1, 13)] == [True] * 6 + [False] * 6
    assert ws["I3"].number_format == "yyyy-mm-dd" and ws["K3"].number_format == "yyyy-mm-dd"
    lists = [v for v in ws.data_validations.dataValidation if v.type == "list"]
    assert [(v.formula1, str(v.sqref)) for v in lists] == [('"未启动,推进中,已完成,已销号,暂缓"', "G3:G4")]
    dates = sorted(str(v.sqref) for v in ws.data_validations.dataValidation if v.type == "date")
    assert dates == ["I3:I4", "K3:K4"]
    meta = wb["_taskplan"]
    assert meta.sheet_state == "hidden" and meta.protection.sheet
    values = [tuple(r[:2]) for r in meta.iter_rows(values_only=True)]
    assert values[:2] == [("格式", "taskplan-form-1"), ("方案", "示例县2020年重点工作任务分解方案")]
    assert values[3:5] == [("单位", "财政局"), ("截至", "2020-12-01")]
    assert values[7:] == [
        ("编号", "行校验"),
        (1, row_checksum(tuple(c.value for c in ws[3][:6]))),
        (3, row_checksum(tuple(c.value for c in ws[4][:6]))),
    ]
    help_text = [r[0] for r in wb["说明"].iter_rows(values_only=True) if r[0]]
    assert help_text[0] == "示例县财政局任务进展填报表 填报说明"
    assert "3. 本期状态:从下拉列表中选择(未启动、推进中、已完成、已销号、暂缓)。" in help_text


def test_print_layout_is_the_ledgers(cli, plan):
    assert _forms(cli, plan, "--unit", "财政局").code == 0
    ws = load_workbook(plan / "out" / "财政局-填报表-2020-12-01.xlsx")["填报"]
    setup = ws.page_setup
    # fitToWidth absent means 1 in OOXML (XlsxWriter leaves the default out)
    assert (setup.orientation, setup.paperSize, setup.fitToWidth or 1, setup.fitToHeight) == ("landscape", 9, 1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$2:$2"  # the header row on every page
    assert min(ws.cell(r, c).font.sz for r in range(2, 5) for c in range(1, 13)) >= 9
    # fitting the columns to the page width shrinks the 10 pt text; it must stay ≥ 9 pt. A column
    # width unit is 7 px at 96 dpi; A4 landscape is 11.69 in, less the margins
    margins = ws.page_margins.left + ws.page_margins.right
    page_px = (11.69 - margins) * 96
    columns_px = sum(ws.column_dimensions[chr(65 + c)].width * 7 for c in range(12))
    assert 10 * min(1, page_px / columns_px) >= 9


def test_refusals(cli, plan):
    r = _forms(cli, plan, "--unit", "各镇（街道）")
    assert (r.code, r.err) == (2, 'taskplan: error: "镇(街道)" is a group: its members fill in the forms (name one of them: 西柳镇、南台镇)\n')
    r = cli("-C", str(plan), "report", "forms", "-f", "csv", "-o", str(plan / "out"))
    assert (r.code, r.err) == (2, "taskplan: error: report forms writes Excel workbooks (pass -f xlsx -o DIR)\n")
    r = cli("-C", str(plan), "report", "forms", "-f", "xlsx")
    assert (r.code, r.err) == (2, "taskplan: error: report forms writes one workbook per unit into a directory (pass -o DIR)\n")
    assert not (plan / "out").exists()


def test_the_no_lead_placeholder_is_no_unit_to_write_a_form_for(cli, plan):
    """Reports list lead-less tasks under （无牵头单位）; forms never name it, so --unit with it is refused, either width."""
    for spelling in ("（无牵头单位）", "(无牵头单位)", " （无牵头单位） "):
        r = _forms(cli, plan, "--unit", spelling)
        assert (r.code, r.out) == (2, "")
        assert r.err == (
            'taskplan: error: "（无牵头单位）" is not a unit: reports list the tasks that name no lead under it, and no form '
            "is written for it (those tasks are on the forms of their responsible units; give each a 牵头单位 "
            "(taskplan check reports them as TP208))\n"
        )
    assert not (plan / "out").exists()


def test_a_task_without_lead_is_on_the_forms_of_its_responsible_units(cli, plan):
    task = plan / "tasks" / "002.yaml"
    task.write_text(task.read_text(encoding="utf-8").replace("lead: [发改局]\nresponsible: []", "lead: []\nresponsible: [西柳镇]"), encoding="utf-8")
    r = _forms(cli, plan)
    assert r.code == 0, r.err
    from openpyxl import load_workbook

    rows = [row[:3] for row in load_workbook(plan / "out" / "西柳镇-填报表-2020-12-01.xlsx")["填报"].iter_rows(min_row=3, values_only=True)]
    assert [r for r in rows if r[0] is not None] == [
        (1, "保障中小企业款项支付（清欠）,11月底前无分歧账款清零。", "责任(经由镇(街道))、措施(经由镇(街道))"),
        (2, "扩大有效投资:新开工项目30个。", "责任"),
    ]
    assert sorted(p.name for p in (plan / "out").iterdir()) == [
        "南台镇-填报表-2020-12-01.xlsx", "发改局-填报表-2020-12-01.xlsx", "西柳镇-填报表-2020-12-01.xlsx", "财政局-填报表-2020-12-01.xlsx",
    ]


# ---------------------------------------------------------------- printed, through LibreOffice

LONG = {  # 财政局's tasks 4-8: long text in both punctuation widths and long mixed Latin/CJK measures
    4: ("全面推进“数字政府”建设，加快政务服务“一网通办”，实现90%以上事项“最多跑一次”；完善省、市、县三级联动机制"
        "（含乡镇、街道）：年底前全部上线。", "建立台账，每月通报；逐项销号（附表1—附表3）。"),
    5: ("全面推进数字政府建设,加快政务服务一网通办,实现90%以上事项最多跑一次;完善省、市、县三级联动机制(含乡镇、街道):"
        "年底前全部上线,同步完善考核办法(试行)。", "建立台账,每月通报;逐项销号(附表1—附表3)。"),
    6: ("推进信息基础设施建设。", "推进5G基站建设,完成IPv6规模部署和NB-IoT物联网覆盖,在https://www.example.gov.cn/zwgk/2020/notice_0001.html"
        "平台公开进度,Q3前完成SD-WAN改造和OA/ERP系统对接。"),
    7: ("建设政务大数据平台。", "建设 Big Data Analytics Platform 与 Government Service Integration Hub，完成 ISO/IEC 27001 认证"
        "（2020年12月31日前）；同步开展 GB/T 22239-2019 等级保护测评。"),
    8: ("Implement the tax reduction policy for small and micro enterprises and publish the monthly statistics on the portal; "
        "按月报送减税降费统计表。", "按月报送。"),
    9: ("短。", "短。"),  # a row after the long ones: where the last of them ends
}


def test_printed_rows_hold_all_their_text(cli, plan, tmp_path):
    """LibreOffice prints every line of every cell inside its row: no line lost under the next row, none cut.

    A cell's printed words are those from its first line down to the next row (or the page's foot), left of
    the next column's text; together they are the cell's text, and the last ends above the next row."""
    import re
    import subprocess

    from tests.reports.test_docx import soffice

    for n, (title, measure) in LONG.items():
        (plan / "tasks" / f"{n:03d}.yaml").write_text(
            f"id: {n}\nsection: 1\ntitle: '{title}'\nlead: [财政局]\nresponsible: []\n"
            f"measures:\n  - unit: 财政局\n    items:\n      - '{measure}'\n", encoding="utf-8")
    assert _forms(cli, plan, "--unit", "财政局").code == 0
    path = plan / "out" / "财政局-填报表-2020-12-01.xlsx"
    subprocess.run([soffice(), f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(path)], check=True, capture_output=True, timeout=240)
    out = subprocess.run(["pdftotext", "-bbox", str(tmp_path / path.with_suffix(".pdf").name), "-"], check=True,
                         capture_output=True, text=True).stdout
    pages = [[(float(x0), float(y0), float(y1), t) for x0, y0, y1, t in
              re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', page)]
             for page in out.split("<page ")[1:]]
    squeeze = str.maketrans("", "", " \n")

    def start(text: str) -> tuple[int, float, float]:
        """(page, x, y) of the word a cell's text starts with (its first 8 characters, or the whole first word)."""
        head = text.translate(squeeze)[:8]
        return next((p, x, y0) for p, words in enumerate(pages) for x, y0, _, t in words
                    if t.startswith(head) or (len(t) >= 2 and head.startswith(t)))

    rows = {n: [start(text) for text in LONG[n]] for n in LONG}
    for n in sorted(LONG)[:-1]:
        (page, x_title, top), (_, x_measure, _) = rows[n]
        words = pages[page]
        role = min(x for x, y0, _, t in words if t == "牵头、措施" and abs(y0 - top) < 3)
        status = min(x for x, y0, _, t in words if t == "未填报" and abs(y0 - top) < 3)
        nxt = rows[n + 1][0]
        below = nxt[2] if nxt[0] == page else min(y0 for _, y0, _, t in words if t.startswith("第") and y0 > top)
        for text, left, right in ((LONG[n][0], x_title, role), (LONG[n][1], x_measure, status)):
            printed = [(y1, t) for x, y0, y1, t in words if left - 0.5 <= x < right and top - 1 <= y0 < below]
            assert "".join(t for _, t in printed).translate(squeeze) == text.translate(squeeze), (n, text, printed)
            # the last line ends above the next row: its text starts about 2 pt below the row's top (a last line
            # 2.3 pt above it, when rows were 13.5 pt a line, touched the border and lost its feet)
            assert max(y1 for y1, _ in printed) <= below - 3, (n, text)

"""Excel 台账: a header anywhere in the first rows, title rows, merged section rows, any column order."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from .office_builders import full_width, workbook
from taskplan.importer.source import read_document

WIDTHS = pytest.mark.parametrize("width", [str, full_width], ids=["half", "full"])


def _records(out: Path) -> dict[int, dict]:
    return {int(p.stem): yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((out / "tasks").glob("*.yaml"))}


def ledger(width, path: Path, with_notes_sheet: bool = True) -> Path:
    """Sheet 说明 first (no header), then 任务台账: a title merged across, an empty row, the header on
    row 3 (columns in their own order, a stray space, a line break, full-width brackets), section rows
    merged across, a task number stored as a float."""
    rows = [
        [width("某县2024年重点工作任务台账"), None, None, None, None],
        [None, None, None, None, None],
        ["序 号", "牵头\n单位", "重点任务", width("配合单位(排名不分先后)"), "工作措施"],
        [width("一、稳定经济运行"), None, None, None, None],
        [1, "财政局", width("加强财政管理,压减一般性支出。"), "税务局\n人社局", width("(1)做好预算。\n(2)压减支出。")],
        [2.0, "发改局", "扩大有效投资。", None, None],
        [width("二、优化营商环境"), None, None, None, None],
        [3, "市场局", width("深化\"放管服\"改革(重点)。"), width("各镇(街道)"), width("市场局:每月调度。")],
    ]
    sheets = [("任务台账", rows, ["A1:E1", "A4:E4", "A7:E7"])]
    if with_notes_sheet:
        sheets.insert(0, ("说明", [["本表由县政府督查室汇总"], ["请各单位按月更新"]], []))
    return workbook(path, sheets, header_row={"任务台账": 3})


@WIDTHS
def test_a_ledger_with_title_rows_and_merged_sections(width, cli, tmp_path):
    path = ledger(width, tmp_path / "台账.xlsx")
    lines = read_document(path)
    assert [(line.text, line.where) for line in lines] == [
        (width("某县2024年重点工作任务台账"), "sheet 任务台账, cell A1"),
        (width("一、稳定经济运行"), "sheet 任务台账, cell A4"),
        (width("1、加强财政管理,压减一般性支出。"), "sheet 任务台账, cell C5 (重点任务)"),
        ("牵头单位：财政局", "sheet 任务台账, cell B5 (牵头单位)"),
        ("责任单位：税务局、人社局", "sheet 任务台账, cell D5 (配合单位)"),
        (width("落实措施：(1)做好预算。"), "sheet 任务台账, cell E5 (工作措施)"),
        (width("(2)压减支出。"), "sheet 任务台账, cell E5 (工作措施)"),
        ("2、扩大有效投资。", "sheet 任务台账, cell C6 (重点任务)"),
        ("牵头单位：发改局", "sheet 任务台账, cell B6 (牵头单位)"),
        (width("二、优化营商环境"), "sheet 任务台账, cell A7"),
        (width("3、深化\"放管服\"改革(重点)。"), "sheet 任务台账, cell C8 (重点任务)"),
        ("牵头单位：市场局", "sheet 任务台账, cell B8 (牵头单位)"),
        (width("责任单位：各镇(街道)"), "sheet 任务台账, cell D8 (配合单位)"),
        (width("落实措施：市场局:每月调度。"), "sheet 任务台账, cell E8 (工作措施)"),
    ]
    assert lines[3].place(str(path)) == f"{path}: sheet 任务台账, cell B5 (牵头单位)"

    r = cli("import", str(path), "--into", str(tmp_path / "out"))
    assert (r.code, r.err) == (0, "")
    assert r.out.splitlines()[1:3] == ["  sections: 2", "  tasks: 3 (2 measures)"]
    plan = yaml.safe_load((tmp_path / "out" / "plan.yaml").read_text(encoding="utf-8"))
    assert plan["title"] == width("某县2024年重点工作任务台账")
    assert _records(tmp_path / "out") == {
        1: {
            "id": 1,
            "section": 1,
            "title": width("加强财政管理,压减一般性支出。"),
            "lead": ["财政局"],
            "responsible": ["税务局", "人社局"],
            "measures": [{"unit": None, "items": ["做好预算。", "压减支出。"]}],
        },
        2: {"id": 2, "section": 1, "title": "扩大有效投资。", "lead": ["发改局"], "responsible": [], "measures": []},
        3: {
            "id": 3,
            "section": 2,
            "title": width("深化\"放管服\"改革(重点)。"),
            "lead": ["市场局"],
            "responsible": [width("各镇(街道)")],
            "measures": [{"unit": "市场局", "items": ["每月调度。"]}],
        },
    }


def test_sheet_chooses_the_sheet_and_names_the_others_when_wrong(cli, tmp_path):
    path = ledger(str, tmp_path / "台账.xlsx")
    r = cli("import", str(path), "--into", str(tmp_path / "a"), "--sheet", "任务台账")
    assert (r.code, r.err) == (0, "")
    r = cli("import", str(path), "--into", str(tmp_path / "b"), "--sheet", "Sheet1")
    assert (r.code, r.out) == (2, "")
    assert r.err == f"taskplan: error: {path} has no sheet named Sheet1 (its sheets: 说明、任务台账)\n"
    r = cli("import", str(path), "--into", str(tmp_path / "c"), "--sheet", "说明")
    assert (r.code, r.out) == (2, "")
    assert r.err == (
        f"taskplan: error: {path}: sheet 说明 has no header row naming the task and its units in its first 20 rows "
        "(expected column names such as 序号, 工作任务, 牵头单位, 责任单位, 完成时限, 落实措施)\n"
    )
    assert not (tmp_path / "b").exists() and not (tmp_path / "c").exists()


def test_a_workbook_without_any_task_header(cli, tmp_path):
    path = workbook(tmp_path / "名单.xlsx", [("Sheet1", [["姓名", "单位"], ["张三", "财政局"]], []), ("Sheet2", [], [])])
    r = cli("import", str(path), "--into", str(tmp_path / "out"))
    assert (r.code, r.out) == (2, "")
    assert r.err == (
        f"taskplan: error: {path}: no sheet has a header row naming the task and its units (e.g. 序号, 工作任务, 牵头单位, 责任单位) "
        "(sheets looked at: Sheet1、Sheet2; name the header's columns, or choose a sheet with --sheet)\n"
    )


@pytest.mark.parametrize(
    ("value", "text"),
    [(dt.datetime(2024, 6, 30), "2024年6月30日"), (dt.date(2024, 12, 31), "2024年12月31日"), (3.0, "3"), (2.5, "2.5"), ("6月底前", "6月底前")],
)
def test_cell_values_are_written_as_the_clerk_sees_them(value, text):
    from taskplan.importer.xlsx_reader import cell_text

    assert cell_text(value) == text


def test_the_header_may_be_lower_down_and_cells_merged_down(tmp_path):
    rows = [[None] * 4 for _ in range(6)]
    rows[0][0] = "附件2"
    rows += [
        ["任务", "牵头单位", "责任单位", "完成时限"],
        ["第一项任务。", "财政局", "税务局", dt.datetime(2024, 6, 30)],
        ["第二项任务。", None, "人社局", "年底前"],  # the lead merged down from the row above
    ]
    path = workbook(tmp_path / "t.xlsx", [("台账", rows, ["B8:B9"])], header_row={"台账": 7})
    assert [(line.text, line.where) for line in read_document(path)] == [
        ("附件2", "sheet 台账, cell A1"),
        ("1、第一项任务。", "sheet 台账, cell A8 (任务)"),
        ("牵头单位：财政局", "sheet 台账, cell B8 (牵头单位)"),
        ("责任单位：税务局", "sheet 台账, cell C8 (责任单位)"),
        ("完成时限：2024年6月30日", "sheet 台账, cell D8 (完成时限)"),
        ("2、第二项任务。", "sheet 台账, cell A9 (任务)"),
        ("牵头单位：财政局", "sheet 台账, cell B8 (牵头单位)"),
        ("责任单位：人社局", "sheet 台账, cell C9 (责任单位)"),
        ("完成时限：年底前", "sheet 台账, cell D9 (完成时限)"),
    ]


@WIDTHS
def test_columns_the_records_have_no_field_for_are_reported_not_glued_on(width, cli, tmp_path):
    rows = [
        [width("某县重点任务台账"), None, None, None, None, None],
        ["填报单位：县政府督查室", None, None, None, None, None],
        ["序号", "工作任务", "牵头单位", "备注", "完成时限", "进展情况"],
        [1, width("第一项任务(重点)。"), "财政局", "按月报送", "2024年6月底前", width("已完成60%,正在推进")],
        [2, "第二项任务。", "人社局", None, "年底前", None],
    ]
    path = workbook(tmp_path / "台账.xlsx", [("台账", rows, ["A1:F1", "A2:F2"])], header_row={"台账": 3})
    r = cli("import", str(path), "--into", str(tmp_path / "out"))
    assert (r.code, r.err) == (0, "")
    out = r.out.splitlines()
    assert out[out.index("  unused lines: 3") :] == [
        "  unused lines: 3",
        f"  {path}: sheet 台账, cell A2: a field of the ledger's form, not of the plan: 填报单位：县政府督查室",
        f"  {path}: sheet 台账, cell D4 (备注): column 备注 has no field in the records: 按月报送",
        f"  {path}: sheet 台账, cell F4 (进展情况): column 进展情况 has no field in the records: {width('已完成60%,正在推进')}",
        "  every line was placed",
    ]
    plan = yaml.safe_load((tmp_path / "out" / "plan.yaml").read_text(encoding="utf-8"))
    assert plan["title"] == width("某县重点任务台账")
    records = _records(tmp_path / "out")
    assert [(t["title"], t["lead"], [d["text"] for d in t["deadlines"]]) for t in records.values()] == [
        (width("第一项任务(重点)。"), ["财政局"], ["2024年6月底前"]),
        ("第二项任务。", ["人社局"], ["年底前"]),
    ]


@WIDTHS
def test_conservation_on_ledgers(width, tmp_path):
    from taskplan.importer import import_document

    from .test_seed_office import assert_office_conserved

    path = ledger(width, tmp_path / "台账.xlsx")
    summary = import_document(path, tmp_path / "a")
    assert_office_conserved(path, ["序 号", "牵头\n单位", "重点任务", width("配合单位(排名不分先后)"), "工作措施"], tmp_path / "a", summary, "任务台账")


@WIDTHS
def test_a_work_points_ledger_with_its_signature_below_and_a_task_without_lead(width, cli, tmp_path):
    """…工作要点 in the title row; a signature in the rows under the table goes to plan.yaml; the warning
    for the task without lead names its cell in words."""
    from taskplan.importer import import_document

    from .test_seed_office import assert_office_conserved

    rows = [
        ["某区2024年优化营商环境工作要点", None, None, None],
        ["序号", "工作任务", "牵头单位", "责任单位"],
        [1, width("推进政务服务\"一网通办\"。"), "区政务服务中心", "区大数据中心"],
        [2, width("开展涉企收费清理(全年)。"), None, width("区发改局、区财政局")],
        ["某区人民政府办公室", None, None, None],
        ["2024年1月15日", None, None, None],
    ]
    path = workbook(tmp_path / "要点.xlsx", [("台账", rows, ["A1:D1"])], header_row={"台账": 2})
    r = cli("import", str(path), "--into", str(tmp_path / "out"))
    assert r.code == 0
    assert r.err == (
        f"{path}: sheet 台账, cell B4 (工作任务): warning TP804 task 2 names no lead unit (lead: []); "
        "add 牵头单位 to the record, or state the rule 列第一位者为牵头单位\n"
    )
    assert r.out.splitlines()[-2:] == ["  unused lines: none", "  every line was placed"]
    plan = yaml.safe_load((tmp_path / "out" / "plan.yaml").read_text(encoding="utf-8"))
    assert (plan["title"], plan["issuer"], str(plan["date"])) == ("某区2024年优化营商环境工作要点", "某区人民政府办公室", "2024-01-15")
    records = _records(tmp_path / "out")
    assert [(t["title"], t["lead"], t["responsible"]) for t in records.values()] == [
        (width("推进政务服务\"一网通办\"。"), ["区政务服务中心"], ["区大数据中心"]),
        (width("开展涉企收费清理(全年)。"), [], ["区发改局", "区财政局"]),
    ]
    summary = import_document(path, tmp_path / "again")
    assert_office_conserved(path, ["序号", "工作任务", "牵头单位", "责任单位"], tmp_path / "again", summary)

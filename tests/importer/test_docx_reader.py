"""Word documents: paragraphs read like text, task tables read by their header, in both punctuation widths."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from .office_builders import WordDoc, full_width
from taskplan.importer.source import read_document

WIDTHS = pytest.mark.parametrize("width", [str, full_width], ids=["half", "full"])


def _records(out: Path) -> dict[int, dict]:
    return {int(p.stem): yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((out / "tasks").glob("*.yaml"))}


@WIDTHS
def test_paragraphs_are_read_like_text_with_line_breaks_and_word_numbering(width, cli, tmp_path):
    w = WordDoc()
    tasks = w.num(w.abstract([("decimal", "%1.", 1)]))
    w.para(width("某县人民政府关于印发重点任务分工方案的通知"))
    w.para("")  # empty paragraphs are layout
    w.para(width("某县重点任务分工方案"))
    w.para(width("一、稳定经济运行"))
    w.para(width("加强财政管理,压减一般性支出。"), num=tasks)
    w.para(width("牵头单位:财政局\n责任单位:税务局、人社局"))  # Shift+Enter inside one paragraph
    w.para(width("落实措施:(1)做好预算。(2)压减支出。"))
    w.para(width("二、优化营商环境"))
    w.para(width("深化\"放管服\"改革。"), num=tasks)  # numbers run on across sections, as in the seed
    w.para(width("牵头单位:市场局"))
    path = w.save(tmp_path / "方案.docx")

    lines = read_document(path)
    assert [(line.number, line.text, line.where) for line in lines] == [
        (1, width("某县人民政府关于印发重点任务分工方案的通知"), "paragraph 1"),
        (2, width("某县重点任务分工方案"), "paragraph 3"),
        (3, width("一、稳定经济运行"), "paragraph 4"),
        (4, width("1.加强财政管理,压减一般性支出。"), "paragraph 5"),
        (5, width("牵头单位:财政局"), "paragraph 6"),
        (6, width("责任单位:税务局、人社局"), "paragraph 6"),
        (7, width("落实措施:(1)做好预算。(2)压减支出。"), "paragraph 7"),
        (8, width("二、优化营商环境"), "paragraph 8"),
        (9, width("2.深化\"放管服\"改革。"), "paragraph 9"),
        (10, width("牵头单位:市场局"), "paragraph 10"),
    ]
    assert lines[3].place(str(path)) == f"{path}: paragraph 5"

    r = cli("import", str(path), "--into", str(tmp_path / "out"))
    assert (r.code, r.err) == (0, "")
    records = _records(tmp_path / "out")
    assert records[1] == {
        "id": 1,
        "section": 1,
        "title": width("加强财政管理,压减一般性支出。"),
        "lead": ["财政局"],
        "responsible": ["税务局", "人社局"],
        "measures": [{"unit": None, "items": ["做好预算。", "压减支出。"]}],
    }
    assert (records[2]["section"], records[2]["title"], records[2]["lead"]) == (2, width("深化\"放管服\"改革。"), ["市场局"])


def _task_table(width) -> WordDoc:
    """A 任务分工表 as offices draw it: columns in their own order, a header with a stray space and a
    line break, section rows merged across the table, a lead merged down over two tasks, units and
    measure items on lines of their own inside cells."""
    w = WordDoc()
    w.para(width("某县2024年重点工作任务分工方案"))
    w.table(
        [
            ["牵头单位", "工作 任务", "序号", "责任\n单位", "落实措施"],
            [width("一、稳定经济运行"), None, None, None, None],
            ["财政局", width("加强财政管理(重点)。"), "1", "税务局\n人社局", width("财政局:(1)做好预算。\n(2)压减支出。")],
            ["^", "第二项任务\n第二段。", "2", "", "每月调度。"],
            ["优化营商环境", None, None, None, None],  # a section row without its numeral
            ["市场局", "第三项任务。", "3", width("各镇(街道)"), ""],
        ],
        widths_cm=[2.5, 6, 1.2, 3, 6],
    )
    return w


@WIDTHS
def test_a_task_table_is_read_by_its_header(width, cli, tmp_path):
    path = _task_table(width).save(tmp_path / "分工表.docx")
    lines = read_document(path)
    assert [(line.text, line.where) for line in lines] == [
        (width("某县2024年重点工作任务分工方案"), "paragraph 1"),
        (width("一、稳定经济运行"), "table 1, row 2, column 1"),
        (width("1、加强财政管理(重点)。"), "table 1, row 3, column 2 (工作任务)"),
        ("牵头单位：财政局", "table 1, row 3, column 1 (牵头单位)"),
        ("责任单位：税务局、人社局", "table 1, row 3, column 4 (责任单位)"),
        (width("落实措施：财政局:(1)做好预算。"), "table 1, row 3, column 5 (落实措施)"),
        (width("(2)压减支出。"), "table 1, row 3, column 5 (落实措施)"),
        ("2、第二项任务", "table 1, row 4, column 2 (工作任务)"),
        ("第二段。", "table 1, row 4, column 2 (工作任务)"),
        ("牵头单位：财政局", "table 1, row 3, column 1 (牵头单位)"),  # merged down: the cell where it is written
        ("落实措施：每月调度。", "table 1, row 4, column 5 (落实措施)"),
        ("二、优化营商环境", "table 1, row 5, column 1"),
        ("3、第三项任务。", "table 1, row 6, column 2 (工作任务)"),
        ("牵头单位：市场局", "table 1, row 6, column 1 (牵头单位)"),
        (width("责任单位：各镇(街道)"), "table 1, row 6, column 4 (责任单位)"),
    ]

    r = cli("import", str(path), "--into", str(tmp_path / "out"))
    assert (r.code, r.err) == (0, "")
    assert r.out.splitlines()[1:3] == ["  sections: 2", "  tasks: 3 (2 measures)"]
    plan = yaml.safe_load((tmp_path / "out" / "plan.yaml").read_text(encoding="utf-8"))
    assert plan["title"] == width("某县2024年重点工作任务分工方案")
    assert [(s["number"], s["title"]) for s in plan["sections"]] == [(1, "稳定经济运行"), (2, "优化营商环境")]
    assert _records(tmp_path / "out") == {
        1: {
            "id": 1,
            "section": 1,
            "title": width("加强财政管理(重点)。"),
            "lead": ["财政局"],
            "responsible": ["税务局", "人社局"],
            "measures": [{"unit": "财政局", "items": ["做好预算。", "压减支出。"]}],
        },
        2: {"id": 2, "section": 1, "title": "第二项任务第二段。", "lead": ["财政局"], "responsible": [], "measures": [{"unit": None, "items": ["每月调度。"]}]},
        3: {"id": 3, "section": 2, "title": "第三项任务。", "lead": ["市场局"], "responsible": [width("各镇(街道)")], "measures": []},
    }


@WIDTHS
def test_a_header_that_states_the_first_listed_rule(width, cli, tmp_path):
    w = WordDoc()
    w.para("某市重点任务分工方案")
    w.table(
        [
            ["编号", "重点任务", width("责任单位(列第一位的为牵头单位)")],
            ["一", "稳定增长", ""],  # 一 in the number column and a title: a section row, not merged
            ["1", "扩大有效投资。", "发改局\n财政局\n各镇(街道)"],
            ["2", "稳定就业。", width("人社局、财政局")],
        ]
    )
    path = w.save(tmp_path / "rule.docx")
    assert [line.text for line in read_document(path)] == [
        "某市重点任务分工方案",
        "（列第一位的为牵头单位）",  # the rule the header states, as a line of its own before the rows
        "一、稳定增长",
        "1、扩大有效投资。",
        "责任单位：发改局、财政局、各镇(街道)",
        "2、稳定就业。",
        width("责任单位：人社局、财政局"),
    ]
    r = cli("import", str(path), "--into", str(tmp_path / "out"))
    assert (r.code, r.err) == (0, "")
    records = _records(tmp_path / "out")
    assert [(t["lead"], t["responsible"]) for t in records.values()] == [(["发改局"], ["财政局", "各镇(街道)"]), (["人社局"], ["财政局"])]


def test_tables_without_a_task_header_are_read_as_text(tmp_path):
    w = WordDoc()
    w.table([["某县人民政府文件", None], ["县政发〔2024〕3号", "签发人：张三"]])  # a letterhead drawn as a table
    w.para("某县重点任务分工方案")
    path = w.save(tmp_path / "letterhead.docx")
    assert [(line.text, line.where) for line in read_document(path)] == [
        ("某县人民政府文件", "table 1, row 1, column 1"),
        ("县政发〔2024〕3号", "table 1, row 2, column 1"),
        ("签发人：张三", "table 1, row 2, column 2"),
        ("某县重点任务分工方案", "paragraph 1"),
    ]


def test_an_empty_word_document_is_refused(cli, tmp_path):
    w = WordDoc()
    w.para("")
    path = w.save(tmp_path / "empty.docx")
    r = cli("import", str(path), "--into", str(tmp_path / "out"))
    assert (r.code, r.out) == (1, "")
    assert r.err == f"{path}:0:0: error TP802 the document is empty; nothing to import\n"


@WIDTHS
def test_an_opinion_with_a_task_table_signed_after_it(width, cli, tmp_path):
    """…实施意见 as the title; the signature after the table goes to plan.yaml, 抄送 is unused; a task
    without lead is warned at its cell, in words (no line number: a Word cell has none)."""
    from taskplan.importer import import_document

    from .test_seed_office import assert_office_conserved

    w = WordDoc()
    w.para("某市人民政府关于进一步优化营商环境的实施意见")
    w.para(width("各区人民政府,市政府各部门:"))
    w.para(width("为持续优化营商环境,提出如下实施意见。"))
    w.table(
        [
            ["序号", "工作任务", "牵头单位", "责任单位", "完成时限"],
            ["1", width("优化开办企业流程,压缩办理时间。"), "市市场监管局", "市公安局", "2024年6月底前"],
            ["2", width("推行\"一件事一次办\"。"), "", "市政务服务中心、各区政府", "年底前"],
        ],
    )
    w.para("某市人民政府")
    w.para("2024年3月1日")
    w.para(width("(此件公开发布)"))
    w.para(width("抄送:市委各部门,市人大常委会办公厅。"))
    path = w.save(tmp_path / "意见.docx")

    r = cli("import", str(path), "--into", str(tmp_path / "out"))
    assert r.code == 0
    assert r.err == (
        f"{path}: table 1, row 3, column 2 (工作任务): warning TP804 task 2 names no lead unit (lead: []); "
        "add 牵头单位 to the record, or state the rule 列第一位者为牵头单位\n"
    )
    out = r.out.splitlines()
    assert out[out.index("  unused lines: 1"):] == [
        "  unused lines: 1",
        f"  {path}: paragraph 7: 抄送/印发 line (how the printed copy was sent): {width('抄送:市委各部门,市人大常委会办公厅。')}",
        "  every line was placed",
    ]
    plan = yaml.safe_load((tmp_path / "out" / "plan.yaml").read_text(encoding="utf-8"))
    assert (plan["title"], plan["issuer"], str(plan["date"]), plan["note"]) == (
        "某市人民政府关于进一步优化营商环境的实施意见", "某市人民政府", "2024-03-01", width("(此件公开发布)"),
    )
    assert (plan["addressees"], plan["preamble"]) == (width("各区人民政府,市政府各部门:"), width("为持续优化营商环境,提出如下实施意见。"))
    records = _records(tmp_path / "out")
    assert [(t["title"], t["lead"], t["responsible"]) for t in records.values()] == [
        (width("优化开办企业流程,压缩办理时间。"), ["市市场监管局"], ["市公安局"]),
        (width("推行\"一件事一次办\"。"), [], ["市政务服务中心", "各区政府"]),
    ]
    summary = import_document(path, tmp_path / "again")
    assert_office_conserved(path, ["序号", "工作任务", "牵头单位", "责任单位", "完成时限"], tmp_path / "again", summary)

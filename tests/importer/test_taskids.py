"""Task ids and the document's printed numbers: kept when they run on through the plan, and every
unnumbered task or number out of sequence reported (TP810, TP811), in both punctuation widths."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from .conservation import assert_conserved
from .office_builders import WordDoc, full_width
from taskplan import i18n
from taskplan.importer import import_document

WIDTHS = pytest.mark.parametrize("width", [str, full_width], ids=["half", "full"])

RUN_ON = """某县2025年重点工作任务分工方案
一、稳定经济运行
1.加强财政预算管理。(县财政局负责)
2.做好减税降费工作。(县税务局负责)
围绕重点产业链开展精准招商,全年引进项目20个。(县商务局负责)
3.加强统计监测分析。(县统计局负责)
二、改善民生
4.扩大城镇就业。(县人社局负责)
新建城市书房5个,开展全民阅读活动。(县文旅局牵头,各乡镇配合)
5.提升基层医疗服务能力。(县卫健委负责)
"""

RESTARTS = """某县2025年重点工作任务分工方案
一、稳定经济运行
1.加强财政预算管理。(县财政局负责)
2.做好减税降费工作。(县税务局负责)
二、改善民生
1.扩大城镇就业。(县人社局负责)
新建城市书房5个,开展全民阅读活动。(县文旅局牵头,各乡镇配合)
2.提升基层医疗服务能力。(县卫健委负责)
"""

UNNUMBERED = """某县2025年重点工作任务分工方案
一、稳定经济运行
加强财政预算管理。(县财政局负责)
做好减税降费工作。(县税务局负责)
二、改善民生
扩大城镇就业,全年新增就业3000人。(县人社局负责)
"""

SKIPPED = """某县2025年重点工作任务分工方案
一、稳定经济运行
1.加强财政预算管理。(县财政局负责)
2.做好减税降费工作。(县税务局负责)
5.加强统计监测分析。(县统计局负责)
二、改善民生
6.扩大城镇就业。(县人社局负责)
"""

REPEATED = """某县2025年重点工作任务分工方案
一、稳定经济运行
1.加强财政预算管理。(县财政局负责)
2.做好减税降费工作。(县税务局负责)
2.加强统计监测分析。(县统计局负责)
3.扩大城镇就业。(县人社局负责)
"""


def _import(tmp_path: Path, text: str, width, cli) -> tuple[Path, list[tuple[int, int, str]], object]:
    source = tmp_path / "plan.txt"
    source.write_text(width(text), encoding="utf-8")
    r = cli("import", str(source), "--into", str(tmp_path / "out"))
    records = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((tmp_path / "out" / "tasks").glob("*.yaml"))]
    return source, [(t["id"], t["section"], t["title"]) for t in records], r


@WIDTHS
def test_printed_numbers_that_run_on_stay_the_ids_and_unnumbered_tasks_come_after_the_highest(width, cli, tmp_path):
    source, tasks, r = _import(tmp_path, RUN_ON, width, cli)
    assert tasks == [
        (1, 1, "加强财政预算管理。"),
        (2, 1, "做好减税降费工作。"),
        (3, 1, "加强统计监测分析。"),  # 3. in the document: cited as 第3项, imported as task 3
        (4, 2, "扩大城镇就业。"),
        (5, 2, "提升基层医疗服务能力。"),
        (6, 1, width("围绕重点产业链开展精准招商,全年引进项目20个。")),  # keeps its section
        (7, 2, width("新建城市书房5个,开展全民阅读活动。")),
    ]
    assert r.code == 0  # warnings only: the records are right, the user is told
    assert r.err.splitlines() == [
        f"{source}:5:1: warning TP810 unnumbered task imported as task 6, after the highest printed number (5), "
        "so that every numbered task keeps its printed number as its id; cite it as 6",
        f"{source}:9:1: warning TP810 unnumbered task imported as task 7, after the highest printed number (5), "
        "so that every numbered task keeps its printed number as its id; cite it as 7",
    ]
    # reports group by section: the unnumbered task is printed in its own section, after the numbered ones
    report = cli("report", "--format", "md", cwd=tmp_path / "out")
    assert report.code == 0
    headings = [line for line in report.out.splitlines() if line.startswith(("## ", "**"))]
    assert headings == [
        "## 一、稳定经济运行", "**1.** 加强财政预算管理。", "**2.** 做好减税降费工作。", "**3.** 加强统计监测分析。",
        "**6.** " + width("围绕重点产业链开展精准招商,全年引进项目20个。"),
        "## 二、改善民生", "**4.** 扩大城镇就业。", "**5.** 提升基层医疗服务能力。",
        "**7.** " + width("新建城市书房5个,开展全民阅读活动。"),
    ]


@WIDTHS
def test_every_line_is_accounted_for(width, tmp_path):
    for k, text in enumerate((RUN_ON, RESTARTS, SKIPPED, REPEATED)):
        source = tmp_path / f"plan{k}.txt"
        source.write_text(width(text), encoding="utf-8")
        summary = import_document(source, tmp_path / f"out{k}", readings=True)
        assert summary.unused == [] and summary.complete
        assert_conserved(source, tmp_path / f"out{k}", summary)


@WIDTHS
def test_numbers_restarting_per_section_keep_reading_order_and_the_unnumbered_task_is_reported(width, cli, tmp_path):
    source, tasks, r = _import(tmp_path, RESTARTS, width, cli)
    assert tasks == [
        (1, 1, "加强财政预算管理。"),
        (2, 1, "做好减税降费工作。"),
        (3, 2, "扩大城镇就业。"),
        (4, 2, width("新建城市书房5个,开展全民阅读活动。")),
        (5, 2, "提升基层医疗服务能力。"),
    ]
    assert (r.code, r.err) == (
        0,
        f"{source}:7:1: warning TP810 unnumbered task imported as task 4 in reading order (the document's numbers "
        "restart in each section, so ids follow reading order, not the printed numbers)\n",
    )


@WIDTHS
def test_a_document_without_numbers_keeps_reading_order_and_says_nothing(width, cli, tmp_path):
    _, tasks, r = _import(tmp_path, UNNUMBERED, width, cli)
    assert tasks == [
        (1, 1, "加强财政预算管理。"),
        (2, 1, "做好减税降费工作。"),
        (3, 2, width("扩大城镇就业,全年新增就业3000人。")),
    ]
    assert (r.code, r.err) == (0, "")


@WIDTHS
def test_a_skipped_number_is_kept_and_reported(width, cli, tmp_path):
    # before: 5. after 2. was glued to task 2 as its text, and the tasks after it were lost
    source, tasks, r = _import(tmp_path, SKIPPED, width, cli)
    assert tasks == [
        (1, 1, "加强财政预算管理。"),
        (2, 1, "做好减税降费工作。"),
        (5, 1, "加强统计监测分析。"),
        (6, 2, "扩大城镇就业。"),
    ]
    assert (r.code, r.err) == (
        0,
        f"{source}:5:1: warning TP811 printed number 5 follows 2: the document skips 3–4; "
        "the task keeps its printed number as its id (there is no task 3–4)\n",
    )


@WIDTHS
def test_a_repeated_number_is_a_task_of_its_own_in_reading_order_and_reported(width, cli, tmp_path):
    # before: the second 2. was glued to task 2 and its unit 县统计局 was silently a unit of task 2
    source, tasks, r = _import(tmp_path, REPEATED, width, cli)
    assert tasks == [
        (1, 1, "加强财政预算管理。"),
        (2, 1, "做好减税降费工作。"),
        (3, 1, "加强统计监测分析。"),
        (4, 1, "扩大城镇就业。"),
    ]
    assert (r.code, r.err) == (
        0,
        f"{source}:5:1: warning TP811 printed number 2 repeated: imported as task 3 in reading order, so the ids "
        "of the tasks after it differ from their printed numbers; correct the numbers in the document and import again\n",
    )


@WIDTHS
def test_word_paragraphs_with_automatic_numbering_and_an_unnumbered_task(width, cli, tmp_path):
    w = WordDoc()
    tasks = w.num(w.abstract([("decimal", "%1.", 1)]))
    w.para(width("某县2025年重点工作任务分工方案"))
    w.para(width("一、稳定经济运行"))
    w.para(width("加强财政预算管理。(县财政局负责)"), num=tasks)
    w.para(width("围绕重点产业链开展精准招商。(县商务局负责)"))  # no numPr: Word draws no number
    w.para(width("做好减税降费工作。(县税务局负责)"), num=tasks)  # Word draws 2.
    path = w.save(tmp_path / "方案.docx")
    r = cli("import", str(path), "--into", str(tmp_path / "out"))
    records = {int(p.stem): yaml.safe_load(p.read_text(encoding="utf-8")) for p in (tmp_path / "out" / "tasks").glob("*.yaml")}
    assert {k: (t["title"], t["lead"]) for k, t in records.items()} == {
        1: ("加强财政预算管理。", ["县财政局"]),
        2: ("做好减税降费工作。", ["县税务局"]),
        3: ("围绕重点产业链开展精准招商。", ["县商务局"]),
    }
    assert (r.code, r.err) == (
        0,
        f"{path}: paragraph 4: warning TP810 unnumbered task imported as task 3, after the highest printed number (2), "
        "so that every numbered task keeps its printed number as its id; cite it as 3\n",
    )


def test_the_warnings_read_in_chinese(tmp_path):
    source = tmp_path / "plan.txt"
    source.write_text(RUN_ON, encoding="utf-8")
    summary = import_document(source, tmp_path / "out")
    before = i18n.current()
    i18n.set_language("zh")
    try:
        text = i18n.translate(summary.warnings[0].message)
    finally:
        i18n.set_language(before)
    assert text == "未编号的任务导入为任务 6，排在文件最大编号（5）之后，使每项有编号的任务保留文件所印编号；引用时请称任务 6"

"""The importer's parts on single lines and fragments."""
from __future__ import annotations

import datetime as dt

import pytest

from taskplan.importer.frontmatter import parse_date, parse_front
from taskplan.importer.measures import BOUNDARY, split_items, split_measures, unit_prefixes
from taskplan.importer.roles import read_role_text, roles_in_text, split_names, strip_rule
from taskplan.importer.source import Line
from taskplan.importer.structure import is_noise


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("财政局、发改局", ["财政局", "发改局"]),
        ("各开发区、镇(街道)、市直欠款部门(含政府平台公司)", ["各开发区", "镇(街道)", "市直欠款部门(含政府平台公司)"]),
        ("工信局,财政局;各镇（街道）。", ["工信局", "财政局", "各镇（街道）"]),
        ("工信局，财政局；市直欠款部门（含政府、平台公司）", ["工信局", "财政局", "市直欠款部门（含政府、平台公司）"]),
        (" 财政局 、、发改局 ", ["财政局", "发改局"]),
    ],
)
def test_split_names_never_inside_parentheses(text, names):
    assert split_names(text) == names


def test_roles_in_text():
    title, roles = roles_in_text("加快转化。(牵头单位:市发改委、经贸委;配合单位:市科技局)")
    assert (title, roles.lead, roles.responsible) == ("加快转化。", ["市发改委", "经贸委"], ["市科技局"])
    title, roles = roles_in_text("加快转化(责任单位：市科技局)。")
    assert (title, roles.lead, roles.responsible) == ("加快转化。", [], ["市科技局"])
    # a parenthesis that is not a role list stays in the title
    for text in ("完成改造(2020年10月完成)", "推动“一网通办”(含“一件事”)。"):
        title, roles = roles_in_text(text)
        assert (title, roles.has_roles()) == (text, False)


def test_strip_rule():
    assert strip_rule("县政务服务中心、县市场监管局(列第一位者为牵头或汇总单位,下同)") == ("县政务服务中心、县市场监管局", True)
    assert strip_rule("各镇(街道)") == ("各镇(街道)", False)


def test_prose_roles():
    roles = read_role_text("省发展改革委牵头,各地、各部门配合。")
    assert (roles.lead, roles.responsible, roles.unread) == (["省发展改革委"], ["各地", "各部门"], [])
    roles = read_role_text("省财政厅负责，省税务局参与")
    assert (roles.owners, roles.responsible) == (["省财政厅"], ["省税务局"])
    # no role word: nothing is guessed, the text is returned as not understood
    roles = read_role_text("省发展改革委,各地")
    assert (roles.has_roles(), roles.unread) == (False, ["省发展改革委", "各地"])


@pytest.mark.parametrize(
    ("text", "split"),
    [
        ("(1)甲。(2)乙。", (None, ["甲。", "乙。"])),
        ("（1）甲。（2） 乙。", (None, ["甲。", "乙。"])),
        ("前言:(1)甲;(2)乙。", ("前言:", ["甲;", "乙。"])),
        ("前言：（1）甲；（2）乙。", ("前言：", ["甲；", "乙。"])),
        # numbering that starts again at 1 stays in the last item: one block per unit
        ("(1)甲。(2)乙。又:(1)丙。", (None, ["甲。", "乙。又:(1)丙。"])),
        # out of sequence or not a plain number: text
        ("(1)甲(3)乙。(2020年完成)(2)丙", (None, ["甲(3)乙。(2020年完成)", "丙"])),
        ("见(2)。", (None, ["见(2)。"])),
        ("无编号。", (None, ["无编号。"])),
        # a single (1) is no list
        ("前言(1)唯一。", (None, ["前言(1)唯一。"])),
        # markers inside another parenthesis are text
        ("(1)甲(见附件(2))。(2)乙", (None, ["甲(见附件(2))。", "乙"])),
    ],
)
def test_split_items(text, split):
    assert split_items(text) == split


def test_unit_prefix_only_at_a_sentence_start():
    units = {"财政局", "残联"}
    assert split_measures("财政局:甲,残联:乙。残联:丙", units.__contains__) == [("财政局", None, ["甲,残联:乙。"]), ("残联", None, ["丙"])]
    # a label in quotes or parentheses is not a prefix
    assert split_measures("“财政局:甲”。(财政局:乙)", units.__contains__) == [(None, None, ["“财政局:甲”。(财政局:乙)"])]


def test_chinese_numbers_and_noise():
    assert all(is_noise(t) for t in ("", "— 1 —", "-2-", "- 12 -", "第3页", "第 3 页 共 9 页", "3/9"))
    assert not any(is_noise(t) for t in ("1.稳就业", "2020年", "一、任务"))


def test_dates():
    assert parse_date("2020年7月24日") == dt.date(2020, 7, 24)
    assert parse_date("二〇二〇年七月二十四日") == dt.date(2020, 7, 24)
    assert parse_date("2020年13月1日") is None


def _lines(*texts: str) -> list[Line]:
    return [Line(i, t) for i, t in enumerate(texts, 1)]


def test_front_matter_with_the_title_first():
    front = parse_front(_lines("某市重点任务分工方案", "各区人民政府,市政府各部门:", "现将方案印发给你们。", "某市人民政府", "2021年1月5日"))
    assert (front.title, front.title_line) == ("某市重点任务分工方案", 1)
    assert front.addressees == "各区人民政府,市政府各部门:"
    assert front.preamble == "现将方案印发给你们。"
    assert (front.issuer, front.date, front.note) == ("某市人民政府", dt.date(2021, 1, 5), None)


def test_front_matter_title_only_and_title_over_two_lines():
    assert parse_front(_lines("某市重点任务", "分工方案")).title == "某市重点任务分工方案"
    front = parse_front(_lines("附件", "某市方案"))
    assert (front.title, front.ignored, front.roles) == ("某市方案", [], {0: "noise"})


def test_rule_on_its_own_line_is_neither_note_nor_heading_text(tmp_path):
    from taskplan.importer import import_document
    from taskplan.store.load import load_plan

    doc = tmp_path / "doc.txt"
    doc.write_text(
        "某县重点工作任务分工\n(列第一位者为牵头或汇总单位,下同)\n(此文件公开发布)\n一、优化环境\n(列第一位者为牵头单位)\n"
        "1.深化改革。\n责任单位:县政务服务中心、县市场监管局\n",
        encoding="utf-8",
    )
    import_document(doc, tmp_path / "out")
    loaded = load_plan(tmp_path / "out", use_cache=False)
    assert loaded.plan.note == "(此文件公开发布)"
    assert loaded.plan.sections[0].title == "优化环境"
    assert (loaded.tasks[0].lead, loaded.tasks[0].responsible) == (["县政务服务中心"], ["县市场监管局"])


def test_signature_and_distribution_lines_by_their_shape():
    from taskplan.importer.signature import is_distribution, issuer_shaped

    assert is_distribution("抄送:党中央各部门。") and is_distribution("抄送：市委各部门，市人大常委会办公厅。")
    assert is_distribution("国务院办公厅2024年3月4日印发") and is_distribution("某县人民政府办公室 2024年5月11日印发")
    assert is_distribution("二〇二四年三月四日印发")
    # a task that happens to end in a date and 印发 is no distribution line
    assert not is_distribution("制定实施细则,2024年6月30日印发") and not is_distribution("制定实施细则，2024年6月30日印发")
    assert not is_distribution("2024年6月30日前印发实施方案")
    assert issuer_shaped("国务院") and issuer_shaped("某市人民政府办公室") and issuer_shaped("某县农业农村局")
    assert not issuer_shaped("加强组织领导") and not issuer_shaped("某市人民政府办公室,") and not issuer_shaped("各乡镇（街道）")

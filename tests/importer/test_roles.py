"""Role text read clause by clause (importer/roles.py), in both punctuation widths.

Written against the survivors of a mutation run on roles.py: each case pins a
behaviour no document test held (an empty clause, a clause without a role word,
"按职责分工负责" with nobody named, 会同 with 配合, roles adding up, a deadline label
with nothing but punctuation)."""
from __future__ import annotations

import pytest

from taskplan.importer.roles import read_role_text, roles_in_text

FULL = str.maketrans(",:;()", "\uff0c\uff1a\uff1b\uff08\uff09")
WIDTHS = pytest.mark.parametrize("width", ["half", "full"])


def read(text: str, width: str) -> dict:
    roles = read_role_text(text if width == "half" else text.translate(FULL))
    return {k: v for k, v in vars(roles).items() if v}


@WIDTHS
def test_an_empty_clause_after_a_separator_is_nothing(width):
    assert read("部门分工:省发展改革委牵头,各地配合;", width) == {"lead": ["省发展改革委"], "responsible": ["各地"]}


@WIDTHS
def test_a_clause_without_a_role_word_is_unread(width):
    assert read("部门分工:省发展改革委牵头,加强统筹", width) == {"lead": ["省发展改革委"], "unread": ["加强统筹"]}


@WIDTHS
def test_a_manner_of_working_with_nobody_named_is_no_unit(width):
    # "按职责分工负责" alone names nobody: it is reported (a task may miss its units), never a unit "按职责分工"
    assert read("部门分工:按职责分工负责", width) == {"unread": ["按职责分工负责"]}
    assert read("部门分工:分别负责", width) == {"unread": ["分别负责"]}
    assert read("部门分工:各区政府按职责分工负责", width) == {"responsible": ["各区政府"]}
    assert read("部门分工:市财政局、市审计局分别负责", width) == {"responsible": ["市财政局", "市审计局"]}


@WIDTHS
def test_with_whom_a_unit_works(width):
    # X会同Y负责: X leads, Y takes part; X会同Y配合: both take part
    assert read("部门分工:市财政局会同市审计局、市税务局负责", width) == {"lead": ["市财政局"], "responsible": ["市审计局", "市税务局"]}
    assert read("部门分工:市财政局会同市审计局配合", width) == {"responsible": ["市财政局", "市审计局"]}
    assert read("部门分工:市财政局会同有关部门负责", width) == {"lead": ["市财政局"]}


@WIDTHS
def test_roles_of_several_clauses_add_up(width):
    assert read("部门分工:市发改委牵头,市工信局配合,市财政局会同市税务局参与", width) == {
        "lead": ["市发改委"], "responsible": ["市工信局", "市财政局", "市税务局"],
    }
    assert read("部门分工:市审计局配合,市财政局会同市税务局负责", width) == {
        "lead": ["市财政局"], "responsible": ["市审计局", "市税务局"],
    }


@WIDTHS
def test_a_deadline_label_keeps_its_phrase_without_the_full_stop(width):
    assert read("完成时限:2024年6月底前。", width) == {"deadlines": ["2024年6月底前"]}
    assert read("完成时限:。", width) == {}
    assert read("完成时限: ;", width) == {}


@WIDTHS
def test_a_role_parenthesis_in_a_sentence(width):
    text = "加强审计监督。(市财政局会同市审计局负责)"
    title, roles = roles_in_text(text if width == "half" else text.translate(FULL))
    assert (title, roles.lead, roles.responsible) == ("加强审计监督。", ["市财政局"], ["市审计局"])


@WIDTHS
def test_labels_of_one_group_add_up_in_their_roles(width):
    text = "牵头领导:张三;分管领导:李四;牵头单位:市财政局;牵头单位:市审计局;责任单位:市税务局;配合单位:市统计局"
    assert read(text, width) == {
        "leader": ["张三", "李四"], "lead": ["市财政局", "市审计局"], "responsible": ["市税务局", "市统计局"],
    }


@WIDTHS
def test_prose_after_a_label_is_read_as_prose(width):
    assert read("牵头单位:市财政局牵头,市审计局配合", width) == {"lead": ["市财政局"], "responsible": ["市审计局"]}


@WIDTHS
def test_a_deadline_among_the_names_of_a_label(width):
    assert read("牵头单位:市财政局,2024年底前。", width) == {"lead": ["市财政局"], "deadlines": ["2024年底前"]}
    assert read("责任单位:市财政局、市审计局;2024年6月底前完成", width) == {
        "responsible": ["市财政局", "市审计局"], "deadlines": ["2024年6月底前完成"],
    }
    # a name with a time word in it is a name unless it ends like a deadline
    assert read("责任单位:市财政局、长期驻村工作队", width) == {"responsible": ["市财政局", "长期驻村工作队"]}


@WIDTHS
def test_a_name_with_brackets_inside_brackets_stays_whole(width):
    # 、 inside the outer parentheses does not split, however deep the brackets go
    text = "责任单位:县发改局(粮食局(物资储备)、价格所)、县财政局"
    expected = ["县发改局(粮食局(物资储备)、价格所)", "县财政局"]
    assert read(text, width) == {"responsible": expected if width == "half" else [n.translate(FULL) for n in expected]}


@WIDTHS
def test_every_role_group_of_a_sentence_is_read_whatever_follows_it(width):
    # a parenthesis that names no role after the role group (含…) stays in the text and stops nothing
    text = "完成改造(一期)。(市住建局负责)推进加装电梯(含老旧小区)。"
    title, roles = roles_in_text(text if width == "half" else text.translate(FULL))
    expected = "完成改造(一期)。推进加装电梯(含老旧小区)。"
    assert (title, roles.owners) == (expected if width == "half" else expected.translate(FULL), ["市住建局"])


@WIDTHS
def test_a_clause_of_punctuation_only_is_nothing(width):
    assert read("部门分工:省发展改革委牵头;。", width) == {"lead": ["省发展改革委"]}

"""Chinese line breaking (禁则): closing marks never start a line, opening brackets never end one, items stay whole."""
from __future__ import annotations

import pytest

from taskplan.model.text import display_width
from taskplan.output.wrap import CLOSING, OPENING, wrap, wrap_items


def test_cjk_counts_two_columns_and_breaks_between_characters():
    assert wrap("一二三四五六七八九十", 10) == ["一二三四五", "六七八九十"]


@pytest.mark.parametrize("comma, stop, open_, close", [("，", "。", "（", "）"), (",", ".", "(", ")")])
def test_no_line_starts_with_closing_punctuation_in_either_width(comma, stop, open_, close):
    text = f"加强财政资金{comma}支持{open_}含专项债{close}重点项目建设{stop}严禁新建楼堂馆所{stop}"
    for width in range(6, 40):
        lines = wrap(text, width)
        assert "".join(lines) == text
        for line in lines:
            assert display_width(line) <= width, (width, lines)
            assert line[0] not in CLOSING, (width, lines)
            assert line[-1] not in OPENING, (width, lines)


def test_a_latin_word_is_not_split_and_spaces_break():
    assert wrap("see docs/json.md for the envelope", 16) == ["see docs/json.md", "for the envelope"]
    assert wrap("Deadline not 已完成/已销号, as of --as-of.", 20) == ["Deadline not 已完成/", "已销号, as of", "--as-of."]


def test_indents_count_and_a_too_long_word_is_cut():
    assert wrap("甲乙丙丁戊己", 8, "- ", "  ") == ["- 甲乙丙", "  丁戊己"]
    assert wrap("abcdefghij", 4) == ["abcd", "efgh", "ij"]


def test_items_break_only_after_the_separator():
    names = ["中国人民银行海城支行", "财政局", "各镇(街道)", "发展改革局"]
    lines = wrap_items(names, 30)
    assert lines == ["中国人民银行海城支行、财政局、", "各镇(街道)、发展改革局"]
    assert wrap_items(names, 24) == ["中国人民银行海城支行、", "财政局、各镇(街道)、", "发展改革局"]

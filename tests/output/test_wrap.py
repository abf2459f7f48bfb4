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


# What mutation testing (make mutate MODULE=src/taskplan/output/wrap.py) showed no test pinned.

def test_text_that_fits_exactly_keeps_its_spacing():
    assert wrap("ab  cd", 6) == ["ab  cd"]
    assert wrap("ab  cd  ef", 6) == ["ab cd", "ef"]


def test_a_latin_word_starting_with_x_is_kept():
    assert wrap("XML 与 XLSX 表格的导入", 10) == ["XML 与", "XLSX 表格", "的导入"]


def test_a_closing_mark_after_a_space_stays_on_the_line_before():
    assert wrap("见附件 ）与说明", 8) == ["见附", "件 ）与", "说明"]


def test_a_cut_word_never_starts_a_line_with_a_closing_mark():
    assert wrap("abc,,,def", 4) == ["ab", "c,,,", "def"]
    assert wrap("abcdef,g", 4) == ["abcd", "ef,g"]


def test_a_too_long_word_after_text_and_indents():
    assert wrap("甲乙 abcdefghij", 6) == ["甲乙", "abcdef", "ghij"]
    assert wrap("甲乙丙丁 abcdefghij", 10, "- ", "  ") == ["- 甲乙丙丁", "  abcdefgh", "  ij"]


def test_later_lines_of_items_start_at_column_zero():
    assert wrap_items(["一二", "三", "四"], 6) == ["一二、", "三、四"]


@pytest.mark.parametrize("comma", ["，", ","])
def test_a_run_of_closing_marks_too_wide_for_a_line_fills_each_line(comma):
    # no cut can keep a closing mark from starting a line: the lines are filled, none is left empty or one mark wide
    run = comma * (8 // display_width(comma))  # 8 columns of commas
    assert wrap(run, 4) == [comma * (4 // display_width(comma))] * 2
    assert wrap("好" + comma * 4, 4) == (["好，", "，，", "，"] if comma == "，" else ["好,,", ",,"])


def test_a_cut_moves_back_as_far_as_the_first_character_but_never_leaves_an_empty_line():
    assert wrap("ab,,,", 4) == ["a", "b,,,"]  # the last place that keeps the commas off the line start
    assert wrap("a,,,,,,,", 4) == ["a,,,", ",,,,"]


def test_a_cut_word_never_starts_a_line_with_the_space_before_a_closing_mark():
    assert wrap("abcdefgh )", 8) == ["abcdefg", "h )"]
    assert wrap("见附件ABCDEFGH ）", 8) == ["见附件", "ABCDEFG", "H ）"]


def test_one_column_left_holds_one_character():
    assert wrap("abc", 1) == ["a", "b", "c"]
    assert wrap("财政局", 1) == ["财", "政", "局"]  # a CJK character alone is wider: it still gets its line
    assert wrap("a,b", 1) == ["a", ",", "b"]


@pytest.mark.parametrize("comma, lines", [("", ["ABCDE", "FGHIJ", "K财政"]), ("，", ["ABCDE", "FGHIJ", "K，财", "政"]),
                                          (",", ["ABCDE", "FGHIJ", "K,财", "政"])])
def test_text_after_a_cut_word_continues_on_its_last_piece(comma, lines):
    assert wrap(f"ABCDEFGHIJK{comma}财政", 5) == lines  # the last piece is 1–3 columns: room for more


def test_no_items_are_one_empty_line():
    assert wrap_items([], 10) == [""]


def test_what_a_cut_moves_down_still_fits_its_line():
    # moving the cut back keeps the commas off the next line's start only while they fit there
    assert wrap("ab，，", 4) == ["ab，", "，"]  # not "a" and "b，，" (5 columns in 4)
    assert wrap("ab,,,", 4) == ["a", "b,,,"]


def test_no_line_is_wider_than_the_width_whatever_the_mix_of_marks():
    import random

    rng = random.Random(11)
    for _ in range(3000):
        text = "".join(rng.choice("ab，,。.（( 财政") for _ in range(rng.randint(1, 30)))
        width = rng.randint(2, 12)
        lines = wrap(text, width)
        assert all(display_width(line) <= width for line in lines), (text, width, lines)

"""output/cellfit.py: the one estimate of the lines a cell's text wraps to (Word tables, the 台账, the 填报表)."""
from __future__ import annotations

import pytest

from taskplan.output.cellfit import cell_lines, line_capacity, parts_lines, text_parts


def test_a_line_holds_whole_characters():
    assert line_capacity(6) == 6 and line_capacity(5.9) == 5.5 and line_capacity(5.5) == 5.5
    assert line_capacity(0.3) == 1 and line_capacity(0) == 1  # never less than one character


def test_cell_lines_counts_whole_characters_per_line_and_every_paragraph():
    assert cell_lines("财政局财政局", 6) == 1 and cell_lines("财政局财政局", 5.9) == 2  # 5.5 holds 5 CJK characters
    assert cell_lines("财政局财政局财", 6) == 2 and cell_lines("财" * 13, 6) == 3
    assert cell_lines("2020-12-31", 5) == 1 and cell_lines("2020-12-31", 4.5) == 2  # 10 ASCII: 5 characters
    assert cell_lines("a\nb\n\nc", 10) == 4  # an empty paragraph is a line too
    assert cell_lines(None, 3) == 1 and cell_lines("", 3) == 1
    assert cell_lines(12345, 2) == 2  # a number is measured as its digits


@pytest.mark.parametrize(("text", "width", "lines"), [
    # half-width ,:;() are half a character, full-width ，：；（） a whole one: the same words take more room
    ("完善机制,落实责任;加强督查(每月):年底完成。", 11, 2),  # 19 CJK + 6 half-width = 22 characters
    ("完善机制，落实责任；加强督查（每月）：年底完成。", 11, 3),  # 25 characters
    ("完善机制，落实责任；加强督查（每月）：年底完成。", 12.5, 2),
    # long mixed Latin/CJK measures: every ASCII letter, digit and space is half a character
    ("推进5G基站建设,完成IPv6规模部署和NB-IoT物联网覆盖", 10, 3),  # 18 CJK + 14 ASCII = 25
    ("建设 Big Data Analytics Platform 与 Government Service Integration Hub", 20, 2),  # 2 CJK + 63 ASCII = 33.5
    ("https://www.example.gov.cn/zwgk/2020/notice_0001.html", 6, 5),  # 53 ASCII = 26.5
])
def test_both_punctuation_widths_and_mixed_latin(text, width, lines):
    assert cell_lines(text, width) == lines


def test_parts_are_measured_once_for_many_widths():
    parts = text_parts("财政局\n2020年12月31日前完成")
    assert parts == [6, 20] and text_parts(None) == [] and text_parts("") == []
    assert [parts_lines(parts, w) for w in (3, 5.5, 11)] == [5, 3, 2]
    assert parts_lines([], 4) == 1  # an empty cell is one line high

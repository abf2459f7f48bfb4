"""output/workbook.py: the printed page every workbook shares (the 台账 of reports, the 填报表 of forms)."""
from __future__ import annotations

import pytest

from taskplan.output.workbook import PAPERS, print_layout


class Sheet:
    """Records what is asked of an XlsxWriter worksheet."""

    def __init__(self):
        self.calls = []

    def __getattr__(self, name):
        return lambda *args, **kwargs: self.calls.append((name, args, kwargs))


def test_print_layout():
    ws = Sheet()
    print_layout(ws, "示例市任务台账 A&B", header_row=2, paper=PAPERS["A3"])
    assert ws.calls == [
        ("set_landscape", (), {}),
        ("set_paper", (8,), {}),
        ("repeat_rows", (2,), {}),
        ("fit_to_pages", (1, 0), {}),
        ("set_margins", (), {"left": 0.4, "right": 0.4, "top": 0.6, "bottom": 0.6}),
        ("set_header", ("&C示例市任务台账 A&&B",), {}),  # & starts a code in Excel's header: doubled
        ("set_footer", ("&C第 &P 页,共 &N 页",), {}),
    ]


def test_print_layout_defaults_and_a_long_title():
    ws = Sheet()
    print_layout(ws, "任" * 300)
    assert ws.calls[1:3] == [("set_paper", (9,), {}), ("repeat_rows", (0,), {})]  # A4, the first row
    assert ws.calls[5] == ("set_header", ("&C" + "任" * 253,), {})  # Excel's limit: 255 characters


@pytest.mark.parametrize(("paper", "points"), [("A4", 784.29), ("A3", 1132.95)])
def test_printable_width(paper, points):
    # the landscape width less the two 0.4 in margins, in points
    assert PAPERS[paper].printable_pt == pytest.approx(points, abs=0.01)


# ---------------------------------------------------------------- cells: widths and row heights


def test_column_points_and_the_width_to_store_for_them():
    from taskplan.output.workbook import column_points, column_width

    # ECMA-376: a stored width of 27 (digits of 7 px) prints trunc((256 * 27 + trunc(128 / 7)) / 256 * 7) = 189 px = 141.75 pt
    assert column_points(27) == 141.75 and column_points(0) == 0
    assert column_width(141.75) == pytest.approx((189 - 5) / 7)  # 189 px less the padding XlsxWriter adds
    assert column_points(column_width(141.75) + 5 / 7) == 141.75  # XlsxWriter stores width + 5/7 digits
    assert column_width(1) == 0  # never negative


def test_text_chars_is_the_width_less_the_room_around_the_text():
    from taskplan.output.workbook import cell_overhead, text_chars

    assert cell_overhead(10) == pytest.approx(0.65)  # 2.5 pt each side and 1.5 pt of rounding
    assert text_chars(27, 10) == pytest.approx(13.525)
    assert text_chars(90, 11) == pytest.approx((472.5 - 6.5) / 11)  # 630 px
    assert text_chars(0, 10) == 0


def test_row_points_are_the_tallest_cells_lines_at_fourteen_and_a_half_points_per_ten_point_line():
    # measured in LibreOffice: 10 pt Noto CJK (its 宋体/仿宋) needs 14.5 pt of stored row height a line; the
    # lines are counted in 90 % of the text width (Latin glyphs wider than half a CJK character, whole words)
    from taskplan.output.workbook import row_points, text_chars

    widths = [text_chars(5, 10), text_chars(27, 10)]  # the 任务 column holds 12 characters a line at 90 %
    assert row_points(widths, [1, "财" * 12], 10) == 1 * 14.5 + 4
    assert row_points(widths, [1, "财" * 13], 10) == 2 * 14.5 + 4
    full = "完善省市县三级联动机制（含乡镇街道）：年底前全部上线；加快政务服务，实现一网通办并推进数据共享交换。"
    half = "完善省市县三级联动机制(含乡镇街道):年底前全部上线;加快政务服务,实现一网通办并推进数据共享交换。"
    assert row_points(widths, [1, full], 10) == 5 * 14.5 + 4  # 50 characters: full-width ，：；（） are one each
    assert row_points(widths, [1, half], 10) == 4 * 14.5 + 4  # 47.5: half-width ,:;() half of one
    assert row_points(widths, [1, "推进5G基站建设,完成IPv6规模部署和NB-IoT物联网覆盖,在https://www.example.gov.cn/平台公开"], 10) \
        == 4 * 14.5 + 4  # 43.5 characters
    assert row_points(widths, [1, "短"], 10, min_lines=2) == 2 * 14.5 + 4  # the 填报表 leaves room to write
    assert row_points(widths, [1, "财\n" * 40], 10) == 409  # Excel's limit
    assert row_points([text_chars(90, 11)], ["说" * 100], 11) == pytest.approx(3 * 11 * 1.45 + 4)  # the instructions: 11 pt

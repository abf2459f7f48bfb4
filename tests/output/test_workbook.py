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

"""Column widths in proportion to content (reports/tablefit.py)."""
from taskplan.reports.tablefit import chars, fit_columns


def test_chars_counts_full_and_half_width_and_the_widest_line():
    assert chars("财政局") == 3 and chars("2020-12-31") == 5 and chars("责任\n(经由各镇(街道))") == 8
    assert chars("（全角）") == 4 and chars("(half)") == 3 and chars(None) == 0


def test_a_table_that_fits_gets_natural_widths_and_the_text_column_the_rest():
    fit = fit_columns(["编号", "任务", "状态"], [[1, "保障中小企业款项支付", "推进中"]], 9000, 10.5, 85)
    assert not fit.squeezed and sum(fit.twips) == 9000
    assert fit.chars[0] == 2 and fit.chars[2] == 3 and fit.chars[1] > 10  # the extra goes to the text column
    assert fit.numeric == [True, False, False]


def test_a_squeezed_table_keeps_short_columns_and_no_text_column_under_six_characters():
    long = "要大力优化财政支出结构,基本民生支出只增不减,重点领域支出要切实保障。" * 3
    fit = fit_columns(["序号", "任务", "措施", "进展", "时限"], [[1, long, long, "已部署,按计划推进(第一阶段)", "2020-12-31"]], 8800, 10.5, 85)
    assert fit.squeezed and sum(fit.twips) == 8800
    assert fit.chars[0] == 2 and fit.chars[4] == 5  # short columns keep their natural width
    assert fit.chars[1] == fit.chars[2] > fit.chars[3] >= 6

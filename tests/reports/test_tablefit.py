"""Column widths that save lines, the one rule of the printed tables (reports/tablefit.py)."""
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


def test_balance_gives_the_width_to_the_column_that_saves_lines():
    from taskplan.output.cellfit import cell_lines
    from taskplan.reports.tablefit import balance_columns

    long = "要大力优化财政支出结构,基本民生支出只增不减,重点领域支出要切实保障。" * 4  # 136 characters
    rows = [[i, "财政局", long if i % 2 else "压减一般性支出", "推进中", "2020-12-31"] for i in range(1, 41)]
    header = ["编号", "牵头单位", "任务内容", "状态", "完成时限"]
    widths = balance_columns(header, rows, 60)
    assert abs(sum(widths) - 60) < 1e-9
    assert widths[0] == 2 and widths[3] == 3 and widths[4] == 5  # short columns keep their natural width
    assert widths[1] == 4  # 牵头单位 is never taller than one line: it gets no more than it needs
    assert abs(widths[2] - 46) < 1e-9  # all the rest: every row of the long text is 3 lines instead of 23 at 6 characters
    assert cell_lines(long, widths[2]) == 3


def test_balance_never_drops_a_text_column_under_six_characters_and_shrinks_alike_when_floors_do_not_fit():
    from taskplan.reports.tablefit import balance_columns

    text = "加强乡镇寄宿制学校、乡村小规模学校和县城学校建设,完善随迁子女义务教育入学政策。"
    widths = balance_columns(["任务", "措施", "进展"], [[text, text * 5, "已部署(第一阶段)按计划推进"]], 30)
    assert min(widths) >= 6 and abs(sum(widths) - 30) < 1e-9
    assert widths[1] > widths[0]  # the longer text saves more lines
    tight = balance_columns(["任务", "措施", "进展"], [[text, text, text]], 12)
    assert abs(sum(tight) - 12) < 1e-9 and tight[0] == tight[1] == tight[2]


def test_a_word_table_gives_the_task_what_the_short_columns_do_not_need():
    from taskplan.reports.tablefit import balance_columns

    half = "压减一般性支出,保障基本民生(第一阶段)"  # 12 CJK characters and 3 half-width marks: 13.5 characters
    full = "压减一般性支出，保障基本民生（第一阶段）"  # the same with full-width marks: 15 characters
    header = ["牵头单位", "任务", "原定时限", "延期至", "逾期天数", "最近进展"]
    rows = [["财政局\n(2项)", f"{i}.{t * 2}", "2020-12-31", "—", 15, "未填报"] for i, t in ((1, half), (2, full))]
    fit = fit_columns(header, rows, 8845, 9.0, 85)  # A4 portrait between GB/T 9704 margins, 小五
    overhead = (2 * 85 + 30) / 180
    available = 8845 / 180 - 6 * overhead
    assert fit.squeezed and sum(fit.twips) == 8845
    assert fit.natural == [4, 41, 5, 3, 4, 4]  # 牵头单位 is wider than 财政局 over (2项); "2." and 40 full-width characters
    assert fit.chars == balance_columns(header, rows, available)
    assert fit.chars[0] == 4 and fit.chars[2] == 5 and fit.chars[3:] == [3, 4, 4]  # short columns keep their width
    assert abs(fit.chars[1] - (available - 20)) < 1e-9  # the task takes all the rest
    assert fit.numeric == [False, False, False, False, True, False]


def test_natural_fits_says_whether_every_column_fits_at_its_natural_width():
    from taskplan.reports.tablefit import natural_fits

    header, rows = ["单位", "一", "二", "合计"], [["财政局", 1, 12, 13], ["发改局", 0, 3, 3]]
    assert natural_fits(header, rows, 9000, 10.5, 85)
    assert fit_columns(header, rows, 9000, 10.5, 85).squeezed is False
    # natural widths 3 + 1 + 1 + 2 = 7 characters and 4 cells of 200/210 characters of margin: 7 + 3.81 = 10.81
    width = round((7 + 4 * 200 / 210) * 210)
    assert natural_fits(header, rows, width, 10.5, 85) and not natural_fits(header, rows, width - 21, 10.5, 85)
    assert fit_columns(header, rows, width - 21, 10.5, 85).squeezed


def test_the_width_a_fitting_table_does_not_need_goes_to_its_text_columns():
    from taskplan.reports.tablefit import balance_columns

    header = ["编号", "任务", "状态", "完成时限"]
    rows = [[7, "保障中小企业款项支付,11月底前无分歧账款清零。", "推进中", "2020-11-30"]]
    widths = balance_columns(header, rows, 60)
    assert widths[0] == 2 and widths[2] == 3 and widths[3] == 5  # a number, a status, a date: as wide as they are
    assert abs(widths[1] - 50) < 1e-9

"""The three table writers every command and report uses (output/tables.py)."""
from taskplan.model.text import display_width
from taskplan.output.tables import Column, break_lines, render_csv, render_markdown, render_text

COLS = [Column("id", "编号", numeric=True), Column("title", "任务", wrap=True), Column("lead", "牵头单位")]


def test_text_aligns_by_display_width_in_both_punctuation_widths():
    rows = [["1", "稳就业,保民生(一)", "财政局"], ["12", "稳就业，保民生（一）", "发改局"]]
    assert render_text(COLS, rows, rule=True) == (
        "编号  任务                  牵头单位\n"
        "----  --------------------  --------\n"
        "   1  稳就业,保民生(一)     财政局\n"
        "  12  稳就业，保民生（一）  发改局\n"
    )


def test_text_without_header_indented():
    assert render_text(COLS, [["3", "a", "b"]], header=False, indent=2) == "  3  a  b\n"


def test_text_wraps_only_wrapping_columns_to_the_width():
    title = "加大减税降费力度，坚决整治涉企违规收费。" * 3
    text = render_text(COLS, [["7", title, "财政局、发改局"]], rule=True, width=40)
    lines = text.splitlines()
    assert max(display_width(line) for line in lines) <= 40
    assert lines[2].startswith("   7  加大") and lines[2].endswith("财政局、发改局")
    # the title continues under itself; nothing is lost
    assert "".join(line[6:].split("  ")[0] for line in lines[2:]) == title
    # without a width nothing wraps, however long
    assert len(render_text(COLS, [["7", title, "财政局"]]).splitlines()) == 2


def test_break_lines_by_cells():
    assert break_lines("财政局ab", 4) == ["财政", "局ab"]
    assert break_lines("ab\n财", 1) == ["a", "b", "财"]  # a wide character alone on a too narrow line


def test_markdown_escapes_and_aligns_numbers():
    assert render_markdown(COLS, [[1, "a|b\\c", None], [2, "x\ny", "局"]]) == (
        "| 编号 | 任务 | 牵头单位 |\n"
        "|---:|---|---|\n"
        "| 1 | a\\|b\\\\c |  |\n"
        "| 2 | x<br>y | 局 |\n"
    )


def test_csv_lf_line_ends_quotes_and_none():
    assert render_csv([["编号", "任务"], [1, '说"好",行'], [2, None], [3, "两\n行"]]) == (
        '编号,任务\n1,"说""好"",行"\n2,\n3,"两\n行"\n'
    )

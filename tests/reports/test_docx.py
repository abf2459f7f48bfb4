"""Layout facts of the Word documents (GB/T 9704-2012), read back from the docx XML.

Fonts and sizes of every style the writer uses, with no theme-font attribute
left; footers with page numbers on the outer side; table widths in proportion
to content; landscape matrix split by sections when its columns do not fit;
the 通报's letterhead, scoreboard and overdue table; the 责任清单 table; and,
where LibreOffice is installed (CI installs it), page counts of the PDF.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from taskplan.reports.docx import DUTY_HEADER, Writer, _section_groups
from taskplan.reports.tablefit import chars, fit_columns

AS_OF = "2021-01-15"
USED_STYLES = {  # style id -> (eastAsia, ascii/hAnsi, size in half-points, bold)
    "Normal": ("仿宋_GB2312", "Times New Roman", 32, False),
    "Title": ("方正小标宋简体", "Times New Roman", 44, False),
    "Heading1": ("黑体", "Times New Roman", 32, False),
    "Heading2": ("楷体_GB2312", "Times New Roman", 32, False),
    "Heading3": ("仿宋_GB2312", "Times New Roman", 32, True),
    "TPTableText": ("仿宋_GB2312", "Times New Roman", 21, False),
    "TPTableHead": ("黑体", "Times New Roman", 21, False),
    "TPPageNumber": ("宋体", "宋体", 28, False),
}


def render(cli, plan: Path, tmp_path: Path, kind: str, *extra: str) -> Path:
    out = tmp_path / f"{kind}.docx"
    r = cli("-C", str(plan), "report", kind, "-f", "docx", "-o", str(out), "--as-of", AS_OF, *extra)
    assert (r.code, r.out, r.err) == (0, "", f"wrote {out}\n")
    return out


def style(d, style_id: str):
    return next(s for s in d.styles.element.findall(qn("w:style")) if s.get(qn("w:styleId")) == style_id)


def grid(table) -> list[int]:
    return [int(g.get(qn("w:w"))) for g in table._tbl.tblGrid.findall(qn("w:gridCol"))]


def test_fonts_and_sizes_of_every_used_style_without_theme_fonts(cli, mini, tmp_path):
    d = docx.Document(str(render(cli, mini, tmp_path, "bulletin")))
    for style_id, (east_asia, latin, size, bold) in USED_STYLES.items():
        s = style(d, style_id)
        rfonts = s.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        assert (rfonts.get(qn("w:eastAsia")), rfonts.get(qn("w:ascii")), rfonts.get(qn("w:hAnsi"))) == (east_asia, latin, latin)
        assert s.find(f"{qn('w:rPr')}/{qn('w:sz')}").get(qn("w:val")) == str(size), style_id
        b = s.find(f"{qn('w:rPr')}/{qn('w:b')}")
        assert (b is not None and b.get(qn("w:val")) != "0") is bold, style_id
    themed = [(el.getparent().getparent().get(qn("w:styleId")), a) for el in d.styles.element.iter(qn("w:rFonts"))
              for a in el.attrib if "Theme" in a or "theme" in a]
    assert themed == []
    normal = style(d, "Normal").find(qn("w:pPr"))
    assert normal.find(qn("w:jc")).get(qn("w:val")) == "both"  # 两端对齐
    spacing = normal.find(qn("w:spacing"))
    assert (spacing.get(qn("w:line")), spacing.get(qn("w:lineRule"))) == ("560", "exact")  # 28 pt
    title = style(d, "Title").find(qn("w:pPr"))
    assert title.find(qn("w:pBdr")) is None and title.find(qn("w:jc")).get(qn("w:val")) == "center"


def test_page_numbers_on_the_outer_side(cli, mini, tmp_path):
    d = docx.Document(str(render(cli, mini, tmp_path, "plan")))
    section = d.sections[0]
    assert d.settings.odd_and_even_pages_header_footer is True
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        (p,) = footer._element.findall(qn("w:p"))
        assert p.find(f"{qn('w:pPr')}/{qn('w:jc')}").get(qn("w:val")) == side
        assert p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}").get(qn("w:val")) == "TPPageNumber"
        assert p.find(qn("w:fldSimple")).get(qn("w:instr")).strip() == "PAGE"
        assert "".join(t.text for t in p.iter(qn("w:t"))) == "— 1 —"
    assert (round(section.top_margin.mm), round(section.bottom_margin.mm), round(section.left_margin.mm),
            round(section.right_margin.mm)) == (37, 35, 28, 26)


def test_bulletin_letterhead_scoreboard_and_overdue_table(cli, progress_repo_plan, tmp_path):
    d = docx.Document(str(render(cli, progress_repo_plan, tmp_path, "bulletin", "--issue", "7")))
    texts = [p.text for p in d.paragraphs if p.text]
    assert texts[:4] == ["督查通报", "第7期", "海城市人民政府督查室\t2021年1月15日", "关于任务推进情况的通报"]
    assert texts[4].startswith("截至2021年1月15日,《海城市贯彻落实2020年国务院《政府工作报告》任务分解和责任分工方案》146项任务中,已完成2项,")
    assert "抄送:市委办公室,市人大常委会办公室,市政协办公室。" in texts
    assert texts[-1] == "海城市人民政府督查室\t2021年1月15日印发"
    board, overdue, lights = d.tables
    header = [c.text for c in board.rows[0].cells]
    assert header == ["单位", "牵头任务", "已完成", "推进中", "逾期", "按期完成率", "排名"]
    first = [c.text for c in board.rows[1].cells]
    assert first[0] == "发改局" and first[-1] == "1"
    assert [c.text for c in overdue.rows[0].cells] == ["牵头单位", "任务", "原定时限", "延期至", "逾期天数", "最近进展"]
    rows = [[c.text for c in r.cells] for r in overdue.rows[1:]]
    task20 = next(r for r in rows if r[1].startswith("20."))
    assert task20[2:5] == ["2020-06-30", "2020-12-31", "15"]  # original deadline → extended, 15 days late on 1-15
    # widths follow content: the task column is the widest, counts and dates narrow, nothing under 6 characters
    widths = grid(overdue)
    assert widths[1] == max(widths) and widths[4] < widths[1] / 2
    # the width goes where it saves lines (tablefit.balance_columns): the task gets what the unit column does not need;
    # the merged unit cell is as wide as its widest line (财政局 over (4项)); a date keeps its one line
    char = 9.0 * 20
    assert (widths[1] - 2 * 85) / char >= 15, widths  # 13.6 with the unit and its count on one line
    assert rows[0][0] == "财政局\n(4项)" and (widths[0] - 2 * 85) / char < 6
    assert all((widths[i] - 2 * 85) / char >= chars("2020-12-31") for i in (2, 3))
    for table in d.tables:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        margins = table._tbl.tblPr.find(qn("w:tblCellMar"))
        assert [margins.find(qn(f"w:{side}")).get(qn("w:w")) for side in ("top", "bottom")] == ["30", "30"]  # 1.5 pt: not cramped
        font_pt = 9.0
        for i, w in enumerate(grid(table)):
            natural = max(chars(c.text) for c in table.columns[i].cells)
            assert w / (font_pt * 20) >= min(6, natural), (table.rows[0].cells[i].text, w)
        short = [r for r in table.rows if len("".join(c.text for c in r.cells)) < 200]
        assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in short)  # short rows never split


def test_bulletin_for_one_unit_recomputes_every_figure(cli, progress_repo_plan, tmp_path):
    d = docx.Document(str(render(cli, progress_repo_plan, tmp_path, "bulletin", "--unit", "财政局")))
    board, overdue, lights = d.tables
    assert [[c.text for c in r.cells][0] for r in board.rows[1:]] == ["财政局"]
    assert {r.cells[0].text for r in overdue.rows[1:]} == {"财政局\n(4项)"}
    assert [r.cells[0].text for r in lights.rows[1:]] == ["财政局"]
    summary = next(p.text for p in d.paragraphs if p.text.startswith("截至"))
    assert "涉及海城市财政局的43项任务中" in summary and "逾期7项,其中财政局牵头的4项。" in summary


def test_duty_list_is_a_table(cli, progress_repo_plan, tmp_path):
    d = docx.Document(str(render(cli, progress_repo_plan, tmp_path, "units", "--unit", "财政局")))
    (table,) = d.tables
    assert [c.text for c in table.rows[0].cells] == DUTY_HEADER
    row = next([c.text for c in r.cells] for r in table.rows if r.cells[0].text == "20")
    assert row[2] == "牵头" and row[4] == "2020-12-31\n(原定2020-06-30)" and row[5] == "未填报"
    assert "财政局:按照国家、省减轻企业负担工作领导小组的清欠工作要求" in row[3]
    assert d.sections[0].page_width > d.sections[0].page_height


def test_matrix_is_landscape_and_numbers_never_wrap(cli, tmp_path):
    root = Path(__file__).resolve().parents[2]
    d = docx.Document(str(render(cli, root, tmp_path, "matrix")))
    section = d.sections[0]
    assert section.orientation == 1 and section.page_width > section.page_height  # WD_ORIENT.LANDSCAPE
    (table,) = d.tables  # the repo plan's 16 sections fit on one table at ≥ 9 pt
    widths = grid(table)
    size = int(table._tbl.find(f".//{qn('w:sz')}").get(qn("w:val"))) / 2 if table._tbl.find(f".//{qn('w:sz')}") is not None else 10.5
    assert size >= 9
    for row in table.rows[1:]:
        for i, cell in enumerate(row.cells[2:], start=2):
            assert cell._tc.tcPr.find(qn("w:noWrap")) is not None
            assert widths[i] - 2 * 85 >= chars(cell.text) * size * 20


def test_matrix_splits_by_sections_when_they_do_not_fit():
    w = Writer(landscape=True)
    sections = 40
    header = ["单位", "角色", *[f"十{i}" for i in range(sections)], "合计"]
    rows = [["财政局", "牵头", *[10 + i for i in range(sections)], 999]]
    groups = _section_groups(w, header, rows, sections)
    assert len(groups) > 1 and groups[0][0] == 0 and groups[-1][1] == sections
    assert all(a[1] == b[0] for a, b in zip(groups, groups[1:]))  # every section once, in order
    for first, last, pt in groups:
        assert pt >= 9
        pick = [0, 1, *range(2 + first, 2 + last)]
        assert not fit_columns([header[i] for i in pick], [[r[i] for i in pick] for r in rows], w.text_width, pt, 85).squeezed


def test_text_is_escaped_and_control_characters_dropped(cli, mini, tmp_path):
    p = mini / "tasks" / "002.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace("稳健的货币政策要更加灵活适度。", "A&B <x> ]]> “引号”（全角）(half)"), encoding="utf-8")
    d = docx.Document(str(render(cli, mini, tmp_path, "units")))
    cells = [c.text for t in d.tables for r in t.rows for c in r.cells]
    assert "A&B <x> ]]> “引号”（全角）(half)" in cells


ODD_TEXT = {  # half- and full-width punctuation, markup characters, a CR, a tab and a line feed
    "title: 今年赤字率拟按3.6%以上安排。": 'title: "今年赤字率\\r拟按\\t3.6%以上: A&B <x> ]]> \\"q\\" \'s\' &amp;（全角：；）\\n第二行"',
    "稳健的货币政策要更加灵活适度。": "A&B <x> ]]> “引号”（全角）(half),;:号",
}


@pytest.mark.parametrize("kind", ["plan", "units", "matrix", "bulletin", "stats"])
def test_body_is_written_as_lxml_would_write_it(cli, mini, tmp_path, kind):
    """The body is streamed into word/document.xml without being parsed: it must be well-formed and
    canonical (what parsing and writing it again gives, byte for byte), markup and odd characters included."""
    import zipfile

    from lxml import etree

    for path in (mini / "tasks").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        for plain, odd in ODD_TEXT.items():
            text = text.replace(plain, odd)
        path.write_text(text, encoding="utf-8")
    out = render(cli, mini, tmp_path, kind)
    with zipfile.ZipFile(out) as z:
        raw = z.read("word/document.xml")
    root = etree.fromstring(raw)  # strict: no recovery
    assert etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True) == raw
    assert "taskplan-body" not in raw.decode("utf-8")  # the marker is gone
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    if kind == "plan":
        assert "1.今年赤字率\n拟按\t3.6%以上: A&B <x> ]]> \"q\" 's' &amp;（全角：；）\n第二行" in text  # the CR reads as a line feed
        assert "A&B <x> ]]> “引号”（全角）(half),;:号" in text


@pytest.mark.parametrize("kind", ["plan", "units", "matrix", "bulletin", "stats", "reminders"])
def test_xml_illegal_characters_in_titles_are_dropped_from_every_docx(cli, mini, tmp_path, kind):
    """\\x01 and \\x0b cannot be in XML at all: the plan's title (also the document's core property) and a task's title."""
    import zipfile

    from lxml import etree

    plan = mini / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "title: 示例市贯彻落实2020年《政府工作报告》任务分解和责任分工方案",
        'title: "示例市贯彻落实\\x012020年《政府工作报告》任务分解和\\x0b责任分工方案"'), encoding="utf-8")
    task = mini / "tasks" / "001.yaml"
    task.write_text(task.read_text(encoding="utf-8").replace("title: 今年赤字率拟按3.6%以上安排。", 'title: "今年赤\\x01字率拟按3.6%以上\\x0b安排。"'), encoding="utf-8")
    out = tmp_path / f"{kind}.docx"
    r = cli("-C", str(mini), "report", kind, "-f", "docx", "-o", str(out), "--as-of", "2020-12-31")
    assert (r.code, r.out, r.err) == (0, "", f"wrote {out}\n")
    with zipfile.ZipFile(out) as z:  # every part is well-formed XML (a strict parser, no recovery)
        for name in z.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(z.read(name))
    d = docx.Document(str(out))
    text = "\n".join([p.text for p in d.paragraphs] + [c.text for t in d.tables for row in t.rows for c in row.cells])
    assert "\x01" not in text and "\x0b" not in text
    assert d.core_properties.subject == "示例市贯彻落实2020年《政府工作报告》任务分解和责任分工方案"
    if kind in ("plan", "units"):
        assert "今年赤字率拟按3.6%以上安排。" in text


def test_report_settings_errors_name_the_file(cli, mini):
    (mini / ".taskplan.toml").write_text('[report]\noffise = "x"\n', encoding="utf-8")
    r = cli("-C", str(mini), "report", "bulletin", "-f", "docx", "-o", str(mini / "b.docx"))
    assert (r.code, r.err) == (2, 'taskplan: error: .taskplan.toml: unknown report setting "offise" '
                                  "(known: office, name, signature, cc, printed-by, reply-days, template-max-output, template-timeout)\n")


# ---------------------------------------------------------------- pages, through LibreOffice


def soffice() -> str:
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if path:
        return path
    if os.environ.get("CI"):
        pytest.fail("LibreOffice is not installed but CI is set: .ci/run must install it")
    pytest.skip("LibreOffice is not installed (apt-get install libreoffice-writer); CI installs it and runs this test")


def pdf_pages(path: Path, tmp_path: Path) -> int:
    profile = tmp_path / "lo-profile"
    subprocess.run([soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(path)], check=True, capture_output=True, timeout=240)
    info = subprocess.run(["pdfinfo", str(path.with_suffix(".pdf"))], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def test_bulletin_fits_in_four_pages_and_prints_each_date_whole(cli, progress_repo_plan, tmp_path):
    import re

    path = render(cli, progress_repo_plan, tmp_path, "bulletin", "--issue", "3")
    assert pdf_pages(path, tmp_path) <= 4
    text = subprocess.run(["pdftotext", "-bbox", str(path.with_suffix(".pdf")), "-"], check=True, capture_output=True, text=True).stdout
    printed = re.findall(r"<word [^>]*>(\d{4}-\d{2}-\d{2})</word>", text)
    cells = [c.text for t in docx.Document(str(path)).tables for r in t.rows for c in r.cells]
    dates = [d for c in cells for d in re.findall(r"^\d{4}-\d{2}-\d{2}", c)]  # date cells, notes that start with a date
    assert len(printed) == len(dates) > 17  # none wrapped into two words


def test_printed_matrix_never_wraps_a_number(cli, tmp_path):
    """Every number of the matrix prints as one word: a wrapped "26" would print as "2" and "6"."""
    import csv
    import io
    import re
    from collections import Counter

    root = Path(__file__).resolve().parents[2]
    path = render(cli, root, tmp_path, "matrix")
    pdf_pages(path, tmp_path)
    boxes = subprocess.run(["pdftotext", "-bbox", str(path.with_suffix(".pdf")), "-"], check=True, capture_output=True, text=True).stdout
    printed = Counter(re.findall(r'<word [^>]*>(\d+)</word>', boxes))
    table = list(csv.reader(io.StringIO(cli("-C", str(root), "report", "matrix", "-f", "csv").out)))
    cells = Counter(v for row in table[1:] for v in row[2:] if len(v) > 1)
    assert len(cells) > 10 and max(int(v) for v in cells) >= 100  # two- and three-digit totals
    short = {v: (n, printed[v]) for v, n in cells.items() if printed[v] < n}
    assert short == {}, short


# ---------------------------------------------------------------- the body, element by element (issue 13: mutation testing)


def body_of(w: Writer) -> str:
    """The WordprocessingML between <w:body> and the section properties, as the package holds it."""
    import io
    import zipfile

    raw = zipfile.ZipFile(io.BytesIO(w.bytes())).read("word/document.xml").decode("utf-8")
    return raw[raw.index("<w:body>") + len("<w:body>"):raw.index("<w:sectPr")]


T = '<w:t xml:space="preserve">{}</w:t>'


def test_a_labelled_paragraph_is_a_bold_label_run_and_a_text_run():
    w = Writer()
    w.para("财政局、税务局", label="牵头单位:")
    w.para("市场监管局（牵头）", label="责任单位：")
    assert body_of(w) == (
        '<w:p><w:r><w:rPr><w:rStyle w:val="TPLabel"/></w:rPr>' + T.format("牵头单位:") + "</w:r>"
        "<w:r>" + T.format("财政局、税务局") + "</w:r></w:p>"
        '<w:p><w:r><w:rPr><w:rStyle w:val="TPLabel"/></w:rPr>' + T.format("责任单位：") + "</w:r>"
        "<w:r>" + T.format("市场监管局（牵头）") + "</w:r></w:p>")


def test_xml_hostile_text_is_escaped_and_line_feeds_are_breaks():
    """& < > escaped (quotes need not be in text), controls XML cannot hold dropped, a tab kept, each line
    feed a w:br, an empty line an empty w:t, a CR a line feed inside the text (as an XML reader reads it)."""
    w = Writer()
    w.para('A&B <x> "q" \'s\' ]]>（全角：；）(half,;:)\x01\x0b\x1f\ufffe\t尾\n\n第三行\r续')
    assert body_of(w) == (
        "<w:p><w:r>" + T.format('A&amp;B &lt;x&gt; "q" \'s\' ]]&gt;（全角：；）(half,;:)\t尾') + "<w:br/>"
        '<w:t xml:space="preserve"/><w:br/>' + T.format("第三行\n续") + "</w:r></w:p>")


def test_paragraph_options_become_paragraph_properties():
    w = Writer()
    w.para("甲", indent=False)
    w.para("乙", align="right")
    w.para("丙", indent=False, align="center")
    w.para("")
    w.blank()
    assert body_of(w) == (
        '<w:p><w:pPr><w:pStyle w:val="TPFlush"/></w:pPr><w:r>' + T.format("甲") + "</w:r></w:p>"
        '<w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:r>' + T.format("乙") + "</w:r></w:p>"
        '<w:p><w:pPr><w:pStyle w:val="TPFlush"/><w:jc w:val="center"/></w:pPr><w:r>' + T.format("丙") + "</w:r></w:p>"
        '<w:p><w:r><w:t xml:space="preserve"/></w:r></w:p>'
        '<w:p><w:pPr><w:pStyle w:val="TPFlush"/></w:pPr></w:p>')


def test_titles_headings_page_breaks_and_rules():
    w = Writer()
    w.title("关于任务推进情况的通报")
    w.heading("一、各单位推进情况")
    w.heading("（一）财政局", 2)
    w.heading("1.逾期", 3)
    w.page_break()
    w.rule()
    w.rule("000000", 4)
    bottom = '<w:pBdr><w:bottom w:val="single" w:sz="{}" w:space="1" w:color="{}"/></w:pBdr>'
    spacing = '<w:spacing w:before="0" w:after="0" w:line="120" w:lineRule="exact"/>'
    assert body_of(w) == (
        '<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r>' + T.format("关于任务推进情况的通报") + "</w:r></w:p>"
        '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r>' + T.format("一、各单位推进情况") + "</w:r></w:p>"
        '<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r>' + T.format("（一）财政局") + "</w:r></w:p>"
        '<w:p><w:pPr><w:pStyle w:val="Heading3"/></w:pPr><w:r>' + T.format("1.逾期") + "</w:r></w:p>"
        '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
        '<w:p><w:pPr><w:pStyle w:val="TPFlush"/>' + bottom.format(12, "FF0000") + spacing + "</w:pPr></w:p>"
        '<w:p><w:pPr><w:pStyle w:val="TPFlush"/>' + bottom.format(4, "000000") + spacing + "</w:pPr></w:p>")


def test_a_table_with_given_widths_merged_units_numbers_and_row_splitting():
    """A given fit is used as it is; the header row repeats and never splits; a number (not a bool) and a
    numeric column never wrap and are centred; equal first cells merge down (the later ones empty); a
    row taller than SHORT_ROW_LINES may split; 9 pt runs carry their size, 五号 ones the style's."""
    from taskplan.reports.tablefit import Fit

    fit = Fit(chars=[4.0, 2.0, 4.0], twips=[900, 600, 1000], numeric=[False, False, True], natural=[4.0, 2.0, 4.0],
              squeezed=False)
    w = Writer()
    tall = "\n".join("行" for _ in range(13))  # 13 lines in a 2-character column
    got = w.table(["单位", "任务", "天数"], [["财政局", "甲（一）", 3], ["财政局", True, None], ["税务局", tall, 12]],
                  font_pt=9.0, fit=fit, merge_first=True, pad=30)
    assert got is fit
    body = body_of(w)
    size = '<w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>'

    def cell(width: int, style: str, text: str, extra: str = "") -> str:
        run = f"<w:r>{size}" + "<w:br/>".join(T.format(t) if t else '<w:t xml:space="preserve"/>' for t in text.split("\n")) + "</w:r>"
        return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{extra}<w:vAlign w:val="center"/></w:tcPr>'
                f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{run}</w:p></w:tc>')

    rows = body[body.index("</w:tblGrid>") + len("</w:tblGrid>"):body.index("</w:tbl>")]
    assert rows == (
        "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
        + cell(900, "TPTableHead", "单位") + cell(600, "TPTableHead", "任务") + cell(1000, "TPTableHead", "天数") + "</w:tr>"
        "<w:tr><w:trPr><w:cantSplit/></w:trPr>" + cell(900, "TPTableText", "财政局", '<w:vMerge w:val="restart"/>')
        + cell(600, "TPTableText", "甲（一）") + cell(1000, "TPTableNumber", "3", "<w:noWrap/>") + "</w:tr>"
        "<w:tr><w:trPr><w:cantSplit/></w:trPr>" + cell(900, "TPTableText", "", "<w:vMerge/>")
        + cell(600, "TPTableText", "True") + cell(1000, "TPTableNumber", "", "<w:noWrap/>") + "</w:tr>"
        "<w:tr><w:trPr/>" + cell(900, "TPTableText", "税务局", '<w:vMerge w:val="restart"/>')
        + cell(600, "TPTableText", tall) + cell(1000, "TPTableNumber", "12", "<w:noWrap/>") + "</w:tr>")
    assert body.startswith('<w:tbl><w:tblPr><w:tblW w:w="2500" w:type="dxa"/><w:jc w:val="center"/>')
    assert '<w:tblGrid><w:gridCol w:w="900"/><w:gridCol w:w="600"/><w:gridCol w:w="1000"/></w:tblGrid>' in body
    single = '<w:{} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'  # ½ pt black rules all round and inside
    assert ("<w:tblBorders>" + "".join(single.format(side) for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
            + '</w:tblBorders><w:tblLayout w:type="fixed"/>') in body
    assert ('<w:tblCellMar><w:top w:w="30" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
            '<w:bottom w:w="30" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>') in body
    # Word needs a paragraph after a table
    assert body.endswith('</w:tbl><w:p><w:pPr><w:pStyle w:val="TPFlush"/>'
                         '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:p>')


def test_a_table_at_the_style_s_size_and_a_number_in_a_text_column():
    """五号 (10.5 pt) is the table styles' own size: runs carry none; no merging unless asked; no padding."""
    from taskplan.reports.tablefit import Fit

    fit = Fit(chars=[3.0, 3.0], twips=[700, 700], numeric=[False, False], natural=[3.0, 3.0], squeezed=False)
    w = Writer()
    w.table(["项目", "数"], [["财政局", 2.5], ["财政局", "—"]], fit=fit)
    body = body_of(w)
    assert "<w:sz " not in body and "vMerge" not in body
    assert '<w:top w:w="0" w:type="dxa"/>' in body and '<w:bottom w:w="0" w:type="dxa"/>' in body
    assert body.count('<w:pStyle w:val="TPTableText"/></w:pPr><w:r><w:t xml:space="preserve">财政局</w:t>') == 2
    assert ('<w:noWrap/><w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="TPTableNumber"/></w:pPr>'
            '<w:r><w:t xml:space="preserve">2.5</w:t>') in body
    assert ('<w:tcW w:w="700" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="TPTableText"/>'
            '</w:pPr><w:r><w:t xml:space="preserve">—</w:t>') in body


def test_a_long_body_is_streamed_whole_and_in_order():
    """The body goes to a temporary file every CHUNK parts: more than two chunks arrive whole, in order, once."""
    from taskplan.reports.docx import CHUNK

    n = 2 * CHUNK + 3
    w = Writer()
    for i in range(n):
        w.para(f"第{i}项（全角）,(half)")
    assert body_of(w) == "".join(f"<w:p><w:r>{T.format(f'第{i}项（全角）,(half)')}</w:r></w:p>" for i in range(n))


def test_portrait_and_landscape_pages_and_their_text_width():
    """A4 with GB/T 9704's margins 37/35/28/26 mm (top/bottom/left/right), turned for landscape: the text
    is 210-28-26 = 156 mm wide upright, 297-37-35 = 225 mm on its side (56.69 twips a millimetre)."""
    import io
    import re
    import zipfile

    upright, turned = Writer(), Writer(landscape=True)
    assert (upright.text_width, turned.text_width) == (8844, 12756)
    for w, size, margins in ((upright, ('11906', '16838'), ("2098", "1474", "1984", "1587")),
                             (turned, ('16838', '11906'), ("1587", "1984", "1474", "2098"))):
        w.para("甲")
        raw = zipfile.ZipFile(io.BytesIO(w.bytes())).read("word/document.xml").decode("utf-8")
        assert re.search(r'<w:pgSz w:w="(\d+)" w:h="(\d+)"', raw).groups() == size
        assert ('w:orient="landscape"' in raw) is (w is turned)
        assert re.search(r'<w:pgMar w:top="(\d+)" w:right="(\d+)" w:bottom="(\d+)" w:left="(\d+)"', raw).groups() == margins
        assert 'w:footer="1134"' in raw  # the page number 20 mm above the paper's edge


def test_rows_up_to_twelve_lines_never_split_across_pages():
    from taskplan.reports.docx import SHORT_ROW_LINES
    from taskplan.reports.tablefit import Fit

    assert SHORT_ROW_LINES == 12
    fit = Fit(chars=[2.0], twips=[600], numeric=[False], natural=[2.0], squeezed=False)
    w = Writer()
    twelve, thirteen = "\n".join(["甲"] * 12), "\n".join(["乙"] * 13)  # one 2-column character a line
    w.table(["项"], [[twelve], [thirteen], ["丙（一）,(二)"]], fit=fit)
    rows = body_of(w).split("<w:tr>")[2:]
    assert [r[:len("<w:trPr><w:cantSplit/></w:trPr>")] == "<w:trPr><w:cantSplit/></w:trPr>" for r in rows] == [True, False, True]


def outline(body: str) -> list:
    """The body as (paragraph style, alignment, text) and [[cell texts]] of each table; a page break is "<page>",
    a rule "<rule>"; a line break in a text is a line feed."""
    from lxml import etree

    root = etree.fromstring(f'<w:body xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">{body}</w:body>')

    def text(el) -> str:
        return "".join("\n" if node.tag == qn("w:br") else (node.text or "") for node in el.iter(qn("w:t"), qn("w:br"))
                       if node.get(qn("w:type")) != "page")

    out: list = []
    for el in root:
        if el.tag == qn("w:tbl"):
            out.append([[text(tc) for tc in tr.iter(qn("w:tc"))] for tr in el.iter(qn("w:tr"))])
        elif el.find(f".//{qn('w:br')}[@{qn('w:type')}='page']") is not None:
            out.append("<page>")
        elif el.find(f".//{qn('w:pBdr')}") is not None:
            out.append("<rule>")
        else:
            style = el.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            jc = el.find(f"{qn('w:pPr')}/{qn('w:jc')}")
            out.append((None if style is None else style.get(qn("w:val")), None if jc is None else jc.get(qn("w:val")), text(el)))
    return out


REMINDER_CTX = {
    "letterhead": {"office": "市政府督查室"},
    "report": {"as_of_cn": "2021年1月15日"},
    "warn_days": 7,
    "reply_by_cn": "2021年1月25日",
    "header": ["编号", "任务"],
    "notices": [
        {"full_name": "海城市教育局", "overdue": 2, "due_soon": 1,
         "entries": [{"row": [115, "全角：标点（一）"]}, {"row": [25, "半角:标点(二)"]}]},
        {"full_name": "海城市财政局", "overdue": 0, "due_soon": 3, "entries": [{"row": [1, "任务丙"]}]},
    ],
}
RECEIPT = [["项目", "填写内容"], ["办理单位", "{unit}"], ["联系人及电话", "\n"], ["办理情况", "\n" * 6],
           ["预计完成时间", "\n"], ["单位负责人(签字)", "\n"]]
AFTER_TABLE = ("TPFlush", None, "")


def test_reminders_one_notice_per_unit_with_its_tasks_and_a_receipt():
    from taskplan.reports.docx import reminders_doc

    w = Writer()
    reminders_doc(w, REMINDER_CTX)
    body = body_of(w)
    receipt = [[label, value.format(unit="{unit}")] for label, value in RECEIPT]

    def form(unit):
        return [[label, unit if value == "{unit}" else value] for label, value in receipt]

    assert outline(body) == [
        ("Title", None, "催办单"),
        ("TPFlush", None, "海城市教育局:"),
        (None, None, "截至2021年1月15日,你单位牵头的任务中逾期2项、7天内到期1项(见下表)。"
                     "请抓紧推进,并于2021年1月25日前将办理情况报送市政府督查室。"),
        [["编号", "任务"], ["115", "全角：标点（一）"], ["25", "半角:标点(二)"]], AFTER_TABLE,
        ("TPFlush", "right", "市政府督查室"),
        ("TPFlush", "right", "2021年1月15日"),
        "<rule>",
        ("Heading2", None, "回执"),
        form("海城市教育局"), AFTER_TABLE,
        "<page>",
        ("Title", None, "催办单"),
        ("TPFlush", None, "海城市财政局:"),
        (None, None, "截至2021年1月15日,你单位牵头的任务中7天内到期3项(见下表)。"
                     "请抓紧推进,并于2021年1月25日前将办理情况报送市政府督查室。"),
        [["编号", "任务"], ["1", "任务丙"]], AFTER_TABLE,
        ("TPFlush", "right", "市政府督查室"),
        ("TPFlush", "right", "2021年1月15日"),
        "<rule>",
        ("Heading2", None, "回执"),
        form("海城市财政局"), AFTER_TABLE,
    ]
    # the task tables at 小五 (9 pt: every cell's run says so), the receipts at the style's 五号
    assert body.count('<w:r><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>') == 10 and '<w:sz w:val="21"/>' not in body


def test_reminders_without_an_office_name_the_supervision_office_and_sign_with_the_date_only():
    from taskplan.reports.docx import reminders_doc

    ctx = {**REMINDER_CTX, "letterhead": {"office": ""}, "notices": [{**REMINDER_CTX["notices"][0], "due_soon": 0}]}
    w = Writer()
    reminders_doc(w, ctx)
    body = outline(body_of(w))
    assert body[2] == (None, None, "截至2021年1月15日,你单位牵头的任务中逾期2项(见下表)。请抓紧推进,并于2021年1月25日前将办理情况报送督查室。")
    assert body[5:7] == [("TPFlush", "right", "2021年1月15日"), "<rule>"]


def test_reminders_with_nothing_due_say_so():
    from taskplan.reports.docx import reminders_doc

    w = Writer()
    reminders_doc(w, {**REMINDER_CTX, "notices": []})
    assert outline(body_of(w)) == [("Title", None, "催办单"), (None, None, "截至2021年1月15日,没有逾期或7天内到期的任务。")]

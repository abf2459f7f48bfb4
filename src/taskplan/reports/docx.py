"""Word documents in the 党政机关公文格式 (GB/T 9704-2012), for every report kind.

The package (content types, settings, font table, styles) comes from
python-docx's default document; the **styles are defined once** (title,
一级/二级/三级标题, body, table text, page number, letterhead) with explicit
East-Asian and Latin fonts and every theme-font attribute removed, and the
**body is written as WordprocessingML text** and streamed into the package
without being parsed (``Writer.bytes``).  python-docx's
per-paragraph object layer (a Paragraph, a Run and a style lookup per call)
made a 10,000-task plan several times slower than its HTML report; the
escaping it did is done here by ``_esc`` on every text node.

Layout (GB/T 9704): A4, margins 37/35/28/26 mm; body 仿宋_GB2312 三号 (16 pt),
两端对齐, fixed 28 pt lines; title 方正小标宋简体 二号 centred; 一级标题 黑体,
二级 楷体_GB2312, 三级 仿宋 bold, all 三号; page numbers "— 1 —" in 宋体 四号
at the bottom, right on odd pages and left on even ones.  Tables: widths in
proportion to their content (``tables.column_widths``), a header row that
repeats on each page, rows that are not split across pages, numbers that
never wrap.  The matrix is landscape and is cut into several tables by
sections when its columns do not fit at 9 pt.
"""
from __future__ import annotations

import io
import re
import shutil
import tempfile
from typing import Any

from taskplan.model.records import measure_text
from taskplan.reports.formats import RenderSettings
from taskplan.reports.tablefit import Fit, fit_columns, natural_fits

TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
BODY_FONT = "仿宋_GB2312"
PAGE_NUMBER_FONT = "宋体"
LATIN_FONT = "Times New Roman"
FALLBACKS = {TITLE_FONT: "宋体", HEADING_FONT: "SimHei", HEADING2_FONT: "楷体", BODY_FONT: "仿宋"}

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MM = 56.6929  # twips per millimetre
PORTRAIT = {"width": 11906, "height": 16838, "top": 37, "bottom": 35, "left": 28, "right": 26}
LANDSCAPE = {"width": 16838, "height": 11906, "top": 28, "bottom": 26, "left": 37, "right": 35}
TABLE_PT = 10.5  # 五号: table text
MIN_TABLE_PT = 9.0
BULLETIN_PT = 9.0  # 小五: the 通报's tables, so its figures fit on a few pages
SHORT_ROW_LINES = 12  # rows up to this many lines are never split across pages
CELL_MARGIN = 85  # twips each side (1.5 mm)
CELL_PAD = 30  # twips above and below a cell's text (1.5 pt) in the 通报's tables: 小五 text does not touch the rules

BODY_MARK = "taskplan-body"  # a comment in the saved skeleton where the body text goes
CHUNK = 2000  # body parts per write to the temporary file

_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: Any) -> str:
    """``text`` without the characters XML 1.0 cannot hold (controls, lone surrogates): for every text the document gets."""
    return _BAD_XML.sub("", "" if text is None else str(text))


def _esc(line: str) -> str:
    """One line of text for a w:t element: XML-escaped; a CR is a line feed, as an XML reader reads it."""
    return line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "\n")


def _t(line: str) -> str:
    """A w:t element, written as lxml writes it (the body is not parsed: the text must be canonical itself)."""
    return f'<w:t xml:space="preserve">{_esc(line)}</w:t>' if line else '<w:t xml:space="preserve"/>'


def _run(text: Any, style: str | None = None) -> str:
    """A run of ``text``: characters XML cannot hold removed, each line feed a w:br."""
    rpr = f'<w:rPr><w:rStyle w:val="{style}"/></w:rPr>' if style else ""
    body = "<w:br/>".join(_t(line) for line in xml_text(text).split("\n"))
    return f"<w:r>{rpr}{body}</w:r>"


def _fonts(east_asia: str, latin: str = LATIN_FONT) -> str:
    return f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east_asia}" w:cs="{latin}"/>'


def _rpr(east_asia: str, half_points: int, *, bold: bool = False, latin: str = LATIN_FONT, color: str | None = None) -> str:
    b = "<w:b/><w:bCs/>" if bold else "<w:b w:val=\"0\"/><w:bCs w:val=\"0\"/>"
    c = f'<w:color w:val="{color}"/>' if color else ""
    return f"<w:rPr>{_fonts(east_asia, latin)}{b}{c}<w:kern w:val=\"0\"/><w:sz w:val=\"{half_points}\"/><w:szCs w:val=\"{half_points}\"/></w:rPr>"


def _line(exact_pt: float | None) -> str:
    if exact_pt is None:
        return '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
    return f'<w:spacing w:before="0" w:after="0" w:line="{round(exact_pt * 20)}" w:lineRule="exact"/>'


# style id -> (name, type, pPr inner xml, rPr xml); body paragraphs refer to them by id only
STYLES: dict[str, tuple[str, str, str, str]] = {
    "Normal": ("Normal", "paragraph", f'{_line(28)}<w:ind w:firstLineChars="200" w:firstLine="640"/><w:jc w:val="both"/>',
               _rpr(BODY_FONT, 32)),
    "Title": ("Title", "paragraph", f'<w:keepNext/>{_line(36)}<w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/>'
              '<w:outlineLvl w:val="0"/>', _rpr(TITLE_FONT, 44)),
    "Heading1": ("heading 1", "paragraph", f'<w:keepNext/>{_line(28)}<w:outlineLvl w:val="0"/>', _rpr(HEADING_FONT, 32)),
    "Heading2": ("heading 2", "paragraph", f'<w:keepNext/>{_line(28)}<w:outlineLvl w:val="1"/>', _rpr(HEADING2_FONT, 32)),
    "Heading3": ("heading 3", "paragraph", f'<w:keepNext/>{_line(28)}<w:outlineLvl w:val="2"/>', _rpr(BODY_FONT, 32, bold=True)),
    "TPTableText": ("表格文字", "paragraph", f'{_line(None)}<w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="left"/>',
                    _rpr(BODY_FONT, 21)),
    "TPTableNumber": ("表格数字", "paragraph", f'{_line(None)}<w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/>',
                      _rpr(BODY_FONT, 21)),
    "TPTableHead": ("表头", "paragraph", f'<w:keepNext/>{_line(None)}<w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/>',
                    _rpr(HEADING_FONT, 21)),
    "TPPageNumber": ("页码", "paragraph", f'{_line(None)}<w:ind w:firstLineChars="0" w:firstLine="0"/>',
                     _rpr(PAGE_NUMBER_FONT, 28, latin=PAGE_NUMBER_FONT)),
    "TPMasthead": ("版头", "paragraph", f'<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
                   '<w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/>', _rpr(TITLE_FONT, 72, color="FF0000")),
    "TPFlush": ("无缩进", "paragraph", '<w:ind w:firstLineChars="0" w:firstLine="0"/>', ""),
    "TPLabel": ("标注", "character", "", "<w:rPr><w:b/><w:bCs/></w:rPr>"),
}


def _install_styles(document: Any) -> None:
    """Define every style the writer uses, once; strip theme fonts so the official fonts win."""
    from lxml import etree

    from docx.oxml.ns import qn

    root = document.styles.element
    for rfonts in root.iter(qn("w:rFonts")):  # docDefaults and the built-in styles name theme fonts
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            rfonts.attrib.pop(qn(attr), None)
    defaults = root.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if rpr is not None:
            old = rpr.find(qn("w:rFonts"))
            if old is not None:
                rpr.remove(old)
            rpr.insert(0, etree.fromstring(f'<w:rFonts xmlns:w="{W_NS}" w:ascii="{LATIN_FONT}" w:hAnsi="{LATIN_FONT}" '
                                           f'w:eastAsia="{BODY_FONT}" w:cs="{LATIN_FONT}"/>'))
    by_id = {s.get(qn("w:styleId")): s for s in root.findall(qn("w:style"))}
    for style_id, (name, kind, ppr, rpr) in STYLES.items():
        old = by_id.get(style_id)
        if old is not None:
            root.remove(old)
        based = '<w:basedOn w:val="Normal"/>' if style_id != "Normal" and kind == "paragraph" else ""
        default = ' w:default="1"' if style_id == "Normal" else ""
        xml = (f'<w:style xmlns:w="{W_NS}" w:type="{kind}"{default} w:styleId="{style_id}"><w:name w:val="{name}"/>{based}'
               f'<w:qFormat/>{f"<w:pPr>{ppr}</w:pPr>" if ppr else ""}{rpr}</w:style>')
        root.append(etree.fromstring(xml))


def _font_table_fallbacks(document: Any) -> None:
    """Declare the official fonts in word/fontTable.xml with an altName Word uses when they are missing."""
    from lxml import etree

    from docx.oxml.ns import qn

    for part in document.part.package.iter_parts():
        if str(part.partname) != "/word/fontTable.xml":
            continue
        root = etree.fromstring(part.blob)
        for name, alt in FALLBACKS.items():
            font = etree.SubElement(root, qn("w:font"), {qn("w:name"): name})
            etree.SubElement(font, qn("w:altName"), {qn("w:val"): alt})
            etree.SubElement(font, qn("w:charset"), {qn("w:val"): "86"})  # GB2312
            etree.SubElement(font, qn("w:family"), {qn("w:val"): "modern" if name == BODY_FONT else "auto"})
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _page_number(align: str) -> str:
    """"— 1 —" with one character of space from the outer edge (GB/T 9704 7.5)."""
    ind = '<w:ind w:right="280"/>' if align == "right" else '<w:ind w:left="280"/>'
    return (f'<w:p xmlns:w="{W_NS}"><w:pPr><w:pStyle w:val="TPPageNumber"/>{ind}<w:jc w:val="{align}"/></w:pPr>'
            '<w:r><w:t xml:space="preserve">— </w:t></w:r><w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
            '<w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p>')


class Writer:
    """Collects the body as WordprocessingML text; ``bytes()`` writes it into the package as it is."""

    def __init__(self, landscape: bool = False) -> None:
        from docx import Document

        self.doc = Document()
        self.page = LANDSCAPE if landscape else PORTRAIT
        _install_styles(self.doc)
        _font_table_fallbacks(self.doc)
        self.parts: list[str] = []  # body text not yet in ``_body``
        self._body = tempfile.TemporaryFile()  # the body's UTF-8, flushed every CHUNK parts: never all in memory

    @property
    def text_width(self) -> int:
        """Width between the margins, in twips."""
        return int(self.page["width"] - (self.page["left"] + self.page["right"]) * MM)

    def _add(self, xml: str) -> None:
        self.parts.append(xml)
        if len(self.parts) >= CHUNK:
            self._flush()

    def _flush(self) -> None:
        self._body.write("".join(self.parts).encode("utf-8"))  # one encode and one write per chunk
        self.parts.clear()

    # -------------------------------------------------------- paragraphs

    def _p(self, runs: str, style: str | None = None, extra: str = "") -> None:
        ppr = f'<w:pStyle w:val="{style}"/>' if style else ""
        if ppr or extra:
            runs = f"<w:pPr>{ppr}{extra}</w:pPr>{runs}"
        self._add(f"<w:p>{runs}</w:p>" if runs else "<w:p/>")

    def title(self, text: str) -> None:
        self._p(_run(text), "Title")

    def heading(self, text: str, level: int = 1) -> None:
        self._p(_run(text), f"Heading{level}")

    def para(self, text: str, *, label: str | None = None, align: str | None = None, indent: bool = True) -> None:
        runs = (_run(label, "TPLabel") if label else "") + _run(text)
        extra = f'<w:jc w:val="{align}"/>' if align else ""
        self._p(runs, None if indent else "TPFlush", extra)

    def blank(self) -> None:
        self._p("", "TPFlush")

    def raw(self, xml: str) -> None:
        self._add(xml)

    def page_break(self) -> None:
        self._add('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')

    def rule(self, color: str = "FF0000", size: int = 12) -> None:
        """A horizontal line across the text width (a paragraph's bottom border), as the 版头 and 版记 use."""
        self._p("", "TPFlush", f'<w:pBdr><w:bottom w:val="single" w:sz="{size}" w:space="1" w:color="{color}"/></w:pBdr>'
                '<w:spacing w:before="0" w:after="0" w:line="120" w:lineRule="exact"/>')

    # -------------------------------------------------------- tables

    def table(self, header: list[Any], rows: list[list[Any]], *, font_pt: float = TABLE_PT, fit: Fit | None = None,
              merge_first: bool = False, pad: int = 0) -> Fit:
        """A table whose column widths save lines (``tablefit.fit_columns``, the one rule; ``fit`` to give the widths
        of a form laid out by a model header, as the 回执); returns the fit (widths in characters and twips).

        ``merge_first``: runs of equal values in the first column become one merged cell (a unit over its tasks).
        ``pad``: twips above and below each cell's text.
        """
        fit = fit or fit_columns(header, rows, self.text_width, font_pt, CELL_MARGIN)
        size = round(font_pt * 2)
        run_size = "" if size == 21 else f'<w:rPr><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
        borders = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                          for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
        out = [f'<w:tbl><w:tblPr><w:tblW w:w="{sum(fit.twips)}" w:type="dxa"/><w:jc w:val="center"/>'
               f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
               f'<w:tblCellMar><w:top w:w="{pad}" w:type="dxa"/><w:left w:w="{CELL_MARGIN}" w:type="dxa"/>'
               f'<w:bottom w:w="{pad}" w:type="dxa"/><w:right w:w="{CELL_MARGIN}" w:type="dxa"/></w:tblCellMar>'
               '</w:tblPr><w:tblGrid>']
        out.extend(f'<w:gridCol w:w="{w}"/>' for w in fit.twips)
        out.append("</w:tblGrid>")

        def cell(value: Any, width: int, style: str, numeric: bool, merge: str = "") -> str:
            nowrap = "<w:noWrap/>" if numeric else ""
            if merge == "continue":
                value = None
            nowrap += {"restart": '<w:vMerge w:val="restart"/>', "continue": "<w:vMerge/>"}.get(merge, "")
            text = "" if value is None else value
            runs = _run(text).replace("<w:r>", f"<w:r>{run_size}", 1) if run_size else _run(text)  # one run per cell
            return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{nowrap}<w:vAlign w:val="center"/></w:tcPr>'
                    f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{runs}</w:p></w:tc>')

        out.append("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>")
        out.extend(cell(h, w, "TPTableHead", False) for h, w in zip(header, fit.twips))
        out.append("</w:tr>")
        previous = object()
        for row in rows:
            # a short row stays on one page; a long one may break rather than leave most of a page empty
            split = "" if fit.row_lines(row) > SHORT_ROW_LINES else "<w:cantSplit/>"
            out.append(f"<w:tr><w:trPr>{split}</w:trPr>" if split else "<w:tr><w:trPr/>")  # empty elements as lxml writes them
            merge = ("continue" if row[0] == previous else "restart") if merge_first else ""
            previous = row[0]
            for i, (value, width, numeric) in enumerate(zip(row, fit.twips, fit.numeric)):
                is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
                out.append(cell(value, width, "TPTableNumber" if numeric or is_number else "TPTableText", numeric or is_number,
                                merge if i == 0 else ""))
            out.append("</w:tr>")
        out.append("</w:tbl>")
        self._add("".join(out))
        self._p("", "TPFlush", '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>')  # Word needs a paragraph after a table
        return fit

    # -------------------------------------------------------- the package

    def _section_setup(self) -> None:
        from docx.enum.section import WD_ORIENT
        from docx.shared import Twips
        from lxml import etree

        section = self.doc.sections[0]
        page = self.page
        section.orientation = WD_ORIENT.LANDSCAPE if page["width"] > page["height"] else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Twips(page["width"]), Twips(page["height"])
        section.top_margin, section.bottom_margin = Twips(round(page["top"] * MM)), Twips(round(page["bottom"] * MM))
        section.left_margin, section.right_margin = Twips(round(page["left"] * MM)), Twips(round(page["right"] * MM))
        section.footer_distance = Twips(round(20 * MM))
        self.doc.settings.odd_and_even_pages_header_footer = True
        for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
            footer.is_linked_to_previous = False
            element = footer._element
            for child in list(element):
                element.remove(child)
            element.append(etree.fromstring(_page_number(align)))

    def bytes(self) -> bytes:
        """The package, with the body text streamed into word/document.xml.

        python-docx saves the package with an empty body (a marker before its ``w:sectPr``); the body
        text goes where the marker is, copied into the zip from the temporary file it was written to.
        The body is never parsed nor held whole: a 100,000-task plan's body is 110 MB of XML (about
        twice that as Python strings), and an lxml tree of it took gigabytes.
        """
        import zipfile

        from lxml import etree

        self._section_setup()
        body = self.doc.element.body
        end = body.sectPr
        for child in list(body):
            if child is not end:
                body.remove(child)
        end.addprevious(etree.Comment(BODY_MARK))
        skeleton = io.BytesIO()
        self.doc.save(skeleton)
        out = io.BytesIO()
        with zipfile.ZipFile(skeleton) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                data = src.read(info)
                if info.filename != "word/document.xml":
                    dst.writestr(info, data)
                    continue
                head, tail = data.split(f"<!--{BODY_MARK}-->".encode(), 1)
                self._flush()
                self._body.seek(0)
                with dst.open(info, "w") as stream:
                    stream.write(head)
                    shutil.copyfileobj(self._body, stream, 1 << 20)
                    stream.write(tail)
        self._body.close()
        return out.getvalue()


# ---------------------------------------------------------------- plan


def _measures(w: Writer, task: dict[str, Any]) -> None:
    if not task["measures"]:
        return
    w.para("", label="落实措施:")
    for m in task["measures"]:
        body = measure_text(None, m["points"], m["intro"])
        w.para(body, label=f"{m['unit']}:" if m["unit"] and not m["continued"] else None)


def _task(w: Writer, t: dict[str, Any]) -> None:
    w.para(f"{t['id']}.{t['title']}")
    if t["leader"]:
        w.para("、".join(t["leader"]), label="牵头领导:")
    w.para("、".join(t["lead"]), label="牵头单位:")
    if t["responsible"]:
        w.para("、".join(t["responsible"]), label="责任单位:")
    _measures(w, t)


def plan_doc(w: Writer, ctx: dict[str, Any]) -> None:
    plan, report = ctx["plan"], ctx["report"]
    if not report["filtered"]:
        for line in (plan["addressees"], plan["preamble"]):
            if line:
                w.para(line, indent=line is plan["preamble"])
        for line in (plan["issuer"], plan["date_cn"]):
            if line:
                w.para(line, align="right")
        if plan["note"]:
            w.para(plan["note"])
        w.page_break()
    w.title(plan["title"])
    if report["unit"]:
        w.para(f"(仅列出涉及{report['unit']['full_name']}的任务)", indent=False)
    for s in ctx["sections"]:
        w.heading(s["heading"], 1)
        for t in s["tasks"]:
            _task(w, t)


# ---------------------------------------------------------------- 责任清单

DUTY_HEADER = ["序号", "任务", "本单位角色", "本单位措施", "时限", "状态", "最近进展"]


def duty_rows(chapter: dict[str, Any]) -> list[list[Any]]:
    """序号 | 任务 | 本单位角色 | 本单位措施 | 时限 | 状态 | 最近进展, lead tasks first."""
    own: dict[int, list[str]] = {}
    for m in chapter["measures"]:
        own.setdefault(m["task"]["id"], []).append(m["text"])
    rows = []
    for role, items in (("牵头", chapter["lead"]), ("责任", chapter["responsible"])):
        for item in items:
            t = item["task"]
            st = t["state"]
            shown_role = f"{role}\n(经由{item['via']})" if item["via"] else role
            due = st["due"] or "无时限"
            if st["original_due"] and st["original_due"] != st["due"]:
                due = f"{st['due']}\n(原定{st['original_due']})"
            rows.append([t["id"], t["title"], shown_role, "".join(own.get(t["id"], [])) or "—", due, st["status"],
                         t["progress_note"] or "—"])
    return rows


def units_doc(w: Writer, ctx: dict[str, Any]) -> None:
    w.title(f"{ctx['plan']['title']}责任清单")
    w.para(f"截至{ctx['report']['as_of_cn']}", indent=False, align="center")
    for c in ctx["chapters"]:
        name = c["full_name"] if c["full_name"] == c["name"] else f"{c['name']}({c['full_name']})"
        w.heading(name, 1)
        w.para(f"牵头{len(c['lead'])}项,责任{len(c['responsible'])}项,本单位落实措施{len(c['measures'])}条。")
        rows = duty_rows(c)
        if rows:
            w.table(DUTY_HEADER, rows)


# ---------------------------------------------------------------- matrix


def matrix_doc(w: Writer, ctx: dict[str, Any]) -> None:
    """Landscape; one table when every section fits at ≥ 9 pt, else one table per group of sections."""
    w.title(ctx["report"]["title"])
    w.para(f"{ctx['plan']['title']}(牵头/责任任务数,截至{ctx['report']['as_of_cn']})", indent=False, align="center")
    table = ctx["tables"][0]
    header, rows = table["header"], table["rows"]
    fixed, numerals = header[:2], header[2:-1]
    groups = _section_groups(w, header, rows, len(numerals))
    for n, (first, last, font_pt) in enumerate(groups):
        cols = list(range(2 + first, 2 + last))
        with_total = last == len(numerals)
        pick = [0, 1, *cols, *([len(header) - 1] if with_total else [])]
        if len(groups) > 1:
            w.heading(f"第{numerals[first]}至{numerals[last - 1]}部分" if last - first > 1 else f"第{numerals[first]}部分", 2)
        w.table([header[i] for i in pick], [[r[i] for i in pick] for r in rows], font_pt=font_pt)
    if len(groups) > 1:
        w.para("各部分合计见最后一表“合计”列。", indent=False)
    del fixed


def _section_groups(w: Writer, header: list[Any], rows: list[list[Any]], sections: int) -> list[tuple[int, int, float]]:
    """(first, last, font size) of each table: all sections at 10.5 or 9 pt if they fit, else as many as fit at 9 pt."""
    for pt in (TABLE_PT, MIN_TABLE_PT):
        if natural_fits(header, rows, w.text_width, pt, CELL_MARGIN):
            return [(0, sections, pt)]
    groups = []
    first = 0
    while first < sections:
        last = first + 1
        while last < sections:
            pick = [0, 1, *range(2 + first, 2 + last + 1)] + ([len(header) - 1] if last + 1 == sections else [])
            if not natural_fits([header[i] for i in pick], [[r[i] for i in pick] for r in rows], w.text_width, MIN_TABLE_PT, CELL_MARGIN):
                break
            last += 1
        groups.append((first, last, MIN_TABLE_PT))
        first = last
    return groups


# ---------------------------------------------------------------- 通报 and the figure kinds


def tables_doc(w: Writer, ctx: dict[str, Any]) -> None:
    w.title(ctx["report"]["title"])
    w.para(f"{ctx['plan']['title']}(截至{ctx['report']['as_of_cn']})", indent=False)
    if ctx.get("all_unreported"):
        w.para(f"全部{ctx['total']}项任务均未填报状态(未填报),以下统计只反映填报情况,不反映实际进度。", label="注意:")
    for table in ctx["tables"]:
        if table.get("document") is False:  # a sheet's (and the CSV's) form of the tables that follow
            continue
        w.heading(table["title"], 1)
        if table["rows"]:
            w.table(table["header"], table["rows"])
        else:
            w.para("无。")


def _letterhead(w: Writer, head: dict[str, Any]) -> None:
    w.raw(f'<w:p><w:pPr><w:pStyle w:val="TPMasthead"/></w:pPr>{_run(head["name"])}</w:p>')
    w.para(f"第{head['issue']}期" if head["issue"] else "", indent=False, align="center")
    office, date = head["office"] or "", head["date_cn"] or ""
    # office on the left, date on the right of one line: a right tab stop at the text width
    w.raw(f'<w:p><w:pPr><w:pStyle w:val="TPFlush"/><w:tabs><w:tab w:val="right" w:pos="{w.text_width}"/></w:tabs></w:pPr>'
          f'{_run(office)}<w:r><w:tab/></w:r>{_run(date)}</w:p>')
    w.rule()


def _closing(w: Writer, head: dict[str, Any]) -> None:
    if head["signature"]:
        w.blank()
        w.para(head["signature"], indent=False, align="right")
        w.para(head["date_cn"], indent=False, align="right")
    if head["cc"] or head["printed_by"]:
        w.blank()
        w.rule("000000", 8)
        if head["cc"]:
            w.para(head["cc"], label="抄送:", indent=False)
            w.rule("000000", 4)
        if head["printed_by"]:
            w.raw(f'<w:p><w:pPr><w:pStyle w:val="TPFlush"/><w:tabs><w:tab w:val="right" w:pos="{w.text_width}"/></w:tabs></w:pPr>'
                  f'{_run(head["printed_by"])}<w:r><w:tab/></w:r>{_run(head["date_cn"] + "印发")}</w:p>')
        w.rule("000000", 8)


def bulletin_doc(w: Writer, ctx: dict[str, Any]) -> None:
    head = ctx["letterhead"]
    _letterhead(w, head)
    w.title(ctx["bulletin_title"])
    w.blank()
    w.para(ctx["summary"])
    w.heading("一、各单位推进情况", 1)
    if ctx["scoreboard"]:
        w.table(ctx["scoreboard_header"], [r["row"] for r in ctx["scoreboard"]], font_pt=BULLETIN_PT, pad=CELL_PAD)
    else:
        w.para("没有牵头任务。")
    w.heading("二、逾期任务", 1)
    if ctx["overdue_entries"]:
        # the unit spans its tasks' rows (a merged cell): its count on a line of its own costs no height
        rows = [[f"{g['unit']}\n({len(g['tasks'])}项)", *e["row"]] for g in ctx["overdue_entries"] for e in g["entries"]]
        header = ["牵头单位", *ctx["overdue_header"]]
        w.table(header, rows, font_pt=BULLETIN_PT, merge_first=True, pad=CELL_PAD)
    else:
        w.para(f"截至{ctx['report']['as_of_cn']}无逾期任务。")
    w.heading("三、红灯、黄灯任务", 1)
    if ctx["warnings"]:
        w.table(["单位", "红灯", "黄灯"], [[g["unit"], g["red_text"] or "—", g["yellow_text"] or "—"] for g in ctx["warnings"]],
                font_pt=BULLETIN_PT, pad=CELL_PAD)
    else:
        w.para("没有红灯、黄灯任务。")
    _closing(w, head)


RECEIPT_ROWS = ["办理单位", "联系人及电话", "办理情况", "预计完成时间", "单位负责人(签字)"]


def reminders_doc(w: Writer, ctx: dict[str, Any]) -> None:
    """催办单 per unit, each on its own pages: the tasks, deadlines, last report, reply-by date and a 回执."""
    head = ctx["letterhead"]
    if not ctx["notices"]:
        w.title("催办单")
        w.para(f"截至{ctx['report']['as_of_cn']},没有逾期或{ctx['warn_days']}天内到期的任务。")
    for n, notice in enumerate(ctx["notices"]):
        if n:
            w.page_break()
        w.title("催办单")
        w.para(f"{notice['full_name']}:", indent=False)
        parts = []
        if notice["overdue"]:
            parts.append(f"逾期{notice['overdue']}项")
        if notice["due_soon"]:
            parts.append(f"{ctx['warn_days']}天内到期{notice['due_soon']}项")
        w.para(f"截至{ctx['report']['as_of_cn']},你单位牵头的任务中{'、'.join(parts)}(见下表)。"
               f"请抓紧推进,并于{ctx['reply_by_cn']}前将办理情况报送{head['office'] or '督查室'}。")
        w.table(ctx["header"], [e["row"] for e in notice["entries"]], font_pt=BULLETIN_PT)
        if head["office"]:
            w.para(head["office"], indent=False, align="right")
        w.para(ctx["report"]["as_of_cn"], indent=False, align="right")
        w.rule("000000", 8)
        w.heading("回执", 2)
        space = {"办理情况": "\n" * 6, "办理单位": notice["full_name"]}  # room to write by hand
        w.table(["项目", "填写内容"], [[label, space.get(label, "\n")] for label in RECEIPT_ROWS], font_pt=TABLE_PT,
                fit=fit_columns(["单位负责人(签字)", "x" * 60], [], w.text_width, TABLE_PT, CELL_MARGIN))


BUILDERS = {"reminders": reminders_doc, "plan": plan_doc, "units": units_doc, "matrix": matrix_doc, "bulletin": bulletin_doc}
LANDSCAPE_KINDS = {"matrix", "units"}  # wide tables: the matrix's sections, the 责任清单's seven columns


def render(fmt: str, kind: str, context: dict[str, Any], settings: RenderSettings) -> bytes:
    w = Writer(landscape=kind in LANDSCAPE_KINDS)
    w.doc.core_properties.title = xml_text(context["report"]["title"])  # lxml refuses a control character: an internal error
    w.doc.core_properties.subject = xml_text(context["plan"]["title"])
    BUILDERS.get(kind, tables_doc)(w, context)
    return w.bytes()

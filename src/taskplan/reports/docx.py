"""Word documents in the official style (GB/T 9704 layout), written with python-docx.

python-docx rather than docxtpl: the documents are built from data (146
tasks, chapters per unit, tables), not from a hand-made Word template, and
python-docx escapes every run it writes — there is no autoescape switch to
forget (the docxtpl pitfall noted in NOTES.md).

Fonts: 方正小标宋简体 (title), 黑体 (headings), 楷体_GB2312 (second-level
headings), 仿宋_GB2312 (body), set as the East-Asian font (w:eastAsia) of
each style; Latin text uses Times New Roman.  The font table names an
alternative for each (宋体/黑体/楷体/仿宋, present on every Chinese
Windows) so a machine without the GB2312 fonts still shows the right face.
"""
from __future__ import annotations

import io
from typing import Any

from taskplan.reports.formats import RenderSettings
from taskplan.model.records import measure_text

TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
BODY_FONT = "仿宋_GB2312"
LATIN_FONT = "Times New Roman"
FALLBACKS = {TITLE_FONT: "宋体", HEADING_FONT: "SimHei", HEADING2_FONT: "楷体", BODY_FONT: "仿宋"}


def _set_fonts(style_or_run: Any, east_asia: str, size_pt: float | None = None, bold: bool | None = None) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    font = style_or_run.font
    font.name = LATIN_FONT
    if size_pt is not None:
        font.size = Pt(size_pt)
    if bold is not None:
        font.bold = bold
    rpr = style_or_run.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, rfonts)
    for attr in ("w:ascii", "w:hAnsi"):
        rfonts.set(qn(attr), LATIN_FONT)
    rfonts.set(qn("w:eastAsia"), east_asia)
    rfonts.set(qn("w:hint"), "eastAsia")


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


class Writer:
    """A thin layer over python-docx: title, headings, body paragraphs, tables — all in the official style."""

    def __init__(self) -> None:
        from docx import Document
        from docx.enum.section import WD_ORIENT
        from docx.shared import Cm, Pt

        self.doc = Document()
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(21), Cm(29.7)  # A4
        section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
        section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
        styles = self.doc.styles
        _set_fonts(styles["Normal"], BODY_FONT, 16)  # 三号
        styles["Normal"].paragraph_format.line_spacing = Pt(28)
        _set_fonts(styles["Title"], TITLE_FONT, 22, bold=False)  # 二号
        _set_fonts(styles["Heading 1"], HEADING_FONT, 16, bold=False)
        _set_fonts(styles["Heading 2"], HEADING2_FONT, 16, bold=False)
        _set_fonts(styles["Heading 3"], BODY_FONT, 16, bold=True)
        for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
            styles[name].font.color.rgb = None
            styles[name].paragraph_format.space_before = Pt(6)
            styles[name].paragraph_format.space_after = Pt(6)
        _set_fonts(styles["Table Grid"], BODY_FONT, 10.5)
        _font_table_fallbacks(self.doc)
        self._styles = {name: styles[name] for name in ("Title", "Heading 1", "Heading 2", "Heading 3")}
        self._end = self.doc.element.body.sectPr  # the default template has one; new paragraphs go before it

    def _paragraph(self, style: str | None = None) -> Any:
        """A new paragraph at the end of the body.

        python-docx's ``add_paragraph`` looks for the section properties
        among all children of the body on every call — quadratic, minutes
        for a 10,000-task plan — so paragraphs go in right before the
        (remembered) sectPr element instead.
        """
        from docx.oxml import OxmlElement
        from docx.text.paragraph import Paragraph

        element = OxmlElement("w:p")
        self._end.addprevious(element)
        paragraph = Paragraph(element, self.doc._body)
        if style is not None:
            paragraph.style = self._styles[style]
        return paragraph

    def title(self, text: str) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        p = self._paragraph("Title")
        p.add_run(text)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def heading(self, text: str, level: int = 1) -> None:
        self._paragraph(f"Heading {level}").add_run(text)

    def para(self, text: str, *, label: str | None = None, align: str | None = None, indent: bool = True) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        p = self._paragraph()
        if indent:
            p.paragraph_format.first_line_indent = Pt(32)  # two characters
        if label:
            run = p.add_run(label)
            run.bold = True
        p.add_run(text)
        if align == "right":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    def page_break(self) -> None:
        from docx.enum.text import WD_BREAK

        self._paragraph().add_run().add_break(WD_BREAK.PAGE)

    def table(self, header: list[Any], rows: list[list[Any]]) -> None:
        from docx.oxml.ns import qn

        table = self.doc.add_table(rows=1, cols=len(header))
        table.style = self.doc.styles["Table Grid"]
        for cell, text in zip(table.rows[0].cells, header):
            cell.text = str(text)
            for run in cell.paragraphs[0].runs:
                run.bold = True
        tr_pr = table.rows[0]._tr.get_or_add_trPr()
        tr_pr.append(tr_pr.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"}))  # repeat on each page
        for row in rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, row):
                cell.text = "" if value is None else str(value)

    def bytes(self) -> bytes:
        buf = io.BytesIO()
        self.doc.save(buf)
        return buf.getvalue()


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


def units_doc(w: Writer, ctx: dict[str, Any]) -> None:
    w.title(f"{ctx['plan']['title']}责任清单")
    for c in ctx["chapters"]:
        name = c["full_name"] if c["full_name"] == c["name"] else f"{c['name']}({c['full_name']})"
        w.heading(name, 1)
        for label, entries in (("牵头的任务", c["lead"]), ("负责的任务", c["responsible"])):
            w.heading(f"{label}({len(entries)}项)", 2)
            for e in entries:
                via = f"(经由{e['via']})" if e["via"] else ""
                w.para(f"{e['task']['id']}.{e['task']['title']}{via}")
        w.heading(f"本单位落实措施({len(c['measures'])}条)", 2)
        for m in c["measures"]:
            w.para(measure_text(None, m["points"], m["intro"]), label=f"任务{m['task']['id']}:")


def tables_doc(w: Writer, ctx: dict[str, Any]) -> None:
    w.title(ctx["report"]["title"])
    w.para(f"{ctx['plan']['title']}(截至{ctx['report']['as_of_cn']})", indent=False)
    if ctx.get("all_unreported"):
        w.para(f"全部{ctx['total']}项任务均未填报状态(未填报),以下统计只反映填报情况,不反映实际进度。", label="注意:")
    for table in ctx["tables"]:
        w.heading(table["title"], 1)
        if table["rows"]:
            w.table(table["header"], table["rows"])
        else:
            w.para("无。")
    on_time = ctx.get("on_time")
    if on_time is not None:
        w.heading("按期完成率", 1)
        if on_time["rate"]:
            w.para(f"{on_time['rate']}(已办结或已逾期{on_time['judged']}项,其中按期办结{on_time['on_time']}项)。")
        else:
            w.para("尚无已办结或逾期的任务,无法计算。")


BUILDERS = {"plan": plan_doc, "units": units_doc}


def render(fmt: str, kind: str, context: dict[str, Any], settings: RenderSettings) -> bytes:
    w = Writer()
    w.doc.core_properties.title = context["report"]["title"]
    w.doc.core_properties.subject = context["plan"]["title"]
    BUILDERS.get(kind, tables_doc)(w, context)
    return w.bytes()

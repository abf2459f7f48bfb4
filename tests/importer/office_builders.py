"""Build the Word and Excel files the importer tests read, the way offices make them.

Written with python-docx and openpyxl directly (not with taskplan's code):
real automatic numbering (numbering.xml abstractNum/num, numPr on the
paragraph or on a paragraph style), tables with cells merged across and down
and line breaks inside cells, workbooks with title rows, merged section rows
and a header that is not on row 1.
"""
from __future__ import annotations

import copy
import io
import re
from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

# half-width → full-width, for the "same document in full-width punctuation" tests
FULL_WIDTH = str.maketrans({",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？"})


def full_width(text: str) -> str:
    return text.translate(FULL_WIDTH)


def _el(tag: str, **attrs: str):
    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    return element


class WordDoc:
    """A python-docx Document plus helpers for numbered paragraphs and merged tables."""

    def __init__(self) -> None:
        self.doc = Document()
        self.numbering = self.doc.part.numbering_part.element
        self._abstract = 100
        self._num = 100

    # numbering.xml -------------------------------------------------------
    def abstract(self, levels: list[tuple[str, str, int]]) -> str:
        """An abstractNum with levels [(numFmt, lvlText, start), …]; returns its id."""
        self._abstract += 1
        aid = str(self._abstract)
        abstract = _el("w:abstractNum", abstractNumId=aid)
        abstract.append(_el("w:multiLevelType", val="multilevel"))
        for ilvl, (fmt, text, start) in enumerate(levels):
            lvl = _el("w:lvl", ilvl=str(ilvl))
            lvl.append(_el("w:start", val=str(start)))
            lvl.append(_el("w:numFmt", val=fmt))
            lvl.append(_el("w:lvlText", val=text))
            lvl.append(_el("w:lvlJc", val="left"))
            ppr = _el("w:pPr")
            ppr.append(_el("w:ind", left=str(420 * (ilvl + 1)), hanging="420"))
            lvl.append(ppr)
            abstract.append(lvl)
        first_num = self.numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            self.numbering.append(abstract)
        return aid

    def num(self, abstract_id: str, restart: dict[int, int] | None = None) -> str:
        """A num instance of ``abstract_id`` (``restart``: {level: startOverride}); returns the numId."""
        self._num += 1
        nid = str(self._num)
        num = _el("w:num", numId=nid)
        num.append(_el("w:abstractNumId", val=abstract_id))
        for level, start in (restart or {}).items():
            override = _el("w:lvlOverride", ilvl=str(level))
            override.append(_el("w:startOverride", val=str(start)))
            num.append(override)
        self.numbering.append(num)
        return nid

    def list_style(self, name: str, num_id: str, level: int = 0) -> str:
        """A paragraph style that carries the numbering itself (numPr on the style)."""
        from docx.enum.style import WD_STYLE_TYPE

        style = self.doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        ppr = style.element.get_or_add_pPr()
        numpr = _el("w:numPr")
        numpr.append(_el("w:ilvl", val=str(level)))
        numpr.append(_el("w:numId", val=num_id))
        ppr.insert(0, numpr)
        return name

    # body ----------------------------------------------------------------
    def para(self, text: str, num: str | None = None, level: int = 0, style: str | None = None):
        """A paragraph; ``\\n`` in ``text`` is a line break (Shift+Enter) inside it."""
        paragraph = self.doc.add_paragraph(style=style)
        parts = text.split("\n")
        run = paragraph.add_run(parts[0])
        for part in parts[1:]:
            run.add_break()
            run = paragraph.add_run(part)
        if num is not None:
            ppr = paragraph._p.get_or_add_pPr()
            numpr = _el("w:numPr")
            numpr.append(_el("w:ilvl", val=str(level)))
            numpr.append(_el("w:numId", val=num))
            ppr.append(numpr)
        return paragraph

    def table(self, rows: list[list[str | None]], widths_cm: list[float] | None = None):
        """A bordered table.  A cell None merges into the cell on its left; the string "^" into the cell above."""
        from docx.shared import Cm

        table = self.doc.add_table(rows=len(rows), cols=max(len(r) for r in rows))
        table.style = "Table Grid"
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None or value == "^":
                    continue
                cell = table.cell(r, c)
                parts = value.split("\n")
                paragraph = cell.paragraphs[0]
                paragraph.add_run(parts[0])
                for part in parts[1:]:  # a line break inside the cell: a new paragraph, as Enter in Word
                    cell.add_paragraph(part)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    start = c
                    while row[start] is None:
                        start -= 1
                    table.cell(r, start).merge(table.cell(r, c))
                elif value == "^":
                    top = r
                    while rows[top][c] == "^":
                        top -= 1
                    table.cell(top, c).merge(table.cell(r, c))
        if widths_cm:
            table.autofit = False
            for column, width in zip(table.columns, widths_cm):
                column.width = Cm(width)
            for row in table.rows:
                for cell, width in zip(row.cells, widths_cm):
                    cell.width = Cm(width)
        return table

    def save(self, path: Path) -> Path:
        self.doc.save(str(path))
        return path

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


def seed_docx(source_text: str, path: Path) -> Path:
    """The seed document as an office would have it in Word: full-width punctuation, sections and
    tasks numbered by Word's automatic numbering (一、 chineseCounting; 1. decimal running on across
    sections), everything else as plain paragraphs."""
    word = WordDoc()
    sections = word.num(word.abstract([("chineseCounting", "%1、", 1)]))
    tasks = word.num(word.abstract([("decimal", "%1.", 1)]))
    expected_task = 1
    in_body = False
    for line in source_text.split("\n"):
        if not line.strip():
            continue
        heading = re.match(r"^[一二三四五六七八九十]+、(.+)$", line)
        task = re.match(r"^(\d+)\.(.*)$", line)
        if heading:
            in_body = True
            word.para(full_width(heading.group(1)), num=sections)
        elif in_body and task and int(task.group(1)) == expected_task:
            expected_task += 1
            word.para(full_width(task.group(2)), num=tasks)
        else:
            word.para(full_width(line))
    return word.save(path)




def workbook(path: Path, sheets: list[tuple[str, list[list[object]], list[str]]], header_row: dict[str, int] | None = None) -> Path:
    """An .xlsx with one sheet per (title, rows, merged ranges such as "A1:F1"), formatted like a
    台账: borders, wrapped text, a bold header row (``header_row[title]``, 1-based), columns as wide
    as their header asks (序号 narrow, 任务 and 措施 wide), printed landscape on the page width."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    book = Workbook()
    book.remove(book.active)
    thin = Side(style="thin")
    for title, rows, merges in sheets:
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
        for rng in merges:
            ws.merge_cells(rng)
        head = (header_row or {}).get(title)
        for r, row in enumerate(ws.iter_rows(), 1):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="center")
                if head and r >= head:
                    cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
                if head and r == head:
                    cell.font = Font(bold=True)
        from openpyxl.utils import get_column_letter

        if head:
            for index, cell in enumerate(ws[head], 1):
                name = str(cell.value or "")
                wide = any(word in name for word in ("任务", "措施", "内容"))
                ws.column_dimensions[get_column_letter(index)].width = 6 if "号" in name else 50 if wide else 16
            merged_rows = {rng.min_row for rng in ws.merged_cells.ranges}
            for r in range(head, ws.max_row + 1):  # Excel grows a wrapped row when edited; a file needs its height
                if r in merged_rows:
                    continue
                lines = 1
                for index, cell in enumerate(ws[r], 1):
                    width = ws.column_dimensions[get_column_letter(index)].width
                    for part in str(cell.value or "").split("\n"):
                        lines = max(lines, 1 + len(part) * 2 // int(width)) if cell.column == index else lines
                ws.row_dimensions[r].height = 15 * lines
        ws.page_setup.orientation = "landscape"
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToHeight = 0
    book.save(str(path))
    return path


def seed_rows(source_text: str) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """(front matter lines, [(section heading, [task rows…])]) read from the seed text by its line prefixes."""
    front: list[str] = []
    sections: list[tuple[str, list[list[str]]]] = []
    current: list[str] | None = None
    field = 0
    labels = {"牵头单位:": 2, "责任单位:": 3, "落实措施:": 4}
    for line in source_text.split("\n"):
        if not line.strip():
            continue
        if re.match(r"^[一二三四五六七八九十]+、", line):
            sections.append((line, []))
            current = None
            continue
        if not sections:
            front.append(line)
            continue
        task = re.match(r"^(\d+)\.(.*)$", line)
        done = sum(len(rows) for _, rows in sections)
        if task and int(task.group(1)) == done + 1:
            current = [task.group(1), task.group(2), "", "", ""]
            sections[-1][1].append(current)
            field = 1
            continue
        label = next((k for k in labels if line.startswith(k)), None)
        if label:
            field = labels[label]
            current[field] = line[len(label):]
        else:  # a continuation line: a line of its own in the cell
            current[field] += "\n" + line
    return front, sections


def seed_xlsx(source_text: str, path: Path) -> Path:
    """The seed as an Excel 台账: the front matter in rows merged across the top, a header row, one row
    per task (序号 工作任务 牵头单位 责任单位 落实措施), each section a row merged across; full width."""
    front, sections = seed_rows(source_text)
    rows: list[list[object]] = [[full_width(line), None, None, None, None] for line in front]
    merges = [f"A{i}:E{i}" for i in range(1, len(front) + 1)]
    rows.append(["序号", "工作任务", "牵头单位", "责任单位", "落实措施"])
    for heading, tasks in sections:
        rows.append([full_width(heading), None, None, None, None])
        merges.append(f"A{len(rows)}:E{len(rows)}")
        for number, *cells in tasks:
            rows.append([int(number), *(full_width(c) or None for c in cells)])
    return workbook(path, [("台账", rows, merges)], header_row={"台账": len(front) + 1})


def office_texts(path: Path, header: list[str], sheet: str | None = None) -> list[str]:
    """Every piece of text a Word or Excel file holds, read with python-docx / openpyxl (not with
    taskplan), one string per paragraph line or cell, leaving out the table header row ``header``
    (column names are labels, not text); of a workbook only ``sheet``, when given.  For conservation checks."""
    texts: list[str] = []
    numbers = [i for i, name in enumerate(header) if "".join(name.split()) in ("序号", "编号")]  # task numbers are layout
    if path.suffix == ".docx":
        import docx

        document = docx.Document(str(path))
        texts += [line for p in document.paragraphs for line in p.text.split("\n")]
        for table in document.tables:
            for row in table.rows:
                cells = []
                for cell in row.cells:
                    if not any(cell._tc is seen._tc for seen in cells):
                        cells.append(cell)
                values = [c.text for c in cells]
                if values != header:
                    values = [v for i, v in enumerate(values) if not (i in numbers and v.strip().isdigit())]
                    texts += [line for value in values for line in value.split("\n")]
    else:
        import openpyxl

        book = openpyxl.load_workbook(path)
        for ws in [book[sheet]] if sheet else book.worksheets:
            for row in ws.iter_rows(values_only=True):
                if [str(v) for v in row if v is not None] == header:
                    continue
                values = [v for i, v in enumerate(row) if v is not None and not (i in numbers and isinstance(v, int))]
                texts += [line for v in values for line in str(v).split("\n")]
    return [t.strip() for t in texts if t.strip()]

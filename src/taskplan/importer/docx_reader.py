"""A Word document (.docx) → (text, where) pieces in reading order.

Paragraphs are read like lines of text, with the number Word draws for
automatic numbering put back in front (numbering.py).  A line break inside a
paragraph or a cell starts a new line, as in the text.  Tables with a
recognisable header row go through tabular.py; other tables (a letterhead, a
signature block) are read cell by cell like paragraphs.  Content controls and
text boxes are read where they stand; deleted revisions are not text.
"""
from __future__ import annotations

from io import BytesIO

from taskplan.i18n import M_
from taskplan.importer.numbering import W, Numbering
from taskplan.importer.tabular import Cell, grid_pieces

MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_TEXT_TAGS = {W + "t": None, W + "tab": "\t", W + "br": "\n", W + "cr": "\n", W + "noBreakHyphen": "-", W + "softHyphen": ""}


def _paragraph_text(p) -> tuple[str, list]:
    """The paragraph's own text and the text boxes inside it (read separately, after it)."""
    parts: list[str] = []
    boxes: list = []

    def walk(element) -> None:
        for child in element:
            tag = child.tag
            if tag == W + "txbxContent":
                boxes.append(child)
                continue
            if tag == MC_FALLBACK or tag == W + "del" or tag == W + "instrText":
                continue  # the fallback copy of a drawing; deleted revisions; field codes
            if tag in _TEXT_TAGS:
                if tag == W + "br" and child.get(W + "type") == "page":
                    parts.append("\n")
                    continue
                parts.append(child.text or "" if _TEXT_TAGS[tag] is None else _TEXT_TAGS[tag])
                continue
            if tag == W + "p":
                continue  # never nested directly; guard against odd producers
            walk(child)

    walk(p)
    return "".join(parts), boxes



def _cell_place(table: int, row: int, column: int) -> str:
    """Where a Word table cell is, as messages name it (``table 1, row 3, column 2``), in the user's language."""
    return M_("table {table}, row {row}, column {column}", table=table, row=row, column=column)

class _Reader:
    def __init__(self, document) -> None:
        part = document.part
        try:
            numbering_root = part.numbering_part.element
        except (KeyError, NotImplementedError):
            numbering_root = None
        self.numbering = Numbering(numbering_root, part.styles.element)
        self.pieces: list[tuple[str, str]] = []
        self.paragraphs = 0
        self.tables = 0

    def paragraph_lines(self, p) -> tuple[list[str], list]:
        text, boxes = _paragraph_text(p)
        label = self.numbering.paragraph_label(p)
        lines = [line.strip() for line in text.split("\n")]
        lines = [line for line in lines if line]
        if label and lines:
            lines[0] = label + lines[0]
        return lines, boxes

    def block(self, element) -> None:
        """Read the children of a body, cell, content control or text box in order."""
        for child in element:
            if child.tag == W + "p":
                self.paragraphs += 1
                where = M_("paragraph {number}", number=self.paragraphs)
                lines, boxes = self.paragraph_lines(child)
                self.pieces += [(line, where) for line in lines]
                for box in boxes:
                    self.block(box)
            elif child.tag == W + "tbl":
                self.table(child)
            elif child.tag in (W + "sdt", W + "sdtContent", W + "customXml"):
                content = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
                if content is not None:
                    self.block(content)

    def cell_text(self, tc) -> str:
        lines: list[str] = []
        for child in tc:
            if child.tag == W + "p":
                paragraph_lines, _boxes = self.paragraph_lines(child)
                lines += paragraph_lines
            elif child.tag == W + "tbl":  # a table inside a cell: its cells' lines, row by row
                for tr in child.iter(W + "tr"):
                    for inner in tr.iter(W + "tc"):
                        lines.append(self.cell_text(inner))
        return "\n".join(line for line in lines if line)

    def table(self, tbl) -> None:
        self.tables += 1
        number = self.tables
        rows: list[list[Cell]] = []
        above: dict[int, Cell] = {}  # grid column → the cell last seen there (for vertical merges)
        for r, tr in enumerate(tbl.findall(W + "tr"), 1):
            row: list[Cell] = []
            col = 0
            before = tr.find(f"{W}trPr/{W}gridBefore")
            if before is not None:
                skip = int(before.get(W + "val", "0") or 0)
                row += [Cell("", _cell_place(number, r, i + 1)) for i in range(skip)]
                col += skip
            for tc in tr.findall(W + "tc"):
                tcpr = tc.find(W + "tcPr")
                span_el = tcpr.find(W + "gridSpan") if tcpr is not None else None
                span = int(span_el.get(W + "val", "1")) if span_el is not None else 1
                vmerge = tcpr.find(W + "vMerge") if tcpr is not None else None
                if vmerge is not None and vmerge.get(W + "val", "continue") == "continue" and col in above:
                    origin = above[col]
                    cell = Cell(origin.text, origin.where, continued=True)
                else:
                    cell = Cell(self.cell_text(tc), _cell_place(number, r, col + 1))
                for i in range(max(1, span)):
                    above[col + i] = cell
                row += [cell] * max(1, span)
                col += max(1, span)
            rows.append(row)
        width = max((len(row) for row in rows), default=0)
        for row in rows:
            row += [Cell("", "") for _ in range(width - len(row))]
        pieces = grid_pieces(rows)
        if pieces is None:  # not a task table: its cells, row by row, like paragraphs
            pieces = []
            for row in rows:
                seen: list[Cell] = []
                for cell in row:
                    if cell.continued or any(cell is s for s in seen):
                        continue
                    seen.append(cell)
                    pieces += [(line, cell.where) for line in cell.lines()]
        self.pieces += pieces


def read_docx(raw: bytes) -> list[tuple[str, str]]:
    """The document's lines as (text, where); raises ValueError when python-docx cannot open it."""
    import docx

    from taskplan.importer.tabular import Damaged

    try:
        document = docx.Document(BytesIO(raw))
    except Exception as exc:  # python-docx raises many kinds on a broken package; all mean "damaged"
        raise Damaged(str(exc) or type(exc).__name__) from exc
    reader = _Reader(document)
    reader.block(document.element.body)
    return reader.pieces

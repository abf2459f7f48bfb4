"""A line of a source document, the unit every reader produces and the parser consumes.

Its own module, importing nothing of taskplan but i18n (a foundation module), so the readers (source, formats, docx/xlsx,
tabular) and the parser (structure, frontmatter, document) can all use it without a cycle."""
from __future__ import annotations

from taskplan.i18n import translate

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)  # slots: a 100,000-task document is 340,000 of them
class Line:
    """One line of the document: 1-based number and text without the line break.

    ``where`` names the place in a source that has no lines of its own (a Word
    paragraph or table cell, a spreadsheet sheet/row/column); empty for text.
    """

    number: int
    text: str
    where: str = ""
    unused: str = ""  # set by a reader when the text has no place in a record, with why (a 备注 column)

    def place(self, path: str) -> str:
        """How a message names this line: ``path:N`` for text (editors jump to it), else ``path: where``
        (``方案.docx: table 1, row 3, column 2 (工作任务)``, ``台账.xlsx: sheet 台账, cell C5 (重点任务)``)."""
        return f"{path}: {translate(self.where)}" if self.where else f"{path}:{self.number}"

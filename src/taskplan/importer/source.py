"""Reading the source document: bytes → lines, with clear errors for bad input.

The importer takes plain UTF-8 text (a BOM is allowed).  A GBK file, an
empty file or a missing file is refused with one line naming the file; the
byte offset of the first undecodable byte is turned into a line number so the
user can look at it.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from taskplan.i18n import M_
from taskplan.errors import DataError, UsageError
from taskplan.findings import Finding

CODE_ENCODING = "TP801"
CODE_EMPTY = "TP802"


@dataclass(frozen=True)
class Line:
    """One line of the document: 1-based number and text without the line break.

    ``where`` names the place in a source that has no lines of its own (a Word
    paragraph or table cell, a spreadsheet sheet/row/column); empty for text.
    """

    number: int
    text: str
    where: str = ""

    def place(self, path: str) -> str:
        """How a message names this line: ``path:N`` for text, else ``path (where)``."""
        return f"{path} ({self.where})" if self.where else f"{path}:{self.number}"


def read_lines(path: Path, display: str | None = None) -> list[Line]:
    """The document's lines, stripped of surrounding white space (layout, not text)."""
    shown = display or str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise UsageError(M_("no such file: {shown}", shown=shown), hint=M_("give the path of a plain-text document")) from None
    except IsADirectoryError:
        raise UsageError(M_("{shown} is a directory, not a document", shown=shown)) from None
    except OSError as exc:
        raise UsageError(M_("cannot read {shown}: {exc_strerror}", shown=shown, exc_strerror=exc.strerror)) from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DataError(
            [
                Finding(
                    shown,
                    line,
                    col,
                    CODE_ENCODING,
                    "error",
                    M_("not UTF-8 text (a GBK document?); convert it first, e.g. iconv -f GBK -t UTF-8"),
                )
            ]
        ) from None
    if not text.strip():
        raise DataError([Finding(shown, 0, 0, CODE_EMPTY, "error", M_("the document is empty; nothing to import"))])
    return [Line(i, part.strip()) for i, part in enumerate(text.splitlines(), 1)]

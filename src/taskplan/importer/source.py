"""Reading the source document: bytes → lines, with clear errors for bad input.

``read_document`` takes plain UTF-8 text (a BOM is allowed), a Word .docx or
an Excel .xlsx (formats.py tells them apart and refuses the rest).  A GBK
file, an empty file or a missing file is refused with one line naming the
file; the byte offset of the first undecodable byte is turned into a line number so the
user can look at it.
"""
from __future__ import annotations

from pathlib import Path

from taskplan.i18n import M_
from taskplan.errors import DataError, UsageError
from taskplan.importer.codes import CODE_EMPTY, CODE_ENCODING, import_finding
from taskplan.importer.lines import Line



def _read_bytes(path: Path, shown: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise UsageError(M_("no such file: {shown}", shown=shown), hint=M_("give the path of a document (.txt, .docx or .xlsx)")) from None
    except IsADirectoryError:
        raise UsageError(M_("{shown} is a directory, not a document", shown=shown)) from None
    except OSError as exc:
        raise UsageError(M_("cannot read {shown}: {exc_strerror}", shown=shown, exc_strerror=exc.strerror)) from None


def read_lines(path: Path, display: str | None = None) -> list[Line]:
    """The document's lines, stripped of surrounding white space (layout, not text)."""
    shown = display or str(path)
    return text_lines(_read_bytes(path, shown), shown)


def text_lines(raw: bytes, shown: str) -> list[Line]:
    """Plain text (UTF-8, a BOM allowed) → lines; refuses other encodings with the place of the first bad byte."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DataError(
            [
                import_finding(
                    CODE_ENCODING,
                    shown,
                    line,
                    col,
                    M_("not UTF-8 text (a GBK document?); convert it first, e.g. iconv -f GBK -t UTF-8"),
                )
            ]
        ) from None
    if not text.strip():
        raise DataError([import_finding(CODE_EMPTY, shown, 0, 0, M_("the document is empty; nothing to import"))])
    return [Line(i, part.strip()) for i, part in enumerate(text.splitlines(), 1)]


def read_document(path: Path, display: str | None = None, *, sheet: str | None = None) -> list[Line]:
    """Any document the importer reads → lines: text, Word (.docx) or an Excel 台账 (.xlsx).

    The format is told by the file's content (a .docx renamed .txt is still
    Word), the suffix only names what cannot be read (formats.py).  Word
    paragraphs and table cells, and spreadsheet cells, become lines whose
    ``where`` names them; their numbers run 1, 2, 3 … in reading order.
    """
    from taskplan.importer import formats

    shown = display or str(path)
    raw = _read_bytes(path, shown)
    kind = formats.sniff(raw, Path(path).suffix)
    if sheet is not None and kind != "xlsx":
        raise UsageError(M_("--sheet applies to an Excel workbook (.xlsx); {shown} is not one", shown=shown))
    if kind == "text":
        return text_lines(raw, shown)
    if kind == "utf-16":
        return text_lines(formats.utf16_to_utf8(raw), shown)
    pieces = formats.read_office(kind, raw, shown, sheet=sheet)
    if not pieces:
        raise DataError([import_finding(CODE_EMPTY, shown, 0, 0, M_("the document is empty; nothing to import"))])
    return [Line(i, *piece) for i, piece in enumerate(pieces, 1)]

"""Which kind of document a file is, by its content; the readers of each; the refusals.

Text, Word (.docx) and Excel (.xlsx) are read.  Everything else a clerk may
have — .doc, .wps, .xls, .et, .pdf, .rtf, .odt, .ods — is refused with one
message that names the file and the command that converts it, before any
byte of it is taken for text.  The content decides (a .docx saved as
"plan.txt" is still Word); the suffix only tells apart the binary formats
that share one container (.doc/.wps/.xls are all OLE2 files).
"""
from __future__ import annotations

import io
import re
import shlex
import zipfile
from pathlib import Path

from taskplan.i18n import M_, N_
from taskplan.errors import UsageError
from taskplan.importer.tabular import Damaged

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# kind → (what the file is, the format to convert it to)
UNREADABLE: dict[str, tuple[str, str]] = {
    "doc": (N_("a Word 97-2003 document (.doc)"), "docx"),
    "wps": (N_("a WPS 文字 document (.wps)"), "docx"),
    "xls": (N_("an Excel 97-2003 workbook (.xls)"), "xlsx"),
    "et": (N_("a WPS 表格 workbook (.et)"), "xlsx"),
    "rtf": (N_("an RTF document"), "docx"),
    "odt": (N_("an OpenDocument text (.odt)"), "docx"),
    "ods": (N_("an OpenDocument spreadsheet (.ods)"), "xlsx"),
    "pdf": (N_("a PDF file"), "docx"),
}
_OLE_SUFFIXES = {".doc": "doc", ".dot": "doc", ".wps": "wps", ".wpt": "wps", ".xls": "xls", ".xlt": "xls", ".et": "et", ".ett": "et"}


def _ole_kind(raw: bytes, suffix: str) -> str:
    if suffix in _OLE_SUFFIXES:
        return _OLE_SUFFIXES[suffix]
    # the stream names in the compound file's directory, in UTF-16LE
    if "WordDocument".encode("utf-16-le") in raw:
        return "doc"
    if "Workbook".encode("utf-16-le") in raw or "Book".encode("utf-16-le") in raw:
        return "xls"
    return "binary"


def _zip_kind(raw: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "xl/workbook.xml" in names:
                return "xlsx"
            if "mimetype" in names:
                mimetype = archive.read("mimetype")
                if b"opendocument.text" in mimetype:
                    return "odt"
                if b"opendocument.spreadsheet" in mimetype:
                    return "ods"
    except (zipfile.BadZipFile, OSError, KeyError):
        return "broken-zip"
    return "zip"


def sniff(raw: bytes, suffix: str = "") -> str:
    """text, utf-16, docx, xlsx, one of UNREADABLE, zip, broken-zip or binary."""
    suffix = suffix.lower()
    if raw.startswith(b"PK\x03\x04"):
        return _zip_kind(raw)
    if raw.startswith(OLE2):
        return _ole_kind(raw, suffix)
    if raw.startswith(b"%PDF"):
        return "pdf"
    if raw.startswith(b"{\\rtf"):
        return "rtf"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if b"\x00" in raw[:8192]:
        return "binary"
    return "text"


def utf16_to_utf8(raw: bytes) -> bytes:
    """Notepad's "Unicode" (UTF-16 with a BOM) as UTF-8."""
    return raw.decode("utf-16").encode("utf-8")


_SHELL_SAFE = re.compile(r"[^\s'\"\\$`!*?&;|<>(){}\[\]#~=%]+")


def shell_word(text: str) -> str:
    """``text`` as one word of a shell command: quoted only when it must be (Chinese needs no quotes)."""
    return text if _SHELL_SAFE.fullmatch(text) else shlex.quote(text)


def _refusal(kind: str, shown: str) -> UsageError:
    name = Path(shown).name
    if kind in UNREADABLE:
        what, target = UNREADABLE[kind]
        converted = Path(name).with_suffix("." + target).name
        if kind == "pdf":  # LibreOffice turns a PDF into loose text frames; poppler's layout text reads in order
            text = Path(name).with_suffix(".txt").name
            return UsageError(
                M_("{shown} is {what}, which taskplan cannot read", shown=shown, what=M_(what)),
                hint=M_("import the Word or Excel file it was made from, or extract its text: pdftotext -layout {value1} {value2}, then import {value2}", value1=shell_word(shown), value2=shell_word(text)),
            )
        return UsageError(
            M_("{shown} is {what}, which taskplan cannot read", shown=shown, what=M_(what)),
            hint=M_("convert it first: soffice --headless --convert-to {target} {value1}, then import {value2}", target=target, value1=shell_word(shown), value2=shell_word(converted)),
        )
    if kind == "zip":
        return UsageError(M_("{shown} is a ZIP archive but neither a Word (.docx) nor an Excel (.xlsx) file", shown=shown), hint=M_("import the .docx, .xlsx or .txt document itself"))
    if kind == "broken-zip":
        return UsageError(M_("{shown} looks like a Word or Excel file but is damaged (not a readable ZIP container)", shown=shown), hint=M_("open it in Word, WPS or LibreOffice and save it again"))
    return UsageError(M_("{shown} is a binary file, not a document taskplan reads", shown=shown), hint=M_("import a .txt (UTF-8), .docx or .xlsx document"))


def read_office(kind: str, raw: bytes, shown: str, *, sheet: str | None = None) -> list[tuple[str, str]]:
    """(text, where) pieces of a Word or Excel file; UsageError for everything else."""
    if kind == "docx":
        from taskplan.importer.docx_reader import read_docx

        try:
            return read_docx(raw)
        except Damaged as exc:
            raise _damaged(shown, "Word", exc) from None
    if kind == "xlsx":
        from taskplan.importer.xlsx_reader import read_xlsx

        try:
            return read_xlsx(raw, shown, sheet)
        except Damaged as exc:
            raise _damaged(shown, "Excel", exc) from None
    raise _refusal(kind, shown)


def _damaged(shown: str, program: str, exc: Exception) -> UsageError:
    reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return UsageError(M_("cannot read {shown} as a {program} file: {reason}", shown=shown, program=program, reason=reason), hint=M_("open it in {program}, WPS or LibreOffice and save it again as .{value1}", program=program, value1='docx' if program == 'Word' else 'xlsx'))

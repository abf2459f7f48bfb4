"""What the importer does with each kind of file: read text/.docx/.xlsx, refuse the rest with a way out.

The refused formats are made here from their real signatures (an OLE2 compound
file header, ``%PDF-``, ``{\\rtf``, an OpenDocument ZIP): the importer decides by
content, so that is all it sees of them.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from .office_builders import WordDoc
from taskplan.importer.formats import sniff

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def _ole(stream: str) -> bytes:
    return OLE2 + stream.encode("utf-16-le") + b"\x00" * 64


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


PLAN_TEXT = "某市某方案\n一、第一部分\n1.第一项任务。\n牵头单位:财政局\n"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("方案.doc", _ole("WordDocument"), "{p} is a Word 97-2003 document (.doc), which taskplan cannot read (convert it first: soffice --headless --convert-to docx {p}, then import 方案.docx)"),
        ("方案.wps", _ole("WordDocument"), "{p} is a WPS 文字 document (.wps), which taskplan cannot read (convert it first: soffice --headless --convert-to docx {p}, then import 方案.docx)"),
        ("台账.xls", _ole("Workbook"), "{p} is an Excel 97-2003 workbook (.xls), which taskplan cannot read (convert it first: soffice --headless --convert-to xlsx {p}, then import 台账.xlsx)"),
        ("台账.et", _ole("Workbook"), "{p} is a WPS 表格 workbook (.et), which taskplan cannot read (convert it first: soffice --headless --convert-to xlsx {p}, then import 台账.xlsx)"),
        # a Word 97 file named .txt: the content decides
        ("plan.txt", _ole("WordDocument"), "{p} is a Word 97-2003 document (.doc), which taskplan cannot read (convert it first: soffice --headless --convert-to docx {p}, then import plan.docx)"),
        (
            "方案.pdf",
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
            "{p} is a PDF file, which taskplan cannot read (import the Word or Excel file it was made from, or extract its text: "
            "pdftotext -layout {p} 方案.txt, then import 方案.txt)",
        ),
        ("方案.rtf", b"{\\rtf1\\ansi\\deff0 {\\fonttbl}}", "{p} is an RTF document, which taskplan cannot read (convert it first: soffice --headless --convert-to docx {p}, then import 方案.docx)"),
        (
            "方案.odt",
            _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}),
            "{p} is an OpenDocument text (.odt), which taskplan cannot read (convert it first: soffice --headless --convert-to docx {p}, then import 方案.docx)",
        ),
        ("photo.docx", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "{p} is a binary file, not a document taskplan reads (import a .txt (UTF-8), .docx or .xlsx document)"),
        ("archive.zip", _zip({"a.txt": b"x"}), "{p} is a ZIP archive but neither a Word (.docx) nor an Excel (.xlsx) file (import the .docx, .xlsx or .txt document itself)"),
        ("broken.docx", b"PK\x03\x04" + b"\x00" * 40, "{p} looks like a Word or Excel file but is damaged (not a readable ZIP container) (open it in Word, WPS or LibreOffice and save it again)"),
    ],
)
def test_unreadable_formats_are_refused_with_the_conversion(cli, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    r = cli("import", str(path), "--into", str(tmp_path / "out"))
    assert (r.code, r.out) == (2, "")
    assert r.err == f"taskplan: error: {message.format(p=path)}\n"
    assert not (tmp_path / "out").exists()  # nothing written, not even the directory


def test_a_path_with_spaces_is_quoted_in_the_command(cli, tmp_path):
    path = tmp_path / "my plan.doc"
    path.write_bytes(_ole("WordDocument"))
    r = cli("import", str(path), "--into", str(tmp_path / "out"))
    assert r.code == 2
    assert r.err.endswith(f"(convert it first: soffice --headless --convert-to docx '{path}', then import 'my plan.docx')\n")


def test_a_word_document_named_txt_is_read_as_word(cli, tmp_path):
    word = WordDoc()
    for line in PLAN_TEXT.splitlines():
        word.para(line)
    path = tmp_path / "plan.txt"
    path.write_bytes(word.to_bytes())
    r = cli("import", str(path), "--into", str(tmp_path / "out"))
    assert (r.code, r.err) == (0, "")
    assert "  tasks: 1 (0 measures)\n" in r.out


def test_notepad_unicode_text_is_read(cli, tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes(PLAN_TEXT.encode("utf-16"))  # UTF-16 with its BOM, as Notepad's "Unicode"
    r = cli("import", str(path), "--into", str(tmp_path / "out"))
    assert (r.code, r.err) == (0, "")
    assert (tmp_path / "out" / "tasks" / "001.yaml").read_text(encoding="utf-8").count("第一项任务") == 1


def test_sheet_is_only_for_workbooks(cli, tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(PLAN_TEXT, encoding="utf-8")
    r = cli("import", str(path), "--into", str(tmp_path / "out"), "--sheet", "台账")
    assert (r.code, r.out) == (2, "")
    assert r.err == f"taskplan: error: --sheet applies to an Excel workbook (.xlsx); {path} is not one\n"


def test_a_damaged_docx_is_refused_not_a_traceback(cli, tmp_path):
    path = tmp_path / "plan.docx"
    path.write_bytes(_zip({"word/document.xml": b"<not xml", "[Content_Types].xml": b"<Types/>"}))
    r = cli("import", str(path), "--into", str(tmp_path / "out"))
    assert (r.code, r.out) == (2, "")
    assert r.err.startswith(f"taskplan: error: cannot read {path} as a Word file: ")
    assert r.err.endswith("(open it in Word, WPS or LibreOffice and save it again as .docx)\n")
    assert r.err.count("\n") == 1


@pytest.mark.parametrize(
    ("content", "suffix", "kind"),
    [
        (b"\xef\xbb\xbf\xe4\xb8\x80", ".txt", "text"),
        ("一、".encode("gbk"), ".txt", "text"),  # still text: the UTF-8 check names the bad byte
        (OLE2, ".xls", "xls"),
        (OLE2, ".DOC", "doc"),
        (OLE2, "", "binary"),
        ("plan".encode("utf-16-le"), ".txt", "binary"),  # NUL bytes: not text
    ],
)
def test_sniff(content, suffix, kind):
    assert sniff(content, suffix) == kind

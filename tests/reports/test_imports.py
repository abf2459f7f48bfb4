"""Heavy libraries load only in the report command, and only the writer a format needs."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import io, sys, contextlib
from taskplan.cli.app import main
with contextlib.redirect_stdout(io.StringIO()):
    code = main(sys.argv[1:])
print(code, *sorted(m for m in ("jinja2", "xlsxwriter", "docx", "openpyxl") if m in sys.modules))
"""


def modules_after(*args: str) -> str:
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, "-C", str(ROOT), *args], capture_output=True, text=True, check=True,
        env={"TASKPLAN_NO_CACHE": "1", "PATH": "/usr/bin:/bin"},
    )
    return proc.stdout.strip()


def test_other_commands_do_not_import_report_libraries():
    assert modules_after("show", "1") == "0"
    assert modules_after("report", "--help") == "0"


def test_text_formats_import_jinja2_only(tmp_path):
    assert modules_after("report", "--format", "md") == "0 jinja2"
    assert modules_after("report", "matrix", "--format", "xlsx", "-o", str(tmp_path / "m.xlsx")) == "0 xlsxwriter"
    assert modules_after("report", "matrix", "--format", "docx", "-o", str(tmp_path / "m.docx")) == "0 docx"

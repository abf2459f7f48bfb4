"""The report formats, by name: ``taskplan report --format`` takes its choices from FORMATS.

Each entry names its renderer as "module:function" and imports it only when
used, so listing the formats (for --help) costs nothing: jinja2, XlsxWriter
and python-docx load only when a report of that format is rendered.

A renderer is ``render(fmt, kind, context, settings) -> str | bytes``.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable


@dataclass(frozen=True)
class RenderSettings:
    plan_root: Path | None = None  # its templates/ overrides the shipped templates by name
    template: Path | None = None  # --template FILE: render this file instead
    formula_guard: bool = True  # csv: cells starting with = + - @ written as text (output.tables.guard_cell)
    template_timeout: float = 10.0  # user templates: seconds of rendering (reports/sandbox.py)
    template_max_output: int = 20_000_000  # user templates: characters of output and of any value built
    paper: str = "A4"  # xlsx: the landscape paper the sheets print on (output/workbook.py PAPERS)


@dataclass(frozen=True)
class Format:
    binary: bool
    suffix: str
    renderer: str  # "module:function"
    help: str

    def load(self) -> Callable[[str, str, dict[str, Any], RenderSettings], str | bytes]:
        module, _, func = self.renderer.partition(":")
        return getattr(importlib.import_module(module), func)


FORMATS: dict[str, Format] = {
    "md": Format(False, ".md", "taskplan.reports.render:render_template", "Markdown"),
    "text": Format(False, ".txt", "taskplan.reports.render:render_template", "plain text in the document's own layout"),
    "csv": Format(False, ".csv", "taskplan.reports.render:render_template", "CSV, one row per task (or per unit and role)"),
    "html": Format(False, ".html", "taskplan.reports.render:render_template", "one self-contained, offline HTML page"),
    "xlsx": Format(True, ".xlsx", "taskplan.reports.xlsx:render", "Excel 台账 workbook"),
    "docx": Format(True, ".docx", "taskplan.reports.docx:render", "Word document in official style"),
}

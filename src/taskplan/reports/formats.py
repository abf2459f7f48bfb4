"""The report formats, by name: ``taskplan report --format`` takes its choices from FORMATS.

Each entry names its renderer as "module:function" and imports it only when
used, so listing the formats (for --help) costs nothing: jinja2, XlsxWriter
and python-docx load only when a report of that format is rendered.

A renderer is ``render(fmt, kind, context, settings) -> str | bytes``; a text format also names a
streamer, ``stream(fmt, kind, context, settings) -> Iterator[str]``: the same text in pieces, which
``report -o FILE`` writes as they come instead of holding the whole document.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Iterable
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
    streamer: str | None = None  # "module:function" giving the text in pieces (text formats)

    def load(self) -> Callable[[str, str, dict[str, Any], RenderSettings], str | bytes]:
        return _function(self.renderer)

    def load_stream(self) -> Callable[[str, str, dict[str, Any], RenderSettings], Iterable[str] | bytes]:
        """The streamer, or the renderer where there is none (a binary format: its bytes at once)."""
        return _function(self.streamer or self.renderer)


def _function(name: str) -> Any:
    module, _, func = name.partition(":")
    return getattr(importlib.import_module(module), func)


STREAM = "taskplan.reports.render:stream_template"
FORMATS: dict[str, Format] = {
    "md": Format(False, ".md", "taskplan.reports.render:render_template", "Markdown", STREAM),
    "text": Format(False, ".txt", "taskplan.reports.render:render_template", "plain text in the document's own layout", STREAM),
    "csv": Format(False, ".csv", "taskplan.reports.render:render_template", "CSV, one row per task (or per unit and role)", STREAM),
    "html": Format(False, ".html", "taskplan.reports.render:render_template", "one self-contained, offline HTML page", STREAM),
    "xlsx": Format(True, ".xlsx", "taskplan.reports.xlsx:render", "Excel 台账 workbook"),
    "docx": Format(True, ".docx", "taskplan.reports.docx:render", "Word document in official style"),
}

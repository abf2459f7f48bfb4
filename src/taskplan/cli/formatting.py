"""The --format/--excel options every query command shares, and printing a View."""
from __future__ import annotations

import enum
import gc
import sys
from typing import Optional

import typer

from taskplan.i18n import M_, N_
from taskplan.cli import display
from taskplan.cli.common import formula_guard, load
from taskplan.errors import UsageError
from taskplan.escape import visible
from taskplan.output.formats import FORMATS, FormatOptions, View, render
from taskplan.index.roles import PlanIndex

# --format choices are the keys of output.FORMATS: a new formatter is a new choice everywhere.
FormatName = enum.StrEnum("FormatName", {name: name for name in FORMATS})

FORMAT_HELP = N_(
    "Output format. table (default): a rich table on a terminal, a plain aligned text table otherwise; "
    "json: the documented envelope (docs/json.md); csv: UTF-8 (see --excel); md: a Markdown table; ids: one id per line."
)


# formats a person reads on a terminal: control characters in user text are shown as escapes;
# json and csv are data and keep every character (json escapes controls itself)
TEXT_FORMATS = ("table", "md", "ids")


def format_option() -> Optional[FormatName]:
    return typer.Option(None, "--format", "-f", help=FORMAT_HELP, case_sensitive=False)


def excel_option() -> bool:
    return typer.Option(False, "--excel", help="csv for Excel: start with a UTF-8 byte order mark (implies --format csv).")


def load_index(ctx: typer.Context) -> PlanIndex:
    """Load the plan for a read-only query command.

    The collector stays off for the rest of this short-lived process: it
    would only re-traverse the tens of thousands of objects a large plan
    loads, and a query leaves no cyclic garbage worth collecting.
    """
    if gc.isenabled():
        gc.disable()
        ctx.call_on_close(gc.enable)  # in-process callers (tests) get their collector back
    index = PlanIndex.of(load(ctx))
    gc.freeze()  # and the collection at interpreter exit skips them (~10% of a warm 10k-task list)
    return index


def emit(view: View, fmt: Optional[FormatName], excel: bool = False, ctx: typer.Context | None = None) -> None:
    """Render ``view`` in the chosen format and write it to stdout."""
    name = fmt.value if fmt is not None else ("csv" if excel else "table")
    if excel and name != "csv":
        raise UsageError(M_("--excel applies to csv only, not --format {name}", name=name))
    terminal = name == "table" and sys.stdout.isatty()
    table = name == "table"  # the machine formats (json, csv, ids) are never wrapped nor coloured
    options = FormatOptions(terminal=terminal, width=display.width() if table else None, excel=excel, formula_guard=formula_guard(ctx),
                            paint=display.painter() if table else None)
    text = render(view, name, options)
    if name in TEXT_FORMATS:  # cells are escaped by the table writers; titles and footers here
        text = display.visible_but_colours(text) if options.paint else visible(text)
    sys.stdout.write(text)
    sys.stdout.flush()

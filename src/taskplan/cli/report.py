"""taskplan report [KIND]: the plan, 责任清单, matrix, 督办通报 or stats as md/text/csv/html/xlsx/docx.

Thin: parse options, then hand over to taskplan.reports.run (imported
inside the command, so other commands never pay for jinja2 or the office
writers), and say what was written.
"""
from __future__ import annotations

import enum
from pathlib import Path
from typing import Optional

import typer

from taskplan.escape import visible
from taskplan.i18n import _
from taskplan.cli.common import load
from taskplan.cli.dates import as_of_option, parse_day
from taskplan.reports.formats import FORMATS
from taskplan.reports.kinds import REPORT_CHOICES, kinds_help
from taskplan.output.workbook import PAPERS


# forms is not a context kind: it writes one 填报表 per unit into a directory (taskplan.forms)
Kind = enum.Enum("Kind", {name: name for name in REPORT_CHOICES}, type=str)
FormatName = enum.Enum("FormatName", {name: name for name in FORMATS}, type=str)
Paper = enum.Enum("Paper", {name: name for name in PAPERS}, type=str)


def run(ctx: typer.Context, kind: str, fmt: str, output: Optional[Path], unit: Optional[str], section: Optional[str],
        template: Optional[Path], by_unit: bool, excel: bool, as_of: Optional[str], issue: Optional[int], paper: str = "A4") -> None:
    """report: where it goes (refused before any work), the document(s) (library: reports/run.py), what was written."""
    from taskplan.reports.run import (PER_UNIT, Skipped, check_not_in_records, report_document, report_target, write_document,
                                      write_reminders, write_unit_forms)

    target = report_target(kind, fmt, output, template=template, by_unit=by_unit, excel=excel, paper=paper)
    loaded = load(ctx)
    check_not_in_records(loaded, output, target)
    day = parse_day(as_of)
    if kind == "forms":
        for path in write_unit_forms(loaded, output, day, unit):
            typer.echo(_("wrote {path}").format(path=path), err=True)
        return
    if target == PER_UNIT:  # reminders into a directory: one file per unit, named by the unit
        written = write_reminders(loaded, fmt, output, day, unit)
        if not written:
            typer.echo(_("no unit has overdue or soon-due tasks as of {day}").format(day=day), err=True)
        for item in written:
            if isinstance(item, Skipped):
                typer.echo(_("taskplan: warning: no 催办单 file for the tasks under {no_lead}; write their 牵头单位 "
                             "(see 'taskplan check', TP208) or render one document with -o FILE").format(no_lead=item.unit), err=True)
            else:
                typer.echo(_("wrote {path}").format(path=item), err=True)
        return
    options = dict(as_of=day, unit=unit, section=section, template=template, by_unit=by_unit,
                   formula_guard=ctx.find_root().obj.formula_guard, issue=issue, paper=paper, excel=excel)
    if output is not None:
        write_document(loaded, kind, fmt, output, **options)
        typer.echo(_("wrote {path}").format(path=output), err=True)
        return
    data = report_document(loaded, kind, fmt, **options)
    import sys

    bom = "\ufeff" if excel else ""  # --excel (csv only) starts the text with the BOM
    # on a terminal, control characters in titles are shown as escapes (the BOM asked for stays one);
    # a pipe gets the document as is
    typer.echo(bom + visible(data[len(bom):]) if sys.stdout.isatty() else data, nl=False)


def register(app: typer.Typer) -> None:
    @app.command()
    def report(
        ctx: typer.Context,
        kind: Kind = typer.Argument(
            "plan",
            help=kinds_help(),  # from reports/kinds.py, the one list of kinds, in the user's language
        ),
        fmt: FormatName = typer.Option("md", "--format", "-f", help="Output format; xlsx and docx need -o."),
        output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to FILE (default: stdout for text formats); reminders and forms: -o DIR, one file per unit."),
        unit: Optional[str] = typer.Option(None, "--unit", "-u", help="Only the tasks of this unit or group (any spelling)."),
        section: Optional[str] = typer.Option(None, "--section", "-s", help="Only this section: number, 一二三…, or title."),
        template: Optional[Path] = typer.Option(
            None, "--template", "-t", help="Render this Jinja2 template file (sandboxed) instead of the shipped one."
        ),
        by_unit: bool = typer.Option(False, "--by-unit", help="xlsx: one sheet per unit."),
        excel: bool = typer.Option(False, "--excel", help="csv: start with the UTF-8 BOM Excel needs to read Chinese text."),
        as_of: Optional[str] = as_of_option("Date the states are computed for (YYYY-MM-DD; default today)."),
        issue: Optional[int] = typer.Option(None, "--issue", min=1, metavar="N", help="bulletin: the issue number (第N期) in the letterhead."),
        paper: Paper = typer.Option("A4", "--paper", help="xlsx: print on this paper, landscape, at 100 % (A4 or A3)."),
    ) -> None:
        """Render a report of the plan. See docs/reports.md for kinds, formats and templates."""
        run(ctx, kind.value, fmt.value, output, unit, section, template, by_unit, excel, as_of, issue, paper.value)

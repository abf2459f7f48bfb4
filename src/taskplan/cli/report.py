"""taskplan report [KIND]: the plan, 责任清单, matrix, 督办通报 or stats as md/text/csv/html/xlsx/docx.

Thin: parse options, load, then hand over to taskplan.reports (imported
here, inside the command, so other commands never pay for jinja2 or the
office writers).
"""
from __future__ import annotations

import enum
from pathlib import Path
from typing import Optional

import typer

from taskplan.escape import visible

from taskplan.i18n import M_
from taskplan.cli.common import load
from taskplan.cli.dates import as_of_option, parse_day
from taskplan.errors import UsageError
from taskplan.reports.formats import FORMATS
from taskplan.reports.kinds import KIND_NAMES, ONLY_FORMATS
from taskplan.reports.xlsx import PAPERS


# forms is not a context kind: it writes one 填报表 per unit into a directory (taskplan.forms)
Kind = enum.Enum("Kind", {name: name for name in (*KIND_NAMES, "forms")}, type=str)
FormatName = enum.Enum("FormatName", {name: name for name in FORMATS}, type=str)
Paper = enum.Enum("Paper", {name: name for name in PAPERS}, type=str)


def register(app: typer.Typer) -> None:
    @app.command()
    def report(
        ctx: typer.Context,
        kind: Kind = typer.Argument(
            "plan",
            help="plan (the document's layout), units (责任清单 per unit), matrix (units × sections), "
            "bulletin (督办通报 as of --as-of), stats (the figures of `taskplan stats`), "
            "reminders (催办单 to each lead unit with overdue tasks or tasks due within warn-days as of --as-of, "
            "with a reply-by date and a 回执; -f docx|md|html; -o DIR writes one file per unit, named by the unit), "
            "forms (one 填报表 per unit to fill in and return; -f xlsx -o DIR; read back with `taskplan collect`).",
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
        from taskplan.reports.build import render_report

        if kind.value == "forms":
            _forms(ctx, fmt.value, output, unit, as_of)
            return
        if kind.value == "reminders":
            _reminders(ctx, fmt.value, output, unit, as_of)
            return
        chosen = FORMATS[fmt.value]
        if chosen.binary and output is None:
            raise UsageError(M_("--format {fmt_value} writes a binary file", fmt_value=fmt.value), hint=M_("give an output file, e.g. -o report{chosen_suffix}", chosen_suffix=chosen.suffix))
        if by_unit and fmt.value != "xlsx":
            raise UsageError(M_("--by-unit applies to --format xlsx (one sheet per unit)"), hint=M_("for the other formats use the units kind: taskplan report units"))
        if paper.value != "A4" and fmt.value != "xlsx":
            raise UsageError(M_("--paper applies to --format xlsx (the 台账's paper size)"))
        if excel and fmt.value != "csv":
            raise UsageError(M_("--excel applies to --format csv (it adds the BOM Excel needs)"))
        if template is not None and chosen.binary:
            raise UsageError(M_("--template renders text formats only, not {fmt_value}", fmt_value=fmt.value))
        if output is not None and output.is_dir():
            raise UsageError(M_("-o \"{output}\" is a directory", output=output), hint=M_("name a file, e.g. {value1}", value1=output / ('report' + chosen.suffix)))
        if output is not None:
            from taskplan.store.write import check_output

            check_output(output, "-o")  # before the work: -o plan.yaml/r.md is refused at once
        if template is not None and not template.is_file():
            raise UsageError(M_("template file \"{template}\" not found", template=template))
        loaded = load(ctx)
        if output is not None:
            from taskplan.store.write import check_not_a_record

            check_not_a_record(output, loaded.root, "-o")
        data = render_report(
            loaded, kind.value, fmt.value, as_of=parse_day(as_of), unit=unit, section=section, template=template, by_unit=by_unit,
            formula_guard=ctx.find_root().obj.formula_guard,
            issue=issue, paper=paper.value,
        )
        bom = "\ufeff" if excel else ""  # --excel is csv only: data is text then
        if bom:
            data = bom + data
        if output is None:
            import sys

            # on a terminal, control characters in titles are shown as escapes (the BOM asked for stays one);
            # a pipe gets the document as is
            typer.echo(bom + visible(data[len(bom):]) if sys.stdout.isatty() else data, nl=False)
            return
        from taskplan.store.write import write_output

        write_output(output, data, "-o")
        typer.echo(f"wrote {output}", err=True)


REMINDER_FORMATS = ONLY_FORMATS["reminders"]


def _reminders(ctx: typer.Context, fmt: str, output: Optional[Path], unit: Optional[str], as_of: Optional[str]) -> None:
    """催办单: one document for all units (-o FILE or stdout), or with -o DIR one file per unit, named by the unit."""
    from taskplan.progress.summary import NO_LEAD
    from taskplan.reports.build import render_report, reminder_units
    from taskplan.store.write import atomic_write, check_folder, check_not_a_record, check_output, write_output

    if fmt not in REMINDER_FORMATS:
        raise UsageError(M_("report reminders writes {formats}, not {fmt}", formats=", ".join(REMINDER_FORMATS), fmt=fmt))
    per_unit = output is not None and (output.is_dir() or not output.suffix)
    if FORMATS[fmt].binary and output is None:
        raise UsageError(M_("--format {fmt_value} writes a binary file", fmt_value=fmt), hint=M_("give -o DIR (one file per unit) or -o FILE"))
    if output is not None:  # before the work: -o plan.yaml/r is refused at once
        (check_folder if per_unit else check_output)(output, "-o")
    loaded = load(ctx)
    day = parse_day(as_of)
    if not per_unit:
        if output is not None:
            check_not_a_record(output, loaded.root, "-o")
        data = render_report(loaded, "reminders", fmt, as_of=day, unit=unit)
        if output is None:
            typer.echo(data, nl=False)
            return
        write_output(output, data, "-o")
        typer.echo(f"wrote {output}", err=True)
        return
    output.mkdir(parents=True, exist_ok=True)
    units = reminder_units(loaded, day, unit)
    if not units:
        typer.echo(f"no unit has overdue or soon-due tasks as of {day}", err=True)
    for name, filename in units:
        if name == NO_LEAD:  # no unit to send it to: say so rather than drop those tasks silently
            typer.echo(f"taskplan: warning: no 催办单 file for the tasks under {NO_LEAD}; "
                       "write their 牵头单位 (see 'taskplan check', TP208) or render one document with -o FILE", err=True)
            continue
        path = output / (filename + FORMATS[fmt].suffix)
        atomic_write(path, render_report(loaded, "reminders", fmt, as_of=day, unit=name))
        typer.echo(f"wrote {path}", err=True)


def _forms(ctx: typer.Context, fmt: str, output: Optional[Path], unit: Optional[str], as_of: Optional[str]) -> None:
    from taskplan.forms.build import plan_forms
    from taskplan.forms.write import write_forms

    if fmt != "xlsx":
        raise UsageError(M_("report forms writes Excel workbooks"), hint=M_("pass -f xlsx -o DIR"))
    if output is None or (output.exists() and not output.is_dir()):
        raise UsageError(M_("report forms writes one workbook per unit into a directory"), hint=M_("pass -o DIR"))
    from taskplan.store.write import check_folder

    check_folder(output, "-o")  # under a file: -o plan.yaml/forms
    loaded = load(ctx)
    for path in write_forms(plan_forms(loaded, parse_day(as_of), unit), output):
        typer.echo(f"wrote {path}", err=True)

"""What ``taskplan report`` decides, tested without the CLI: which kind/format/option combinations
it accepts, where the output goes (stdout, one file, one file per unit), and the document itself.

The CLI parses the options, calls ``report_target`` (refusals before any work), then one of
``report_document`` / ``write_reminders`` / ``write_unit_forms``, and prints what was written.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from taskplan.errors import UsageError
from taskplan.i18n import M_
from taskplan.reports.formats import FORMATS
from taskplan.reports.kinds import ONLY_FORMATS
from taskplan.store.load import LoadedPlan

REMINDER_FORMATS = ONLY_FORMATS["reminders"]

STDOUT, FILE, PER_UNIT = "stdout", "file", "per-unit"


@dataclass(frozen=True)
class Skipped:
    """A 催办单 not written: its tasks have no lead unit to send it to (NO_LEAD)."""

    unit: str


def report_target(kind: str, fmt: str, output: Path | None, *, template: Path | None = None,
                  by_unit: bool = False, excel: bool = False, paper: str = "A4") -> str:
    """Where ``report KIND -f FMT -o OUTPUT`` writes: STDOUT, FILE or PER_UNIT (a directory, one file per unit).

    Every combination that cannot work is refused here, before the plan is read.
    """
    if kind == "forms":
        if fmt != "xlsx":
            raise UsageError(M_("report forms writes Excel workbooks"), hint=M_("pass -f xlsx -o DIR"))
        if output is None or (output.exists() and not output.is_dir()):
            raise UsageError(M_("report forms writes one workbook per unit into a directory"), hint=M_("pass -o DIR"))
        from taskplan.store.write import check_folder

        check_folder(output, "-o")  # under a file: -o plan.yaml/forms
        return PER_UNIT
    if kind == "reminders":
        if fmt not in REMINDER_FORMATS:
            raise UsageError(M_("report reminders writes {formats}, not {fmt}", formats=", ".join(REMINDER_FORMATS), fmt=fmt))
        per_unit = output is not None and (output.is_dir() or not output.suffix)
        if FORMATS[fmt].binary and output is None:
            raise UsageError(M_("--format {fmt_value} writes a binary file", fmt_value=fmt), hint=M_("give -o DIR (one file per unit) or -o FILE"))
        if output is None:
            return STDOUT
        from taskplan.store.write import check_folder, check_output

        (check_folder if per_unit else check_output)(output, "-o")  # before the work: -o plan.yaml/r is refused at once
        return PER_UNIT if per_unit else FILE
    chosen = FORMATS[fmt]
    if chosen.binary and output is None:
        raise UsageError(M_("--format {fmt_value} writes a binary file", fmt_value=fmt), hint=M_("give an output file, e.g. -o report{chosen_suffix}", chosen_suffix=chosen.suffix))
    if by_unit and fmt != "xlsx":
        raise UsageError(M_("--by-unit applies to --format xlsx (one sheet per unit)"), hint=M_("for the other formats use the units kind: taskplan report units"))
    if paper != "A4" and fmt != "xlsx":
        raise UsageError(M_("--paper applies to --format xlsx (the 台账's paper size)"))
    if excel and fmt != "csv":
        raise UsageError(M_("--excel applies to --format csv (it adds the BOM Excel needs)"))
    if template is not None and chosen.binary:
        raise UsageError(M_("--template renders text formats only, not {fmt_value}", fmt_value=fmt))
    if output is not None and output.is_dir():
        raise UsageError(M_("-o \"{output}\" is a directory", output=output), hint=M_("name a file, e.g. {value1}", value1=output / ('report' + chosen.suffix)))
    if output is not None:
        from taskplan.store.write import check_output

        check_output(output, "-o")  # before the work: -o plan.yaml/r.md is refused at once
    if template is not None and not template.is_file():
        raise UsageError(M_("template file \"{template}\" not found", template=template))
    return STDOUT if output is None else FILE


def check_not_in_records(loaded: LoadedPlan, output: Path | None, target: str) -> None:
    """A report file must not replace one of the plan's records (-o tasks/001.yaml): told once the plan is read."""
    if output is not None and target == FILE:
        from taskplan.store.write import check_not_a_record

        check_not_a_record(output, loaded.root, "-o")


def report_document(loaded: LoadedPlan, kind: str, fmt: str, *, as_of: dt.date, unit: str | None = None,
                    section: str | None = None, template: Path | None = None, by_unit: bool = False,
                    formula_guard: bool = True, issue: int | None = None, paper: str = "A4", excel: bool = False) -> str | bytes:
    """The report as one document; ``excel``: a csv starting with the UTF-8 BOM Excel needs."""
    from taskplan.reports.build import render_report

    if kind == "reminders":  # one document for every unit (or ``unit``): no section, template or letterhead issue
        return render_report(loaded, "reminders", fmt, as_of=as_of, unit=unit)
    data = render_report(loaded, kind, fmt, as_of=as_of, unit=unit, section=section, template=template, by_unit=by_unit,
                         formula_guard=formula_guard, issue=issue, paper=paper)
    return "\ufeff" + data if excel else data


def write_document(loaded: LoadedPlan, kind: str, fmt: str, output: Path, *, as_of: dt.date, unit: str | None = None,
                   section: str | None = None, template: Path | None = None, by_unit: bool = False,
                   formula_guard: bool = True, issue: int | None = None, paper: str = "A4", excel: bool = False) -> None:
    """``report_document`` written to ``output`` (atomically): a text format as it is rendered, never whole in memory."""
    from itertools import chain

    from taskplan.reports.build import render_report
    from taskplan.store.write import write_output

    if kind == "reminders":
        data = render_report(loaded, "reminders", fmt, as_of=as_of, unit=unit, stream=True)
    else:
        data = render_report(loaded, kind, fmt, as_of=as_of, unit=unit, section=section, template=template, by_unit=by_unit,
                             formula_guard=formula_guard, issue=issue, paper=paper, stream=True)
    if excel and not isinstance(data, bytes):
        data = chain(["\ufeff"], data)
    write_output(output, data, "-o")


def write_reminders(loaded: LoadedPlan, fmt: str, directory: Path, as_of: dt.date, unit: str | None = None) -> list[Path | Skipped]:
    """One 催办单 per unit with overdue or soon-due tasks into ``directory``, named by the unit.

    In unit order: the path written, or Skipped for the tasks without a lead unit
    (no unit to send them to: said, never dropped silently).  Empty when no unit has any.
    """
    from taskplan.progress.summary import NO_LEAD
    from taskplan.reports.build import render_report, reminder_units
    from taskplan.store.write import atomic_write

    directory.mkdir(parents=True, exist_ok=True)
    out: list[Path | Skipped] = []
    for name, filename in reminder_units(loaded, as_of, unit):
        if name == NO_LEAD:
            out.append(Skipped(name))
            continue
        path = directory / (filename + FORMATS[fmt].suffix)
        atomic_write(path, render_report(loaded, "reminders", fmt, as_of=as_of, unit=name))
        out.append(path)
    return out


def write_unit_forms(loaded: LoadedPlan, directory: Path, as_of: dt.date, unit: str | None = None) -> list[Path]:
    """One 填报表 workbook per unit (or only ``unit``'s) into ``directory``; the paths written."""
    from taskplan.forms.build import plan_forms
    from taskplan.forms.write import write_forms

    return write_forms(plan_forms(loaded, as_of, unit), directory)

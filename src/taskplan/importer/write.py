"""Write the records of an imported document into a plan directory.

* Refuses to overwrite plan.yaml or tasks/*.yaml unless ``force``.
* A units.yaml already in the directory is the curated registry: it is read
  (to recognise units), never rewritten; names it does not know are appended
  as kind 未分类 through the round-trip writer, so comments and order survive.
* Task files left over from an earlier import (ids the document no longer
  has) are removed with ``force`` and listed in the summary.
"""
from __future__ import annotations

import gc
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from pathlib import Path

from taskplan.i18n import M_, _, names_list, translate
from taskplan.errors import DataError, UsageError
from taskplan.findings import Finding
from taskplan.importer.classify import UNCLASSIFIED
from taskplan.importer.classify import UnitBook
from taskplan.importer.document import ParsedDocument, parse_document
from taskplan.importer.taskfiles import TaskFiles
from taskplan.records.dump import plan_text, registry_text, task_text
from taskplan.importer.lines import Line
from taskplan.importer.source import read_document
from taskplan.importer.structure import Unused
from taskplan.model.records import Registry, Task
from taskplan.store.discover import PLAN_FILE, TASKS_DIR, UNITS_FILE, file_id, task_file_name
from taskplan.store.write import atomic_write, check_folder, update_file

if TYPE_CHECKING:  # pragma: no cover
    from taskplan.records.scaffold import Source

@dataclass
class ImportSummary:
    source: str
    into: Path
    sections: int
    subsections: int
    tasks: int
    measures: int
    units: list[str]  # distinct names the tasks use, document order
    unclassified: list[str]  # names written with kind 未分类
    added: list[str]  # names added to units.yaml
    registry_kept: bool  # an existing units.yaml was kept
    removed: list[str] = field(default_factory=list)  # stale task files removed
    ignored_lines: list[int] = field(default_factory=list)  # front-matter lines no rule claimed
    not_units: list[str] = field(default_factory=list)  # "X:" labels in measures that name no unit
    unused: list[Unused] = field(default_factory=list)  # lines (or parts) that went into no record
    no_lead: list[int] = field(default_factory=list)  # ids of tasks written with lead: []
    no_unit: list[int] = field(default_factory=list)  # ids of tasks that name no unit at all
    warnings: list[Finding] = field(default_factory=list)  # one per task without lead, with its place
    readings: list[tuple[Line, str]] = field(default_factory=list)  # how every line was read (dry run, or when asked)
    dry_run: bool = False
    scaffolded: list[str] = field(default_factory=list)  # repository files written around a new plan
    ci_source: "Source | None" = None  # the taskplan its CI installs (None: a placeholder was written)

    @property
    def complete(self) -> bool:
        """Everything placed: exit 0.  Otherwise the records are written and the CLI exits 1."""
        return not self.no_unit and not any(u.task_like for u in self.unused)

    def unused_lines(self) -> list[str]:
        """The unused-lines report: ``place: reason: text``, one per line or part of a line."""
        task_text, line = _(" [task text?]"), _("  {place}: {reason}: {text}")
        return [line.format(place=u.line.place(self.source), reason=translate(u.reason) + (task_text if u.task_like else ""),
                            text=u.text) for u in self.unused]

    def reading_lines(self) -> list[str]:
        """``--dry-run``: how each non-blank line was read."""
        return [f"{line.place(self.source)}\t{translate(reading)}\t{line.text}" for line, reading in self.readings]

    def lines(self) -> list[str]:
        """The summary as the CLI prints it."""
        from taskplan.i18n import _

        out = [
            (_("would import {source} into {into}") if self.dry_run else _("imported {source} into {into}")).format(source=self.source, into=self.into),
            "  " + _("sections: {n}").format(n=self.sections)
            + (_(" ({n} sub-sections)").format(n=self.subsections) if self.subsections else ""),
            "  " + _("tasks: {n} ({measures} measures)").format(n=self.tasks, measures=self.measures),
            "  " + _("units named: {n}").format(n=len(self.units)),
        ]
        if self.registry_kept:
            out.append("  " + _("units.yaml: kept the existing registry; added {n} new name(s)").format(n=len(self.added)))
        else:
            out.append("  " + _("units.yaml: written with {n} unit(s)").format(n=len(self.added)))
        if self.unclassified:
            out.append("  " + _("not classified (kind {kind}, edit units.yaml): {names}").format(kind=UNCLASSIFIED, names="、".join(self.unclassified)))
        else:
            out.append("  " + _("not classified: none"))
        if self.not_units:
            out.append("  " + _("labels kept in the measure text (not units): {names}").format(names="、".join(self.not_units)))
        if self.removed:
            out.append("  " + _("removed stale task files: {files}").format(files=translate(names_list(self.removed))))
        if self.scaffolded:
            from taskplan.records.scaffold import scaffold_lines

            out += scaffold_lines(self.scaffolded, self.ci_source)
        if self.no_lead:
            out.append("  " + _("tasks without lead (written with lead: []): {ids}").format(ids=translate(names_list([str(i) for i in self.no_lead]))))
        if self.unused:
            out.append("  " + _("unused lines: {n}").format(n=len(self.unused)))
            out += self.unused_lines()
        else:
            out.append("  " + _("unused lines: none"))
        if self.complete:
            out.append("  " + _("every line was placed"))
        else:
            why = []
            if any(u.task_like for u in self.unused):
                why.append(_("text that looks like task content was left unused (marked [task text?])"))
            if self.no_unit:
                why.append(_("task(s) {ids} name no unit").format(ids=translate(names_list([str(i) for i in self.no_unit]))))
            if self.dry_run:
                out.append("  " + _("incomplete: {why}; the records were not written, fix the document or the records").format(why=_("; ").join(why)))
            else:
                out.append("  " + _("incomplete: {why}; the records were written, fix the document or the records").format(why=_("; ").join(why)))
        return out


def _existing_registry(into: Path) -> Registry | None:
    from taskplan.store.yamlio import ParseProblem, parse

    path = into / UNITS_FILE
    if not path.exists():
        return None
    try:
        data, _warnings = parse(path.read_bytes(), UNITS_FILE)
    except ParseProblem as problem:
        raise DataError([problem.finding]) from None
    from pydantic import ValidationError

    from taskplan.store.load import schema_findings

    try:
        return Registry.model_validate(data)
    except ValidationError as exc:
        raise DataError(schema_findings(UNITS_FILE, path.read_text(encoding="utf-8"), exc)) from None


def _refuse_overwrite(into: Path) -> None:
    existing = []
    if (into / PLAN_FILE).exists():
        existing.append(PLAN_FILE)
    tasks_dir = into / TASKS_DIR
    if tasks_dir.is_dir() and any(file_id(p.name) is not None for p in tasks_dir.iterdir()):
        existing.append(f"{TASKS_DIR}/")
    if existing:
        raise UsageError(
            M_("{into} already holds records ({value1}); refusing to overwrite them", into=into, value1=', '.join(existing)),
            hint=M_("pass --force to replace them; units.yaml is kept and only extended"),
        )


def import_document(
    source: Path,
    into: Path,
    *,
    force: bool = False,
    display: str | None = None,
    dry_run: bool = False,
    sheet: str | None = None,
    ci_source: "Source | None" = None,
    readings: bool | None = None,
) -> ImportSummary:
    """Import ``source`` (text, .docx or .xlsx; ``sheet`` of a workbook) into the plan directory ``into``.

    ``dry_run``: read and report, write nothing (the summary's ``readings``
    tell how each line was read).  ``readings``: keep those readings (default: only for a dry
    run, the one output that prints them; the summary's counts do not need them).
    """
    shown = display or str(source)
    lines = read_document(Path(source), shown, sheet=sheet)
    return import_lines(lines, shown, Path(into), force=force, dry_run=dry_run, ci_source=ci_source, readings=readings)


def import_lines(
    lines: list[Line],
    shown: str,
    into: Path,
    *,
    force: bool = False,
    dry_run: bool = False,
    ci_source: "Source | None" = None,
    readings: bool | None = None,
) -> ImportSummary:
    """The same for lines read from any source (text, Word, Excel).

    Into a directory that holds no plan yet, the rest of a plan repository is
    written too (records/scaffold.py): schemas, CI, pre-commit, README;
    ``ci_source`` is the taskplan its CI installs.
    """
    into = Path(into)
    new_plan = not (into / PLAN_FILE).exists()
    if into.exists() and not into.is_dir():
        raise UsageError(M_("{into} is not a directory", into=into))
    check_folder(into, "--into")  # under a file: --into units.yaml/x
    if not force and not dry_run and into.exists():
        _refuse_overwrite(into)
    curated = _existing_registry(into) if into.exists() else None
    # a document is read into many small objects that all live to the end: the cyclic
    # collector would only rescan them (about a tenth of a 10,000-task import)
    gc_was_on = gc.isenabled()
    gc.disable()
    try:
        return _import(
            lines, shown, into, curated, force=force, dry_run=dry_run, new_plan=new_plan, ci_source=ci_source,
            readings=dry_run if readings is None else readings,
        )
    finally:
        if gc_was_on:
            gc.enable()


def _import(
    lines: list[Line],
    shown: str,
    into: Path,
    curated: Registry | None,
    *,
    force: bool,
    dry_run: bool,
    new_plan: bool = False,
    ci_source: "Source | None" = None,
    readings: bool = False,
) -> ImportSummary:
    if dry_run:
        parsed, book = parse_document(lines, shown, curated, readings=readings, sink=_count_only)
        return _summary(parsed, book, shown, into, curated, dry_run=True)[0]

    # each task's file is written as soon as its record is complete, under a temporary name, and
    # put in place only once the whole document has been read (importer/taskfiles.py): a document
    # refused at its end leaves the directory as it was, directories made for it included
    made = _make_dirs(into / TASKS_DIR)
    try:
        with TaskFiles(into / TASKS_DIR, background=len(lines) >= BACKGROUND_MIN_LINES) as files:
            parsed, book = parse_document(
                lines, shown, curated, readings=readings, sink=lambda task: files.add(task_file_name(task.id), task_text(task)),
            )
            summary, registry = _summary(parsed, book, shown, into, curated, dry_run=False)
            files.commit()
    except BaseException:
        for directory in reversed(made):
            try:
                directory.rmdir()
            except OSError:  # no longer empty (another writer's file): left as it is
                pass
        raise
    removed = files.removed
    if files.written or removed:
        os.sync()
    _write_if_changed(into / PLAN_FILE, plan_text(parsed.plan))
    if curated is None:
        _write_if_changed(into / UNITS_FILE, registry_text(registry))
    elif summary.added:
        _append_units(into / UNITS_FILE, summary.added)

    summary.removed = [f"{TASKS_DIR}/{name}" for name in removed]
    if new_plan:
        from taskplan.records.scaffold import scaffold

        # the plan and the registry just written (units.yaml: the curated one with the names
        # added), not read back: reading 10,000 task files again for two schemas doubled an import
        summary.scaffolded = scaffold(into, parsed.plan, registry, ci_source)
        summary.ci_source = ci_source
    return summary


# from this many lines (about 1,500 tasks) the task files are written by a forked process while this
# one reads on (importer/taskfiles.py); below, a fork costs more than it saves
BACKGROUND_MIN_LINES = 5000


def _count_only(task: Task) -> None:
    """The sink of a dry run: the summary counts the tasks (``ParsedDocument.count``), nothing keeps them."""


def _make_dirs(directory: Path) -> list[Path]:
    """``mkdir -p directory``; the directories it made, outermost first."""
    missing = []
    while not directory.exists():
        missing.append(directory)
        directory = directory.parent
    made = []
    for directory in reversed(missing):
        directory.mkdir(exist_ok=True)
        made.append(directory)
    return made


def _summary(
    parsed: ParsedDocument, book: UnitBook, shown: str, into: Path, curated: Registry | None, *, dry_run: bool
) -> tuple[ImportSummary, Registry]:
    """The summary of a document read (``removed`` and ``scaffolded`` are filled after writing) and its registry."""
    registry, added, unclassified = book.build()
    summary = ImportSummary(
        source=shown,
        into=into,
        sections=len(parsed.plan.sections),
        subsections=sum(len(s.sections) for s in parsed.plan.sections),
        tasks=parsed.count,
        measures=parsed.measures,
        units=list(book.used),
        unclassified=unclassified,
        added=added,
        registry_kept=curated is not None,
        ignored_lines=[line.number for line in parsed.front.ignored],
        not_units=list(book.not_units),
        unused=parsed.unused,
        no_lead=parsed.no_lead,
        no_unit=parsed.no_unit,
        warnings=parsed.findings,
        readings=parsed.readings,
        dry_run=dry_run,
    )
    return summary, registry


def _write_if_changed(path: Path, text: str) -> bool:
    """Leave an identical file alone (its mtime too: the load cache stays warm); say whether it was written."""
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except (FileNotFoundError, UnicodeDecodeError):
        pass
    atomic_write(path, text)
    return True


def _append_units(path: Path, names: list[str]) -> None:
    """Append new names to a curated units.yaml, round trip (comments and layout kept)."""
    from ruamel.yaml.comments import CommentedMap

    from taskplan.store.codes import CODE_BAD_VALUE, SEVERITIES
    from taskplan.store.write import flow_list

    def mutate(doc: object) -> None:
        if doc is None or not isinstance(doc, dict):
            raise DataError([Finding(UNITS_FILE, 1, 1, CODE_BAD_VALUE, SEVERITIES[CODE_BAD_VALUE], M_("units.yaml is not a mapping with units: and groups:"))])
        if doc.get("units") is None:
            doc["units"] = []
        for name in names:
            entry = CommentedMap()
            entry["name"] = name
            entry["full_name"] = None
            entry["kind"] = UNCLASSIFIED
            entry["aliases"] = flow_list([])
            doc["units"].append(entry)

    update_file(path, mutate)

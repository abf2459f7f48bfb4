"""Write the records of an imported document into a plan directory.

* Refuses to overwrite plan.yaml or tasks/*.yaml unless ``force``.
* A units.yaml already in the directory is the curated registry: it is read
  (to recognise units), never rewritten; names it does not know are appended
  as kind 未分类 through the round-trip writer, so comments and order survive.
* Task files left over from an earlier import (ids the document no longer
  has) are removed with ``force`` and listed in the summary.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from taskplan.errors import DataError, UsageError
from taskplan.findings import Finding
from taskplan.importer.classify import UNCLASSIFIED
from taskplan.importer.document import parse_document
from taskplan.importer.records import plan_text, registry_text, task_file_name, task_text
from taskplan.importer.source import read_document
from taskplan.model.records import Registry
from taskplan.store.discover import PLAN_FILE, TASKS_DIR, UNITS_FILE
from taskplan.store.write import atomic_write, update_file

TASK_FILE = re.compile(r"^\d+\.yaml$")


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

    def lines(self) -> list[str]:
        """The summary as the CLI prints it."""
        out = [
            f"imported {self.source} into {self.into}",
            f"  sections: {self.sections}" + (f" ({self.subsections} sub-sections)" if self.subsections else ""),
            f"  tasks: {self.tasks} ({self.measures} measures)",
            f"  units named: {len(self.units)}",
        ]
        if self.registry_kept:
            out.append(f"  units.yaml: kept the existing registry; added {len(self.added)} new name(s)")
        else:
            out.append(f"  units.yaml: written with {len(self.added)} unit(s)")
        if self.unclassified:
            out.append(f"  not classified (kind {UNCLASSIFIED}, edit units.yaml): {'、'.join(self.unclassified)}")
        else:
            out.append("  not classified: none")
        if self.not_units:
            out.append(f"  labels kept in the measure text (not units): {'、'.join(self.not_units)}")
        if self.removed:
            out.append(f"  removed stale task files: {', '.join(self.removed)}")
        if self.ignored_lines:
            out.append(f"  front matter lines not used: {', '.join(map(str, self.ignored_lines))}")
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
    if tasks_dir.is_dir() and any(TASK_FILE.match(p.name) for p in tasks_dir.iterdir()):
        existing.append(f"{TASKS_DIR}/")
    if existing:
        raise UsageError(
            f"{into} already holds records ({', '.join(existing)}); refusing to overwrite them",
            hint="pass --force to replace them; units.yaml is kept and only extended",
        )


def import_document(
    source: Path, into: Path, *, force: bool = False, display: str | None = None, sheet: str | None = None
) -> ImportSummary:
    """Import ``source`` (text, .docx or .xlsx; ``sheet`` of a workbook) into the plan directory ``into``."""
    shown = display or str(source)
    lines = read_document(Path(source), shown, sheet=sheet)
    into = Path(into)
    if into.exists() and not into.is_dir():
        raise UsageError(f"{into} is not a directory")
    if not force and into.exists():
        _refuse_overwrite(into)
    curated = _existing_registry(into) if into.exists() else None
    parsed, book = parse_document(lines, shown, curated)
    registry, added, unclassified = book.build()

    into.mkdir(parents=True, exist_ok=True)
    tasks_dir = into / TASKS_DIR
    tasks_dir.mkdir(exist_ok=True)
    wanted = set()
    for task in parsed.tasks:
        name = task_file_name(task.id)
        wanted.add(name)
        _write_if_changed(tasks_dir / name, task_text(task))
    removed = sorted(p.name for p in tasks_dir.iterdir() if TASK_FILE.match(p.name) and p.name not in wanted)
    for name in removed:
        (tasks_dir / name).unlink()
    _write_if_changed(into / PLAN_FILE, plan_text(parsed.plan))
    if curated is None:
        _write_if_changed(into / UNITS_FILE, registry_text(registry))
    elif added:
        _append_units(into / UNITS_FILE, added)

    return ImportSummary(
        source=shown,
        into=into,
        sections=len(parsed.plan.sections),
        subsections=sum(len(s.sections) for s in parsed.plan.sections),
        tasks=len(parsed.tasks),
        measures=sum(len(t.measures) for t in parsed.tasks),
        units=list(book.used),
        unclassified=unclassified,
        added=added,
        registry_kept=curated is not None,
        removed=[f"{TASKS_DIR}/{name}" for name in removed],
        ignored_lines=[line.number for line in parsed.front.ignored],
        not_units=list(book.not_units),
    )


def _write_if_changed(path: Path, text: str) -> None:
    """Leave an identical file alone (its mtime too: the load cache stays warm)."""
    try:
        if path.read_text(encoding="utf-8") == text:
            return
    except (FileNotFoundError, UnicodeDecodeError):
        pass
    atomic_write(path, text)


def _append_units(path: Path, names: list[str]) -> None:
    """Append new names to a curated units.yaml, round trip (comments and layout kept)."""
    from ruamel.yaml.comments import CommentedMap

    from taskplan.store.load import CODE_BAD_VALUE
    from taskplan.store.write import flow_list

    def mutate(doc: object) -> None:
        if doc is None or not isinstance(doc, dict):
            raise DataError([Finding(UNITS_FILE, 1, 1, CODE_BAD_VALUE, "error", "units.yaml is not a mapping with units: and groups:")])
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

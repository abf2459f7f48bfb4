"""A whole document → plan, tasks, the unit names they use and the unused lines (no files touched).

``parse_document(lines, path)`` is the one entry point for every source
format: plain text, and the Word and Excel readers, which turn paragraphs
and table rows into ``Line`` values first.  It refuses only what cannot be a
plan (no tasks at all); a problem in one task never blocks the others: a
task without lead is kept with ``lead: []`` and reported, text it could not
read is listed as unused with its place.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from taskplan.i18n import M_
from taskplan.errors import DataError
from taskplan.findings import Finding
from taskplan.importer import roles as R
from taskplan.importer.classify import UnitBook
from taskplan.importer.codes import (
    CODE_NO_LEAD, CODE_NO_PLAN_TITLE, CODE_NO_TASKS, CODE_NO_TITLE, CODE_NUMBER_SEQUENCE, CODE_UNNUMBERED,
    import_finding,
)
from taskplan.importer.frontmatter import FrontMatter, parse_front
from taskplan.importer.measures import split_measures
from taskplan.importer.lines import Line
from taskplan.importer.signature import parse_date
from taskplan.importer.taskids import UNNUMBERED
from taskplan.importer.structure import (
    DISTRIBUTION_REASON, MEASURE_LABELS, READING_RULE, TaskBlock, Unused, split_skeleton, unused_reading,
)
from taskplan.model.records import Deadline, Measure, Plan, Registry, Section, Task


_YEAR = re.compile(r"(20\d\d|19\d\d)\s*年")


@dataclass
class ParsedDocument:
    plan: Plan
    tasks: list[Task]
    front: FrontMatter
    first_listed_rule: bool
    findings: list[Finding] = field(default_factory=list)  # warnings: tasks without lead or unit
    unused: list[Unused] = field(default_factory=list)  # in line order
    readings: list[tuple[Line, str]] = field(default_factory=list)  # every non-blank line, how it was read (when asked)
    no_lead: list[int] = field(default_factory=list)  # task ids
    no_unit: list[int] = field(default_factory=list)  # task ids
    count: int = 0  # tasks read (``tasks`` stays empty when they went to a sink)
    measures: int = 0  # their measures

    @property
    def complete(self) -> bool:
        """Everything placed: no task-looking text unused, every task has a unit."""
        return not self.no_unit and not any(u.task_like for u in self.unused)


def _unique(names: list[str]) -> list[str]:
    out: list[str] = []
    for name in names:
        if name not in out:
            out.append(name)
    return out


def _task_roles(block: TaskBlock) -> tuple[str, R.Roles, str, list[tuple[Line, str, str]]]:
    """(title, roles, measure text, [(line, text, kind)] of rule and unread text) from the task's own lines."""
    title, roles = R.roles_in_text(block.title.text)
    notes = [(block.line, t, "rule") for t in roles.rules] + [(block.line, t, "unread") for t in roles.unread]
    measure_parts: list[str] = []
    for f in block.fields:
        if f.label in MEASURE_LABELS:
            measure_parts.append(f.text)
        else:
            part = R.read_role_text(f"{f.label}:{f.text}")
            notes += [(f.line, t, "rule") for t in part.rules] + [(f.line, t, "unread") for t in part.unread]
            roles.add(part)
    return title, roles, "".join(measure_parts), notes


def _deadline(text: str, plan_year: int | None) -> Deadline:
    from taskplan.progress.deadlines import extract_text

    if plan_year is not None:
        for _phrase, date, recurring, _clause in extract_text(text, plan_year):
            return Deadline(date=date, text=text, source="document", recurring=recurring)
    # under a 完成时限 label a bare date (2024年10月31日) is the deadline itself, whatever the plan's year
    return Deadline(date=parse_date(text.strip()), text=text, source="document")


def _plan_year(front: FrontMatter) -> int | None:
    if front.date is not None:
        return front.date.year
    match = _YEAR.search(front.title or "")
    return int(match.group(1)) if match else None


def finding_at(path: str, line: Line | None, code: str, message: str) -> Finding:
    """A finding at a line: ``path:N:1`` for text, the place for a Word or Excel cell (see Line.place)."""
    if line is None:
        return import_finding(code, path, 0, 0, message)
    if line.where:
        return import_finding(code, path, 0, 0, message, place=line.where)
    return import_finding(code, path, line.number, 1, message)


def _no_tasks(lines: list[Line], path: str) -> DataError:
    where = next((line for line in lines if line.text), None)
    message = M_("no tasks found: no numbered item or sentence names a unit (牵头单位:… / 责任单位:… / （…负责）); is this a task plan?")
    return DataError([finding_at(path, where, CODE_NO_TASKS, message)])


FRONT_READINGS = {
    "addressees": M_("front matter: addressees"), "preamble": M_("front matter: preamble"),
    "issuer": M_("front matter: issuer"), "date": M_("front matter: date"), "note": M_("front matter: note"),
    "title": M_("front matter: title"),
}
FRONT_UNUSED = {
    "notice title": M_("the cover notice's title (plan.yaml keeps the plan's own title)"),
    "distribution": DISTRIBUTION_REASON,
}
# a signature after the plan's text: how it was read when it fills plan.yaml, and why it is unused when not
SIGNED = {
    "issuer": (M_("back matter: issuer"), M_("signature (issuer): plan.yaml has the issuer of the front matter")),
    "date": (M_("back matter: date"), M_("signature (date): plan.yaml has the date of the front matter")),
    "note": (M_("back matter: note"), M_("signature (note): plan.yaml has the note of the front matter")),
}


def _sign_from_the_back(front: FrontMatter, back: list[tuple[Line, str]]) -> tuple[dict[int, str], list[Unused]]:
    """The signature after the plan's text (issuer, date, publication note): into the front matter's
    empty fields; a field the cover notice already filled keeps its value and the line is listed unused."""
    readings: dict[int, str] = {}
    unused: list[Unused] = []
    for line, role in back:
        reading, reason = SIGNED[role]
        if getattr(front, role) is None:
            setattr(front, role, parse_date(line.text) if role == "date" else line.text)
            readings[line.number] = reading
        else:
            unused.append(Unused(line, line.text, reason))
            readings[line.number] = unused_reading(reason)
    return readings, unused


def parse_document(
    lines: list[Line], path: str, curated: Registry | None = None, *, readings: bool = True,
    sink: Callable[[Task], None] | None = None,
) -> tuple[ParsedDocument, UnitBook]:
    """Parse the document; raise DataError only when it holds no task at all.

    ``curated``: the directory's own units.yaml, which then replaces the built-in table.
    ``readings``: fill ``ParsedDocument.readings`` (how every line was read, for ``--dry-run``);
    without it that list stays empty and no per-line reading is built (a fifth of the memory
    of a large import went to readings nobody printed).
    ``sink``: called with each Task as soon as it is complete, in document order, instead of
    keeping it in ``ParsedDocument.tasks`` (an import writes each task's file then; the records
    of all tasks never live at once).  Whatever the sink received is not yet a plan: the
    document may still be refused at its end (DataError), so the sink must hold back until
    ``parse_document`` has returned.
    """
    keep_readings = readings
    from taskplan.importer.classify import city_of, seed_registry

    sk = split_skeleton([line for line in lines if not line.unused], keep_readings)  # a reader's unused lines are reported below
    front = parse_front(sk.front, sk.title_lines, sk.after_title)
    back_readings, back_unused = _sign_from_the_back(front, sk.back)
    city = city_of(front.issuer)
    book = UnitBook(curated if curated is not None else seed_registry(city), curated=curated is not None, city=city)
    if not sk.tasks:
        raise _no_tasks(lines, path)
    readings: dict[int, str] = dict(sk.readings)
    readings.update(back_readings)
    unused = list(sk.unused) + back_unused + [Unused(line, line.text, line.unused) for line in lines if line.unused]
    readings.update({line.number: unused_reading(line.unused) for line in lines if line.unused})
    for i, line in enumerate(sk.front):
        role = front.roles.get(i)
        if role in FRONT_READINGS:
            readings[line.number] = FRONT_READINGS[role]
        elif role in FRONT_UNUSED:
            unused.append(Unused(line, line.text, FRONT_UNUSED[role]))
            readings[line.number] = unused_reading(FRONT_UNUSED[role])
        elif role == "noise":
            reason = READING_RULE if R.FIRST_LISTED_RULE.search(line.text) else M_("附件 line")
            unused.append(Unused(line, line.text, reason))
            readings[line.number] = unused_reading(reason)
    for line in sk.title_lines or front.title_lines:
        readings[line.number] = FRONT_READINGS["title"]
    for line in sk.after_title:
        readings[line.number] = FRONT_READINGS[front.after_roles.get(line.number, "preamble")]
    for line in front.ignored:
        unused.append(Unused(line, line.text, M_("front matter not recognised")))
        readings[line.number] = unused_reading(unused[-1].reason)

    plan_year = _plan_year(front)
    findings: list[Finding] = [
        finding_at(path, note.task.line, CODE_UNNUMBERED if note.kind == UNNUMBERED else CODE_NUMBER_SEQUENCE, note.message)
        for note in sk.id_notes
    ]
    tasks: list[Task] = []
    keep = tasks.append if sink is None else sink
    count = measure_count = 0
    no_lead: list[int] = []
    no_unit: list[int] = []
    rule = sk.rule_from == 0
    blocks, sk.tasks = sk.tasks[::-1], []
    while blocks:
        block = blocks.pop()  # dropped once its Task is built: the blocks and the Tasks of all tasks never live at once
        title, roles, measure_text, notes = _task_roles(block)
        if roles.rules or block.rule:
            rule = True
        for line, text, kind in notes:
            if kind == "rule":
                unused.append(Unused(line, text, READING_RULE))
            else:
                unused.append(Unused(line, text, M_("task {id}: role text not understood", id=block.id), True))
        lead = list(roles.lead)
        responsible = list(roles.responsible)
        if not lead:
            if rule:
                listed = roles.owners + responsible
                lead, responsible = listed[:1], listed[1:]
            else:
                lead = list(roles.owners)
        else:
            lead = roles.owners + lead  # "X负责。…（Y牵头，Z配合）": whoever 负责 a sentence leads it
        if not lead:
            no_lead.append(block.id)
            findings.append(
                finding_at(
                    path, block.line, CODE_NO_LEAD,
                    M_("task {block_id} names no lead unit (lead: []); add 牵头单位 to the record, or state the rule 列第一位者为牵头单位", block_id=block.id),
                )
            )
        if not lead and not responsible:
            no_unit.append(block.id)
        for name in (*lead, *responsible):
            book.note(name)
        measures = []
        for unit, intro, items in split_measures(measure_text, lambda name: book.is_unit(name, lead + responsible)):
            if unit is not None:
                book.note(unit)
            measures.append(Measure(unit=unit, intro=intro, items=items))
        if not title.strip():
            title = measure_text[:0] or "(无标题)"
            findings.append(finding_at(path, block.line, CODE_NO_TITLE, M_("task {block_id} has no text of its own", block_id=block.id)))
        count += 1
        measure_count += len(measures)
        keep(
            Task(
                id=block.id,
                section=block.section.number,
                subsection=block.subsection,
                title=title,
                leader=_unique(roles.leader),
                lead=lead,
                responsible=responsible,
                measures=measures,
                deadlines=[_deadline(text, plan_year) for text in roles.deadlines],
            )
        )
    if len(no_unit) == count:
        raise _no_tasks(lines, path)  # numbered paragraphs, but nobody is named for any: not a task plan
    if front.title is None:
        first = next((line for line in lines if line.number == sk.body_start), None)
        findings.append(finding_at(path, first, CODE_NO_PLAN_TITLE, M_("no title found before the first task; plan.yaml gets the first heading")))
    sections = [
        Section(number=s.number, title=s.title, sections=[Section(number=n, title=t) for n, t, _ in s.subsections])
        for s in sk.sections
    ]
    plan = Plan(
        title=front.title or (sk.sections[0].title if sk.sections else "任务分解"),
        issuer=front.issuer,
        date=front.date,
        addressees=front.addressees,
        preamble=front.preamble,
        note=front.note,
        sections=sections,
    )
    placed = {u.line.number for u in unused}  # a map of the unused lines only, not of every line
    order = {line.number: k for k, line in enumerate(line for line in lines if line.text) if line.number in placed}
    unused.sort(key=lambda u: order.get(u.line.number, 0))
    read: list[tuple[Line, str]] = []
    if keep_readings:
        for u in unused:  # an unused line says so in the dry run, whichever step set it aside
            readings.setdefault(u.line.number, unused_reading(u.reason))
        read = [(line, readings.get(line.number, "?")) for line in lines if line.text]
    parsed = ParsedDocument(plan, tasks, front, rule, findings, unused, read, no_lead, no_unit, count, measure_count)
    return parsed, book

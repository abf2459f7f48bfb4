"""A whole document → plan, tasks and the unit names they use (no files touched)."""
from __future__ import annotations

from dataclasses import dataclass, field

from taskplan.errors import DataError
from taskplan.findings import Finding
from taskplan.importer import roles
from taskplan.importer.classify import UnitBook
from taskplan.importer.frontmatter import FrontMatter, parse_front
from taskplan.importer.measures import split_measures
from taskplan.importer.source import Line
from taskplan.importer.structure import MEASURE_LABELS, TaskBlock, split_skeleton
from taskplan.model.records import Measure, Plan, Registry, Section, Task

CODE_NO_TASKS = "TP803"
CODE_NO_LEAD = "TP804"
CODE_NO_TITLE = "TP805"
CODE_PROSE = "TP806"
CODE_NO_PLAN_TITLE = "TP807"


@dataclass
class ParsedDocument:
    plan: Plan
    tasks: list[Task]
    front: FrontMatter
    first_listed_rule: bool
    findings: list[Finding] = field(default_factory=list)


def _roles_of(block: TaskBlock, path: str, first_listed: bool) -> tuple[str, list[str], list[str], str | None, list[Finding]]:
    """(title, lead, responsible, leader, findings) from the task's own lines."""
    title, trailing = roles.trailing_roles(block.title.text)
    lead: list[str] = []
    responsible: list[str] = []
    leader: str | None = None
    findings: list[Finding] = []
    pairs = [(label, text, block.line) for label, text in trailing]
    pairs += [(f.label, f.text, f.line) for f in block.fields if f.label not in MEASURE_LABELS]
    for label, text, line in pairs:
        text, _ = roles.strip_rule(text)
        if label in roles.LEAD_LABELS:
            lead += roles.split_names(text)
        elif label in roles.RESPONSIBLE_LABELS:
            responsible += roles.split_names(text)
        elif label in roles.LEADER_LABELS:
            leader = text.strip() or None
        elif label in roles.PROSE_LABELS:
            parsed = roles.prose_roles(text)
            if parsed is None:
                findings.append(
                    Finding(path, line, 1, CODE_PROSE, "error", f"task {block.id}: cannot tell who leads in \"{label}:{text}\"; write it as 牵头单位:… / 责任单位:…")
                )
            else:
                lead += parsed[0]
                responsible += parsed[1]
    if not lead and responsible and first_listed:
        lead, responsible = responsible[:1], responsible[1:]
    return title, lead, responsible, leader, findings


def parse_document(lines: list[Line], path: str, curated: Registry | None = None) -> tuple[ParsedDocument, UnitBook]:
    """Parse the document; raise DataError (with file:line) when it cannot be read as a plan.

    ``curated``: the directory's own units.yaml, which then replaces the built-in table.
    """
    from taskplan.importer.classify import city_of, seed_registry

    skeleton = split_skeleton(lines)
    front = parse_front(skeleton.front)
    city = city_of(front.issuer)
    book = UnitBook(curated if curated is not None else seed_registry(city), curated=curated is not None, city=city)
    if not skeleton.tasks:
        where = skeleton.body_start or (lines[-1].number if lines else 0)
        raise DataError(
            [Finding(path, where if skeleton.body_start else 0, 1 if skeleton.body_start else 0, CODE_NO_TASKS, "error", "no tasks found: expected section headings such as 一、… followed by numbered tasks 1.…")]
        )
    whole = "\n".join(line.text for line in lines)
    first_listed = bool(roles.FIRST_LISTED_RULE.search(whole))
    findings: list[Finding] = []
    tasks: list[Task] = []
    for block in skeleton.tasks:
        title, lead, responsible, leader, problems = _roles_of(block, path, first_listed)
        findings += problems
        if not title.strip():
            findings.append(Finding(path, block.line, 1, CODE_NO_TITLE, "error", f"task {block.id} has no text"))
            continue
        if not lead:
            findings.append(
                Finding(path, block.line, 1, CODE_NO_LEAD, "error", f"task {block.id} names no 牵头单位 (and the document states no rule such as 列第一位者为牵头单位); add the lead to the document")
            )
            continue
        for name in (*lead, *responsible):
            book.note(name)
        measure_text = "".join(f.text for f in block.fields if f.label in MEASURE_LABELS)
        measures = []
        for unit, items in split_measures(measure_text, lambda name: book.is_unit(name, lead + responsible)):
            if unit is not None:
                book.note(unit)
            measures.append(Measure(unit=unit, items=items))
        tasks.append(
            Task(
                id=block.id,
                section=block.section,
                subsection=block.subsection,
                title=title,
                leader=leader,
                lead=lead,
                responsible=responsible,
                measures=measures,
            )
        )
    if front.title is None:
        findings.append(Finding(path, skeleton.body_start, 1, CODE_NO_PLAN_TITLE, "error", "no title found before the first section heading"))
    if findings:
        raise DataError(findings)
    sections = [
        Section(number=s.number, title=s.title, sections=[Section(number=n, title=t) for n, t, _ in s.subsections])
        for s in skeleton.sections
    ]
    plan = Plan(
        title=front.title or "",
        issuer=front.issuer,
        date=front.date,
        addressees=front.addressees,
        preamble=front.preamble,
        note=front.note,
        sections=sections,
    )
    return ParsedDocument(plan, tasks, front, first_listed, findings), book

"""The document's skeleton: front matter, section headings, task blocks.

A line is one of: page noise (dropped), a section heading ``一、…``, a
sub-heading ``(一)…``, the start of a task ``1.…`` / ``1.…`` / ``1、…``, a
labelled line (``牵头单位:`` …), or the continuation of whatever came before
it (a task broken over two lines, measure items on lines of their own).

Numbers must run on: section 二 follows 一, task 17 follows 16 (across
sections).  A line that merely looks like a heading or a task number out of
sequence (``5.31世界无烟日…`` inside a measure) is a continuation line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from taskplan.importer.punct import CLOSE, COMMAS, DOTS, ENUM, OPEN
from taskplan.importer.roles import FIRST_LISTED_RULE, LEAD_LABELS, LEADER_LABELS, PROSE_LABELS, RESPONSIBLE_LABELS, label_of
from taskplan.importer.source import Line
from taskplan.model.numerals import NUMERAL_CHARS, read_number

_CN = NUMERAL_CHARS
SECTION = re.compile(rf"^([{_CN}]+)\s*[{ENUM}{COMMAS}{re.escape(DOTS)}]\s*(.+)$")
SUBSECTION = re.compile(rf"^[{re.escape(OPEN)}]([{_CN}]+)[{re.escape(CLOSE)}]\s*(.+)$")
TASK = re.compile(rf"^(\d+)\s*(?:[{re.escape(DOTS)}{ENUM}](?!\d)|[{re.escape(CLOSE)}])\s*(.*)$")
NOISE = re.compile(
    r"^(?:[—–\-－_=·•*\s]*[\d０-９]+[—–\-－_=·•*\s]*|第\s*\d+\s*页(?:\s*[,\uff0c/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$"
)
MEASURE_LABELS = ("落实措施", "工作措施", "具体措施", "主要措施")


def is_noise(text: str) -> bool:
    """Blank lines and page numbers (``— 1 —``, ``-2-``, ``第3页``)."""
    return not text or bool(NOISE.match(text))


def is_rule_line(text: str) -> bool:
    return text[:1] in OPEN and text[-1:] in CLOSE and bool(FIRST_LISTED_RULE.search(text))


@dataclass
class Field:
    """A labelled part of a task (title, role line, measures) with where it starts."""

    label: str
    text: str
    line: int


@dataclass
class TaskBlock:
    id: int
    section: int
    subsection: int | None
    line: int
    title: Field
    fields: list[Field] = field(default_factory=list)  # role, leader and measure lines in order


@dataclass
class SectionBlock:
    number: int
    title: str
    line: int
    subsections: list[tuple[int, str, int]] = field(default_factory=list)  # (number, title, line)


@dataclass
class Skeleton:
    front: list[Line]
    sections: list[SectionBlock]
    tasks: list[TaskBlock]
    body_start: int  # line number of the first section heading (0: none)


ALL_LABELS = LEAD_LABELS + RESPONSIBLE_LABELS + LEADER_LABELS + PROSE_LABELS + MEASURE_LABELS


def labelled(text: str) -> tuple[str, str] | None:
    return label_of(text, ALL_LABELS)


def split_skeleton(lines: list[Line]) -> Skeleton:
    """Walk the lines once and group them; nothing is dropped except page noise."""
    front: list[Line] = []
    sections: list[SectionBlock] = []
    tasks: list[TaskBlock] = []
    body_start = 0
    current: Field | None = None  # where a continuation line goes

    for line in lines:
        text = line.text
        if is_noise(text):
            continue
        if is_rule_line(text):
            continue  # "(列第一位者为牵头单位,下同)" on its own line: a reading rule, not text
        heading = SECTION.match(text)
        if heading and read_number(heading.group(1)) == len(sections) + 1:
            if not sections:
                body_start = line.number
            sections.append(SectionBlock(len(sections) + 1, heading.group(2).strip(), line.number))
            current = None
            continue
        if not sections:
            front.append(line)
            continue
        section = sections[-1]
        sub = SUBSECTION.match(text)
        if sub and read_number(sub.group(1)) == len(section.subsections) + 1:
            section.subsections.append((len(section.subsections) + 1, sub.group(2).strip(), line.number))
            current = None
            continue
        task = TASK.match(text)
        if task and int(task.group(1)) == len(tasks) + 1:
            subsection = section.subsections[-1][0] if section.subsections else None
            title = Field("title", task.group(2).strip(), line.number)
            tasks.append(TaskBlock(len(tasks) + 1, section.number, subsection, line.number, title))
            current = title
            continue
        found = labelled(text)
        if found and tasks and tasks[-1].section == section.number:
            current = Field(found[0], found[1], line.number)
            tasks[-1].fields.append(current)
            continue
        if current is None:
            # text between a heading and the first task: keep it visible as part of the heading
            if section.subsections:
                number, title, at = section.subsections[-1]
                section.subsections[-1] = (number, title + text, at)
            else:
                section.title += text
            continue
        current.text += text
    return Skeleton(front, sections, tasks, body_start)

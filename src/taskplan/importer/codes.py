"""The finding codes of ``taskplan import`` (TP8xx): plain data, documented here once.

``taskplan import`` reports what it could not read with these codes.  ``check``
registers them with its rules (check/rules/importer.py), so ``taskplan rules``
lists them and docs/rules.md explains them like every other code; ``check``
never emits them (no check function): the importer does.  Plain data and a
module of its own: the importer does not depend on check, and listing the
rules does not load the importer.
"""
from __future__ import annotations

from typing import NamedTuple

from taskplan.findings import Finding


class ImportCode(NamedTuple):
    """A code the importer reports: what ``check.rule.loader_rule`` registers."""

    code: str
    name: str
    severity: str
    doc: str  # the documentation: first line what it finds, then why and what to do


CODES: list[ImportCode] = []  # in code order: check/rules/importer.py registers each


SEVERITIES: dict[str, str] = {}  # code -> its severity, written once, where the code is registered


def import_code(code: str, name: str, severity: str, doc: str) -> str:
    CODES.append(ImportCode(code, name, severity, doc))
    SEVERITIES[code] = severity
    return code


def import_finding(code: str, path: str, line: int, col: int, message: str, place: str = "") -> Finding:
    """The finding of an importer code, with the severity the code was registered with (the one place it is stated)."""
    return Finding(path, line, col, code, SEVERITIES[code], message, place=place)


CODE_ENCODING = import_code("TP801", "source-not-utf8", "error", """
    The document given to ``taskplan import`` is plain text, but not UTF-8 (often GBK/GB18030).

    Nothing is imported.  The finding points at the first byte that is not
    UTF-8.  Convert the file first (``iconv -f GBK -t UTF-8 plan.txt > plan-utf8.txt``),
    or import the Word (.docx) or Excel (.xlsx) file it came from.
    """)

CODE_EMPTY = import_code("TP802", "source-empty", "error", """
    The document given to ``taskplan import`` is empty: no text, no table cell.

    Nothing is imported.  Check that the right file was given (a .docx saved
    before its text was pasted, an Excel workbook whose data is on another
    sheet: name it with ``--sheet``).
    """)

CODE_NO_TASKS = import_code("TP803", "no-tasks", "error", """
    The document has no task: no numbered item or sentence names a unit.

    A task plan names, for each task, who does it (牵头单位:… / 责任单位:… /
    （…负责）).  When no task names any unit the document is not read as a
    plan and nothing is written; the finding points at its first line.  If it
    is a plan, the units may be named in a way the importer does not know yet:
    see docs/import.md for the layouts it reads.
    """)

CODE_NO_LEAD = import_code("TP804", "import-no-lead-unit", "warning", """
    An imported task names no lead unit (written with ``lead: []``).

    The records are still written, so the rest of the plan can be used; the
    task shows as （无牵头单位） until its 牵头单位 is added, and ``check``
    reports it as TP208.  Often the document lists only 责任单位 and states no
    rule such as 列第一位者为牵头单位: add the rule to the document and import
    again, or write the lead unit into the record.
    """)

CODE_NO_TITLE = import_code("TP805", "import-no-task-text", "warning", """
    An imported task has no text of its own: only its number and units.

    The record is written with the title (无标题).  The task's text may sit in
    a line the importer took for a heading or a measure; write the title
    into the record (``tasks/NNN.yaml``), or fix the layout of the document
    and import again.
    """)

CODE_NO_PLAN_TITLE = import_code("TP807", "import-no-plan-title", "warning", """
    No title was found before the document's first task.

    plan.yaml gets the first heading instead.  The title is what reports and
    the 通报 print at the top (…任务分解和责任分工方案): correct ``title`` in
    plan.yaml.
    """)

CODE_UNNUMBERED = import_code("TP810", "import-unnumbered-task", "warning", """
    An unnumbered task among numbered ones: the id it was imported as.

    A sentence ending in its own role parenthesis between numbered tasks is a
    task of its own.  When the document's numbers run on through the plan
    (1.–146. across all sections) every numbered task keeps its printed number
    as its id, and the unnumbered task gets the next id after the highest
    (147), keeping its section; when the numbers restart in each section, ids
    follow reading order.  The office cites tasks by number (第3项): check the
    id before citing it, or number the sentence in the document and import
    again.  See docs/import.md, "Task numbers".
    """)

CODE_NUMBER_SEQUENCE = import_code("TP811", "import-number-sequence", "warning", """
    A task's printed number is out of sequence: skipped (2. then 5.) or repeated (2. twice).

    The numbered line is a task of its own (it ends in its own roles).  A
    skipped number in numbers that run on is kept as the id (there is no task
    3 or 4); a repeated or backward number makes every id follow reading
    order, so the ids after it differ from the printed numbers.  Correct the
    numbers in the document and import again.
    """)

"""A table of tasks (a Word table, an Excel 台账) → the lines of the text layout.

Offices keep the plan as a table: one row per task, columns named 序号, 工作任务,
牵头单位, 责任单位, 完成时限, 落实措施 … in any order and with many spellings.
The header row is found by its names; each task row then becomes the lines
the text pipeline already reads::

    3、加强监管…                 (序号 + 工作任务)
    牵头领导：…                  (牵头领导 / 责任领导 / 分管领导)
    牵头单位：…
    责任单位：…                  (责任单位 / 配合单位 / 协办单位 / 责任主体)
    完成时限：…
    落实措施：…

each named by its cell, so roles, leaders, deadlines, measures and the
unused-lines report are the text pipeline's, once.  A row merged across the
table (or holding only a heading) is a section heading; rows above the header
(sheet titles) are the document's front matter.  Readers hand in a grid: one
``Cell`` per grid column, the same object repeated where a cell is merged
across columns, and ``continued`` set on the lower parts of a cell merged down.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from taskplan.i18n import M_
from taskplan.importer.punct import CLOSE, DOTS, ENUM, OPEN
from taskplan.importer.roles import DEADLINE_LABELS, FIRST_LISTED_RULE, LEAD_LABELS, LEADER_LABELS, RESPONSIBLE_LABELS, label_of
from taskplan.importer.structure import ALL_LABELS, MEASURE_LABELS, numbering
from taskplan.importer.signature import NOTE, is_distribution, issuer_shaped, parse_date
from taskplan.model.text import name_key
from taskplan.model.numerals import section_heading


class Damaged(Exception):
    """A Word or Excel file its library cannot open (bad XML, missing parts): the library's reason."""

HEADER_ROWS = 20  # the header is looked for in this many rows from the top


class Piece(NamedTuple):
    """One line a reader hands on: its text, where it is, and why it is unused (empty: read it)."""

    text: str
    where: str
    unused: str = ""


@dataclass(frozen=True, eq=False)
class Cell:
    """One cell of a grid: its text (line breaks kept) and where it is, for messages."""

    text: str
    where: str
    continued: bool = False  # the lower part of a cell merged down from the row above

    def lines(self) -> list[str]:
        return [part.strip() for part in self.text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if part.strip()]


# column kind → (the label the text layout uses, the header names that mean it)
COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "number": ("", ("序号", "编号")),
    "task": ("", ("工作任务", "重点任务", "主要任务", "目标任务", "工作内容", "任务内容", "具体任务", "任务名称", "任务")),
    "leader": ("牵头领导", LEADER_LABELS),
    "lead": ("牵头单位", LEAD_LABELS),
    "responsible": ("责任单位", RESPONSIBLE_LABELS + tuple(n for n in ("责任主体",) if n not in RESPONSIBLE_LABELS)),
    "deadline": ("完成时限", DEADLINE_LABELS),
    "measures": ("落实措施", MEASURE_LABELS),
}
ROLE_KINDS = ("leader", "lead", "responsible")
# the order a task's lines are written in, whatever the order of the columns
LINE_ORDER = ("leader", "lead", "responsible", "deadline", "measures")

_BY_LENGTH = sorted(((name, kind) for kind, (_, names) in COLUMNS.items() for name in names), key=lambda p: -len(p[0]))
_BRACKETS = OPEN + CLOSE + "[]【】"


def column_name(header: str) -> tuple[str, str] | None:
    """(kind, the name it matched): 序号 / 工作任务 / 牵头单位 … from a header cell in any width,
    with stray spaces or line breaks (``工作 任务``, ``完成\n时限``, ``责任单位（列第一位的为牵头单位）``)."""
    key = name_key(header)
    if not key:
        return None
    for name, kind in _BY_LENGTH:
        if key.startswith(name):
            return kind, name
    for name, kind in _BY_LENGTH:
        if len(name) > 2 and name in key:
            return kind, name
    return None


def column_kind(header: str) -> str | None:
    found = column_name(header)
    return found[0] if found else None


@dataclass
class Column:
    kind: str | None
    name: str  # the header as written, on one line
    rule: str = ""  # a first-listed rule the header states, e.g. "（列第一位的为牵头单位）"

    @classmethod
    def of(cls, header: str) -> "Column":
        found = column_name(header)
        kind = found[0] if found else None
        return cls(kind, header, _header_rule(header) if kind == "responsible" else "")

    @property
    def short(self) -> str:
        """The column's name for messages: the name it matched (工作任务), else the header as written."""
        found = column_name(self.name)
        return found[1] if found else self.name

    def where(self, cell: "Cell") -> str:
        return M_("{where} ({column})", where=cell.where, column=self.short) if self.short else cell.where


def _header_rule(header: str) -> str:
    """The reading rule a 责任单位 header may carry: 责任单位（列第一位的为牵头单位） → （列第一位的为牵头单位）."""
    text = "".join(header.split())
    found = FIRST_LISTED_RULE.search(text)
    if not found:
        return ""
    inner = text
    for name, _ in _BY_LENGTH:
        if name_key(inner).startswith(name):
            inner = inner[len(name) :]
            break
    inner = inner.strip(_BRACKETS + ":：")
    return f"（{inner}）"


def read_header(row: list["Cell"]) -> list[Column] | None:
    """The row's columns when it is a header: it names a task column and at least one role column."""
    columns = [Column.of(" ".join(cell.lines())) for cell in row]
    kinds = {c.kind for c in columns}
    if "task" in kinds and kinds & set(ROLE_KINDS):
        return columns
    return None


def find_header(rows: list[list["Cell"]]) -> tuple[int, list[Column]] | None:
    for i, row in enumerate(rows[:HEADER_ROWS]):
        columns = read_header(row)
        if columns is not None:
            return i, columns
    return None


def _refine_with_second_row(rows: list[list[Cell]], at: int, columns: list[Column]) -> bool:
    """A two-row header (责任单位 over 牵头单位 | 配合单位): let the second row name the split columns."""
    if at + 1 >= len(rows):
        return False
    below = rows[at + 1]
    header = rows[at]
    used = False
    for i, cell in enumerate(below):
        if i >= len(columns) or cell.continued or cell is header[i]:
            continue
        column = Column.of(" ".join(cell.lines()))
        merged = (i > 0 and header[i - 1] is header[i]) or (i + 1 < len(header) and header[i + 1] is header[i])
        if column.kind is not None and (merged or columns[i].kind is None):
            column.rule = column.rule or columns[i].rule
            columns[i] = column
            used = True
    return used


# the form lines of a 台账 above its header: who filled it in, when, whom to call
FORM_FIELD = re.compile(r"^(?:填报|填表|报送|制表|审核|联系人|联系电话|单位[(（]?盖章)")
_NUMBER = re.compile(rf"^[{re.escape(OPEN)}]?\s*(\d+)\s*[{re.escape(CLOSE + DOTS + ENUM)}]?$")
_CN_NUMBER = re.compile(rf"^[{re.escape(OPEN)}]?\s*([一二三四五六七八九十百]+)\s*[{re.escape(CLOSE + DOTS + ENUM)}]?$")


def _distinct(row: list[Cell]) -> list[Cell]:
    out: list[Cell] = []
    for cell in row:
        if cell.lines() and not any(cell is seen for seen in out):
            out.append(cell)
    return out


class TableReader:
    """Turns the rows of one table into (text, where) pieces; keeps numbering across rows."""

    def __init__(self, columns: list[Column]) -> None:
        self.columns = columns
        self.sections = 0
        self.last_task = 0

    def _column(self, kind: str) -> int | None:
        return next((i for i, c in enumerate(self.columns) if c.kind == kind), None)

    def heading(self, row: list[Cell]) -> str | None:
        """The heading a row holds: text merged across columns, or only a 一/（一） number and a title."""
        cells = _distinct(row)
        if not cells:
            return None
        number_at, task_at = self._column("number"), self._column("task")
        if len(cells) == 1:
            cell = cells[0]
            spans = sum(1 for c in row if c is cell) > 1
            at = next(i for i, c in enumerate(row) if c is cell)
            if spans or (at != task_at and self.columns[at].kind not in ROLE_KINDS + ("measures", "deadline")):
                return "".join(cell.lines())
            return None
        if number_at is not None and task_at is not None:
            numeral = _CN_NUMBER.match("".join(row[number_at].lines()))
            others = [c for c in cells if c is not row[number_at] and c is not row[task_at]]
            if numeral and not others and row[task_at].lines():
                text = "".join(row[task_at].lines())
                raw = "".join(row[number_at].lines())
                if raw[:1] in OPEN:
                    return f"（{numeral.group(1)}）{text}"
                return f"{numeral.group(1)}、{text}"
        return None

    def heading_pieces(self, text: str, cell_where: str) -> list[tuple[str, str]]:
        found = numbering(text)
        if found and found[0] in ("cn", "pcn"):  # 一、… / （一）… as written
            if found[0] == "cn":
                self.sections = found[1]
            return [(text, cell_where)]
        self.sections += 1
        return [(section_heading(self.sections, text), cell_where)]

    def row_pieces(self, row: list[Cell]) -> list[tuple[str, str]]:
        """The lines of one data row (heading, task, or the continuation of the task above)."""
        heading = self.heading(row)
        if heading is not None:
            cell = _distinct(row)[0]
            return self.heading_pieces(heading, cell.where)
        task_at = self._column("task")
        task = row[task_at] if task_at is not None and task_at < len(row) else None
        new_task = task is not None and not task.continued and bool(task.lines())
        out: list[tuple[str, str]] = []
        if new_task:
            number = self._number(row)
            first, *rest = task.lines()
            where = self.columns[task_at].where(task)
            out.append((f"{number}、{first}", where))
            out += [(line, where) for line in rest]
        # other columns in the layout's order; a continuation row adds only its own cells
        for kind in LINE_ORDER:
            for i, column in enumerate(self.columns):
                if column.kind != kind or i >= len(row):
                    continue
                cell = row[i]
                if cell.continued and not new_task:
                    continue
                out += self._field_pieces(column, cell)
        for i, column in enumerate(self.columns):
            if column.kind == "task" and i != task_at and i < len(row) and not (row[i].continued and not new_task):
                out += [(line, column.where(row[i])) for line in row[i].lines()]
        # columns the records have no field for (备注, 进展情况 …): reported as unused, never glued on
        for i, column in enumerate(self.columns):
            if column.kind is None and i < len(row) and not row[i].continued:
                why = M_("column {name} has no field in the records", name=column.name) if column.name else M_("a cell outside the named columns")
                out += [Piece(line, column.where(row[i]), why) for line in row[i].lines()]
        return out

    def _number(self, row: list[Cell]) -> int:
        at = self._column("number")
        raw = "".join(row[at].lines()) if at is not None and at < len(row) else ""
        found = _NUMBER.match(raw)
        self.last_task = int(found.group(1)) if found else self.last_task + 1
        return self.last_task

    def _field_pieces(self, column: Column, cell: Cell) -> list[tuple[str, str]]:
        lines = cell.lines()
        if not lines:
            return []
        label = COLUMNS[column.kind][0] if column.kind else ""
        where = column.where(cell)
        out: list[tuple[str, str]] = []
        if column.kind in ROLE_KINDS:
            # one unit per line in a cell is a list; a line with its own label (牵头单位：…) stands alone
            plain = [line for line in lines if label_of(line, ALL_LABELS) is None]
            labelled = [line for line in lines if label_of(line, ALL_LABELS) is not None]
            if plain:
                out.append((f"{label}：{'、'.join(plain)}", where))
            out += [(line, where) for line in labelled]
            return out
        first, *rest = lines
        out.append((first if label_of(first, ALL_LABELS) else f"{label}：{first}", where))
        out += [(line, where) for line in rest]
        return out


def grid_pieces(rows: list[list[Cell]]) -> list[tuple[str, str]] | None:
    """All pieces of a table: rows above the header as text, then the rows; None without a header."""
    found = find_header(rows)
    if found is None:
        return None
    at, columns = found
    start = at + 1 + (1 if _refine_with_second_row(rows, at, columns) else 0)
    out: list[tuple[str, str]] = []
    for row in rows[:at]:
        for cell in _distinct(row):
            for line in cell.lines():
                form = FORM_FIELD.match(name_key(line))
                out.append(Piece(line, cell.where, "a field of the ledger's form, not of the plan") if form else Piece(line, cell.where))
    # a rule the header states (责任单位（列第一位的为牵头单位）) holds from here on: a line before the rows
    out += [(column.rule, column.where(cell)) for column, cell in zip(columns, rows[at]) if column.rule]
    reader = TableReader(columns)
    body = rows[start:]
    for k, row in enumerate(body):
        if read_header(row) is not None and [" ".join(c.lines()) for c in row] == [c.name for c in columns]:
            continue  # the header repeated (a table printed over several pages)
        signed = _signature_row(row, body[k + 1] if k + 1 < len(body) else None)
        out += signed if signed is not None else reader.row_pieces(row)
    return out


def _only_text(row: list[Cell] | None) -> tuple[str, str] | None:
    """(text, where) of a row that holds one cell of text only, else None."""
    cells = _distinct(row or [])
    if len(cells) != 1 or not cells[0].lines():
        return None
    return "".join(cells[0].lines()), cells[0].where


def _signature_row(row: list[Cell], after: list[Cell] | None) -> list[tuple[str, str]] | None:
    """A row under the tasks that signs the table (issuer, then a date row; a publication note; 抄送/印发):
    handed on as written, never numbered as a section heading (structure.py places it)."""
    found = _only_text(row)
    if found is None:
        return None
    text, where = found
    if parse_date(text) or NOTE.match(text) or is_distribution(text):
        return [(text, where)]
    following = _only_text(after)
    if issuer_shaped(text) and following is not None and parse_date(following[0]):
        return [(text, where)]
    return None

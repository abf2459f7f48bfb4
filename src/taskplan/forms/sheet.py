"""What a 填报表 is: its columns, its sheets, its hidden identity, and the checksums that prove it intact.

The writer (forms/write.py) and the reader (forms/collect.py) both take the
layout from here, so a form read back is read by the same names it was
written with.  The protected columns are what the office states (the task,
the unit's role and measures, the deadline, the current status); the
editable columns are the unit's reply.  A checksum of the protected cells
of every row is kept on a hidden sheet: a form whose protected cells were
edited (protection without a password is easy to lift) is detected, row by
row, without asking the plan what it said when the form was made.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

FORMAT = "taskplan-form-1"

FORM_SHEET = "填报"
HELP_SHEET = "说明"
META_SHEET = "_taskplan"

PROTECTED = ("编号", "任务", "本单位角色", "本单位措施", "时限", "当前状态")
EDITABLE = ("本期状态", "进展情况", "填报日期", "填报人", "申请延期至", "延期理由")
COLUMNS = PROTECTED + EDITABLE

# column widths in Excel's character units: they add up to about one A4 landscape page at 10 pt,
# so fitting the page width shrinks the print by less than 10 % (text stays ≥ 9 pt)
WIDTHS = {
    "编号": 5, "任务": 27, "本单位角色": 9, "本单位措施": 24, "时限": 11, "当前状态": 7,
    "本期状态": 8, "进展情况": 22, "填报日期": 11, "填报人": 7, "申请延期至": 11, "延期理由": 12,
}

# keys of the hidden sheet, in order (column A: key, column B: value)
META_KEYS = ("格式", "方案", "方案标识", "单位", "截至", "校验")
ROW_TABLE = ("编号", "行校验")  # header of the per-row checksums under the keys

TITLE_ROW = 0  # 0-based rows of the form sheet
HEADER_ROW = 1
FIRST_DATA_ROW = 2


@dataclass(frozen=True)
class FormRow:
    """The protected cells of one row, as written."""

    task_id: int
    title: str
    role: str
    measures: str
    due: str
    status: str

    def cells(self) -> tuple[int, str, str, str, str, str]:
        return (self.task_id, self.title, self.role, self.measures, self.due, self.status)


def _digest(parts: list[str]) -> str:
    return hashlib.sha256("\x1e".join(parts).encode("utf-8")).hexdigest()[:16]


def row_checksum(cells: tuple) -> str:
    """Checksum of one row's protected cells (values as text, the way the reader sees them)."""
    return _digest([cell_text(value) for value in cells])


def form_checksum(plan_id: str, unit: str, as_of: str, row_sums: list[str]) -> str:
    """Checksum of the whole form: whose it is (plan, unit, date) and every row's checksum."""
    return _digest([plan_id, unit, as_of, *row_sums])


def plan_identity(title: str, issuer: str | None, date: str | None) -> str:
    """A short fingerprint of the plan a form belongs to (its title, issuer and date)."""
    return _digest([title, issuer or "", date or ""])


def cell_text(value: object) -> str:
    """A cell as text: None is empty, whole floats lose their '.0', text is stripped."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()

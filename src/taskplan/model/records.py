"""pydantic models of the public record format (plan.yaml, units.yaml, tasks/NNN.yaml).

The format is what people edit by hand, so the models are strict: unknown
fields are rejected (a typo such as ``responsable`` must not be silently
ignored) and types are not coerced (``id: "001"`` is an error, not 1).
docs/format.md describes the same format for humans.
"""
from __future__ import annotations

import datetime as dt
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator

# 督办 workflow: 交办 → 推进 → 办结 → 销号.  Stored in Chinese (the record is read by
# Chinese offices); the CLI also accepts the English keys (see progress/status.py).
Status = Literal["未启动", "推进中", "已完成", "已销号", "暂缓"]
STATUSES: tuple[str, ...] = get_args(Status)  # the one list: the Literal above
DONE_STATUSES: tuple[str, ...] = ("已完成", "已销号")


class Record(BaseModel):
    # defer_build: a warm `list` answers from cached lean records and never validates,
    # so building the validators at import would be wasted start-up time
    model_config = ConfigDict(extra="forbid", strict=True, frozen=False, defer_build=True)


def _non_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


class Section(Record):
    """A heading of the plan: ``一、全面落实积极财政政策`` is number 1."""

    number: int = Field(ge=1)
    title: str
    sections: list[Section] = Field(default_factory=list, description="sub-sections (一)(二)…, numbered within this one")

    _title = field_validator("title")(_non_blank)


class Plan(Record):
    """plan.yaml: the document's front matter and its sections."""

    title: str
    issuer: str | None = None
    date: dt.date | None = None
    addressees: str | None = None
    preamble: str | None = None
    note: str | None = None
    sections: list[Section] = Field(default_factory=list)

    _title = field_validator("title")(_non_blank)

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None

    def section(self, number: int) -> Section | None:
        for section in self.sections:
            if section.number == number:
                return section
        return None


class Measure(Record):
    """落实措施 of one unit (or of the task as a whole when ``unit`` is null)."""

    unit: str | None = None
    intro: str | None = Field(default=None, description="the sentence before the numbered items (1)(2)…, where the document has one")
    items: list[str] = Field(min_length=1)


def measure_text(unit: str | None, items: list[str], intro: str | None = None) -> str:
    """One unit's measures as the document writes them: ``单位:引言(1)…(2)…``.

    A single item without intro carries no number; the unit prefix is omitted
    for measures the document does not attribute to a unit.
    """
    numbered = len(items) > 1 or intro is not None
    body = (intro or "") + ("".join(f"({i}){item}" for i, item in enumerate(items, 1)) if numbered else items[0])
    return f"{unit}:{body}" if unit else body


class Deadline(Record):
    """A date the task (or one unit's measure) must be done by."""

    date: dt.date | None = Field(default=None, description="null for recurring work (全年, 常态化)")
    text: str = Field(description="the phrase of the document the date comes from")
    unit: str | None = None
    source: Literal["extracted", "manual", "document"] = Field(
        default="manual", description="document: stated by the plan itself (完成时限); extracted: read from its text; manual: added by hand"
    )
    recurring: bool = False


class ProgressEntry(Record):
    """One report of progress; the list is append-only."""

    date: dt.date
    status: Status
    note: str | None = None
    unit: str | None = None
    reporter: str | None = Field(default=None, description="填报人: who filled in the report")
    source: str | None = Field(default=None, description="where the report came from, e.g. `form 财政局.xlsx` (taskplan collect)")


class Extension(Record):
    """An approved postponement; the original deadline is kept and still reported."""

    from_: dt.date = Field(alias="from")
    to: dt.date
    reason: str
    approved_by: str | None = None

    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True, defer_build=True)


class ExtensionRequest(Record):
    """A postponement a unit asked for (申请延期, e.g. on a 填报表); not in force until `extend` approves it."""

    date: dt.date = Field(description="the day the unit asked")
    unit: str | None = None
    to: dt.date = Field(description="the deadline the unit asks for")
    reason: str
    source: str | None = None
    status: Literal["pending", "approved"] = "pending"


_NAME_SEPARATORS = "、，,；;"


def leader_names(text: str) -> list[str]:
    """``张三、李四`` → [张三, 李四]: the names of an older record's ``leader: 张三`` (a string)."""
    for sep in _NAME_SEPARATORS[1:]:
        text = text.replace(sep, _NAME_SEPARATORS[0])
    return [name.strip() for name in text.split(_NAME_SEPARATORS[0]) if name.strip()]


def migrate_task_data(data: dict) -> bool:
    """Read an older task record's forms as today's, in place; True when one was found.

    The record format's policy for old forms: every reader accepts them (the
    parse of a file calls this, so the loader, the cache, ``update`` and the
    exports see only today's form) and ``taskplan fmt`` writes them anew
    (``fmt --check`` lists such files).  Old forms:

    * ``leader: 张三`` — a string, before ``leader`` became a list (``[张三]``).
    """
    leader = data.get("leader")
    if isinstance(leader, str):
        data["leader"] = leader_names(leader)  # assignment keeps the key's place in the file's order
        return True
    return False


class Task(Record):
    """tasks/NNN.yaml: one numbered task of the plan."""

    id: int = Field(ge=1)
    section: int = Field(ge=1)
    subsection: int | None = Field(default=None, ge=1)
    title: str
    leader: list[str] = Field(default_factory=list, description="牵头领导 / 责任领导 / 分管领导: names or posts as the document writes them")
    lead: list[str] = Field(description="牵头单位; empty only where the document names none (a check finding)")
    responsible: list[str] = Field(default_factory=list)
    measures: list[Measure] = Field(default_factory=list)
    status: Status | None = Field(default=None, description="absent means 未填报 (nothing reported yet)")
    deadlines: list[Deadline] = Field(default_factory=list)
    progress: list[ProgressEntry] = Field(default_factory=list)
    extensions: list[Extension] = Field(default_factory=list)
    requests: list[ExtensionRequest] = Field(default_factory=list, description="extensions asked for, pending until approved")

    _title = field_validator("title")(_non_blank)

    def units(self) -> list[tuple[str, str]]:
        """(role, name) for every unit the task names, in document order."""
        pairs = [("lead", name) for name in self.lead]
        pairs += [("responsible", name) for name in self.responsible]
        pairs += [("measure", m.unit) for m in self.measures if m.unit]
        return pairs


class Unit(Record):
    """A unit of the registry: 单位 with its canonical short name."""

    name: str
    full_name: str | None = None
    kind: str = "未分类"
    aliases: list[str] = Field(default_factory=list)

    _name = field_validator("name")(_non_blank)


class Group(Record):
    """A group of units that the document names as one: 各镇(街道), 市直部门 …"""

    name: str
    full_name: str | None = None
    aliases: list[str] = Field(default_factory=list)
    members: list[str] = Field(default_factory=list)

    _name = field_validator("name")(_non_blank)


class Registry(Record):
    """units.yaml."""

    units: list[Unit] = Field(default_factory=list)
    groups: list[Group] = Field(default_factory=list)

"""What every report kind shares: options, name roles, the task dict, the base context.

The kind builders (context.py) turn a ``Base`` into the context of one kind;
docs/reports.md documents the keys.  Nothing here reads the clock: states
are computed as of ``ReportOptions.as_of``.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable

from taskplan.i18n import M_
from taskplan.errors import UsageError
from taskplan.model.records import STATUSES, Plan, Task, measure_text
from taskplan.progress.snapshot import config_for
from taskplan.progress.state import LIGHTS as STATE_LIGHTS, TaskState, plan_states
from taskplan.progress.status import UNREPORTED
from taskplan.model.registry import Entry, Resolver
from taskplan.store.load import LoadedPlan
from taskplan.model.text import name_key
from taskplan.index.roles import PlanIndex
from taskplan.output.views import task_record
from taskplan.index.sections import parse_sections, selects
from taskplan.model.numerals import chinese_number, section_heading, subsection_heading
from taskplan.model.dates import cn_date
from taskplan.reports.lazy import Lazy

LIGHTS = {key: name.removesuffix("灯") for key, name in STATE_LIGHTS.items()}  # 红, 黄, 绿, 无时限: the short names of the one vocabulary
LEDGER_HEADER = ["编号", "板块", "任务内容", "牵头单位", "责任单位", "落实措施", "状态", "完成时限", "进展情况", "灯"]


@dataclass(frozen=True)
class ReportOptions:
    as_of: dt.date
    unit: str | None = None
    section: str | None = None
    by_unit: bool = False


# ---------------------------------------------------------------- helpers


def unit_dict(entry: Entry) -> dict[str, Any]:
    return {
        "name": entry.name,
        "full_name": entry.display,
        "kind": entry.kind,
        "is_group": entry.is_group,
        "aliases": list(entry.aliases),
        "members": list(entry.members),
    }


def state_dict(state: TaskState) -> dict[str, Any]:
    return {
        "status": state.status,
        "reported": state.status != UNREPORTED,
        "due": state.due.isoformat() if state.due else None,
        "original_due": state.original_due.isoformat() if state.original_due else None,
        "overdue": state.overdue,
        "days_left": state.days_left,
        "light": state.light,
        "light_cn": LIGHTS.get(state.light, state.light),
        "last_report": state.last_report.isoformat() if state.last_report else None,
    }


def _subsection_heading(section: Any, number: int | None) -> str | None:
    """(一)标题 of the task's sub-section, where the document has sub-sections."""
    if section is None or number is None:
        return None
    sub = next((x for x in section.sections if x.number == number), None)
    return subsection_heading(number, sub.title if sub else "")


def task_dict(task: Task, plan: Plan, resolver: Resolver, state: TaskState) -> dict[str, Any]:
    section = plan.section(task.section)
    measures = []
    previous: str | None = None
    for m in task.measures:
        # the importer starts a new measure where a unit's numbering restarts ("人社局:…。(1)…(2)…");
        # the document writes the unit once, so a run of the same unit shows its prefix once
        continued = bool(m.unit) and m.unit == previous
        measures.append(
            {
                "unit": m.unit,
                "unit_full": resolver.display(m.unit) if m.unit else None,
                "intro": m.intro,
                "points": list(m.items),
                "continued": continued,
                "text": measure_text(None if continued else m.unit, m.items, m.intro),
            }
        )
        previous = m.unit
    last = max(task.progress, key=lambda p: p.date, default=None)
    deadlines = [d.text for d in task.deadlines]
    st = state_dict(state)
    return {
        **task_record(task),  # the record's own fields, as list --format json gives them: a new field shows up here too
        "section_title": section.title if section else "",
        "section_heading": section_heading(task.section, section.title if section else ""),
        "subsection_heading": _subsection_heading(section, task.subsection),
        "lead_full": [resolver.display(n) for n in task.lead],
        "responsible_full": [resolver.display(n) for n in task.responsible],
        "measures": measures,
        "measures_text": "".join(m["text"] for m in measures),
        "deadlines": deadlines,
        "deadline_text": st["due"] or "；".join(deadlines),
        "progress_note": f"{last.date.isoformat()} {last.note or last.status}" if last else "",
        "state": st,
    }


def ledger_row(t: dict[str, Any]) -> list[Any]:
    """One row of the 台账 (LEDGER_HEADER); shared by csv templates and the xlsx writer."""
    st = t["state"]
    return [
        t["id"], t["section_heading"], t["title"], "、".join(t["lead"]), "、".join(t["responsible"]),
        t["measures_text"], st["status"], t["deadline_text"], t["progress_note"], st["light_cn"],
    ]


# ---------------------------------------------------------------- the base every kind shares


class Base:
    """Loads what every kind needs once: resolver, states, task dicts, filters."""

    def __init__(self, loaded: LoadedPlan, options: ReportOptions) -> None:
        if loaded.plan is None or loaded.registry is None:
            raise UsageError(M_("the plan has no plan.yaml or units.yaml"))
        self.plan = loaded.plan
        self.options = options
        self.resolver = Resolver(loaded.registry)
        self.all_tasks = sorted(loaded.tasks, key=lambda t: t.id)
        self.unit = self.resolver.require(options.unit) if options.unit else None
        plan_sections = [(sec.number, sec.title) for sec in self.plan.sections]
        # --section: the one section-spec reader list uses too (2, 二、, a title word, 2..4, 3.1)
        self.wanted = parse_sections(options.section, plan_sections) if options.section else None
        numbers = sorted({n for n, _ in self.wanted}) if self.wanted else []
        whole = bool(self.wanted) and all(sub is None for _, sub in self.wanted)
        self.section_numbers = numbers or None  # the sections shown (None: all)
        self.section = numbers[0] if whole and len(numbers) == 1 else None  # "第三部分" in titles
        self.index = PlanIndex(self.plan, self.all_tasks, self.resolver)  # the one role model (index/roles.py)
        tasks = [t for t in self.all_tasks if self.wanted is None or selects(self.wanted, t.section, t.subsection)]
        if self.unit is not None:
            mine = self.owed(self.unit)
            tasks = [t for t in tasks if t.id in mine]
        # the plan's own settings (warn days, reporting period, its date as start of reporting)
        self.root = loaded.root
        self.config = config_for(loaded)
        self.states = plan_states(tasks, options.as_of, self.config)
        self.records = tasks  # the selected task records, in id order: the one source of every per-task view
        # every unit a task involves, ordered by first appearance in the plan (stable across filters)
        self.unit_rank = {name: i for i, name in enumerate(dict.fromkeys(n for t in self.all_tasks for n in self.index.task_units(t)))}
        # one dict per task, made when a template or writer reads it and not kept (reports/lazy.py)
        self.tasks = Lazy(tasks, self.task)

    def task(self, task: Task) -> dict[str, Any]:
        """The task dict of ``task`` (docs/reports.md, ``tasks``): made anew on every call."""
        t = task_dict(task, self.plan, self.resolver, self.states[task.id])
        t["unit_names"] = self.unit_names(task)
        # the same per role, for the HTML filters' 牵头/责任 choice
        t["lead_units"] = self.index.task_units(task, "lead")
        t["responsible_units"] = self.index.task_units(task, "responsible")
        return t

    def unit_names(self, task: Task) -> list[str]:
        """Every unit ``task`` involves, in the order of first appearance in the plan (a task dict's ``unit_names``)."""
        return sorted(self.index.task_units(task), key=self.unit_rank.__getitem__)

    def subset(self, keep: Callable[[Task], bool]) -> Lazy:
        """The task dicts of the selected tasks ``keep`` accepts, made when read."""
        return Lazy([t for t in self.records if keep(t)], self.task)

    def owed(self, entry: Entry) -> dict[int, list[tuple[str, str | None]]]:
        """task id → [(role, via group or None)] of what ``entry`` owes (``PlanIndex.owed``)."""
        return {task.id: [(r.role, r.via) for r in roles] for task, roles in self.index.owed(entry)}

    def entries(self) -> list[Entry]:
        """Units then groups, in registry order, that the plan involves."""
        return self.index.named_entries()

    def sections(self) -> list[dict[str, Any]]:
        by_section: dict[int, list[Task]] = {}
        for t in self.records:
            by_section.setdefault(t.section, []).append(t)
        out = []
        for s in self.plan.sections:
            if self.section_numbers is not None and s.number not in self.section_numbers:
                continue
            if self.unit is not None and s.number not in by_section:
                continue
            out.append(
                {
                    "number": s.number,
                    "numeral": chinese_number(s.number),
                    "title": s.title,
                    "heading": section_heading(s.number, s.title),
                    "subsections": [
                        {"number": sub.number, "title": sub.title, "heading": subsection_heading(sub.number, sub.title)}
                        for sub in s.sections
                    ],
                    "tasks": Lazy(by_section.get(s.number, []), self.task),
                }
            )
        return out

    def common(self, kind: str, title: str) -> dict[str, Any]:
        p = self.plan
        return {
            "kind": kind,
            "report": {
                "kind": kind,
                "title": title,
                "as_of": self.options.as_of.isoformat(),
                "as_of_cn": cn_date(self.options.as_of),
                "unit": unit_dict(self.unit) if self.unit else None,
                "section": self.section,
                "sections": self.section_numbers,
                "filtered": self.unit is not None or self.wanted is not None,
            },
            "plan": {
                "title": p.title,
                "issuer": p.issuer,
                "date": p.date.isoformat() if p.date else None,
                "date_cn": cn_date(p.date),
                "addressees": p.addressees,
                "preamble": p.preamble,
                "note": p.note,
                "section_count": len(p.sections),
                "task_count": len(self.all_tasks),
            },
            "statuses": [*STATUSES, UNREPORTED],
            "ledger_header": LEDGER_HEADER,
            "units": [unit_dict(e) for e in self.entries()],
        }

"""Per-unit figures: status counts, overdue tasks and on-time rate, for the lead units."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

from taskplan.model.records import STATUSES, Task
from taskplan.progress.state import TaskState
from taskplan.progress.status import UNREPORTED

STATUS_COLUMNS: tuple[str, ...] = (*STATUSES, UNREPORTED)

# The group a task with ``lead: []`` is counted under (issue 15: such a task is
# imported and flagged by check as TP208); never dropped from a per-lead view.
NO_LEAD = "（无牵头单位）"


def lead_groups(lead: Iterable[str]) -> list[str]:
    """The names a task is grouped under per lead unit: its leads, or ``NO_LEAD`` when it names none."""
    return list(lead) or [NO_LEAD]


@dataclass
class UnitProgress:
    unit: str
    task_ids: list[int] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUS_COLUMNS, 0))
    overdue: list[int] = field(default_factory=list)
    on_time: int = 0
    judged: int = 0  # tasks done or overdue: the ones the rate is about

    @property
    def on_time_rate(self) -> float | None:
        """on-time / judged; None when nothing is judged yet."""
        return self.on_time / self.judged if self.judged else None


def by_lead_unit(
    tasks: Iterable[Task], states: dict[int, TaskState], canonical: Callable[[str], str] = lambda name: name
) -> dict[str, UnitProgress]:
    """Figures per lead unit (canonical name), in order of first appearance; a task counts for each of its leads."""
    out: dict[str, UnitProgress] = {}
    for task in tasks:
        state = states[task.id]
        for name in dict.fromkeys(canonical(n) for n in lead_groups(task.lead)):
            unit = out.setdefault(name, UnitProgress(name))
            unit.task_ids.append(task.id)
            unit.counts[state.status] += 1
            if state.overdue:
                unit.overdue.append(task.id)
            if state.on_time is not None:
                unit.judged += 1
                unit.on_time += state.on_time
    return out


def format_rate(rate: float | None) -> str:
    return "-" if rate is None else f"{rate:.0%}"

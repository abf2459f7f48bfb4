"""Task ids from the document's printed numbers, and what to say when they cannot be the same.

A supervision office cites tasks by the numbers the document prints (第3项);
an id that differs from its printed number silently is a wrong citation in
every 通报.  When the printed numbers run on through the whole plan (1.–146.
across all sections) each numbered task keeps its printed number as its id,
and an unnumbered task found among them gets an id after the highest printed
number.  When the numbers restart in each section, ids follow reading order
(as they always did).  Either way every unnumbered task and every printed
number out of sequence (skipped, repeated, going back) is reported.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from taskplan.i18n import M_


class TaskBlock(Protocol):
    """What this module needs of structure.TaskBlock (structure imports this module, not the reverse)."""

    id: int
    number: int | None  # as printed (None: unnumbered)
    after: int | None  # printed out of sequence: the number printed before it

UNNUMBERED = "unnumbered"
OUT_OF_SEQUENCE = "out of sequence"


@dataclass
class IdNote:
    task: TaskBlock
    kind: str  # UNNUMBERED or OUT_OF_SEQUENCE
    message: str


def plan_wide(tasks: list[TaskBlock]) -> bool:
    """The printed numbers only go up through the whole plan: they can be the ids."""
    printed = [t.number for t in tasks if t.number is not None]
    return bool(printed) and all(b > a for a, b in zip(printed, printed[1:]))


def assign_ids(tasks: list[TaskBlock], numbered: bool) -> list[IdNote]:
    """Set every task's id (reading order given); return what the user must hear about.

    ``numbered``: the document numbers its tasks (an unnumbered document keeps
    reading order and says nothing)."""
    for k, task in enumerate(tasks, 1):
        task.id = k
    if not numbered or all(t.number is None for t in tasks):
        return []
    keep = plan_wide(tasks)
    if keep:
        highest = max(t.number for t in tasks if t.number is not None)
        extra = highest
        for task in tasks:
            if task.number is not None:
                task.id = task.number
            else:
                extra += 1
                task.id = extra
    notes: list[IdNote] = []
    for task in tasks:
        if task.number is None and keep:
            message = M_(
                "unnumbered task imported as task {task_id}, after the highest printed number ({highest}), "
                "so that every numbered task keeps its printed number as its id; cite it as {task_id}",
                task_id=task.id, highest=highest,
            )
            notes.append(IdNote(task, UNNUMBERED, message))
        elif task.number is None:
            message = M_(
                "unnumbered task imported as task {task_id} in reading order (the document's numbers restart "
                "in each section, so ids follow reading order, not the printed numbers)",
                task_id=task.id,
            )
            notes.append(IdNote(task, UNNUMBERED, message))
        elif task.after is not None:
            notes.append(IdNote(task, OUT_OF_SEQUENCE, _sequence_message(task, keep)))
    return notes


def _sequence_message(task: TaskBlock, keep: bool) -> str:
    printed, previous = task.number, task.after
    if keep:
        missing = str(previous + 1) if printed == previous + 2 else "{}–{}".format(previous + 1, printed - 1)
        return M_(
            "printed number {printed} follows {previous}: the document skips {missing}; "
            "the task keeps its printed number as its id (there is no task {missing})",
            printed=printed, previous=previous, missing=missing,
        )
    if printed == previous:
        return M_(
            "printed number {printed} repeated: imported as task {task_id} in reading order, "
            "so the ids of the tasks after it differ from their printed numbers; correct the numbers in the document and import again",
            printed=printed, task_id=task.id,
        )
    return M_(
        "printed number {printed} does not follow {previous}: imported as task {task_id} in reading order, "
        "so ids differ from the printed numbers; correct the numbers in the document and import again",
        printed=printed, previous=previous, task_id=task.id,
    )

"""Changes to a task file for progress tracking: update, extend, store extracted deadlines.

Every change goes through the round-trip writer (comments, key order and
untouched formatting survive), is validated against the Task model before
anything is written (a change never leaves an invalid record behind), and is
written atomically (store/write.py).  The functions decide and validate; they
never print.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from pydantic import ValidationError

from taskplan.i18n import M_, names_list
from taskplan.errors import DataError, UsageError
from taskplan.model.records import Task
from taskplan.progress.deadlines import Proposal
from taskplan.progress.state import deadline_states
from taskplan.progress.status import NEEDS_NOTE
from taskplan.store.load import schema_findings
from taskplan.store.write import edit_text, rewrite_file
from taskplan.store.yamlio import ParseProblem, parse

FIELD_ORDER = list(Task.model_fields)


# The round-trip editing API of a task file: progress/ and forms/ (collect) insert and append
# through these, so a new key lands where the record format puts it, whoever adds it.


def new_mapping(pairs: list[tuple[str, Any]]) -> Any:
    """A round-trip mapping with ``pairs`` in order (a progress entry, an extension, a request …)."""
    from ruamel.yaml.comments import CommentedMap

    return CommentedMap(pairs)


def set_in_order(doc: Any, key: str, value: Any) -> None:
    """Set ``doc[key]``; a new key goes where the record format puts it, not at the end."""
    if key in doc:
        doc[key] = value
        return
    rank = FIELD_ORDER.index(key)
    position = 0
    for i, existing in enumerate(doc):
        if existing in FIELD_ORDER and FIELD_ORDER.index(existing) < rank:
            position = i + 1
    doc.insert(position, key, value)


def list_field(doc: Any, key: str) -> Any:
    """The list ``doc[key]``, created empty at its place in the record when absent (or null)."""
    from ruamel.yaml.comments import CommentedSeq

    if doc.get(key) is None:
        set_in_order(doc, key, CommentedSeq())
    return doc[key]


def append_item(doc: Any, key: str, item: Any) -> None:
    """Append ``item`` to the list ``doc[key]`` (created at its place when absent)."""
    list_field(doc, key).append(item)


def _task_of(rel: str, text: str) -> Task:
    try:
        data, _ = parse(text.encode("utf-8"), rel)
        return Task.model_validate(data)
    except ParseProblem as problem:
        raise DataError([problem.finding]) from None
    except ValidationError as exc:
        raise DataError(schema_findings(rel, text, exc)) from None


def edit_task_file(root: Path, rel: str, mutate: Callable[[Any, Task], None], *, write: bool = True) -> tuple[str, str]:
    """Round-trip ``root/rel`` through ``mutate(doc, task)``; refuse a result that is not a valid task
    (``write=False``: only compute the new text, for a dry run).

    ``task`` is the record as the file holds it at the moment of writing,
    read under the file's lock (store/write.py): a check made on it (date
    order, the deadline an extension starts from) sees what a concurrent
    command wrote just before, and the edit is applied to that text.
    """

    def transform(raw: str) -> str:
        task = _task_of(rel, raw.removeprefix("\ufeff"))
        return edit_text(raw, lambda doc: mutate(doc, task), lambda new: _task_of(rel, new) and None)

    return rewrite_file(root / rel, transform, write=write)


@dataclass(frozen=True)
class Update:
    status: str
    note: str | None
    unit: str | None
    date: dt.date


def check_update(task: Task, update: Update, *, force: bool = False) -> None:
    """Refuse updates that would corrupt the log (UsageError)."""
    if update.status in NEEDS_NOTE and not (update.note and update.note.strip()):
        raise UsageError(M_("{update_status} needs a note saying what shows it", update_status=update.status), hint=M_('add --note "…" (the evidence)'))
    last = max((p.date for p in task.progress), default=None)
    if last and update.date < last and not force:
        raise UsageError(
            M_("task {task_id}: {update_date} is earlier than its last progress entry ({last})", task_id=task.id, update_date=update.date, last=last),
            hint=M_("the log is in date order; pass --force to record a late report anyway"),
        )


def update_task(root: Path, rel: str, task: Task, update: Update, *, force: bool = False) -> tuple[str, str]:
    """Append a progress entry and set the task's status."""
    check_update(task, update, force=force)
    pairs: list[tuple[str, Any]] = [("date", update.date), ("status", update.status)]
    if update.note:
        pairs.append(("note", update.note))
    if update.unit:
        pairs.append(("unit", update.unit))

    def mutate(doc: Any, current: Task) -> None:
        check_update(current, update, force=force)
        if doc.get("status") != update.status:
            set_in_order(doc, "status", update.status)
        append_item(doc, "progress", new_mapping(pairs))

    return edit_task_file(root, rel, mutate)


@dataclass(frozen=True)
class Recorded:
    """What ``record_progress`` did: the task's file, its status before and after, the entry's date."""

    path: str
    task_id: int
    before: str  # the status before, 未填报 when there was none
    after: str
    date: dt.date

    def line(self) -> str:
        from taskplan.i18n import _

        change = (_("{before} -> {after}").format(before=self.before, after=self.after) if self.before != self.after
                  else _("still {status}").format(status=self.after))
        return _("{rel}: task {task_id} {change}, progress entry {day} added").format(
            rel=self.path, task_id=self.task_id, change=change, day=self.date)


def record_progress(loaded: Any, task_id: int, *, status: str | None, note: str | None, unit: str | None,
                    day: dt.date, today: dt.date, force: bool = False) -> Recorded:
    """``taskplan update``: a progress entry {day, status, note, unit} for task ``task_id`` of ``loaded``.

    ``status`` as typed (Chinese or English; None keeps the task's status, which it must then have);
    ``unit`` any spelling of a registered unit.  A day after ``today`` sorts after every real report
    and would block them, so it needs ``force`` (as does one before the last entry).
    """
    from taskplan.model.registry import Resolver
    from taskplan.progress.status import UNREPORTED, parse_status

    if day > today and not force:
        raise UsageError(M_("--date {day} is later than today ({today})", day=day, today=today),
                         hint=M_("a report is dated when it is made; pass --force to record it anyway"))
    task = loaded.task(task_id)
    if status is not None:
        new_status = parse_status(status)
    elif task.status is not None:
        new_status = task.status
    else:
        raise UsageError(M_("task {task_id} has no status yet", task_id=task_id), hint=M_("pass --status"))
    unit_name = Resolver(loaded.registry).require(unit).name if unit else None
    rel = loaded.task_paths[task_id]
    update_task(loaded.root, rel, task, Update(new_status, note, unit_name, day), force=force)
    return Recorded(rel, task_id, task.status or UNREPORTED, new_status, day)


def extension_starts(task: Task, to: dt.date, from_: list[dt.date] | None = None) -> list[dt.date]:
    """The dates an extension to ``to`` starts from, earliest first.

    Without ``from_``: every pending deadline, i.e. every dated deadline whose
    effective date (after the extensions so far) is earlier than ``to`` — a
    task with two leads' deadlines is not left red by moving only one.  With
    ``from_``: exactly those dates, each a deadline or an earlier extension's
    ``to``.  Deadlines already on or after ``to`` are left alone.
    """
    if from_:
        known = {d.date for d in task.deadlines if d.date is not None} | {e.to for e in task.extensions}
        for start in from_:
            if start not in known:
                shown = names_list([str(d) for d in sorted(known)]) or M_("none")
                raise UsageError(M_("task {task_id} has no deadline {start} to extend", task_id=task.id, start=start), hint=M_("its deadlines and extensions: {shown}", shown=shown))
            if to <= start:
                raise UsageError(M_("--to {to} is not later than the deadline it extends ({start})", to=to, start=start))
        return sorted(set(from_))
    dues = {s.due for s in deadline_states(task) if s.due is not None}
    if not dues:
        raise UsageError(M_("task {task_id} has no dated deadline to extend", task_id=task.id), hint=M_("add a deadline, or pass --from DATE"))
    starts = sorted(d for d in dues if d < to)
    if not starts:
        raise UsageError(M_("--to {to} is not later than the deadline it extends ({value1})", to=to, value1=min(dues)))
    return starts


def extend_task(
    root: Path, rel: str, task: Task, to: dt.date, reason: str, approved_by: str | None = None,
    from_: dt.date | list[dt.date] | None = None,
) -> tuple[list[dt.date], tuple[str, str]]:
    """Append one extension to ``to`` per deadline it moves (see ``extension_starts``).

    Returns (the dates moved, (old text, new text)).
    """
    if not reason.strip():
        raise UsageError(M_("an extension needs a reason"), hint=M_('pass --reason "…"'))
    from_list = [from_] if isinstance(from_, dt.date) else from_
    extension_starts(task, to, from_list)  # refuse before touching the file
    chosen: list[dt.date] = []

    def mutate(doc: Any, current: Task) -> None:
        chosen[:] = extension_starts(current, to, from_list)  # the file as it is now, under its lock
        for start in chosen:
            # a fresh date object per entry: ruamel writes one object used twice as an anchor and alias
            pairs: list[tuple[str, Any]] = [("from", start), ("to", dt.date(to.year, to.month, to.day)), ("reason", reason)]
            if approved_by:
                pairs.append(("approved_by", approved_by))
            append_item(doc, "extensions", new_mapping(pairs))
        for request in doc.get("requests") or []:  # the unit's pending request for this date is answered
            if request.get("status", "pending") == "pending" and request.get("to") == to:
                request["status"] = "approved"

    texts = edit_task_file(root, rel, mutate)
    return chosen, texts


def new_proposals(task: Task, proposals: list[Proposal]) -> list[Proposal]:
    """The proposals not stored yet: an extracted deadline is there already when one with the
    same date, unit and text exists; a manual deadline with the same date and unit wins over it."""
    out = []
    for p in proposals:
        if p.task_id != task.id:
            continue
        clash = False
        for d in task.deadlines:
            same = d.date == p.date and d.recurring == p.recurring and d.unit == p.unit
            if same and (d.source == "manual" or d.text == p.text):
                clash = True
                break
        if not clash:
            out.append(p)
    return out


def store_deadlines(root: Path, rel: str, task: Task, proposals: list[Proposal]) -> list[Proposal]:
    """Append the proposals not stored yet as ``source: extracted``; returns what was written."""
    fresh = new_proposals(task, proposals)
    if not fresh:
        return []

    written: list[Proposal] = []

    def mutate(doc: Any, current: Task) -> None:
        written[:] = new_proposals(current, fresh)  # what a concurrent run stored already is not stored twice
        for p in written:
            pairs: list[tuple[str, Any]] = [("date", p.date)] if p.date else []
            pairs.append(("text", p.text))
            if p.unit:
                pairs.append(("unit", p.unit))
            pairs.append(("source", "extracted"))
            if p.recurring:
                pairs.append(("recurring", True))
            append_item(doc, "deadlines", new_mapping(pairs))

    edit_task_file(root, rel, mutate)
    return written


@dataclass(frozen=True)
class StoreResult:
    proposed: int
    written: int
    files: int

    def line(self) -> str:
        from taskplan.i18n import _

        return _("wrote {written} deadline(s) to {files} task file(s); {known} already stored").format(
            written=self.written, files=self.files, known=self.proposed - self.written)


def store_plan_deadlines(root: Path, tasks: list[Task], task_paths: dict[int, str], proposals: list[Proposal]) -> StoreResult:
    """Store the new proposals of every task (see ``store_deadlines``)."""
    written = files = 0
    for task in tasks:
        stored = store_deadlines(root, task_paths[task.id], task, [p for p in proposals if p.task_id == task.id])
        written += len(stored)
        files += bool(stored)
    return StoreResult(len(proposals), written, files)

"""Read filled 填报表 back: validate every reply row, then append the valid ones to the task files.

A row is a reply when any of its reply cells (本期状态 … 延期理由) holds
something; empty rows are tasks the unit did not report on this time.  Every
reply is either taken (a progress entry with ``unit`` and ``source: form
FILE``, and a pending extension request when it asks for one), already
recorded (collecting a file twice adds nothing), or rejected with its place
(file, sheet, row) and the reason: none is dropped silently.  A row is taken
whole or not at all.

Writing goes through progress/edit.py's writer (round trip, validated,
locked, atomic), one write per task file; ``dry_run`` computes the same
writes without making them.
"""
from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from taskplan.errors import UsageError
from taskplan.forms.build import identity_of
from taskplan.forms.sheet import (
    COLUMNS, EDITABLE, FORM_SHEET, FORMAT, META_KEYS, META_SHEET, PROTECTED, ROW_TABLE, cell_text, form_checksum,
    row_checksum,
)
from taskplan.model.dates import parse_date
from taskplan.model.records import STATUSES
from taskplan.progress.status import NEEDS_NOTE, parse_status
from taskplan.index.roles import PlanIndex
from taskplan.store.load import LoadedPlan

HEADER_SEARCH_ROWS = 10  # the header row is looked for in the first rows of the form sheet


@dataclass(frozen=True)
class Place:
    file: str
    sheet: str = ""
    row: int = 0  # 1-based, as the spreadsheet numbers it; 0: the whole file

    def __str__(self) -> str:
        return f"{self.file}:{self.sheet}:{self.row}" if self.sheet else self.file


@dataclass(frozen=True)
class Reply:
    """A valid row: what it adds to task ``task_id``."""

    place: Place
    task_id: int
    unit: str
    date: dt.date
    status: str
    note: str | None
    reporter: str | None
    source: str
    extend_to: dt.date | None = None
    extend_reason: str | None = None

    def entry(self) -> dict[str, Any]:
        out: dict[str, Any] = {"date": self.date, "status": self.status}
        if self.note:
            out["note"] = self.note
        out["unit"] = self.unit
        if self.reporter:
            out["reporter"] = self.reporter
        out["source"] = self.source
        return out

    def request(self) -> dict[str, Any] | None:
        if self.extend_to is None:
            return None
        # a date object of its own: the writer would anchor (&id001) one object written twice
        day = dt.date.fromordinal(self.date.toordinal())
        return {"date": day, "unit": self.unit, "to": self.extend_to, "reason": self.extend_reason,
                "source": self.source, "status": "pending"}


@dataclass(frozen=True)
class Rejected:
    place: Place
    reason: str


@dataclass
class Collection:
    """What collecting a set of files found and (unless dry run) wrote."""

    taken: list[Reply] = field(default_factory=list)
    known: list[Reply] = field(default_factory=list)  # already in the records: not added again
    rejected: list[Rejected] = field(default_factory=list)
    writes: dict[str, tuple[str, str]] = field(default_factory=dict)  # task file -> (old text, new text)
    files: int = 0

    @property
    def requests(self) -> int:
        return sum(1 for r in self.taken if r.extend_to is not None)


# ---------------------------------------------------------------- reading a workbook


class _Unreadable(Exception):
    """The file as a whole cannot be read as a form: the reason, and the reply rows it holds (if any)."""

    def __init__(self, reason: str, rows: list[int] | None = None, sheet: str = "") -> None:
        super().__init__(reason)
        self.reason, self.rows, self.sheet = reason, rows or [], sheet


@dataclass
class _Form:
    meta: dict[str, str]
    sums: dict[int, str]  # task id -> checksum of its row as issued
    columns: dict[str, int]  # column name -> 0-based index
    rows: list[tuple[int, tuple]]  # (1-based row number, cell values)


def _meta(wb: Any) -> tuple[dict[str, str], dict[int, str]]:
    if META_SHEET not in wb.sheetnames:
        raise _Unreadable(f'not a taskplan 填报表: it has no "{META_SHEET}" sheet (make forms with taskplan report forms)')
    rows = [tuple(cell_text(v) for v in row[:2]) for row in wb[META_SHEET].iter_rows(values_only=True)]
    meta = {k: v for k, v in rows[: len(META_KEYS)] if k in META_KEYS}
    if meta.get("格式") != FORMAT or set(meta) != set(META_KEYS):
        raise _Unreadable(f'the "{META_SHEET}" sheet was changed: it no longer says which plan and unit this form is for')
    sums: dict[int, str] = {}
    table = False
    for key, value in rows[len(META_KEYS):]:
        if (key, value) == ROW_TABLE:
            table = True
        elif table and key.isdigit():
            sums[int(key)] = value
    if form_checksum(meta["方案标识"], meta["单位"], meta["截至"], list(sums.values())) != meta["校验"]:
        raise _Unreadable(f'the "{META_SHEET}" sheet was changed: its checksum does not match')
    return meta, sums


def _open(path: Path) -> _Form:
    from zipfile import BadZipFile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    from taskplan.store.discover import kind_of

    kind = kind_of(path)
    if kind not in ("a file", "missing"):  # a folder, a pipe: openpyxl would fail on its name, or block
        raise _Unreadable(f"it is {kind}, not an Excel workbook (.xlsx)")
    try:
        wb = load_workbook(path, data_only=True)
    except FileNotFoundError:
        raise _Unreadable("no such file") from None
    except InvalidFileException:  # openpyxl judges by the name: form.xls, form.csv
        raise _Unreadable("not an Excel workbook (.xlsx): save it as .xlsx in Excel or WPS, then collect that file") from None
    except (BadZipFile, KeyError, ValueError, OSError) as exc:
        raise _Unreadable(f"not an Excel workbook (.xlsx) that can be read: {type(exc).__name__}") from None
    if FORM_SHEET not in wb.sheetnames:
        raise _Unreadable(f'not a taskplan 填报表: it has no "{FORM_SHEET}" sheet')
    values = [tuple(row) for row in wb[FORM_SHEET].iter_rows(values_only=True)]
    header_at = next(
        (i for i, row in enumerate(values[:HEADER_SEARCH_ROWS]) if {"编号", "本期状态"} <= {cell_text(v) for v in row}), None
    )
    if header_at is None:
        raise _Unreadable(f'the "{FORM_SHEET}" sheet has no header row (编号 … 本期状态)', sheet=FORM_SHEET)
    columns = {cell_text(v): i for i, v in enumerate(values[header_at]) if cell_text(v) in COLUMNS}
    rows = [(header_at + 2 + n, row) for n, row in enumerate(values[header_at + 1:])]
    missing = [name for name in COLUMNS if name not in columns]
    try:
        meta, sums = _meta(wb)
    except _Unreadable as exc:
        raise _Unreadable(exc.reason, _reply_rows(rows, columns), FORM_SHEET) from None
    if missing:
        raise _Unreadable(f"columns removed or renamed: {'、'.join(missing)}", _reply_rows(rows, columns), FORM_SHEET)
    return _Form(meta, sums, columns, rows)


def _cell(row: tuple, columns: dict[str, int], name: str) -> Any:
    i = columns.get(name)
    return row[i] if i is not None and i < len(row) else None


def _is_reply(row: tuple, columns: dict[str, int]) -> bool:
    return any(cell_text(_cell(row, columns, name)) for name in EDITABLE)


def _reply_rows(rows: list[tuple[int, tuple]], columns: dict[str, int]) -> list[int]:
    return [n for n, row in rows if _is_reply(row, columns)]


# ---------------------------------------------------------------- one row


class _Refuse(Exception):
    pass


def _date(value: Any, column: str) -> dt.date | None:
    """A date cell: a typed date, or text in any spelling parse_date reads; None when empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return parse_date(value, column)
        except UsageError:
            raise _Refuse(f'{column} "{value.strip()}" is not a date: write it as 2020-12-01 or 2020年12月1日') from None
    raise _Refuse(f"{column} {cell_text(value)} is not a date: write it as 2020-12-01 or 2020年12月1日")


def _task_id(value: Any) -> int:
    text = unicodedata.normalize("NFKC", cell_text(value))
    if not text:
        raise _Refuse("编号 is empty: which task is this reply for?")
    if not text.isdigit():
        raise _Refuse(f'编号 "{text}" is not a task number')
    return int(text)


class _Reader:
    """Validates rows against the loaded plan, as of a date."""

    def __init__(self, loaded: LoadedPlan, as_of: dt.date) -> None:
        self.loaded = loaded
        self.as_of = as_of
        self.index = PlanIndex.of(loaded)
        self.tasks = {t.id: t for t in loaded.tasks}
        self.plan_title, self.plan_id = identity_of(loaded)

    def reply(self, form: _Form, place: Place, row: tuple, source: str) -> Reply:
        cols = form.columns
        task_id = _task_id(_cell(row, cols, "编号"))
        unit = self.index.resolve(form.meta["单位"])
        if unit is None:
            raise _Refuse(f'unit "{form.meta["单位"]}" of this form is not in units.yaml')
        issued = form.sums.get(task_id)
        protected = tuple(_cell(row, cols, name) for name in PROTECTED)
        typed_only_number = not any(cell_text(v) for v in protected[1:])  # a row added by hand: 编号 and the reply
        if issued is not None and not typed_only_number and row_checksum((task_id, *protected[1:])) != issued:
            raise _Refuse(f"the protected columns of task {task_id} were edited ({'、'.join(PROTECTED)}): "
                          "write the reply in a fresh form")
        task = self.tasks.get(task_id)
        if task is None:
            raise _Refuse(f"no task {task_id} in this plan")
        if not self.index.roles_of(task, unit):
            lead = "、".join(task.lead)
            raise _Refuse(f"task {task_id} is not a task of {unit.name} (lead: {lead}): it goes on that unit's form")
        status_text = cell_text(_cell(row, cols, "本期状态"))
        if not status_text:
            raise _Refuse(f"本期状态 is empty: choose one of {'、'.join(STATUSES)}")
        try:
            status = parse_status(status_text)
        except UsageError:
            raise _Refuse(f'本期状态 "{status_text}" is not a status: choose one of {"、".join(STATUSES)}') from None
        date = _date(_cell(row, cols, "填报日期"), "填报日期")
        if date is None:
            raise _Refuse("填报日期 is empty")
        if date > self.as_of:
            raise _Refuse(f"填报日期 {date} is in the future (after {self.as_of})")
        note = cell_text(_cell(row, cols, "进展情况")) or None
        if status in NEEDS_NOTE and not note:
            raise _Refuse(f"{status} needs 进展情况 saying what shows it (the evidence)")
        to = _date(_cell(row, cols, "申请延期至"), "申请延期至")
        reason = cell_text(_cell(row, cols, "延期理由")) or None
        if reason and to is None:
            raise _Refuse("延期理由 without 申请延期至: which date is asked for?")
        if to is not None:
            if not reason:
                raise _Refuse("申请延期至 needs 延期理由")
            from taskplan.progress.state import effective_due

            due, _ = effective_due(task)
            if due is not None and to <= due:
                raise _Refuse(f"申请延期至 {to} is not later than the current deadline {due}")
        reporter = cell_text(_cell(row, cols, "填报人")) or None
        return Reply(place, task_id, unit.name, date, status, note, reporter, source, to, reason)


# ---------------------------------------------------------------- collecting


def _entry_key(entry: Any) -> tuple:
    get = entry.get if isinstance(entry, dict) else lambda k: getattr(entry, k, None)
    return (get("date"), get("status"), get("note"), get("unit"))


def _request_key(req: Any) -> tuple:
    get = req.get if isinstance(req, dict) else lambda k: getattr(req, k, None)
    return (get("unit"), get("to"), get("reason"))


def read_forms(loaded: LoadedPlan, paths: list[Path], as_of: dt.date) -> Collection:
    """Validate every reply of every file; sort them into taken, already recorded and rejected."""
    reader = _Reader(loaded, as_of)
    result = Collection(files=len(paths))
    seen_entries = {tid: {_entry_key(p) for p in t.progress} for tid, t in reader.tasks.items()}
    seen_requests = {tid: {_request_key(r) for r in t.requests} for tid, t in reader.tasks.items()}
    for path in paths:
        label = str(path)
        try:
            form = _open(path)
        except _Unreadable as exc:
            if exc.rows:
                result.rejected += [Rejected(Place(label, exc.sheet, n), exc.reason) for n in exc.rows]
            else:
                result.rejected.append(Rejected(Place(label), exc.reason))
            continue
        replies = [(n, row) for n, row in form.rows if _is_reply(row, form.columns)]
        if form.meta["方案标识"] != reader.plan_id:
            reason = f"this form belongs to another plan ({form.meta['方案']}), not to {reader.plan_title}"
            result.rejected += [Rejected(Place(label, FORM_SHEET, n), reason) for n, _ in replies]
            continue
        source = f"form {path.name}"
        for n, row in replies:
            place = Place(label, FORM_SHEET, n)
            try:
                reply = reader.reply(form, place, row, source)
            except _Refuse as exc:
                result.rejected.append(Rejected(place, str(exc)))
                continue
            entry_new = _entry_key(reply.entry()) not in seen_entries[reply.task_id]
            request = reply.request()
            request_new = request is not None and _request_key(request) not in seen_requests[reply.task_id]
            if entry_new or request_new:
                seen_entries[reply.task_id].add(_entry_key(reply.entry()))
                if request is not None:
                    seen_requests[reply.task_id].add(_request_key(request))
                result.taken.append(reply)
            else:
                result.known.append(reply)
    return result


def _mutation(replies: list[Reply]):
    """Insert each entry in date order (after entries of the same day), add the requests, set the status."""
    from taskplan.progress.edit import append_item, list_field, new_mapping, set_in_order

    def mutate(doc: Any, current: Any) -> None:  # current: the Task as the file holds it now (unused)
        for reply in replies:
            entry = reply.entry()
            log = list_field(doc, "progress")
            if _entry_key(entry) not in {_entry_key(dict(p)) for p in log}:
                at = sum(1 for p in log if p.get("date") is not None and p["date"] <= reply.date)
                if at == len(log):
                    log.append(new_mapping(list(entry.items())))
                else:  # a late report: its place in the log is its date, so the log stays in date order
                    log.insert(at, new_mapping(list(entry.items())))
            request = reply.request()
            if request is not None and _request_key(request) not in {_request_key(dict(r)) for r in doc.get("requests") or []}:
                append_item(doc, "requests", new_mapping(list(request.items())))
        last = doc["progress"][-1]["status"]
        if doc.get("status") != last:
            set_in_order(doc, "status", last)

    return mutate


def collect(loaded: LoadedPlan, paths: list[Path], as_of: dt.date, *, dry_run: bool = False) -> Collection:
    """Read the forms and append what they report, one validated atomic write per task file."""
    from taskplan.progress.edit import edit_task_file

    result = read_forms(loaded, paths, as_of)
    by_task: dict[int, list[Reply]] = {}
    for reply in result.taken:
        by_task.setdefault(reply.task_id, []).append(reply)
    for task_id, replies in sorted(by_task.items()):
        rel = loaded.task_paths[task_id]
        old, new = edit_task_file(loaded.root, rel, _mutation(replies), write=not dry_run)
        if old != new:
            result.writes[rel] = (old, new)
    return result


# ---------------------------------------------------------------- what the command prints


def taken_lines(result: Collection, task_paths: dict[int, str]) -> list[str]:
    lines = []
    for r in result.taken:
        asked = f", asks to extend to {r.extend_to} (pending)" if r.extend_to else ""
        lines.append(f"{r.place}: task {r.task_id} {r.status} {r.date} by {r.unit}{asked} -> {task_paths[r.task_id]}")
    for r in result.known:
        lines.append(f"{r.place}: task {r.task_id} {r.status} {r.date} by {r.unit}: already recorded")
    return lines


def rejected_lines(result: Collection) -> list[str]:
    return [f"{r.place}: not taken: {r.reason}" for r in result.rejected]


def summary_line(result: Collection, *, dry_run: bool = False) -> str:
    verb = "would add" if dry_run else "added"
    files = f"{result.files} file{'s' if result.files != 1 else ''}"
    parts = [f"{verb} {len(result.taken)} progress report(s) and {result.requests} extension request(s) "
             f"to {len(result.writes)} task file(s) from {files}"]
    if result.known:
        parts.append(f"{len(result.known)} already recorded")
    parts.append(f"{len(result.rejected)} row(s) not taken")
    return "; ".join(parts)


def dry_run_diff(result: Collection) -> str:
    """The writes a dry run would make, as a unified diff per task file."""
    import difflib

    out = []
    for rel, (old, new) in sorted(result.writes.items()):
        out += difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True), f"a/{rel}", f"b/{rel}")
    return "".join(out)

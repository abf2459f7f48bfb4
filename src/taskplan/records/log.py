"""A task's history: each commit that changed its file, with the change in the plan's own words.

``taskplan log N`` lists, newest first, the commits that touched the task's
file (following renames, ``git log --follow``) and says what each changed with
the words of ``taskplan diff`` (records/diff.py): "status 未启动 → 推进中",
"1 progress report added", "lead: − 财政局".  A commit that changed only
comments or layout says so.  Reads git through store/gitrev.py; writes nothing.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from taskplan.i18n import M_
from taskplan.errors import UsageError
from taskplan.records.diff import Change, plan_diff, task_changes
from taskplan.store import gitrev
from taskplan.store.discover import TASKS_DIR, file_id, task_path

NO_PLAN_CHANGE = M_("no change in the plan's terms (comments or layout)")


@dataclass
class LogEntry:
    commit: str
    date: str  # ISO 8601, the author date
    author: str
    subject: str
    path: str  # the task's file in this commit (plan-relative)
    changes: list[Change] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"commit": self.commit, "date": self.date, "author": self.author, "subject": self.subject,
                "path": self.path, "changes": [{"summary": c.summary, "old": c.old, "new": c.new} for c in self.changes]}


def current_path(root: Path, task_id: int) -> str:
    """The task's file now: the task file whose name states ``task_id`` (020.yaml, 20.yaml …),
    else the usual name tasks/NNN.yaml (a task since deleted)."""
    from taskplan.store.load import task_files

    if (Path(root) / TASKS_DIR).is_dir():
        for rel in task_files(Path(root)):
            if file_id(rel) == task_id:
                return rel
    return task_path(task_id)


def _changes(task_id: int, old: bytes | None, new: bytes | None, old_path: str, path: str, label: str) -> list[Change]:
    from taskplan.store.yamlio import ParseProblem, parse

    if old is None or new is None:  # added or removed: diff's own words ("added (section 1, lead …)", "removed")
        return plan_diff({old_path: old} if old is not None else {}, {path: new} if new is not None else {}, "", label).changes
    try:
        before, _ = parse(old, old_path)
        after, _ = parse(new, path)
    except ParseProblem as exc:
        return [Change(M_("task {id}", id=task_id), M_("cannot be read at {label}: {code} {message}", label=label, code=exc.finding.code, message=exc.finding.message))]
    if not isinstance(before, dict) or not isinstance(after, dict):
        return [Change(M_("task {id}", id=task_id), M_("cannot be read at {label}: not a task record", label=label))]
    found = task_changes(task_id, before, after)
    if old_path != path:
        found.insert(0, Change(M_("task {id}", id=task_id), M_("file renamed {old} → {new}", old=old_path, new=path)))
    return found or [Change(M_("task {id}", id=task_id), NO_PLAN_CHANGE)]


def task_log(root: Path, task_id: int, *, since: str | None = None) -> list[LogEntry]:
    """The commits that changed task ``task_id``'s file, newest first (after ``since`` when given)."""
    rel = current_path(root, task_id)
    history = gitrev.file_history(root, rel, since)
    if not history and since is None:
        raise UsageError(M_("no commit touches {rel}", rel=rel), hint=M_("is task {task_id} committed? (git add, git commit)", task_id=task_id))
    wanted: list[tuple[str, str]] = []
    for h in history:
        wanted.append((f"{h['commit']}^", h["old_path"]) if h["old_path"] and h["status"] != "A" else ("", ""))
        wanted.append((h["commit"], h["path"]) if h["status"] != "D" else ("", ""))
    real = [(i, w) for i, w in enumerate(wanted) if w[0]]
    fetched = gitrev.blobs_at(root, [w for _, w in real])
    blobs: list[bytes | None] = [None] * len(wanted)
    for (i, _), blob in zip(real, fetched):
        blobs[i] = blob
    entries = []
    for n, h in enumerate(history):
        old, new = blobs[2 * n], blobs[2 * n + 1]
        label = h["commit"][:7]
        entries.append(LogEntry(h["commit"], h["date"], h["author"], h["subject"], h["path"],
                                _changes(task_id, old, new, h["old_path"] or h["path"], h["path"], label)))
    return entries


def as_text(task_id: int, entries: list[LogEntry], width: int | None = None) -> str:
    """One block per commit; with ``width`` each line wraps under a hanging indent (Chinese line breaking)."""
    from taskplan.i18n import _, translate
    from taskplan.output.show import hanging

    if not entries:
        return _("task {id}: no commits in that range").format(id=task_id) + "\n"
    lines = []
    for e in entries:
        lines += hanging(f"{e.commit[:7]} {e.date[:10]} ", f"{e.author}: {e.subject}", width, " " * 8)
        for c in e.changes:
            lines += hanging("    ", translate(c.summary), width, "      ")
            for t in c.old:
                lines += hanging("      - ", t, width)
            for t in c.new:
                lines += hanging("      + ", t, width)
    return "\n".join(lines) + "\n"


def as_json(task_id: int, entries: list[LogEntry]) -> str:
    """The envelope every command's JSON has (output.formats: schema_version first, a commit per line)."""
    from taskplan.output.formats import View, render

    return render(View([], {"task": task_id, "count": len(entries), "commits": [e.as_dict() for e in entries]}), "json")


LOG_FORMATS = {"text": as_text, "json": as_json}

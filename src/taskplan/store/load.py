"""Load a plan directory into validated models, collecting every problem.

A broken file is never skipped silently: it becomes a Finding and the
caller decides (``check`` reports all of them; read-only commands refuse to
answer from an incomplete plan, see ``LoadedPlan.require_valid``).
"""
from __future__ import annotations

import difflib
import gc
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from taskplan import models
from taskplan.errors import DataError, UsageError
from taskplan.findings import Finding
from taskplan.store import cache as parse_cache
from taskplan.store.discover import PLAN_FILE, TASKS_DIR, UNITS_FILE
from taskplan.store.parallel import parse_files
from taskplan.store.yamlio import ParseProblem, parse

CODE_MISSING_FIELD = "TP101"
CODE_UNKNOWN_FIELD = "TP102"
CODE_BAD_VALUE = "TP103"
CODE_MISSING_FILE = "TP104"
CODE_FILENAME = "TP301"
CODE_DUPLICATE_ID = "TP302"


@dataclass
class LoadedPlan:
    root: Path
    plan: models.Plan | None
    registry: models.Registry | None
    tasks: list[models.Task]
    task_paths: dict[int, str]
    task_files: list[str]
    problems: list[Finding] = field(default_factory=list)
    # top-level keys of each task file in file order (check's TP307 uses it instead of re-reading files)
    task_keys: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def errors(self) -> list[Finding]:
        return [p for p in self.problems if p.severity == "error"]

    def require_valid(self) -> LoadedPlan:
        """Raise DataError unless every file loaded cleanly (warnings are fine)."""
        if self.errors:
            raise DataError(sorted(self.errors))
        return self

    def task(self, task_id: int) -> models.Task:
        for task in self.tasks:
            if task.id == task_id:
                return task
        raise UsageError(f"no task {task_id} in this plan", hint=f"ids run from {self.tasks[0].id} to {self.tasks[-1].id}" if self.tasks else None)


def _all_field_names() -> list[str]:
    names: set[str] = set()
    for obj in vars(models).values():
        if isinstance(obj, type) and issubclass(obj, BaseModel) and obj is not BaseModel:
            names.update(obj.model_fields)
    return sorted(names)


def format_loc(loc: tuple[Any, ...]) -> str:
    out = ""
    for step in loc:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out or "(file)"


def schema_findings(path: str, text: str, exc: ValidationError) -> list[Finding]:
    """Turn a pydantic ValidationError into findings at the offending lines."""
    from taskplan.store.positions import locate

    findings = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        where = format_loc(loc)
        kind = err["type"]
        if kind == "missing":
            line, col = locate(text, loc[:-1])
            code, message = CODE_MISSING_FIELD, f'missing required field "{where}"; add it'
        elif kind == "extra_forbidden":
            line, col = locate(text, loc, key=True)
            name = str(loc[-1])
            close = difflib.get_close_matches(name, _all_field_names(), n=1)
            hint = f" (did you mean {close[0]}?)" if close else "; remove it or fix its spelling"
            code, message = CODE_UNKNOWN_FIELD, f'unknown field "{where}"{hint}'
        else:
            line, col = locate(text, loc)
            got = err.get("input")
            shown = repr(got) if not isinstance(got, (dict, list)) else type(got).__name__
            if len(shown) > 40:
                shown = shown[:37] + "..."
            code, message = CODE_BAD_VALUE, f'"{where}": {err["msg"].rstrip(".")}, got {shown}'
        findings.append(Finding(path, line, col, code, "error", message))
    return findings


class _Reader:
    """Reads record files through the parse cache (string paths: pathlib costs ~30 µs a file)."""

    def __init__(self, root: Path, use_cache: bool | str) -> None:
        self.root = root
        self.base = str(root)
        self.cache = parse_cache.ParseCache(root, read_only=use_cache == "read") if use_cache else None

    def stat(self, rel: str) -> os.stat_result | None:
        try:
            return os.stat(os.path.join(self.base, rel))
        except FileNotFoundError:
            return None

    def cached(self, rel: str, st: os.stat_result) -> tuple[Any, list[Finding]] | None:
        if self.cache is None:
            return None
        hit = self.cache.get(rel, st)
        return None if hit is None else (hit[0], list(hit[1]))

    def parse_file(self, rel: str, st: os.stat_result) -> tuple[Any, list[Finding]]:
        with open(os.path.join(self.base, rel), "rb") as fh:
            raw = fh.read()
        data, found = parse_bytes(raw, rel)
        self.remember(rel, st, data, found)
        return data, found

    def remember(self, rel: str, st: os.stat_result, data: Any, found: list[Finding]) -> None:
        if self.cache is not None:
            self.cache.put(rel, st, data, found)

    def read(self, rel: str) -> tuple[Any | None, list[Finding]]:
        """(data or None, findings) of one file."""
        st = self.stat(rel)
        if st is None:
            return None, [Finding(rel, 0, 0, CODE_MISSING_FILE, "error", f"{rel} is missing; every plan needs one")]
        return self.cached(rel, st) or self.parse_file(rel, st)

    def read_many(self, rels: list[str]) -> list[tuple[Any | None, list[Finding]]]:
        """Read task files: cache hits first, then the misses, in parallel when there are many."""
        out: list[Any] = [None] * len(rels)
        misses: list[tuple[int, str, os.stat_result]] = []
        for i, rel in enumerate(rels):
            st = self.stat(rel)
            if st is None:  # vanished since the directory was listed
                out[i] = (None, [Finding(rel, 0, 0, CODE_MISSING_FILE, "error", f"{rel} disappeared while loading")])
                continue
            hit = self.cached(rel, st)
            if hit is None:
                misses.append((i, rel, st))
            else:
                out[i] = hit
        if misses:
            parsed = parse_files(self.base, [rel for _, rel, _ in misses])
            for (i, rel, st), (data, found) in zip(misses, parsed):
                self.remember(rel, st, data, found)
                out[i] = (data, found)
        return out

    def text(self, rel: str) -> str:
        return (self.root / rel).read_bytes().decode("utf-8-sig", "replace")

    def close(self) -> None:
        if self.cache is not None:
            self.cache.save()


def parse_bytes(raw: bytes, rel: str) -> tuple[Any, list[Finding]]:
    try:
        return parse(raw, rel)
    except ParseProblem as problem:
        return None, [problem.finding]


def _validate(reader: _Reader, rel: str, model: type[BaseModel], data: Any, problems: list[Finding]) -> Any:
    if data is None:
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems.extend(schema_findings(rel, reader.text(rel), exc))
        return None


_TASK_LIST: Any = None


def _validate_tasks(reader: _Reader, files: list[str], datas: list[Any], problems: list[Finding]) -> list[models.Task | None]:
    """Validate every task in one pydantic call (several times faster than a call per file).

    Only when the bulk call fails are the files validated one by one, so each
    problem is still reported at its own file and line.
    """
    global _TASK_LIST
    present = [(rel, d) for rel, d in zip(files, datas) if d is not None]
    if _TASK_LIST is None:
        from pydantic import TypeAdapter

        _TASK_LIST = TypeAdapter(list[models.Task])
    try:
        valid = iter(_TASK_LIST.validate_python([d for _, d in present]))
    except ValidationError:
        return [_validate(reader, rel, models.Task, d, problems) for rel, d in zip(files, datas)]
    return [next(valid) if d is not None else None for d in datas]


def task_files(root: Path) -> list[str]:
    tasks_dir = root / TASKS_DIR
    if not tasks_dir.is_dir():
        return []
    names = sorted(e.name for e in os.scandir(tasks_dir) if e.name.endswith((".yaml", ".yml")) and e.is_file())
    return [f"{TASKS_DIR}/{name}" for name in names]


def load_plan(root: Path, *, use_cache: bool | str = True) -> LoadedPlan:
    """Read plan.yaml, units.yaml and tasks/*.yaml under ``root``.

    ``use_cache``: True reads and updates the parse cache, False ignores it,
    "read" uses it without ever writing it (``taskplan check`` writes nothing).

    The garbage collector is paused while tens of thousands of small objects
    are created (it would otherwise traverse them again and again: ~2x on
    10,000 tasks, see bench/), and the loaded objects are then frozen out of
    later collections.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        loaded = _load(root, use_cache)
    finally:
        if was_enabled:
            gc.enable()
    gc.freeze()
    return loaded


def _load(root: Path, use_cache: bool | str) -> LoadedPlan:
    reader = _Reader(root, use_cache)
    problems: list[Finding] = []

    data, found = reader.read(PLAN_FILE)
    problems += found
    plan = _validate(reader, PLAN_FILE, models.Plan, data, problems)

    data, found = reader.read(UNITS_FILE)
    problems += found
    registry = _validate(reader, UNITS_FILE, models.Registry, data, problems)

    files = task_files(root)
    read = reader.read_many(files)
    for _, found in read:
        problems += found
    validated = _validate_tasks(reader, files, [d for d, _ in read], problems)
    tasks: list[models.Task] = []
    paths: dict[int, str] = {}
    for rel, task in zip(files, validated):
        if task is None:
            continue
        if task.id in paths:
            problems.append(
                Finding(rel, 1, 1, CODE_DUPLICATE_ID, "error",
                        f"task id {task.id} is already used by {paths[task.id]}; give this task a new id")
            )
            continue
        paths[task.id] = rel
        tasks.append(task)
    reader.close()
    tasks.sort(key=lambda t: t.id)
    keys = {rel: tuple(d) for rel, (d, _) in zip(files, read) if isinstance(d, dict)}
    return LoadedPlan(root, plan, registry, tasks, paths, files, problems, keys)

"""Load a plan directory into validated models, collecting every problem.

A broken file is never skipped silently: it becomes a Finding and the
caller decides (``check`` reports all of them; read-only commands refuse to
answer from an incomplete plan, see ``LoadedPlan.require_valid``).
"""
from __future__ import annotations

import difflib
import gc
import os
import stat
from functools import partial
from pathlib import Path
from typing import Any, Callable

from pydantic import BaseModel, ValidationError

from taskplan.i18n import M_
from taskplan.model import records as models
from taskplan.errors import DataError, UsageError
from taskplan.findings import Finding
from taskplan.store import cache as parse_cache
from taskplan.store.codes import (CODE_BAD_VALUE, CODE_DUPLICATE_ID, CODE_MISSING_FIELD, CODE_STRAY_ENTRY,
                                  CODE_STRAY_FILE, CODE_UNKNOWN_FIELD, SEVERITIES)
from taskplan.store.discover import PLAN_FILE, TASKS_DIR, UNITS_FILE, is_regular_file, is_task_file, kind_of
from taskplan.store.parallel import PARALLEL_MIN_FILES, in_background, parse_files_with
from taskplan.store.parse import missing, parse_bytes, vanished
from taskplan.store.records import TaskRecord



def _nothing() -> None:
    return None


class LoadedPlan:
    """A loaded plan directory.

    ``records`` are the tasks as lean ``TaskRecord`` (what queries read; see
    store/records.py); ``tasks`` are the same tasks as pydantic models,
    validated on first access — a warm ``list`` never pays for them.  Both
    are sorted by id and hold only tasks that loaded without errors.
    """

    def __init__(
        self,
        root: Path,
        plan: models.Plan | None,
        registry: models.Registry | None,
        tasks: list[models.Task] | None = None,
        task_paths: dict[int, str] | None = None,
        task_files: list[str] | None = None,
        problems: list[Finding] | None = None,
        *,
        records: list[TaskRecord] | None = None,
    ) -> None:
        self.root = root
        self.plan = plan
        self.registry = registry
        self._tasks = tasks
        self._records = records
        self.task_paths = task_paths if task_paths is not None else {}
        self.task_files = task_files if task_files is not None else []
        self.problems = problems if problems is not None else []
        # plan-relative path -> BLAKE2b digest of the bytes it was loaded from (store/cache.py),
        # for every record file read through the cache; empty without a cache
        self.digests: dict[str, bytes] = {}
        # (task files covered, result) of each run of load_plan's ``share`` (one per parsing process)
        self.share_results: list[tuple[frozenset[str], Any]] = []
        # the problems of tasks/'s entries that are not task files (TP009, TP010; also in ``problems``)
        self.strays: list[Finding] = []
        # task path -> its positions (store/positions.py's Marks), for the files parsed by a load asked for them
        self.marks: dict[str, Any] = {}
        # returns once the parse cache is written (load_plan's ``save_behind`` may leave it to a forked process)
        self.saved: Callable[[], None] = _nothing

    @property
    def records(self) -> list:
        """Tasks for reading (TaskRecord, or the models themselves when built from models)."""
        if self._records is None:
            self._records = list(self._tasks or [])
        return self._records

    @property
    def tasks(self) -> list[models.Task]:
        if self._tasks is None:
            self._tasks = _models_of(self._records or [])
        return self._tasks

    def drop_records(self) -> None:
        """Let go of plan.yaml, units.yaml and the tasks (and with them what the cache read for them);
        paths, digests, problems and marks stay.  For a caller done with the records that goes on
        for a while: ``check`` places and prints every finding after its rules ran."""
        self.plan = self.registry = None
        self._tasks, self._records = None, []
        self.share_results = []

    @property
    def errors(self) -> list[Finding]:
        return [p for p in self.problems if p.severity == "error"]

    def require_valid(self) -> LoadedPlan:
        """Raise DataError unless every file loaded cleanly (warnings are fine)."""
        if self.errors:
            raise DataError(sorted(self.errors))
        return self

    def task(self, task_id: int) -> models.Task:
        for record in self.records:
            if record.id == task_id:
                return record.model if isinstance(record, TaskRecord) else record
        records = self.records
        raise UsageError(M_("no task {task_id} in this plan", task_id=task_id), hint=M_("ids run from {first} to {last}", first=records[0].id, last=records[-1].id) if records else None)


def _models_of(records: list) -> list[models.Task]:
    """Models for records whose data already passed validation: one bulk call, the collector paused."""
    todo = [r for r in records if isinstance(r, TaskRecord) and r._model is None]
    if todo:
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            for record, model in zip(todo, _task_list_adapter().validate_python([r.data for r in todo])):
                record._model = model
        finally:
            if was_enabled:
                gc.enable()
    return [r.model if isinstance(r, TaskRecord) else r for r in records]


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
    from taskplan.store.positions import locate_in, position_map

    doc = position_map(text)  # once per file, however many errors it has
    findings = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        where = format_loc(loc)
        kind = err["type"]
        if kind == "missing":
            line, col = locate_in(doc, loc[:-1])
            code, message = CODE_MISSING_FIELD, f'missing required field "{where}"; add it'
        elif kind == "extra_forbidden":
            line, col = locate_in(doc, loc, key=True)
            name = str(loc[-1])
            close = difflib.get_close_matches(name, _all_field_names(), n=1)
            hint = M_(" (did you mean {name}?)", name=close[0]) if close else M_("; remove it or fix its spelling")
            code, message = CODE_UNKNOWN_FIELD, f'unknown field "{where}"{hint}'
        else:
            line, col = locate_in(doc, loc)
            got = err.get("input")
            shown = repr(got) if not isinstance(got, (dict, list)) else type(got).__name__
            if len(shown) > 40:
                shown = shown[:37] + "..."
            code, message = CODE_BAD_VALUE, f'"{where}": {err["msg"].rstrip(".")}, got {shown}'
        findings.append(Finding(path, line, col, code, SEVERITIES[code], message))
    return findings


class _Reader:
    """Reads record files through the parse cache (string paths: pathlib costs ~30 µs a file)."""

    def __init__(self, root: Path, use_cache: bool | str, marks: bool = False, behind: bool = False) -> None:
        self.root = root
        self.behind = behind  # the cache is saved in a forked process when many files were parsed (close)
        self.marks: dict[str, Any] | None = {} if marks else None  # task path -> Marks, of the files parsed here
        self.base = str(root)
        cache = parse_cache.ParseCache(root, read_only=use_cache == "read") if use_cache else None
        self.cache = cache if cache is not None and not cache.disabled else None
        self.helper_results: list[Any] = []
        self.parsed = 0  # task files parsed (not read from the cache)
        self.digests: dict[str, bytes] = {}  # plan.yaml, units.yaml: the content digest they were read with

    def _hit(self, rel: str, digest: bytes, entry: parse_cache.Entry) -> tuple[Any, list[Finding], Any, bool, bytes]:
        body = partial(self.cache.body, rel, digest) if entry.has_body else None
        return entry.data, self.cache.findings(rel, entry), body, entry.valid, digest

    def read(self, rel: str) -> tuple[Any | None, list[Finding]]:
        """(data or None, findings) of one file (plan.yaml, units.yaml)."""
        path = os.path.join(self.base, rel)
        try:
            st = os.stat(path)
            if not stat.S_ISREG(st.st_mode):
                is_regular_file(path)  # raises: plan.yaml or units.yaml is a folder, a pipe …
            with open(path, "rb") as fh:
                raw = fh.read()
        except FileNotFoundError:
            return None, [missing(rel)]
        cache = self.cache
        if cache is None:
            return parse_bytes(raw, rel)
        digest = self.digests[rel] = parse_cache.digest_of(raw)  # these two are small: always hashed, never trusted by stamp
        entry = cache.by_content(rel, st, digest)
        if entry is not None:
            return cache.full(rel, digest, entry), cache.findings(rel, entry)
        data, found = parse_bytes(raw, rel)
        cache.put(rel, st, digest, data, found, False)
        return data, found

    def read_many(self, files: list[tuple[str, os.DirEntry | None]],
                  helper: Any = None) -> list[tuple[Any | None, list[Finding], Any, bool, bytes | None]]:
        """Read task files: cache hits first, then the misses, in parallel when there are many.

        Returns (data, findings, body, valid, digest) per file.  For a cache
        hit ``data`` may lack the task's measures; ``body`` then fetches them
        (store/cache.py keeps them apart, as most questions never read them);
        else it is None.  ``valid``: the data is known to pass validation under
        the current rules (from the cache, or checked right after parsing).
        ``digest`` names the cache entry (None without a cache).

        A file whose stamp the cache knows is not read at all (this loop is
        the whole cost of a warm ``list`` on a large plan: it stats through
        the directory entries); any other is read and hashed, and parsed
        only when no entry has its bytes (a branch switched back is a hit).
        """
        out: list[Any] = [None] * len(files)
        cache = self.cache
        if cache is None:
            # nothing to look up and nothing to remember: the stat calls would be wasted
            # (~25 ms on 10k files); a vanished file is reported by the parse
            return self._parse(list(enumerate(rel for rel, _ in files)), out, helper)
        if files and not cache.holds_entries():
            # a first run (or a cleared cache): no stamp or bytes can have an entry, so nothing is looked
            # up; the parsing processes stat, read and hash the files themselves, in parallel (on 10,000
            # files the stat and lookup sweep cost ~60 ms before the fork)
            return self._first_read(files, out, helper)
        unknown: list[tuple[int, str, os.stat_result]] = []
        lookup = cache.lookup
        for i, (rel, dirent) in enumerate(files):
            try:
                st = dirent.stat() if dirent is not None else os.stat(os.path.join(self.base, rel))
            except FileNotFoundError:  # vanished since the directory was listed
                out[i] = (None, [vanished(rel)], None, False, None)
                continue
            hit = lookup(rel, st)
            if hit is not None:
                out[i] = self._hit(rel, *hit)
            else:
                unknown.append((i, rel, st))
        todo: list[tuple[int, str, os.stat_result, bytes, bytes]] = []
        for i, rel, st in unknown:
            try:
                with open(os.path.join(self.base, rel), "rb") as fh:
                    raw = fh.read()
            except FileNotFoundError:
                out[i] = (None, [vanished(rel)], None, False, None)
                continue
            digest = parse_cache.digest_of(raw)
            entry = cache.by_content(rel, st, digest)
            if entry is not None:
                out[i] = self._hit(rel, digest, entry)
            else:
                todo.append((i, rel, st, raw, digest))
        if todo:
            self._parse([(i, rel) for i, rel, *_ in todo], out, helper, raws=[raw for *_, raw, _ in todo])
            for i, rel, st, _, digest in todo:
                data, found, _, ok, _ = out[i]
                cache.put(rel, st, digest, data, found, ok)
                out[i] = (data, found, None, ok, digest)
        return out

    def _first_read(self, files: list[tuple[str, os.DirEntry | None]], out: list[Any], helper: Any) -> list[Any]:
        """read_many on a cache that holds no entry: every file is parsed, and put with the stamp and
        digest its parsing process took."""
        cache = self.cache
        digests: list[bytes | None] = []
        stamps: list[parse_cache.Stamp | None] = []
        self._parse(list(enumerate(rel for rel, _ in files)), out, helper, digests=digests, stamps=stamps)
        if self.behind and len(files) >= PARALLEL_MIN_FILES:
            cache.defer()  # the process that saves the cache (close) fills it too
        for i, ((rel, _), digest, stamp) in enumerate(zip(files, digests, stamps)):
            data, found, _, ok, _ = out[i]
            if digest is not None:  # else the file vanished before it was read (its finding says so)
                cache.put(rel, parse_cache.Stat._make(stamp), digest, data, found, ok)
            out[i] = (data, found, None, ok, digest)
        return out

    def _parse(self, items: list[tuple[int, str]], out: list[Any], helper: Any, raws: list[bytes] | None = None,
               digests: list[bytes | None] | None = None, stamps: list | None = None) -> list[Any]:
        _task_list_adapter()  # built before a fork, so both processes validate with it
        marks: list | None = [] if self.marks is not None else None
        self.parsed += len(items)
        parsed, self.helper_results = parse_files_with(self.base, [rel for _, rel in items], check=_valid_tasks,
                                                      helper=helper, raws=raws, marks=marks, digests=digests,
                                                      stamps=stamps)
        for (i, _), (data, found, ok) in zip(items, parsed):
            out[i] = (data, found, None, ok, None)
        if marks is not None and self.marks is not None:
            self.marks.update((rel, got) for (_, rel), got in zip(items, marks) if got is not None)
        return out

    def text(self, rel: str) -> str:
        return (self.root / rel).read_bytes().decode("utf-8-sig", "replace")

    def close(self, swept: bool) -> Callable[[], None]:
        """Save the cache; ``swept``: every record file was looked up, so the paths not seen are gone.

        In a forked process when ``behind`` and this load parsed many files (store/parallel.in_background);
        returns what waits for it.
        """
        if self.cache is None:
            return _nothing
        self.cache.swept = swept
        saved = in_background(self.cache.save, worth=self.behind and self.parsed >= PARALLEL_MIN_FILES)
        self.cache.release()  # saved here, or by the forked process from its own copy
        return saved


def _validate(reader: _Reader, rel: str, model: type[BaseModel], data: Any, problems: list[Finding]) -> Any:
    if data is None:
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems.extend(schema_findings(rel, reader.text(rel), exc))
        return None


_TASK_LIST: Any = None


def _task_list_adapter() -> Any:
    global _TASK_LIST
    if _TASK_LIST is None:
        from pydantic import TypeAdapter

        _TASK_LIST = TypeAdapter(list[models.Task])
    return _TASK_LIST


def _valid_tasks(datas: list[Any]) -> list[bool]:
    """Whether each parsed task passes validation: one bulk call; all False if any fails (the loader
    then validates those files one by one to report each problem at its line)."""
    present = [d for d in datas if d is not None]
    try:
        _task_list_adapter().validate_python(present)
    except ValidationError:
        return [False] * len(datas)
    return [d is not None for d in datas]


def _validate_tasks(reader: _Reader, files: list[str], read: list[tuple[Any, list[Finding], Any, bool, bytes | None]],
                    problems: list[Finding]) -> list[TaskRecord | None]:
    """Records of the valid tasks (None for the others, whose problems are added to ``problems``).

    A file known to be valid (the cache saw it validate under the same rules,
    or it was checked right after parsing) is not validated again, nor are
    its measures read.  The others are validated in one pydantic call; only
    when that call fails are they validated one by one, so each problem is
    still reported at its own file and line.
    """
    out: list[TaskRecord | None] = [None] * len(files)
    todo: list[tuple[int, dict]] = []
    cache = reader.cache
    for i, (data, _, body, valid, _) in enumerate(read):
        if data is None:
            continue
        if valid:
            out[i] = TaskRecord(data, body=body)
        else:
            todo.append((i, data if body is None else {**data, "measures": body()}))  # same key order
    if not todo:
        return out
    try:
        models_ = _task_list_adapter().validate_python([data for _, data in todo])
    except ValidationError:
        models_ = [_validate(reader, files[i], models.Task, data, problems) for i, data in todo]
    for (i, data), model in zip(todo, models_):
        if model is not None:
            out[i] = TaskRecord(data, model)
            digest = read[i][4]
            if cache is not None and digest is not None:
                cache.set_valid(digest)
    return out


def _task_entries(root: Path, strays: list[Finding] | None = None) -> list[tuple[str, os.DirEntry]]:
    """(relative path, directory entry) of every tasks/*.yaml (and *.yml), sorted by name.

    Every other entry of tasks/ is accounted for in ``strays`` (TP009): a
    folder, a non-YAML file, a pipe or a broken link is never skipped without
    a word.  A ``tasks`` that is not a folder is a usage error.
    """
    tasks_dir = os.path.join(root, TASKS_DIR)
    try:
        scan = os.scandir(tasks_dir)
    except FileNotFoundError:
        return []
    except NotADirectoryError:
        raise UsageError(M_("{path} is {kind}, not a folder", path=tasks_dir, kind=kind_of(tasks_dir)),
                         hint=M_("task files go in a folder named tasks, e.g. tasks/001.yaml")) from None
    found = []
    with scan:
        for e in scan:
            if is_task_file(e.name) and e.is_file():
                found.append((e.name, e))
            elif strays is not None and e.name != ".gitkeep":
                stray = stray_finding(root, f"{TASKS_DIR}/{e.name}")
                if stray is not None:
                    strays.append(stray)
    found.sort()  # by name: names in a folder are unique, so the entries themselves are never compared
    if strays:
        strays.sort(key=lambda f: f.path)
    return [(f"{TASKS_DIR}/{name}", entry) for name, entry in found]


def stray_finding(root: Path, rel: str) -> Finding | None:
    """TP009 (error) or TP010 (warning) for an entry of tasks/ that is not a task file: what it is and what to do.

    None when the entry is gone by the time it is looked at: the temporary file of another
    command's write, renamed into place since tasks/ was listed, is no problem of this plan.
    """
    path = os.path.join(root, rel)
    kind = kind_of(path)
    name = rel.rsplit("/", 1)[-1]
    if kind == "missing":
        return None
    if kind == "a folder":
        inside = sorted(
            os.path.relpath(os.path.join(d, f), root)
            for d, _, files in os.walk(path) for f in files if is_task_file(f)
        )
        if inside:
            more = M_(" and {n} more", n=len(inside) - 1) if len(inside) > 1 else ""
            message = M_("{rel} is a folder: task files in subfolders are not read ({first}{more}); move them into {tasks}/",
                         rel=rel, first=inside[0], more=more, tasks=TASKS_DIR)
        elif is_task_file(name):
            message = M_("{rel} is a folder, not a task file; remove it or replace it with the task's file", rel=rel)
        else:
            message = M_("{rel} is a folder; {tasks}/ holds only task files, remove it", rel=rel, tasks=TASKS_DIR)
    elif kind != "a file":
        message = M_("{rel} is {kind}, not a task file; remove it", rel=rel, kind=kind)
    elif name.startswith(".") and name.endswith(".tmp"):
        return Finding(rel, 0, 0, CODE_STRAY_FILE, SEVERITIES[CODE_STRAY_FILE], M_("{rel} is left over from an interrupted write; delete it", rel=rel))
    else:  # notes.txt, 147.yaml.bak: not a task, but not read either, so say so
        return Finding(rel, 0, 0, CODE_STRAY_FILE, SEVERITIES[CODE_STRAY_FILE],
                       M_("{rel} is not a task file (*.yaml) and is not read; move it out of {tasks}/ or rename it", rel=rel, tasks=TASKS_DIR))
    return Finding(rel, 0, 0, CODE_STRAY_ENTRY, SEVERITIES[CODE_STRAY_ENTRY], message)


def task_files(root: Path) -> list[str]:
    return [rel for rel, _ in _task_entries(root)]


def load_plan(root: Path, *, use_cache: bool | str = True, share: Callable[[LoadedPlan], Any] | None = None,
              marks: bool = False, save_behind: bool = False) -> LoadedPlan:
    """Read plan.yaml, units.yaml and tasks/*.yaml under ``root``.

    ``save_behind``: when many files were parsed, write the parse cache in a forked process while the
    caller goes on (``check`` runs its rules meanwhile); the caller must call ``loaded.saved()``
    before it ends, which returns once the cache is written.

    ``marks``: keep the positions of every task file parsed here (not those read from the cache) in
    ``loaded.marks``, built in the same parse (store/positions.py's Marks; ``check`` places its
    findings with them instead of parsing the files again).

    ``use_cache``: True reads and updates the parse cache, False ignores it,
    "read" uses it without ever writing it (``taskplan check`` writes nothing).

    ``share(part) -> result``: when the task files are parsed by two processes
    (store/parallel.py), each also runs ``share`` on ``part``, a LoadedPlan of
    plan, registry and the valid tasks it parsed (no problems), while the
    other is still busy; ``loaded.share_results`` lists (the task files part
    held, result) per process (the forked one's result must pickle, or it is
    left out).  A task file in ``part`` may still be left out of the plan (a
    duplicate id across the halves): callers keep only what is in
    ``loaded.task_paths``.  Parsed serially (or from the cache), the list is empty.

    The garbage collector is paused while tens of thousands of small objects
    are created (it would otherwise traverse them again and again: ~2x on
    10,000 tasks, see bench/).  It is not frozen afterwards: that is the
    caller's call (a library user's long-lived process must keep collecting);
    the query commands keep it off for their short run (cli/formatting.py).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _load(root, use_cache, share, marks, save_behind)
    finally:
        if was_enabled:
            gc.enable()


def _load(root: Path, use_cache: bool | str, share: Callable[[LoadedPlan], Any] | None = None,
          marks: bool = False, save_behind: bool = False) -> LoadedPlan:
    reader = _Reader(root, use_cache, marks, save_behind)
    problems: list[Finding] = []

    data, found = reader.read(PLAN_FILE)
    problems += found
    plan = _validate(reader, PLAN_FILE, models.Plan, data, problems)

    data, found = reader.read(UNITS_FILE)
    problems += found
    registry = _validate(reader, UNITS_FILE, models.Registry, data, problems)

    strays: list[Finding] = []
    listed = _task_entries(root, strays)
    problems += strays
    files = [rel for rel, _ in listed]
    helper = partial(_run_share, share, root, plan, registry) if share is not None else None
    read = reader.read_many(listed, helper)
    for _, found, *_ in read:
        problems += found
    validated = _validate_tasks(reader, files, read, problems)
    records: list[TaskRecord] = []
    paths: dict[int, str] = {}
    for rel, record in zip(files, validated):
        if record is None:
            continue
        if record.id in paths:
            problems.append(
                Finding(rel, 1, 1, CODE_DUPLICATE_ID, SEVERITIES[CODE_DUPLICATE_ID],
                        M_("task id {record_id} is already used by {value1}; give this task a new id", record_id=record.id, value1=paths[record.id]))
            )
            continue
        paths[record.id] = rel
        records.append(record)
    saved = reader.close(swept=True)
    records.sort(key=lambda r: r.id)
    loaded = LoadedPlan(root, plan, registry, None, paths, files, problems, records=records)
    loaded.share_results = reader.helper_results
    loaded.strays = strays
    loaded.marks = reader.marks or {}
    loaded.saved = saved
    if reader.cache is not None:
        loaded.digests = {**reader.digests, **{rel: r[4] for rel, r in zip(files, read) if r[4] is not None}}
    return loaded


def record_state(root: Path, max_unknown: float = 0.1) -> tuple[dict[str, bytes], list[Finding]] | None:
    """What a load of ``root`` would read, without parsing: (plan-relative path -> BLAKE2b digest of
    the bytes of plan.yaml, units.yaml and every task file; the strays of tasks/, as load_plan reports
    them), the same as ``LoadedPlan.digests`` and ``LoadedPlan.strays`` after a load of the same files.

    A file whose stat stamp the parse cache knows is not read (the cache vouches for its digest, as for
    a warm ``list``); any other is read and hashed.  None without a usable cache, when a record file
    is missing or not a regular file (a load reports those, so a caller loads the plan instead), or
    when more than ``max_unknown`` of the task files (a fraction; 100 files always) are unknown to the cache: a plan
    mostly new to the cache is loaded anyway, and reading it twice would only cost.
    """
    cache = parse_cache.ParseCache(root, read_only=True)
    if cache.disabled:
        return None
    base = str(root)
    digests: dict[str, bytes] = {}
    try:
        for rel in (PLAN_FILE, UNITS_FILE):
            path = os.path.join(base, rel)
            if not stat.S_ISREG(os.stat(path).st_mode):
                return None
            with open(path, "rb") as fh:
                digests[rel] = parse_cache.digest_of(fh.read())
        strays: list[Finding] = []
        listed = _task_entries(root, strays)
        unknown = max(int(len(listed) * max_unknown), 100)  # a small plan is cheap to hash whole
        for rel, dirent in listed:
            digest = cache.known_digest(rel, dirent.stat())
            if digest is None:
                unknown -= 1
                if unknown < 0:
                    return None
                with open(os.path.join(base, rel), "rb") as fh:
                    digest = parse_cache.digest_of(fh.read())
            digests[rel] = digest
    except (OSError, UsageError):  # gone, unreadable, tasks is not a folder …: the load says so
        return None
    return digests, strays


def _run_share(share: Callable[[LoadedPlan], Any], root: Path, plan: Any, registry: Any,
               rels: list[str], parsed: list[tuple[Any, list[Finding], bool]]) -> tuple[frozenset[str], Any]:
    """In the forked parser: ``share`` over the tasks of its half that validated (the first of a repeated id)."""
    records: list[TaskRecord] = []
    paths: dict[int, str] = {}
    for rel, (data, _found, ok) in zip(rels, parsed):
        if ok and data is not None and data["id"] not in paths:
            paths[data["id"]] = rel
            records.append(TaskRecord(data))
    records.sort(key=lambda r: r.id)
    part = LoadedPlan(root, plan, registry, None, paths, list(paths.values()), [], records=records)
    return frozenset(paths.values()), share(part)

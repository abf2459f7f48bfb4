"""A stat-checked cache of parsed record files.

Parsing is the expensive part of loading (NOTES.md: ~1.4 s for 10,000 files
with the C loader, ~60 ms to unpickle the same dicts).  Each entry is keyed
by the file's relative path and proven fresh by (mtime_ns, size, inode); any
change to a file re-parses that file only.  The cache lives in
``.taskplan-cache/`` (git-ignored); a cache that cannot be read or written
is ignored, never an error.

Two files, because most questions never look at the measures, which are
most of the bytes:

* ``parsed.pickle`` (the index): per file its stamp, its data without the
  task's ``measures``, its findings, and whether it passed validation under
  the current rules.  Read on every run.
* ``bodies.pickle``: per task file its stamp and ``measures``.  Read only
  when something asks for measures (grep, json, csv, models …).

Bodies are written before the index; a body whose stamp does not match its
index entry is never used (the file is parsed again instead).
"""
from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any

from taskplan import __version__

CACHE_DIR = ".taskplan-cache"
_FORMAT = 3  # index: rel -> (stamp, lean data, findings, validated, has body); bodies: rel -> (stamp, measures)
_HEAVY = "measures"


def _parser_stamp() -> tuple[int, ...]:
    """Changes whenever the parsing or validation rules do (store/yamlio.py or models.py edited or
    upgraded): every entry then misses, and no file is taken as valid under rules that changed."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out: tuple[int, ...] = ()
    for source in (os.path.join(package, "store", "yamlio.py"), os.path.join(package, "models.py")):
        try:
            st = os.stat(source)
        except OSError:  # installed without sources (zipapp …): the version alone decides
            continue
        out += (st.st_mtime_ns, st.st_size)
    return out


def _splits(rel: str, data: Any) -> bool:
    return rel.startswith("tasks/") and isinstance(data, dict) and _HEAVY in data


def _read(path: Path) -> Any:
    with open(path, "rb") as fh:
        payload = pickle.load(fh)  # noqa: S301 - our own file in the user's repo
    if payload.get("format") == _FORMAT and payload.get("version") == __version__ and payload.get("parser") == _parser_stamp():
        return payload["entries"]
    return None


class ParseCache:
    def __init__(self, root: Path, *, read_only: bool = False) -> None:
        self.root = root
        self.path = root / CACHE_DIR / "parsed.pickle"
        self.bodies_path = root / CACHE_DIR / "bodies.pickle"
        self.read_only = read_only  # use what is there, never write (taskplan check)
        self.entries: dict[str, tuple] = {}
        self._bodies: dict[str, tuple] | None = None  # loaded on first use
        self.used: set[str] = set()
        self.dirty = False
        self.bodies_dirty = False
        self.disabled = bool(os.environ.get("TASKPLAN_NO_CACHE"))
        if self.disabled:
            return
        try:
            self.entries = _read(self.path) or {}
        except Exception:  # noqa: BLE001 - a bad cache is just a miss
            self.entries = {}

    @staticmethod
    def _stamp(st: os.stat_result) -> tuple[int, int, int]:
        return (st.st_mtime_ns, st.st_size, st.st_ino)

    # -- bodies ----------------------------------------------------------------

    def _load_bodies(self) -> dict[str, tuple]:
        if self._bodies is None:
            try:
                self._bodies = _read(self.bodies_path) or {}
            except Exception:  # noqa: BLE001
                self._bodies = {}
        return self._bodies

    def body(self, rel: str) -> Any:
        """The ``measures`` of a fresh task entry whose index entry holds only the lean part."""
        entry = self.entries.get(rel)
        stored = self._load_bodies().get(rel)
        if entry is not None and stored is not None and stored[0] == entry[0]:
            return stored[1]
        # the bodies file lost this entry (interrupted save, deleted file): read it from the source
        from taskplan.store.load import parse_bytes

        data, _ = parse_bytes((self.root / rel).read_bytes(), rel)
        return data.get(_HEAVY, []) if isinstance(data, dict) else []

    def full(self, rel: str, entry: tuple) -> Any:
        data = entry[1]
        return {**data, _HEAVY: self.body(rel)} if entry[4] else data

    # -- entries ---------------------------------------------------------------

    def get(self, rel: str, st: os.stat_result) -> tuple[Any, tuple] | None:
        """(full data, findings) of a fresh entry, else None."""
        if self.disabled:
            return None
        entry = self.entries.get(rel)
        self.used.add(rel)
        if entry is None or entry[0] != self._stamp(st):
            return None
        return self.full(rel, entry), entry[2]

    @property
    def frozen(self) -> bool:
        """Nothing put here is ever saved (disabled or read-only), so putting is wasted work."""
        return self.disabled or self.read_only

    def put(self, rel: str, st: os.stat_result, data: Any, findings: list) -> None:
        if self.frozen:  # ~3 µs a file (a lean copy of the data): 35 ms of a cold check on 10k tasks
            return
        stamp = self._stamp(st)
        if _splits(rel, data):
            lean = {k: v for k, v in data.items() if k != _HEAVY}
            self._load_bodies()[rel] = (stamp, data[_HEAVY])
            self.bodies_dirty = True
            self.entries[rel] = (stamp, lean, tuple(findings), False, True)
        else:
            self.entries[rel] = (stamp, data, tuple(findings), False, False)
        self.used.add(rel)
        self.dirty = True

    def is_valid(self, rel: str) -> bool:
        """True when the (fresh) entry's data passed model validation under the current rules."""
        entry = self.entries.get(rel)
        return entry is not None and entry[3]

    def set_valid(self, rel: str) -> None:
        if self.frozen:
            return
        entry = self.entries.get(rel)
        if entry is not None and not entry[3]:
            self.entries[rel] = entry[:3] + (True,) + entry[4:]
            self.dirty = True

    def save(self) -> None:
        if self.disabled or self.read_only:
            return
        stale = set(self.entries) - self.used
        if stale:
            for rel in stale:
                del self.entries[rel]
            self.dirty = True
        if not (self.dirty or self.bodies_dirty):
            return
        try:
            self.path.parent.mkdir(exist_ok=True)
            if self.bodies_dirty and self._bodies is not None:  # bodies first: see the module docstring
                bodies = {rel: self._bodies[rel] for rel in self.entries if rel in self._bodies}
                self._write(self.bodies_path, bodies)
            self._write(self.path, self.entries)
        except OSError:
            pass

    @staticmethod
    def _write(path: Path, entries: dict) -> None:
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        with open(tmp, "wb") as fh:
            payload = {"format": _FORMAT, "version": __version__, "parser": _parser_stamp(), "entries": entries}
            pickle.dump(payload, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)

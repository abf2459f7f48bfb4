"""A stat-checked cache of parsed record files.

Parsing is the expensive part of loading (NOTES.md: ~1.4 s for 10,000 files
with the C loader, ~60 ms to unpickle the same dicts).  Each entry is keyed
by the file's relative path and proven fresh by (mtime_ns, size, inode); any
change to a file re-parses that file only.  The cache lives in
``.taskplan-cache/`` (git-ignored); a cache that cannot be read or written
is ignored, never an error.
"""
from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any

from taskplan import __version__

CACHE_DIR = ".taskplan-cache"
_FORMAT = 2  # entries: rel -> (stamp, data, findings, validated)


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


class ParseCache:
    def __init__(self, root: Path) -> None:
        self.path = root / CACHE_DIR / "parsed.pickle"
        self.entries: dict[str, tuple] = {}
        self.used: set[str] = set()
        self.dirty = False
        self.disabled = bool(os.environ.get("TASKPLAN_NO_CACHE"))
        if self.disabled:
            return
        try:
            with open(self.path, "rb") as fh:
                payload = pickle.load(fh)  # noqa: S301 - our own file in the user's repo
            if payload.get("format") == _FORMAT and payload.get("version") == __version__ and payload.get("parser") == _parser_stamp():
                self.entries = payload["entries"]
        except Exception:  # noqa: BLE001 - a bad cache is just a miss
            self.entries = {}

    @staticmethod
    def _stamp(st: os.stat_result) -> tuple[int, int, int]:
        return (st.st_mtime_ns, st.st_size, st.st_ino)

    def get(self, rel: str, st: os.stat_result) -> tuple[Any, tuple] | None:
        if self.disabled:
            return None
        entry = self.entries.get(rel)
        self.used.add(rel)
        if entry is None or entry[0] != self._stamp(st):
            return None
        return entry[1], entry[2]

    def put(self, rel: str, st: os.stat_result, data: Any, findings: list) -> None:
        if self.disabled:
            return
        self.entries[rel] = (self._stamp(st), data, tuple(findings), False)
        self.used.add(rel)
        self.dirty = True

    def is_valid(self, rel: str) -> bool:
        """True when the (fresh) entry's data passed model validation under the current rules."""
        entry = self.entries.get(rel)
        return entry is not None and entry[3]

    def set_valid(self, rel: str) -> None:
        entry = self.entries.get(rel)
        if entry is not None and not entry[3]:
            self.entries[rel] = entry[:3] + (True,)
            self.dirty = True

    def save(self) -> None:
        if self.disabled:
            return
        stale = set(self.entries) - self.used
        if stale:
            for rel in stale:
                del self.entries[rel]
            self.dirty = True
        if not self.dirty:
            return
        try:
            self.path.parent.mkdir(exist_ok=True)
            tmp = self.path.with_suffix(f".tmp{os.getpid()}")
            with open(tmp, "wb") as fh:
                payload = {"format": _FORMAT, "version": __version__, "parser": _parser_stamp(), "entries": self.entries}
                pickle.dump(payload, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.path)
        except OSError:
            pass

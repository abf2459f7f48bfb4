"""What ``check`` keeps between runs: per-file rule results and where findings go.

A warm ``check`` should cost about what a warm ``list`` costs (issue 13).  The
parse cache (store/cache.py) saves the parse; two more shard families, in the
same directory, under the same secret and the same rules (HMAC-verified
before a byte is unpickled, data-only unpickler, never in the plan tree), save
the rest:

* **rules-NN**: the findings of the per-file rules (``Rule.per_file``) for a
  task file, keyed by (path, content digest).  Every shard carries the
  *fingerprint* of everything else those findings depend on: the code of the
  whole package (a rule added, removed or edited, by anyone, later too), the
  rules that run, plan.yaml's and units.yaml's bytes, the settings files'
  bytes, the as-of day, the language.  When any of them changes every shard
  misses and the rules run again on every task; when one task file changes,
  they run on that file only.  Cross-file rules run whenever the whole run is not known (below).
* **run-XXXX…** (one file per run, named by its key) and **runs-00** (the keys kept, oldest first):
  the findings of whole runs (placed, filtered, sorted; ``KEEP_RUNS`` of them), each
  keyed by ``run_key``: the digests of every record file, tasks/'s strays, the settings files'
  bytes, the whole configuration, the language and the state of every extra file an enabled
  rule declares it reads (``Rule.inputs``; TP701 reads docs/schema/).  A ``check`` whose key is
  known runs no rule and parses nothing: the parse cache's stamps give the digests.
* **place-NN**: per content digest, the inline ``# taskplan: disable`` codes
  and the line:column of each key path a finding pointed at, so placing the
  findings of an unchanged file needs neither its text nor its position map.
  They depend on the bytes alone and survive a fingerprint change.

Findings are stored as plain tuples: their message as text, or as a Message's
template and values (i18n.py) so it is still translated when shown; a finding
that holds anything else is not stored (that file's rules run next time).  A
stored finding keeps only *that* it had a fix (``fixable`` in the json
output): ``check --fix``/``--diff`` never read this cache.

Every miss (absent, forged, other fingerprint, a shape not ours) is a miss,
never an error; clearing the cache directory clears these too.
"""
from __future__ import annotations

import dataclasses
import gc
import hashlib
import os
import stat
from pathlib import Path
from typing import Any, Iterable

from taskplan import __version__
from taskplan.findings import Finding
from taskplan.i18n import Message, NotPlain, message_data, message_of, plain
from taskplan.store.cache import Shards, digest_of, plan_cache_dir
from taskplan.store.discover import SETTINGS_FILES

FORMAT = 1
SHARDS = 64
KEEP_STALE = 16  # unreferenced entries a shard may always keep (another branch's files), beyond the live count

# (codes disabled in the whole file, line -> codes disabled on it, (where -> (line, col)))
Places = tuple[frozenset, dict, dict]


class KeptFix:
    """Stands for the fix of a finding read back from the cache: it says "fixable", it applies nothing."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "KeptFix()"


KEPT_FIX = KeptFix()


def code_stamp() -> tuple:
    """(version, then path, mtime, size of every module of the package): any code change, any rule
    added by anyone, makes a different stamp, so no result made by other code is ever reused."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out: list[Any] = [FORMAT, __version__]
    for top, dirs, files in os.walk(package):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(".py"):
                path = os.path.join(top, name)
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                out.append((os.path.relpath(path, package), st.st_mtime_ns, st.st_size))
    return tuple(out)


def _file_digest(path: Path) -> bytes:
    try:
        with open(path, "rb") as fh:
            return digest_of(fh.read())
    except OSError:  # absent, a folder …: the settings reader has its own say about those
        return b""


def fingerprint(root: Path, digests: dict[str, bytes], codes: Iterable[str], as_of: Any, options: dict,
                language: str) -> bytes:
    """What the per-file findings of a task depend on, besides its own path and bytes and the code
    (``code_stamp``, which every shard's header carries): see the module docstring."""
    parts = (
        tuple(sorted(codes)),
        repr(as_of),
        repr(sorted(options.items())),
        language,
        digests.get("plan.yaml"),
        digests.get("units.yaml"),
        tuple(_file_digest(root / name) for name in SETTINGS_FILES),
    )
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=16).digest()


def input_state(root: Path, rel: str) -> Any:
    """What a rule's declared extra input (``Rule.inputs``, a plan-relative path) is now: the digest of
    a regular file's bytes, "dir" for a folder, None when absent or anything else."""
    path = os.path.join(root, rel)
    try:
        st = os.stat(path)
    except OSError:
        return None
    if stat.S_ISDIR(st.st_mode):
        return "dir"
    return _file_digest(Path(path)) if stat.S_ISREG(st.st_mode) else None


def run_key(root: Path, digests: dict[str, bytes], strays: list[Finding], config: Any, rules: Iterable[Any],
            language: str) -> bytes | None:
    """What the findings of a whole ``check`` depend on, besides the code (the run shard's header):
    the bytes of every record file (``digests``: plan.yaml, units.yaml, each task by path), the
    entries of tasks/ that are not task files (``strays``), the settings files' bytes, the whole
    configuration (select, ignore, severities, per-file ignores, strict, the as-of day), the
    language, and the extra inputs the enabled rules declare (``Rule.inputs``).  None when a stray
    finding is not plain data (nothing is then kept)."""
    try:
        stray_data = tuple((f.path, f.line, f.col, f.code, f.severity, message_data(f.message)) for f in strays)
    except NotPlain:
        return None
    inputs = tuple((rule.code, rel, input_state(root, rel)) for rule in rules for rel in rule.inputs
                   if rule.func is not None and config.enabled(rule.code))
    parts = (
        tuple(sorted(digests.items())),
        stray_data,
        tuple(_file_digest(root / name) for name in SETTINGS_FILES),
        repr(dataclasses.astuple(config)),
        language,
        inputs,
    )
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=16).digest()


# -- findings as plain data ----------------------------------------------------------

def encode(findings: list[Finding]) -> tuple | None:
    """The findings of one file as plain tuples, or None when one holds something that is not plain data."""
    try:
        return tuple((f.line, f.col, f.code, f.severity, message_data(f.message), f.fix is not None, plain(f.where))
                     for f in findings)
    except NotPlain:
        return None


def decode(path: str, stored: tuple) -> list[Finding]:
    return [Finding(path, line, col, code, severity, message_of(message), KEPT_FIX if fixable else None, where=where)
            for line, col, code, severity, message, fixable, where in stored]


# -- the two shard families ----------------------------------------------------------

class _Family:
    """One shard family's place and keys (what store.cache.Shards asks its owner for)."""

    def __init__(self, where: Path, secret: bytes, header: tuple) -> None:
        self.dir = where
        self.secret = secret
        self.header = header
        self.plan_key = where.name.encode()

    def label(self, name: str) -> bytes:
        return self.plan_key + b"/" + name.encode()


def _by_digest(key: Any) -> int:
    digest = key[1] if isinstance(key, tuple) else key
    return digest[0] % SHARDS


class ResultCache:
    """The per-file results and places of one plan (module docstring); a miss is never an error.

    ``digests`` maps each record file's plan-relative path to the digest of
    the bytes it was loaded from (``LoadedPlan.digests``): a file not in it is
    never looked up nor stored.
    """

    def __init__(self, root: Path, digests: dict[str, bytes], fingerprint_: bytes, *, stamp: tuple | None = None,
                 reuse: bool = True) -> None:
        self.digests = digests
        self.reuse = reuse  # False: findings are stored, never read back (check --fix needs fresh ones)
        self.disabled = bool(os.environ.get("TASKPLAN_NO_CACHE")) or not digests
        place = None if self.disabled else plan_cache_dir(root)
        if place is None:
            self.disabled = True
            place = (Path(), b"")
        where, secret = place
        stamp = stamp if stamp is not None else code_stamp()
        code = hashlib.blake2b(repr(stamp).encode("utf-8"), digest_size=16).digest()
        self.rules = Shards(_Family(where, secret, (FORMAT, code, fingerprint_)), "rules", SHARDS, _by_digest)
        self.places_ = Shards(_Family(where, secret, (FORMAT, code)), "place", SHARDS, _by_digest)

    def findings(self, rel: str) -> list[Finding] | None:
        """The per-file rules' findings for the file as loaded (unplaced), or None when not known."""
        digest = self.digests.get(rel)
        if self.disabled or not self.reuse or digest is None:
            return None
        stored = self.rules.get((rel, digest))
        if stored is None:
            return None
        try:
            return decode(rel, stored)
        except Exception:  # noqa: BLE001 - a shape not ours: a miss
            return None

    def put_findings(self, rel: str, findings: list[Finding]) -> None:
        digest = self.digests.get(rel)
        if self.disabled or digest is None:
            return
        stored = encode(findings)
        if stored is not None:
            self.rules.put((rel, digest), stored)

    def places(self, rel: str) -> Places | None:
        digest = self.digests.get(rel)
        if self.disabled or digest is None:
            return None
        got = self.places_.get(digest)
        if not (isinstance(got, tuple) and len(got) == 3 and isinstance(got[2], dict)):
            return None
        return got

    def put_places(self, rel: str, text: str | None, places: Places) -> None:
        """Keep the places computed from ``text``, if those are the bytes the file was loaded from
        (``text`` None: computed from the load's own parse of those bytes)."""
        digest = self.digests.get(rel)
        if self.disabled or digest is None or (text is not None and digest_of(text.encode("utf-8")) != digest):
            return  # changed since it was loaded (or a BOM, or not UTF-8): computed again next time
        try:
            plain(tuple(places[2]))
        except NotPlain:
            return
        self.places_.put(digest, places)

    def save(self) -> None:
        """Write the shards that changed, each keeping no more stale entries than live ones (plus a few)."""
        if self.disabled:
            return
        live_digests = set(self.digests.values())
        live_keys = set(self.digests.items())
        for shards, live in ((self.rules, live_keys), (self.places_, live_digests)):
            for n in shards.dirty:
                shard = shards.loaded[n]
                stale = [key for key in shard if key not in live]
                extra = len(stale) - max(len(shard) - len(stale), KEEP_STALE)
                for key in stale[:max(extra, 0)]:  # insertion order: the oldest first
                    del shard[key]
        try:
            self.places_.save()
            self.rules.save()
        except OSError:
            pass


def _pack(message: str) -> Any:
    """A message as plain data that keeps its English text too, so reading it back formats nothing:
    text as is; a Message as {"s": text, "t": template, "v": ((name, value), …)}, values that are
    Messages likewise (plain values are never mappings).  NotPlain for any other value."""
    if type(message) is str:
        return message
    if type(message) is Message:
        return {"s": str.__str__(message), "t": message.template,
                "v": tuple((k, _pack(v) if isinstance(v, str) else plain(v)) for k, v in message.values.items())}
    raise NotPlain(type(message).__name__)


def _unpack(stored: Any) -> Any:
    if type(stored) is dict:
        return Message.formatted(stored["s"], stored["t"], {k: _unpack(v) for k, v in stored["v"]})
    return stored


KEEP_RUNS = 4  # whole runs kept (another --select, another branch): each holds every finding of the plan


class RunCache:
    """The findings of whole runs (module docstring: run-…), each under its ``run_key``; a miss is never an error.

    A run whose key is known does no rule work at all: its findings (placed, filtered, sorted, before
    any PATH filter) and its file count are read back and printed.

    Each run is a file of its own and ``runs-00`` lists the kept keys, oldest first: looking a run up
    reads that run only, and keeping one writes that run and the short list.  (One file holding
    every kept run was read whole to look one up and written whole to add one: at 100,000 tasks of
    repeated texts, four runs of 225,000 findings each, a few hundred megabytes at the peak.)
    """

    def __init__(self, root: Path, *, stamp: tuple | None = None) -> None:
        place = None if os.environ.get("TASKPLAN_NO_CACHE") else plan_cache_dir(root)
        self.disabled = place is None
        where, secret = place if place is not None else (Path(), b"")
        stamp = stamp if stamp is not None else code_stamp()
        code = hashlib.blake2b(repr(stamp).encode("utf-8"), digest_size=16).digest()
        family = _Family(where, secret, (FORMAT, code))
        self.order = Shards(family, "runs", 1, lambda key: 0)  # key -> True, oldest first
        self.runs = Shards(family, "run", 0, _run_file)

    def kept(self) -> bool:
        """Whether any run is kept (if none, looking one up is wasted)."""
        return not self.disabled and bool(self.order.shard(0))

    def get(self, key: bytes | None) -> tuple[int, list[Finding]] | None:
        """(record files checked, findings) of the run with this key, or None."""
        if self.disabled or key is None or key not in self.order.shard(0):
            return None
        was_enabled = gc.isenabled()
        gc.disable()  # tens of thousands of objects, nothing cyclic: collections would only walk them again
        try:
            files, findings = self.runs.get(key)
            made = Finding.placed
            messages: dict[int, Any] = {}  # id of a stored Message -> the Message: one per object stored (put)
            out = []
            for path, line, col, code, severity, message, fixable in findings:
                if type(message) is dict:
                    shown = messages.get(id(message))  # the stored data is held by the shard: ids stay unique
                    if shown is None:
                        shown = messages[id(message)] = _unpack(message)
                else:
                    shown = message
                out.append(made(path, line, col, code, severity, shown, KEPT_FIX if fixable else None))
            return int(files), out
        except Exception:  # noqa: BLE001 - absent, or a shape not ours: a miss
            return None
        finally:
            if was_enabled:
                gc.enable()

    def put(self, key: bytes | None, files: int, findings: list[Finding]) -> None:
        """Keep this run (placed findings only), dropping the oldest beyond KEEP_RUNS, and write it."""
        if self.disabled or key is None:
            return
        packed: dict[int, Any] = {}  # id of a Message -> its plain data, stored once (the findings hold the
        # Messages while this runs, so ids stay unique); the pickle keeps one copy and get() makes one Message

        def pack(message: str) -> Any:
            if type(message) is not Message:
                return _pack(message)
            got = packed.get(id(message))
            if got is None:
                got = packed[id(message)] = _pack(message)
            return got

        try:
            stored = tuple((f.path, f.line, f.col, f.code, f.severity, pack(f.message), f.fix is not None)
                           for f in findings if f.where is None and plain(f.place) == "")
        except NotPlain:
            return
        if len(stored) != len(findings):
            return  # an unplaced finding or one with a place (never from check): not kept
        order = self.order.shard(0)
        order.pop(key, None)
        order[key] = True  # the newest last
        dropped = list(order)[:max(len(order) - KEEP_RUNS, 0)]
        for old in dropped:
            del order[old]
        n = _run_file(key)
        self.runs.loaded[n] = {key: (files, stored)}  # the run's own file: nothing else in it to read first
        self.runs.dirty.add(n)
        self.order.dirty.add(0)
        try:
            self.runs.save()
            self.order.save()
            for old in dropped:
                self.runs.path(_run_file(old)).unlink(missing_ok=True)
            self.runs.path(0).unlink(missing_ok=True)  # run-00: every run in one file, as versions before this one kept them
        except OSError:
            pass


def _run_file(key: bytes) -> int:
    """The number in a run's file name (``run-`` and 16 hex digits): its key's first 8 bytes."""
    return int.from_bytes(key[:8].ljust(8, b"\0"), "big")

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
  they run on that file only.  Cross-file rules always run (on the cached parse).
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

import hashlib
import os
from pathlib import Path
from typing import Any, Iterable

from taskplan import __version__
from taskplan.findings import Finding
from taskplan.i18n import Message
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


# -- findings as plain data ----------------------------------------------------------

class _NotPlain(Exception):
    pass


_SCALARS = (str, int, float, bool, type(None))


def _plain(value: Any) -> Any:
    """``value`` if it is made of scalars and tuples only (what a key path and a find are)."""
    if type(value) in _SCALARS:
        return value
    if type(value) is tuple:
        for item in value:
            _plain(item)
        return value
    raise _NotPlain


def _message_out(message: Any) -> Any:
    """A message as text, or a Message as {"t": template, "v": values} (values that are Messages likewise)."""
    if type(message) is str:
        return message
    if type(message) is Message:
        return {"t": message.template,
                "v": tuple((k, _message_out(v) if isinstance(v, str) else _plain(v)) for k, v in message.values.items())}
    raise _NotPlain


def _message_in(stored: Any) -> Any:
    if type(stored) is dict:  # plain values are never mappings: a mapping is a Message
        return Message(stored["t"], {k: _message_in(v) for k, v in stored["v"]})
    return stored


def encode(findings: list[Finding]) -> tuple | None:
    """The findings of one file as plain tuples, or None when one holds something that is not plain data."""
    try:
        return tuple((f.line, f.col, f.code, f.severity, _message_out(f.message), f.fix is not None, _plain(f.where))
                     for f in findings)
    except _NotPlain:
        return None


def decode(path: str, stored: tuple) -> list[Finding]:
    return [Finding(path, line, col, code, severity, _message_in(message), KEPT_FIX if fixable else None, where=where)
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

    def put_places(self, rel: str, text: str, places: Places) -> None:
        """Keep the places computed from ``text``, if those are the bytes the file was loaded from."""
        digest = self.digests.get(rel)
        if self.disabled or digest is None or digest_of(text.encode("utf-8")) != digest:
            return  # changed since it was loaded (or a BOM, or not UTF-8): computed again next time
        try:
            _plain(tuple(places[2]))
        except _NotPlain:
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

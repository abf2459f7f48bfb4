"""The parse cache: outside the plan tree, authenticated, data only, sharded, keyed by content.

Parsing is the expensive part of loading (NOTES.md: ~1.4 s for 10,000 files
with the C loader, tens of milliseconds to load the same dicts back), so the
loader keeps what it parsed.  The cache must never be a way in (issue 10) and
must never change an answer (the output with a warm cache equals
``--no-cache``).  How each promise is kept:

* **Where.**  ``$XDG_CACHE_HOME/taskplan/plans/<hash of the plan's real
  path>/`` (``~/.cache`` when the variable is unset or not absolute).  Never
  inside the plan tree: a cache directory that resolves into the plan is not
  used, so nothing committed to a repository or sent in a pull request is
  ever read.  The old ``.taskplan-cache/`` in the plan directory is never read.
* **Authenticated.**  Every shard file carries an HMAC-SHA256 over its
  bytes, its name and the plan's key, made with a per-user secret
  (``taskplan/secret``, 32 random bytes, mode 0600, in the user's cache
  directory).  A file whose HMAC does not verify is never unpickled.  The
  directories and the secret must belong to the user and not be writable
  by others, or the cache is not used at all.
* **Data only.**  Even a verified shard is read by an unpickler that can
  build only plain data (dict, list, str, numbers) and the ``datetime``
  values YAML dates become; any other class or callable is refused.
* **Keyed by content.**  An entry is found by the BLAKE2b digest of the
  file's bytes, so switching branches and back finds the old entries.  A
  per-path stat stamp (mtime, size, inode, ctime) lets a warm run skip
  reading the files; a file changed less than ``RACY_NS`` ago is not
  trusted by its stamp (same-size edits within one clock tick) and is
  read and hashed again.  Findings are kept without their path, so an
  entry serves any file with those bytes.
* **Sharded, lazy.**  Path stamps live in ``INDEX_SHARDS`` files by path,
  entries in ``DATA_SHARDS`` files by digest, a task's ``measures`` (most
  of the bytes, which most questions never read) in body shards loaded
  on first use.  A one-file change rewrites only the shards it touched.
  Unreferenced entries are kept (another branch's files) up to the
  number of referenced ones per shard, oldest dropped first.

A cache that cannot be read, verified or written is a miss, never an error.
Clear it by deleting the directory (docs/performance.md).
"""
from __future__ import annotations

import datetime
import hashlib
import hmac
import io
import os
import pickle
import time
import zlib
from pathlib import Path
from typing import Any, Callable, NamedTuple

from taskplan import __version__
from taskplan.findings import Finding
from taskplan.i18n import NotPlain, message_data, message_of

FORMAT = 5  # 5: equal strings written once per shard (shared)
MAGIC = b"TPCACHE4"
INDEX_SHARDS = 16
DATA_SHARDS = 64
RACY_NS = 2_000_000_000  # a file changed this recently is read and hashed, not trusted by its stamp
HEAVY = "measures"
SECRET_BYTES = 32
_MAC_BYTES = 32


class Entry(NamedTuple):
    """What the cache keeps of one file's bytes."""

    data: Any  # the parsed data; with has_body, a task's "measures" value is None (same key position)
    findings: tuple  # (line, col, code, severity, i18n.message_data(message)) of each finding of the parse
    valid: bool  # passed model validation under the current rules (the parser stamp)
    has_body: bool  # the measures are kept apart, in the body shards under the same digest


Stamp = tuple[int, int, int, int]


class Stat(NamedTuple):
    """The fields of ``os.stat_result`` a stamp is made of, in Stamp's order: what a parsing process
    sends back for each file it read (a whole stat_result costs ten times as much to pickle)."""

    st_mtime_ns: int
    st_size: int
    st_ino: int
    st_ctime_ns: int


def stamp_of(st: os.stat_result | Stat) -> Stamp | None:
    """What proves a file unchanged since it was hashed; None while it is too recent to trust."""
    if st.st_ctime_ns > time.time_ns() - RACY_NS or st.st_mtime_ns > time.time_ns() - RACY_NS:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino, st.st_ctime_ns)


def digest_of(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=16).digest()


def _parser_stamp() -> tuple:
    """Changes whenever the parsing or validation rules do (the sources edited or upgraded): every
    entry then misses, and no file is taken as valid under rules that changed."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out: tuple = (FORMAT, __version__)
    for source in ("store/yamlio.py", "store/parse.py", "store/cache.py", "model/records.py"):
        try:
            st = os.stat(os.path.join(package, source))
        except OSError:  # installed without sources (zipapp …): the version alone decides
            continue
        out += (st.st_mtime_ns, st.st_size)
    return out


# -- where, and the secret ------------------------------------------------------

def cache_home() -> Path | None:
    """The user's cache directory: $XDG_CACHE_HOME if absolute (the XDG rule), else ~/.cache."""
    env = os.environ.get("XDG_CACHE_HOME", "")
    if env and os.path.isabs(env):
        return Path(env)
    try:
        return Path.home() / ".cache"
    except RuntimeError:  # no home directory
        return None


def _private_dir(path: Path) -> bool:
    """Create ``path`` (mode 0700) if needed; True when it is a real directory of ours that others cannot write."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = os.lstat(path)
    except OSError:
        return False
    import stat as stat_

    if not stat_.S_ISDIR(st.st_mode):
        return False
    if hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & 0o022):
        return False
    return True


def _secret(base: Path) -> bytes | None:
    """The per-user HMAC key in ``base``, created on first use; None when it is not safely ours."""
    path = base / "secret"
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
    for _ in range(2):
        try:
            fd = os.open(path, flags)
        except FileNotFoundError:
            tmp = base / f"secret.tmp{os.getpid()}"
            try:
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
                with os.fdopen(fd, "wb") as fh:
                    fh.write(os.urandom(SECRET_BYTES))
                try:
                    os.link(tmp, path)  # atomic create-if-absent: two first runs agree on one secret
                finally:
                    os.unlink(tmp)
            except FileExistsError:
                pass
            except OSError:
                return None
            continue
        except OSError:
            return None
        with os.fdopen(fd, "rb") as fh:
            st = os.fstat(fh.fileno())
            if hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & 0o077):
                return None
            key = fh.read(SECRET_BYTES + 1)
        return key if len(key) == SECRET_BYTES else None
    return None


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def plan_cache_dir(root: Path) -> tuple[Path, bytes] | None:
    """(this plan's cache directory, the secret), or None when no safe place exists."""
    home = cache_home()
    if home is None:
        return None
    try:
        real_root = root.resolve()
        base = (home / "taskplan").resolve()
    except OSError:
        return None
    if _inside(base, real_root):  # a cache in the plan tree could be committed by anyone
        return None
    key = hashlib.sha256(os.fsencode(str(real_root))).hexdigest()[:32]
    where = base / "plans" / key
    if not (_private_dir(base) and _private_dir(base / "plans") and _private_dir(where)):
        return None
    secret = _secret(base)
    return None if secret is None else (where, secret)


# -- shard files: HMAC, then a data-only unpickler -------------------------------

_DATA_CLASSES = {("datetime", name): getattr(datetime, name) for name in ("date", "datetime", "time", "timedelta", "timezone")}


class _DataOnly(pickle.Unpickler):
    """Builds plain data and datetime values; refuses every other class or callable."""

    def find_class(self, module: str, name: str) -> Any:
        try:
            return _DATA_CLASSES[(module, name)]
        except KeyError:
            raise pickle.UnpicklingError(f"cache: refusing {module}.{name}") from None

    def persistent_load(self, pid: Any) -> Any:
        raise pickle.UnpicklingError("cache: refusing a persistent id")


def _mac(secret: bytes, label: bytes, payload: bytes) -> bytes:
    return hmac.new(secret, label + b"\0" + payload, hashlib.sha256).digest()


def read_shard(path: Path, secret: bytes, label: bytes, header: tuple) -> dict | None:
    """The dict in a shard file, or None (absent, forged, other format or rules, unreadable)."""
    try:
        with open(path, "rb") as fh:
            blob = fh.read()
    except OSError:
        return None
    if not blob.startswith(MAGIC) or len(blob) < len(MAGIC) + _MAC_BYTES:
        return None
    mac, payload = blob[len(MAGIC):len(MAGIC) + _MAC_BYTES], blob[len(MAGIC) + _MAC_BYTES:]
    if not hmac.compare_digest(mac, _mac(secret, label, payload)):
        return None  # not written by this user's taskplan: never unpickled
    try:
        stored_header, entries = _DataOnly(io.BytesIO(payload)).load()
    except Exception:  # noqa: BLE001 - a bad cache is just a miss
        return None
    return entries if stored_header == header and isinstance(entries, dict) else None


def shared(value: Any, seen: dict) -> Any:
    """``value`` with every string (and date) equal to one in ``seen`` replaced by that one, containers (dict,
    list, tuple) rebuilt; ``seen`` gains the new ones.

    Pickle writes an object it has written before as a reference to it, and the unpickler then builds it
    once: a shard whose 1,500 tasks name 财政局 a thousand times, or repeat a measure's text (a plan copied
    from last year's), loads one string instead of a thousand.  Any other object is kept as it is.
    """
    kind = type(value)
    if kind is str or kind is datetime.date:
        return seen.setdefault(value, value)
    if kind is dict:
        return {shared(k, seen): shared(v, seen) for k, v in value.items()}
    if kind is list:
        return [shared(v, seen) for v in value]
    if kind is tuple:
        return tuple(shared(v, seen) for v in value)
    return value


def write_shard(path: Path, secret: bytes, label: bytes, header: tuple, entries: dict) -> None:
    payload = pickle.dumps((header, entries), protocol=pickle.HIGHEST_PROTOCOL)
    tmp = path.with_name(f"{path.name}.tmp{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(MAGIC + _mac(secret, label, payload) + payload)
    os.replace(tmp, path)


class Shards:
    """``count`` shard files ``<prefix>-NN``: dicts loaded on first use, written when changed.

    ``owner`` gives the place and the keys: ``dir``, ``secret``, ``label(name)``, ``header`` (the
    parse cache, or check/cache.py's result cache, which shares the directory and the secret).
    """

    def __init__(self, owner: Any, prefix: str, count: int, shard_of: Callable[[Any], int], share: bool = False) -> None:
        self.owner = owner
        self.share = share  # equal strings written once per shard (``shared``): for data read back many times
        self.prefix = prefix
        self.count = count
        self.shard_of = shard_of
        self.loaded: dict[int, dict] = {}
        self.dirty: set[int] = set()

    def _name(self, n: int) -> str:
        return f"{self.prefix}-{n:02x}"

    def path(self, n: int) -> Path:
        return self.owner.dir / self._name(n)

    def shard(self, n: int) -> dict:
        got = self.loaded.get(n)
        if got is None:
            owner = self.owner
            got = read_shard(owner.dir / self._name(n), owner.secret, owner.label(self._name(n)), owner.header) or {}
            self.loaded[n] = got
        return got

    def all(self) -> list[dict]:
        return [self.shard(n) for n in range(self.count)]

    def get(self, key: Any) -> Any:
        return self.shard(self.shard_of(key)).get(key)

    def put(self, key: Any, value: Any) -> None:
        n = self.shard_of(key)
        self.shard(n)[key] = value
        self.dirty.add(n)

    def save(self) -> None:
        owner = self.owner
        for n in sorted(self.dirty):
            entries = shared(self.loaded[n], {}) if self.share else self.loaded[n]
            write_shard(owner.dir / self._name(n), owner.secret, owner.label(self._name(n)), owner.header, entries)
        self.dirty.clear()


def _by_path(rel: str) -> int:
    return zlib.crc32(rel.encode()) % INDEX_SHARDS


def _by_digest(digest: bytes) -> int:
    return digest[0] % DATA_SHARDS


def _lean(data: Any) -> tuple[Any, bool]:
    """(what the data shard keeps, whether the measures go to a body shard)."""
    if isinstance(data, dict) and isinstance(data.get(HEAVY), list) and "id" in data:
        return {k: (None if k == HEAVY else v) for k, v in data.items()}, True
    return data, False


class ParseCache:
    """The cache of one plan directory (see the module docstring).

    ``read_only`` uses what is there and never writes.  A cache with no safe
    place (or ``TASKPLAN_NO_CACHE`` set) is ``disabled``: every lookup misses.
    """

    def __init__(self, root: Path, *, read_only: bool = False) -> None:
        self.root = root
        self.read_only = read_only
        self.disabled = bool(os.environ.get("TASKPLAN_NO_CACHE"))
        self.used: set[str] = set()
        self.swept = False  # the loader looked up every record file: paths not used are gone
        self.pending: list[tuple] | None = None  # defer(): the puts and set_valids save() is to do first
        self.header = _parser_stamp()
        place = None if self.disabled else plan_cache_dir(root)
        if place is None:
            self.disabled = True
            self.dir, self.secret = Path(), b""
        else:
            self.dir, self.secret = place
        self.plan_key = self.dir.name.encode()
        self.index = Shards(self, "index", INDEX_SHARDS, _by_path)  # rel -> (stamp or None, digest)
        self.data = Shards(self, "data", DATA_SHARDS, _by_digest, share=True)  # digest -> Entry as a plain tuple
        self.bodies = Shards(self, "body", DATA_SHARDS, _by_digest, share=True)  # digest -> measures

    def label(self, name: str) -> bytes:
        return self.plan_key + b"/" + name.encode()

    @property
    def frozen(self) -> bool:
        """Nothing put here is ever saved (disabled or read-only), so putting is wasted work."""
        return self.disabled or self.read_only

    # -- lookups -------------------------------------------------------------------

    def holds_entries(self) -> bool:
        """A data shard was saved (a first run, or a cleared cache, finds none: no bytes have an
        entry but those put in this run)."""
        if self.disabled:
            return False
        try:
            return any(name.startswith("data-") for name in os.listdir(self.dir))
        except OSError:
            return False

    def lookup(self, rel: str, st: os.stat_result) -> tuple[bytes, Entry] | None:
        """(digest, entry) when the file's stamp proves it unchanged since it was hashed."""
        if self.disabled:
            return None
        self.used.add(rel)
        known = self.index.get(rel)
        if known is None or known[0] is None or known[0] != (st.st_mtime_ns, st.st_size, st.st_ino, st.st_ctime_ns):
            return None
        entry = self.data.get(known[1])
        return None if entry is None else (known[1], Entry._make(entry))

    def known_digest(self, rel: str, st: os.stat_result) -> bytes | None:
        """The digest of the file's bytes when its stamp proves it unchanged since it was hashed (no entry read)."""
        if self.disabled:
            return None
        known = self.index.get(rel)
        if known is None or known[0] is None or known[0] != (st.st_mtime_ns, st.st_size, st.st_ino, st.st_ctime_ns):
            return None
        return known[1] if isinstance(known[1], bytes) else None

    def by_content(self, rel: str, st: os.stat_result, digest: bytes) -> Entry | None:
        """The entry of these bytes (read and hashed by the caller); remembers the file's new stamp."""
        if self.disabled:
            return None
        self.used.add(rel)
        entry = self.data.get(digest)
        if entry is None:
            return None
        self._remember(rel, st, digest)
        return Entry._make(entry)

    def findings(self, rel: str, entry: Entry) -> list[Finding]:
        return [Finding(rel, line, col, code, severity, message_of(message))
                for line, col, code, severity, message in entry.findings]

    def body(self, rel: str, digest: bytes) -> Any:
        """The measures of a task entry kept apart; read from the source when the body shard lost them."""
        stored = self.bodies.get(digest)
        if stored is not None:
            return stored
        from taskplan.store.parse import parse_bytes

        try:
            data, _ = parse_bytes((self.root / rel).read_bytes(), rel)
        except OSError:
            data = None
        return data.get(HEAVY, []) if isinstance(data, dict) else []

    def full(self, rel: str, digest: bytes, entry: Entry) -> Any:
        """The entry's data with its measures put back in place."""
        if not entry.has_body:
            return entry.data
        data = dict(entry.data)
        data[HEAVY] = self.body(rel, digest)
        return data

    # -- updates -------------------------------------------------------------------

    def _remember(self, rel: str, st: os.stat_result | Stat, digest: bytes) -> None:
        if self.frozen:
            return
        value = (stamp_of(st), digest)
        if self.index.get(rel) != value:
            self.index.put(rel, value)

    def defer(self) -> None:
        """From now on ``put`` and ``set_valid`` are only noted, and done, in order, by ``save``: a
        caller that saves in another process (store/parallel.in_background) leaves their cost to it.
        Nothing put is then looked up before the save."""
        if not self.frozen and self.pending is None:
            self.pending = []

    def put(self, rel: str, st: os.stat_result | Stat, digest: bytes, data: Any, findings: list[Finding], valid: bool) -> None:
        if self.frozen:
            return
        if self.pending is not None:
            self.pending.append((rel, st, digest, data, findings, valid))
            return
        self.used.add(rel)
        try:
            stored = tuple((f.line, f.col, f.code, f.severity, message_data(f.message)) for f in findings)
        except NotPlain:  # a message the data-only unpickler could not rebuild: this file is parsed next time
            return
        lean, has_body = _lean(data)
        if has_body:
            self.bodies.put(digest, data[HEAVY])
        self.data.put(digest, (lean, stored, valid, has_body))
        self._remember(rel, st, digest)

    def set_valid(self, digest: bytes) -> None:
        """The entry's data passed model validation (it was parsed or cached before it was checked)."""
        if self.frozen:
            return
        if self.pending is not None:
            self.pending.append((digest,))
            return
        entry = self.data.get(digest)
        if entry is not None and not entry[2]:
            self.data.put(digest, (entry[0], entry[1], True, entry[3]))

    def save(self) -> None:
        if self.frozen:
            return
        pending, self.pending = self.pending, None
        for noted in pending or ():
            if len(noted) == 1:
                self.set_valid(*noted)
            else:
                self.put(*noted)
        if self.swept:
            for n, shard in enumerate(self.index.all()):
                gone = [rel for rel in shard if rel not in self.used]
                for rel in gone:
                    del shard[rel]
                if gone:
                    self.index.dirty.add(n)
            self._prune()
        try:
            self.bodies.save()  # bodies, then entries, then the index: a reader never finds a path without its entry
            self.data.save()
            self.index.save()
        except OSError:
            pass

    def release(self) -> None:
        """Forget the path stamps and entries read so far (the records keep the data they use): once a load has
        looked up every file and saved, only ``body`` is still asked, and a load that holds what it no
        longer reads holds it to the end (Shards and this cache refer to each other, and the query
        commands run without the cycle collector)."""
        self.index.loaded.clear()
        self.data.loaded.clear()
        self.used = set()

    def _prune(self) -> None:
        """Keep another branch's entries, but no more of them per shard than there are live ones."""
        live = {digest for shard in self.index.all() for _, digest in shard.values()}
        for shards in (self.data, self.bodies):
            for n in list(shards.dirty):
                shard = shards.loaded[n]
                stale = [d for d in shard if d not in live]
                extra = len(stale) - max(len(shard) - len(stale), 16)
                for digest in stale[:max(extra, 0)]:  # insertion order: the oldest first
                    del shard[digest]

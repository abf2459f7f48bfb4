"""The one way records are written: ruamel round trip, atomically.

* Comments, key order, quoting and untouched formatting survive (round trip).
* Long CJK lines are never folded (``width`` is effectively infinite) and
  non-ASCII text is written as is, never as ``\\u`` escapes.
* Indentation is set explicitly (mapping 2, sequence 4, offset 2), otherwise
  ruamel would normalise every file it touches differently.
* A write goes to a temporary file in the same directory, is flushed to
  disk, and then renamed over the original: an interrupted write leaves the
  old file intact.
* No lost update: every write holds an exclusive ``fcntl.flock`` on the
  directory the file is in (``dir_lock``) from the moment it reads the file
  until it has renamed the new one in, so two ``taskplan update`` runs are
  applied one after the other to the latest text.  Before renaming, the
  file is read once more: if something that does not take the lock (an
  editor, ``git checkout``) changed it meanwhile, the edit is re-applied to
  the new text, and after a few attempts the command fails with
  ``WriteConflict`` instead of overwriting it.  The directory itself is the
  lock file: it cannot be stale, needs no clean-up and never shows up in
  ``git status``.
"""
from __future__ import annotations

import io
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from taskplan.errors import TaskplanError
from taskplan.i18n import M_, N_

WIDTH = 1 << 20

# First line of every task file: editors with the YAML extension read the schema from it.
TASK_HEADER = "# yaml-language-server: $schema=../docs/schema/task.schema.json"
PLAN_HEADER = "# yaml-language-server: $schema=docs/schema/plan.schema.json"
UNITS_HEADER = "# yaml-language-server: $schema=docs/schema/units.schema.json"


def rt_yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.width = WIDTH
    yaml.allow_unicode = True
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    # ruamel writes None as an empty value ("unit:"); the record format spells it "null"
    yaml.representer.add_representer(type(None), _represent_none)
    return yaml


def _represent_none(representer: Any, data: None) -> Any:
    return representer.represent_scalar("tag:yaml.org,2002:null", "null")


# How often a read-edit-write is re-applied when the file changed under it (an editor that takes no lock).
ATTEMPTS = 3


class WriteConflict(TaskplanError):
    """The file kept changing while we edited it: nothing was written (exit 2)."""

    exit_code = 2


# directory (real path) -> [fd, depth]: the lock is re-entrant within a process (update_file
# calls atomic_write, import writes many files); a second flock on a new descriptor would block.
_held: dict[str, list[int]] = {}


@contextmanager
def dir_lock(directory: Path) -> Iterator[None]:
    """Hold an exclusive ``flock`` on ``directory`` (blocks until other writers are done)."""
    key = os.path.realpath(directory)
    held = _held.get(key)
    if held is not None:
        held[1] += 1
        try:
            yield
        finally:
            held[1] -= 1
        return
    try:
        import fcntl
    except ImportError:  # pragma: no cover - no flock on this platform: the changed-file check remains
        yield
        return
    fd = os.open(key, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        _held[key] = [fd, 1]
        try:
            yield
        finally:
            del _held[key]
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def file_lock(path: Path) -> Any:
    """The lock that guards ``path``: its directory's (see the module docstring)."""
    return dir_lock(Path(path).parent)


def _read_or_none(path: Path) -> bytes | None:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        return None


def atomic_write(path: Path, data: str | bytes | Iterable[str], *, expect: bytes | None | bool = False,
                 sync: bool = True) -> None:
    """Replace ``path`` with ``data`` or leave it untouched, under the file's lock.

    ``expect`` is what the caller read before computing ``data`` (``None``:
    the file did not exist); if the file no longer holds that, nothing is
    written and ``WriteConflict`` says so.  ``False`` (the default) writes
    without comparing (a generated file such as a report).  ``sync=False``
    skips the fsync: for a caller that writes many files and syncs once at
    the end (import); the rename is still atomic.  ``data`` may be pieces of
    text (a report as it is rendered): written as they come, never joined.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path = Path(path)
    with file_lock(path):
        if expect is not False and _read_or_none(path) != expect:
            raise WriteConflict(
                f"{path} changed while taskplan was writing it; nothing was written",
                hint="look at the file and run the command again",
            )
        _replace(path, payload, sync)


def replace_files(directory: Path, files: Iterable[tuple[str, str]]) -> list[str]:
    """Write each ``(name, text)`` into ``directory``; return the names written.

    A file that already holds exactly ``text`` is left alone (its mtime too: the load cache stays
    warm).  One lock for the whole directory; each file is still replaced atomically (temporary file
    + rename) but not synced one by one: the caller syncs once at the end (``os.sync``), because
    10,000 fsyncs cost more than the import that writes them.
    """
    base = os.fspath(directory)
    written = []
    with dir_lock(directory):
        for name, text in files:
            path = os.path.join(base, name)  # plain strings: pathlib per file was a tenth of an import
            payload = text.encode("utf-8")
            try:
                with open(path, "rb") as fh:
                    if fh.read() == payload:
                        continue
            except FileNotFoundError:
                pass
            _replace(path, payload, sync=False)
            written.append(name)
    return written


def _replace(path: str | Path, payload: bytes | Iterable[str], sync: bool = True) -> None:
    try:
        mode = os.stat(path).st_mode & 0o777
    except FileNotFoundError:
        mode = 0o644
    fd, tmp = temporary_file(path)
    try:
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), mode)
            if isinstance(payload, bytes):
                fh.write(payload)
            else:  # pieces of text, written as they come in batches (an error half-way leaves the file as it was)
                batch: list[str] = []
                for piece in payload:
                    batch.append(piece)
                    if len(batch) >= 4096:
                        fh.write("".join(batch).encode("utf-8"))
                        batch.clear()
                fh.write("".join(batch).encode("utf-8"))
            fh.flush()
            if sync:
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def temporary_file(path: str | Path) -> tuple[int, str]:
    """A new file next to ``path``: ``.NAME.PID.tmp`` (cheap: an import creates thousands), else mkstemp."""
    parent, name = os.path.split(os.fspath(path))
    tmp = os.path.join(parent, f".{name}.{os.getpid()}.tmp")
    try:
        return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), tmp
    except FileExistsError:  # left over by a killed process, or another thread: a random name
        return tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=parent)


def dumps(data: Any, *, header: str | None = None) -> str:
    """Serialise round-trip data (CommentedMap) to text in the canonical layout."""
    buf = io.StringIO()
    rt_yaml().dump(data, buf)
    text = buf.getvalue()
    return (header + "\n" + text) if header else text


def update_file(
    path: Path,
    mutate: Callable[[Any], None],
    *,
    validate: Callable[[str], None] | None = None,
    write: bool = True,
) -> tuple[str, str]:
    """Load ``path`` round trip, apply ``mutate`` to the document, write it back atomically.

    A BOM and CRLF line ends are kept as the file has them: they are not the
    business of the command that edits a value.  ``validate(new_text)`` may
    raise to refuse the change before anything is written; ``write=False``
    only computes it (``check --diff``).  Returns (old_text, new_text) as on
    disk; nothing is written when they are equal.

    With ``write``, everything from reading to renaming happens under the
    file's lock, so ``mutate`` always edits the latest text (a concurrent
    ``taskplan update`` is never lost); ``mutate`` must therefore be safe to
    call again on a fresh document (see the module docstring).
    """
    return rewrite_file(path, lambda old: edit_text(old, mutate, validate), write=write)


def edit_text(raw: str, mutate: Callable[[Any], None], validate: Callable[[str], None] | None = None) -> str:
    """``raw`` round trip through ``mutate`` (BOM and CRLF kept); ``raw`` itself when nothing changed."""
    bom = "\ufeff" if raw.startswith("\ufeff") else ""
    crlf = "\r\n" in raw
    old = raw[len(bom):].replace("\r\n", "\n") if crlf else raw[len(bom):]
    yaml = rt_yaml()
    doc = yaml.load(old)
    mutate(doc)
    buf = io.StringIO()
    yaml.dump(doc, buf)
    new = buf.getvalue()
    if new == old:
        return raw
    if validate is not None:
        validate(new)
    return bom + (new.replace("\n", "\r\n") if crlf else new)


def rewrite_file(path: Path, transform: Callable[[str], str], *, write: bool = True) -> tuple[str, str]:
    """Replace the text of ``path`` by ``transform(text)`` without losing a concurrent change.

    Under the file's lock: read, transform, read again just before the rename
    and re-apply ``transform`` if the file changed meanwhile (a writer that
    takes no lock); after ``ATTEMPTS`` tries, ``WriteConflict``.  Returns
    (old_text, new_text); nothing is written when they are equal.
    """
    path = Path(path)
    if not write:
        raw = path.read_bytes().decode("utf-8")
        return raw, transform(raw)
    with file_lock(path):
        for _ in range(ATTEMPTS):
            before = path.read_bytes()
            raw = before.decode("utf-8")
            out = transform(raw)
            if out == raw:
                return raw, raw
            if path.read_bytes() == before:
                _replace(path, out.encode("utf-8"))
                return raw, out
    raise WriteConflict(
        f"{path} kept changing while taskplan was editing it; nothing was written",
        hint="another program is writing it: wait for it and run the command again",
    )


def flow_list(items: list[str]) -> Any:
    """A list written inline (``[财政局, 发改局]``): unit lists read best on one line."""
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def _unwritable(path: Path, what: str, exc: OSError | None = None, reason: str | None = None) -> "OutputError":
    why = reason or (exc.strerror if exc is not None and exc.strerror else str(exc))
    return OutputError(M_("cannot write {what} {path}: {why}", what=M_(what), path=path, why=why))


class OutputError(TaskplanError):
    """An output file (-o, the step summary) cannot be written where the user asked (exit 2)."""

    exit_code = 2


def _check_parents(path: Path, what: str) -> None:
    """Every existing ancestor of ``path`` must be a folder (``-o plan.yaml/r.md`` is refused by name)."""
    from taskplan.store.discover import kind_of

    for parent in path.parents:
        kind = kind_of(parent)
        if kind == "missing":
            continue
        if kind != "a folder":
            raise _unwritable(path, what, reason=M_("{path} is {kind}, not a folder", path=parent, kind=kind))
        return


def check_output(path: Path, what: str) -> None:
    """Refuse an output path that cannot be a file (it is a folder, or under a file) before any work is done."""
    from taskplan.store.discover import kind_of

    path = Path(path)
    kind = kind_of(path)
    if kind not in ("a file", "missing"):
        raise _unwritable(path, what, reason=M_("it is {kind}; name a file", kind=kind))
    _check_parents(path, what)


def check_not_a_record(path: Path, root: Path | None, what: str) -> None:
    """Refuse an output file that is one of the plan's own records: ``report -o units.yaml`` would replace the registry."""
    from taskplan.store.discover import PLAN_FILE, SETTINGS_FILES, TASKS_DIR, UNITS_FILE

    if root is None:
        return
    real, top = os.path.realpath(path), os.path.realpath(root)
    records = {os.path.join(top, name) for name in (PLAN_FILE, UNITS_FILE, *SETTINGS_FILES)}
    if real in records or real.startswith(os.path.join(top, TASKS_DIR) + os.sep):
        raise _unwritable(Path(path), what, reason=M_("it is one of the plan's records; name another file"))


def check_folder(path: Path, what: str) -> None:
    """Refuse a folder to write into that cannot be one: it is a file (a pipe …), or under a file (``--into units.yaml/x``)."""
    from taskplan.store.discover import kind_of

    path = Path(path)
    kind = kind_of(path)
    if kind not in ("a folder", "missing"):
        raise _unwritable(path, what, reason=M_("it is {kind}, not a folder", kind=kind))
    _check_parents(path, what)


def write_output(path: Path, data: str | bytes | Iterable[str], what: str = N_("output file")) -> None:
    """Write a file the user named (report -o): parents created, atomic; a clear message instead of an OSError."""
    path = Path(path)
    check_output(path, what)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, data)
    except OSError as exc:
        raise _unwritable(path, what, exc) from None


def append_output(path: Path, text: str, what: str) -> None:
    """Append to a file someone else named ($GITHUB_STEP_SUMMARY); a clear message when it cannot be done."""
    from taskplan.store.discover import kind_of

    path = Path(path)
    kind = kind_of(path)
    if kind not in ("a file", "missing"):
        raise _unwritable(path, what, reason=M_("it is {kind}", kind=kind))
    _check_parents(path, what)
    try:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as exc:
        raise _unwritable(path, what, exc) from None

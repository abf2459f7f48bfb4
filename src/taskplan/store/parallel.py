"""Parse many record files, using a forked helper process when there are enough of them.

A first run on a large plan (no cache yet) is dominated by YAML parsing:
PyYAML's constructor is Python code even with the C parser.  With two or
more CPUs, a forked child parses the second half of the files while this
process parses the first; the child sends its results back pickled through
a pipe.  Results are identical to a serial parse (tests compare both); any
failure of the child (fork refused, killed, bad pickle) falls back to
parsing its share here, so the worst case is the serial time.

Only where ``os.fork`` exists (Linux, macOS); elsewhere always serial.
"""
from __future__ import annotations

import os
import pickle
from typing import Any, Callable

from taskplan.findings import Finding
from taskplan.store.cache import Stamp, digest_of
from taskplan.store.parse import parse_bytes, vanished
from taskplan.store.positions import Marks, marks_of, pack_marks, unpack_marks

Check = Callable[[list[Any]], list[bool]]
Helper = Callable[[list[str], list[tuple[Any, list[Finding], bool]]], Any]

PARALLEL_MIN_FILES = 1500  # below this, forking costs more than it saves (measured with bench/)


def _parse_serial(base: str, rels: list[str], raws: list[bytes] | None,
                  marks: list[Marks | None] | None = None,
                  digests: list[bytes | None] | None = None,
                  stamps: list[Stamp | None] | None = None) -> list[tuple[Any, list[Finding]]]:
    out = []
    note = None
    if marks is not None:
        def note(node: Any, text: str) -> None:
            marks[-1] = marks_of(node, text)
    for i, rel in enumerate(rels):
        if marks is not None:
            marks.append(None)  # the file's Marks when it parses (``note``)
        if raws is not None:
            raw = raws[i]
        else:
            try:
                with open(os.path.join(base, rel), "rb") as fh:
                    if stamps is not None:  # taken before the bytes are read, as a stat before opening would be
                        st = os.fstat(fh.fileno())
                        stamps.append((st.st_mtime_ns, st.st_size, st.st_ino, st.st_ctime_ns))
                    raw = fh.read()
            except FileNotFoundError:  # deleted since the directory was listed
                if digests is not None:
                    digests.append(None)
                if stamps is not None:
                    stamps.append(None)
                out.append((None, [vanished(rel)]))
                continue
            if digests is not None:
                digests.append(digest_of(raw))
        out.append(parse_bytes(raw, rel, note))
    return out


def _work(base: str, rels: list[str], check: Check | None, raws: list[bytes] | None = None,
          marks: list[Marks | None] | None = None,
          digests: list[bytes | None] | None = None,
          stamps: list[Stamp | None] | None = None) -> list[tuple[Any, list[Finding], bool]]:
    parsed = _parse_serial(base, rels, raws, marks, digests, stamps)
    flags = check([data for data, _ in parsed]) if check is not None else [False] * len(parsed)
    return [(data, found, ok) for (data, found), ok in zip(parsed, flags)]


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS
        return os.cpu_count() or 1


def parse_files(
    base: str, rels: list[str], *, check: Check | None = None, min_files: int | None = None,
    raws: list[bytes] | None = None,
) -> list[tuple[Any, list[Finding], bool]]:
    """(data, findings, ok) for each of ``rels`` (paths relative to ``base``), in order.

    ``check(datas) -> flags`` runs in the process that parsed them (so the
    validation of the child's half runs in parallel too); ``ok`` is its flag,
    False without ``check``.  ``raws``: the files' bytes, when the caller has read them already.
    """
    return parse_files_with(base, rels, check=check, min_files=min_files, raws=raws)[0]


def parse_files_with(
    base: str, rels: list[str], *, check: Check | None = None, helper: Helper | None = None,
    min_files: int | None = None, raws: list[bytes] | None = None, marks: list[Marks | None] | None = None,
    digests: list[bytes | None] | None = None, stamps: list[Stamp | None] | None = None,
) -> tuple[list[tuple[Any, list[Finding], bool]], Any]:
    """parse_files(), plus ``helper(rels, results)`` run by each process on the share it parsed.

    Returns (results, what the helpers returned: a list, one per share).  The
    list is empty when there was no child (few files, no fork), and holds
    only the parent's when the child's helper failed or returned something
    that does not pickle: the caller does the work of the missing shares.
    The parent runs its helper while the child is still busy.

    ``marks``: a list to fill with each file's positions (store/positions.py's
    Marks, None for a file that did not parse), built in the same parse.

    ``digests``: without ``raws``, a list to fill with the digest of each file's bytes
    (store/cache.digest_of; None for a file gone before it was read), taken by the
    process that reads the file: a first run on a large plan reads and hashes in parallel.
    ``stamps``: likewise, each file's stat stamp (store/cache.Stamp: mtime, size, inode, ctime;
    None for a file gone), taken from the open file just before its bytes are read.
    """
    limit = PARALLEL_MIN_FILES if min_files is None else min_files
    if len(rels) < max(limit, 2) or not hasattr(os, "fork") or _cpus() < 2:
        return _work(base, rels, check, raws, marks, digests, stamps), []
    half = _parent_share(len(rels))
    mine, theirs = rels[:half], rels[half:]
    my_raws, their_raws = (raws[:half], raws[half:]) if raws is not None else (None, None)
    try:
        read_fd, write_fd = os.pipe()
        pid = os.fork()
    except OSError:
        return _work(base, rels, check, raws, marks, digests, stamps), []
    if pid == 0:  # the child: parse, send, and leave without running any cleanup of the parent's
        code = 0
        try:
            os.close(read_fd)
            their_marks: list[Marks | None] | None = [] if marks is not None else None
            their_digests: list[bytes | None] | None = [] if digests is not None else None
            their_stamps: list[Stamp | None] | None = [] if stamps is not None else None
            results = _work(base, theirs, check, their_raws, their_marks, their_digests, their_stamps)
            extra = None
            if helper is not None:
                try:
                    extra = pickle.dumps(helper(theirs, results), protocol=pickle.HIGHEST_PROTOCOL)
                except Exception:  # noqa: BLE001 - the parent does the helper's work itself
                    extra = None
            packed = pack_marks(their_marks) if their_marks is not None else None
            payload = pickle.dumps((results, extra, packed, their_digests, their_stamps), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_fd, "wb") as out:
                out.write(payload)
        except BaseException:  # noqa: BLE001 - the parent notices the missing payload and parses itself
            code = 1
        os._exit(code)
    os.close(write_fd)
    first = _work(base, mine, check, my_raws, marks, digests, stamps)
    extras = [helper(mine, first)] if helper is not None else []
    with os.fdopen(read_fd, "rb") as inp:
        payload = inp.read()
    _, status = os.waitpid(pid, 0)
    second = extra = their_marks = their_digests = their_stamps = None
    if status == 0 and payload:
        try:
            second, extra, their_marks, their_digests, their_stamps = pickle.loads(payload)  # noqa: S301 - from our own child process
            extra = pickle.loads(extra) if extra is not None else None  # noqa: S301
            their_marks = unpack_marks(their_marks) if their_marks is not None else None
        except Exception:  # noqa: BLE001
            second = extra = their_marks = their_digests = their_stamps = None
    if not isinstance(second, list) or len(second) != len(theirs) or not all(
            wanted is None or (isinstance(got, list) and len(got) == len(theirs))
            for wanted, got in ((digests, their_digests), (stamps, their_stamps))):
        their_marks = [] if marks is not None else None
        their_digests = [] if digests is not None else None
        their_stamps = [] if stamps is not None else None
        second, extra = _work(base, theirs, check, their_raws, their_marks, their_digests, their_stamps), None
    if marks is not None:
        marks += their_marks if isinstance(their_marks, list) and len(their_marks) == len(theirs) else [None] * len(theirs)
    if digests is not None:
        digests += their_digests  # type: ignore[operator]
    if stamps is not None:
        stamps += their_stamps  # type: ignore[operator]
    return first + second, extras + ([extra] if extra is not None else [])


# The parent's share of the files.  The child also pickles what it parsed (about 5 % of its work)
# and the parent unpickles it only after the join, so an even split left the parent idle for the
# last ~0.08 s of a 10,000-file parse (bench/bench_critical_path.py: parent 1.6 s, child 1.7 s CPU);
# at 52 % the parent was the later one by 0.06 s.  Since the child's payload is lighter (keys interned,
# marks packed), 51 % left the parent later by ~0.03 s.  The parent takes a little more.
PARENT_SHARE = 0.505


def _parent_share(count: int) -> int:
    return min(count - 1, max(1, round(count * PARENT_SHARE)))


def in_background(job: Callable[[], None], *, worth: bool = True) -> Callable[[], None]:
    """Run ``job()`` in a forked process while this one goes on; returns ``wait()``, which returns once it is done.

    For writing what this process no longer reads (the parse cache after a large first load): the
    writing overlaps the caller's next steps on another core.  Not ``worth`` it (a small job: a fork
    costs more), with one CPU, or when the fork fails, ``job`` runs here before this returns.  A job
    that fails in the child is given up silently (a cache written in part is a miss, never an error);
    the caller must ``wait()`` before its process ends, so that nothing is left half written behind it.
    """
    if not worth or not hasattr(os, "fork") or _cpus() < 2:
        job()
        return _done
    try:
        pid = os.fork()
    except OSError:
        job()
        return _done
    if pid == 0:  # the child: the job, and leave without running any cleanup of the parent's
        code = 0
        try:
            job()
        except BaseException:  # noqa: BLE001 - nothing to report to: the parent goes on either way
            code = 1
        os._exit(code)
    waiting = [pid]

    def wait() -> None:
        while waiting:
            try:
                os.waitpid(waiting[0], 0)
            except ChildProcessError:  # reaped already (a caller's own waitpid(-1))
                pass
            except InterruptedError:  # pragma: no cover - retried by Python since 3.5
                continue
            waiting.clear()

    return wait


def _done() -> None:
    return None

"""The task files of an import, written while the document is still being read, put in place at the end.

An import used to build the records of all tasks before it wrote the first file (at 100,000 tasks,
every record was alive at once and the writing could only start when the reading was done).  Now
``TaskFiles.add`` writes each task's file as soon as its record is complete, under a temporary name
next to its place (``.NNN.yaml.PID.tmp``: no reader takes it for a task file), and ``commit`` renames
them all into place once the whole document has been read, then removes the stale task files.
What makes this safe:

* **Nothing half-done.** Until ``commit``, the tasks directory holds only its old files (and the
  temporary ones). An error before that (a document is refused at its end when no task names a unit;
  an unexpected failure; Ctrl-C) unlinks every temporary file: the plan is as it was.
* **Atomic per file.** Each file appears by a rename of a complete file, as ``store.write`` does.
* **Locked.** One lock, on the tasks directory (``store.write.dir_lock``, which every writer of a task
  file takes), from the listing of the old files to the last rename.
* **Unchanged files are left alone** (their mtime too: the load cache stays warm): a file that
  already holds exactly the new text is not rewritten.
* **One sync** at the end, by the caller (``os.sync``), not an fsync per file: 10,000 fsyncs cost
  more than the import.

With ``background=True`` (a large document, two CPUs or more, and ``os.fork``), a forked child does
the writing: ``add`` only sends the name and the text through a pipe, so the files are written on
the other core while this process reads the rest of the document (a quarter of an import's time is
the writing).  The child holds the same lock (it shares the locked descriptor) and does exactly what
``add``/``commit`` do here; it ignores Ctrl-C and unlinks its temporary files when the pipe closes
without a commit (this process failed or was killed).  A failure in the child (a full disk) is
raised here at ``commit`` as the same ``OSError``; a child that dies (killed) is a ``RuntimeError``,
and its temporary files are removed here.
"""
from __future__ import annotations

import json
import os
import signal
import struct
from contextlib import ExitStack
from pathlib import Path
from typing import BinaryIO

from taskplan.store.discover import file_id
from taskplan.store.parallel import cpus
from taskplan.store.write import temporary_file, dir_lock

# a new file's mode whatever the umask (as store.write gives a file it creates)
NEW_FILE_MODE = 0o644
# what goes through the pipe to the child: b"A" + name length + text length, name, text; b"C": commit
_ADD, _COMMIT = b"A", b"C"
_SIZES = struct.Struct(">HI")
_PIPE_BUFFER = 1 << 20


class TaskFiles:
    """``with TaskFiles(dir) as files: files.add(name, text) …; files.commit()`` (see the module docstring).

    Leaving the ``with`` block without ``commit`` (an exception) removes every temporary file.
    ``background``: write in a forked child when the machine has a second CPU (else here, the same).
    """

    def __init__(self, directory: Path, *, background: bool = False) -> None:
        self.directory = Path(directory)
        self._background = background
        self._stage: _Stage | None = None  # the files written here (no child)
        self._child: _Child | None = None
        self._stack = ExitStack()
        self.written: list[str] = []  # after commit: the files replaced or created
        self.removed: list[str] = []  # after commit: stale task files removed, sorted

    def __enter__(self) -> "TaskFiles":
        self._stack.enter_context(dir_lock(self.directory))
        try:
            base = os.fspath(self.directory)
            old = {name for name in os.listdir(base) if file_id(name) is not None}
            stage = _Stage(base, old)
            if self._background and hasattr(os, "fork") and cpus() >= 2:
                self._child = _Child.start(stage)
            if self._child is None:
                self._stage = stage
        except BaseException:
            self._stack.close()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if self._child is not None:
                self._child.stop()
            elif self._stage is not None:
                self._stage.discard()
        finally:
            self._stack.close()  # the lock last: after the child has finished

    def add(self, name: str, text: str) -> None:
        """Write ``text`` for the task file ``name`` (a temporary file until ``commit``).

        The same name twice: the later text wins (as a later record would overwrite the earlier one).
        """
        if self._child is not None:
            self._child.send(name, text.encode("utf-8"))
        else:
            assert self._stage is not None
            self._stage.add(name, text.encode("utf-8"))

    def commit(self) -> None:
        """Put every file in place, then remove the stale task files (the old ones the document no longer has)."""
        if self._child is not None:
            self.written, self.removed = self._child.commit()
        else:
            assert self._stage is not None
            self._stage.commit()
            self.written, self.removed = self._stage.written, self._stage.removed


class _Stage:
    """The files themselves: temporary files as texts come, renamed into place by ``commit``."""

    def __init__(self, base: str, old: set[str]) -> None:
        self.base = base
        self.old = old  # the task files the directory held when the import began
        self.pending: dict[str, str] = {}  # name -> its temporary file, in the order first added
        self.names: set[str] = set()  # every task file the document has (written or already right)
        self.written: list[str] = []
        self.removed: list[str] = []

    def add(self, name: str, payload: bytes) -> None:
        path = os.path.join(self.base, name)  # plain strings: pathlib per file was a tenth of an import
        self.names.add(name)
        mode = NEW_FILE_MODE
        if name in self.old:
            try:
                with open(path, "rb") as fh:
                    same = fh.read() == payload
                mode = os.stat(path).st_mode & 0o777
            except FileNotFoundError:  # removed meanwhile by a writer that takes no lock: written anew
                same = False
            if same:
                tmp = self.pending.pop(name, None)
                if tmp is not None:
                    os.unlink(tmp)
                return
        tmp = self.pending.get(name)
        if tmp is None:
            fd, tmp = temporary_file(path)
            self.pending[name] = tmp
        else:
            fd = os.open(tmp, os.O_WRONLY | os.O_TRUNC)
        try:
            os.fchmod(fd, mode)
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)

    def commit(self) -> None:
        for name, tmp in list(self.pending.items()):
            os.replace(tmp, os.path.join(self.base, name))
            del self.pending[name]
            self.written.append(name)
        self.removed = sorted(self.old - self.names)
        for name in self.removed:
            os.unlink(os.path.join(self.base, name))

    def discard(self) -> None:
        """Unlink the temporary files not yet renamed (all of them, unless ``commit`` ran)."""
        for tmp in self.pending.values():
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass
        self.pending.clear()


class _Child:
    """A forked process that runs a ``_Stage`` on what this one sends it."""

    def __init__(self, pid: int, out: BinaryIO, results: int, stage: _Stage) -> None:
        self.pid = pid
        self.out = out  # buffered writer of the pipe to the child
        self.results = results  # read end of the pipe the child answers ``commit`` on
        self.stage = stage  # this process's copy: its base and old files, for cleaning up after a dead child
        self.sent: list[str] = []  # the names sent, in order (a dead child's temporary files are found by them)
        self.done = False
        self.status = 0  # its exit status, once waited for

    @classmethod
    def start(cls, stage: _Stage) -> "_Child | None":
        """Fork the writer; None when the fork fails (the caller writes here)."""
        try:
            texts_r, texts_w = os.pipe()
            results_r, results_w = os.pipe()
        except OSError:
            return None
        try:
            pid = os.fork()
        except OSError:
            for fd in (texts_r, texts_w, results_r, results_w):
                os.close(fd)
            return None
        if pid == 0:  # the child: write what comes, and leave without running any cleanup of the parent's
            code = 0
            try:
                signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the parent, which closes the pipe
                os.close(texts_w)
                os.close(results_r)
                _serve(stage, texts_r, results_w)
            except BaseException:  # noqa: BLE001 - the parent sees no answer and reports the child's end
                code = 1
            os._exit(code)
        os.close(texts_r)
        os.close(results_w)
        return cls(pid, os.fdopen(texts_w, "wb", buffering=_PIPE_BUFFER), results_r, stage)

    def send(self, name: str, payload: bytes) -> None:
        raw = name.encode("utf-8")
        try:
            self.out.write(_ADD + _SIZES.pack(len(raw), len(payload)))
            self.out.write(raw)
            self.out.write(payload)
        except BrokenPipeError:  # the child is gone: say so (a BrokenPipeError would read as "output closed")
            raise self._died() from None
        self.sent.append(name)

    def commit(self) -> tuple[list[str], list[str]]:
        try:
            self.out.write(_COMMIT)
            self.out.flush()
        except BrokenPipeError:
            raise self._died() from None
        with os.fdopen(self.results, "rb") as fh:
            answer = fh.read()
        self.results = -1
        self._wait()
        if not answer:
            raise self._died(reaped=True)
        result = json.loads(answer)
        if "error" in result:
            number, message, filename = result["error"]
            raise OSError(number, message, filename)
        return result["written"], result["removed"]

    def stop(self) -> None:
        """Close the pipe (a child that saw no commit unlinks its temporary files) and wait for it."""
        try:
            self.out.close()
        except BrokenPipeError:
            pass
        if self.results != -1:
            os.close(self.results)
            self.results = -1
        self._wait()
        if self.status != 0:  # it died before it could clean up
            self._unlink_temporary()

    def _wait(self) -> None:
        if self.done:
            return
        _, status = os.waitpid(self.pid, 0)
        self.done = True
        self.status = status

    def _unlink_temporary(self) -> None:
        """A dead child's temporary files, by the names it was sent (``.NAME.PID.tmp``: store.write.temporary_file)."""
        for name in self.sent:
            try:
                os.unlink(os.path.join(self.stage.base, f".{name}.{self.pid}.tmp"))
            except FileNotFoundError:
                pass

    def _died(self, reaped: bool = False) -> RuntimeError:
        if not reaped:
            try:
                self.out.close()
            except BrokenPipeError:
                pass
            self._wait()
        self._unlink_temporary()
        return RuntimeError(f"the process writing the task files ended early (status {self.status}); nothing was written")


def _serve(stage: _Stage, texts: int, results: int) -> None:
    """The child's loop: ``add`` what comes; at ``commit``, commit and answer; at the end of the pipe, discard."""
    try:
        _read_and_write(stage, texts, results)
    except BaseException:
        stage.discard()  # a broken frame (the parent died mid-write) or anything else: leave nothing behind
        raise


def _read_and_write(stage: _Stage, texts: int, results: int) -> None:
    failed: OSError | None = None
    with os.fdopen(texts, "rb", buffering=_PIPE_BUFFER) as inp:
        while True:
            kind = inp.read(1)
            if kind == _ADD:
                name_size, size = _SIZES.unpack(inp.read(_SIZES.size))
                name = inp.read(name_size).decode("utf-8")
                payload = inp.read(size)
                if failed is None:
                    try:
                        stage.add(name, payload)
                    except OSError as exc:  # told at commit; until then, read on (the parent must not block)
                        failed = exc
                continue
            if kind == _COMMIT and failed is None:
                try:
                    stage.commit()
                except OSError as exc:
                    failed = exc
            if kind == _COMMIT:
                if failed is not None:
                    stage.discard()
                    answer = {"error": [failed.errno, failed.strerror or str(failed), failed.filename]}
                else:
                    answer = {"written": stage.written, "removed": stage.removed}
                with os.fdopen(results, "wb") as out:
                    out.write(json.dumps(answer).encode("utf-8"))
                return
            stage.discard()  # the end of the pipe without a commit: the parent failed
            return

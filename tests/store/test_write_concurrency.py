"""No lost update: writers running at the same moment are applied one after the other.

Two processes each record 20 progress entries on the same task through the
real command (``taskplan update``, in a forked process so the test stays a
few seconds); every one of the 40 entries must be in the file afterwards.
A writer killed with SIGKILL at any moment leaves either the old or the new
file, never a broken one.
"""
from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time
from pathlib import Path

import pytest
import yaml

from taskplan.model.records import Task
from taskplan.store.write import WriteConflict, atomic_write, rewrite_file, update_file

ROUNDS = 20
WRITERS = 2


def _quiet(root: str) -> None:
    import sys

    os.chdir(root)
    os.environ["TASKPLAN_NO_CACHE"] = "1"
    sys.stdout = sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - the child ends with os._exit


def _writer(root: str, who: int, start) -> None:  # runs in a forked child; its exit code counts the failed runs
    from taskplan.cli.app import main

    _quiet(root)
    start.wait()
    failed = 0
    for i in range(ROUNDS):
        failed += main(["update", "1", "--status", "推进中", "--note", f"writer {who} round {i}"]) != 0
    os._exit(failed)


def test_two_writers_lose_no_entry(mini):
    ctx = multiprocessing.get_context("fork")
    start = ctx.Event()
    procs = [ctx.Process(target=_writer, args=(str(mini), who, start)) for who in range(WRITERS)]
    for p in procs:
        p.start()
    start.set()
    for p in procs:
        p.join(timeout=120)
    assert [p.exitcode for p in procs] == [0] * WRITERS  # every run said it wrote its entry
    task = Task.model_validate(yaml.safe_load((mini / "tasks/001.yaml").read_text(encoding="utf-8")))
    notes = sorted(entry.note for entry in task.progress)
    assert notes == sorted(f"writer {w} round {i}" for w in range(WRITERS) for i in range(ROUNDS))
    # each writer's own entries are in the order it wrote them
    for w in range(WRITERS):
        mine = [e.note for e in task.progress if e.note.startswith(f"writer {w} ")]
        assert mine == [f"writer {w} round {i}" for i in range(ROUNDS)]


def _loop_updates(root: str) -> None:  # runs in a forked child until it is killed
    from taskplan.cli.app import main

    _quiet(root)
    i = 0
    while True:
        main(["update", "1", "--status", "推进中", "--note", f"entry {i}"])
        i += 1


def test_sigkill_at_random_moments_never_leaves_a_broken_file(mini):
    ctx = multiprocessing.get_context("fork")
    rng = random.Random(20201231)
    path = mini / "tasks/001.yaml"
    seen = 0
    for _ in range(5):
        before = path.stat().st_mtime_ns
        p = ctx.Process(target=_loop_updates, args=(str(mini),))
        p.start()
        deadline = time.monotonic() + 30
        while path.stat().st_mtime_ns == before and time.monotonic() < deadline:
            time.sleep(0.005)  # the child is writing from now on: kill it somewhere in its next runs
        time.sleep(rng.uniform(0, 0.3))
        os.kill(p.pid, signal.SIGKILL)
        p.join()
        task = Task.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
        notes = [e.note for e in task.progress]
        assert len(notes) >= seen + 1  # nothing written is taken back, and each child wrote
        seen = len(notes)


def test_a_change_by_a_program_that_takes_no_lock_is_kept(tmp_path):
    """The file changes between the read and the rename (an editor saving): the edit is re-applied to the new text."""
    path = tmp_path / "t.yaml"
    path.write_text("a: 1  # kept\n", encoding="utf-8")
    calls = []

    def mutate(doc):
        calls.append(dict(doc))
        if len(calls) == 1:  # an editor saves while we edit
            path.write_text("a: 1  # kept\nb: 2\n", encoding="utf-8")
        doc["c"] = 3

    old, new = update_file(path, mutate)
    assert path.read_text(encoding="utf-8") == "a: 1  # kept\nb: 2\nc: 3\n"
    assert calls == [{"a": 1}, {"a": 1, "b": 2}]
    assert (old, new) == ("a: 1  # kept\nb: 2\n", "a: 1  # kept\nb: 2\nc: 3\n")


def test_a_file_that_keeps_changing_is_not_overwritten(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text("n: 0\n", encoding="utf-8")
    counter = iter(range(1, 100))

    def transform(text):
        path.write_text(f"n: {next(counter)}\n", encoding="utf-8")  # someone else writes every time
        return "n: -1\n"

    with pytest.raises(WriteConflict) as info:
        rewrite_file(path, transform)
    assert str(info.value) == (
        f"{path} kept changing while taskplan was editing it; nothing was written "
        "(another program is writing it: wait for it and run the command again)"
    )
    assert path.read_text(encoding="utf-8") == "n: 3\n"


def test_atomic_write_refuses_when_the_file_is_not_what_was_read(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text("mine\n", encoding="utf-8")
    with pytest.raises(WriteConflict):
        atomic_write(path, "new\n", expect=b"what I read\n")
    assert path.read_text(encoding="utf-8") == "mine\n"
    with pytest.raises(WriteConflict):  # a file that appeared meanwhile is not replaced either
        atomic_write(tmp_path / "fresh.yaml", "new\n", expect=None)
        atomic_write(tmp_path / "fresh.yaml", "other\n", expect=None)
    assert (tmp_path / "fresh.yaml").read_text(encoding="utf-8") == "new\n"
    atomic_write(path, "new\n", expect=b"mine\n")
    assert path.read_text(encoding="utf-8") == "new\n"


def test_the_lock_is_held_from_read_to_rename(tmp_path):
    """A second process blocks on the lock while the first edits: it sees the first's result."""
    path = tmp_path / "t.yaml"
    path.write_text("log: []\n", encoding="utf-8")
    ctx = multiprocessing.get_context("fork")
    inside = ctx.Event()

    def slow(doc):
        inside.set()
        time.sleep(0.3)
        doc["log"].append("slow")

    def child():
        update_file(path, slow)
        os._exit(0)

    p = ctx.Process(target=child)
    p.start()
    assert inside.wait(10)
    update_file(path, lambda doc: doc["log"].append("fast"))
    p.join()
    assert yaml.safe_load(path.read_text(encoding="utf-8")) == {"log": ["slow", "fast"]}

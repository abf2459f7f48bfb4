"""store/parallel.py: the forked parsing process reads and hashes its own files; in_background."""
import os
import types

from taskplan.store import parallel
from taskplan.store.cache import digest_of

TASK = "id: {n}\nsection: 1\ntitle: 第{n}项任务（全角）,半角\nlead: [财政局]\n"


def plan_files(tmp_path, count=6):
    (tmp_path / "tasks").mkdir()
    rels = []
    for n in range(1, count + 1):
        (tmp_path / "tasks" / f"{n:03d}.yaml").write_text(TASK.format(n=n), encoding="utf-8")
        rels.append(f"tasks/{n:03d}.yaml")
    return rels


def test_each_process_hashes_and_stamps_the_files_it_reads(tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "_cpus", lambda: 2)  # fork even on a one-CPU runner
    rels = plan_files(tmp_path) + ["tasks/gone.yaml"]  # listed, then deleted: no bytes, no digest, no stamp
    expected = [digest_of((tmp_path / r).read_bytes()) for r in rels[:-1]] + [None]
    stats = [os.stat(tmp_path / r) for r in rels[:-1]]
    expected_stamps = [(st.st_mtime_ns, st.st_size, st.st_ino, st.st_ctime_ns) for st in stats] + [None]
    for min_files in (10**9, 2):  # serial, then forked
        digests: list = []
        stamps: list = []
        out, _ = parallel.parse_files_with(str(tmp_path), rels, min_files=min_files, digests=digests, stamps=stamps)
        assert digests == expected
        assert stamps == expected_stamps
        assert out[0] == ({"id": 1, "section": 1, "title": "第1项任务（全角）,半角", "lead": ["财政局"]}, [], False)
        assert [f.format() for f in out[-1][1]] == ["tasks/gone.yaml:0:0: error TP104 tasks/gone.yaml disappeared while loading"]


def test_a_child_that_fails_leaves_its_files_to_the_parent_digests_included(tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "_cpus", lambda: 2)  # fork even on a one-CPU runner
    rels = plan_files(tmp_path)

    def refuse(*args, **kwargs):
        raise RuntimeError("cannot send")  # the child's payload never leaves it

    monkeypatch.setattr(parallel, "pickle", types.SimpleNamespace(dumps=refuse, loads=None, HIGHEST_PROTOCOL=5))
    digests: list = []
    stamps: list = []
    out, extras = parallel.parse_files_with(str(tmp_path), rels, min_files=2, digests=digests, stamps=stamps,
                                            helper=lambda part, parsed: len(part))
    assert digests == [digest_of((tmp_path / r).read_bytes()) for r in rels]
    assert [stamp[1] for stamp in stamps] == [(tmp_path / r).stat().st_size for r in rels]
    assert [data["id"] for data, _, _ in out] == [1, 2, 3, 4, 5, 6]
    assert extras == [3]  # only the parent's helper result (50.5 % of 6 files): the caller redoes the child's share


def test_the_parent_takes_a_little_more_than_half():
    # the child also pickles what it parsed, the parent unpickles it after the join (PARENT_SHARE)
    assert [parallel._parent_share(n) for n in (2, 3, 6, 41, 10_000, 100_000)] == [1, 2, 3, 21, 5_050, 50_500]


def test_in_background_runs_the_job_in_another_process_and_waits_for_it(tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "_cpus", lambda: 2)
    done = tmp_path / "done"

    def job():
        done.write_text(str(os.getpid()), encoding="utf-8")

    wait = parallel.in_background(job)
    wait()
    assert done.read_text(encoding="utf-8") != str(os.getpid())  # written by the forked process, done when wait() returned
    wait()  # a second wait returns at once


def test_in_background_runs_a_small_job_here(tmp_path):
    pids = []
    wait = parallel.in_background(lambda: pids.append(os.getpid()), worth=False)
    assert pids == [os.getpid()]  # before it returns, in this process
    wait()


def test_in_background_runs_the_job_here_when_the_fork_fails(monkeypatch):
    def no_fork():
        raise OSError("fork refused")

    monkeypatch.setattr(parallel.os, "fork", no_fork, raising=False)
    monkeypatch.setattr(parallel, "_cpus", lambda: 2)
    pids = []
    parallel.in_background(lambda: pids.append(os.getpid()))()
    assert pids == [os.getpid()]


def test_a_job_that_fails_in_the_child_is_given_up_quietly(tmp_path):
    def job():
        raise OSError("disk full")

    parallel.in_background(job)()  # neither raises here nor leaves the child running

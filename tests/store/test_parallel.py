"""store/parallel.py: the forked parsing process reads and hashes its own files; in_background."""
import os
import time
import types

import pytest

from taskplan.store import parallel
from taskplan.store.cache import digest_of
from taskplan.store.positions import positions_of

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


# ---------------------------------------------------------------- who parses what


def pid_check(log):
    """A ``check`` that notes which process ran it on how many files, and flags the even ids."""
    def check(datas):
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(f"{os.getpid()} {len(datas)}\n")
        return [data is not None and data["id"] % 2 == 0 for data in datas]
    return check


def shares(log):
    """(ran in this process?, how many files) of each share, this process's first."""
    lines = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
    return sorted(((int(pid) == os.getpid(), int(n)) for pid, n in lines), reverse=True)


@pytest.mark.parametrize("count, min_files, cpus, expected", [
    (2, 2, 2, [(True, 1), (False, 1)]),  # exactly the limit: forked, one file each
    (5, 5, 2, [(True, 3), (False, 2)]),  # this process takes the first 51 % (round(2.55)), the child the rest
    (4, 5, 2, [(True, 4)]),  # below the limit: all here
    (5, 2, 1, [(True, 5)]),  # one CPU: all here
    (1, 1, 2, [(True, 1)]),  # a single file is never split, whatever the limit
    (3, 0, 2, [(True, 2), (False, 1)]),  # round(1.53)
])
def test_which_process_parses_which_share(tmp_path, monkeypatch, count, min_files, cpus, expected):
    monkeypatch.setattr(parallel, "_cpus", lambda: cpus)
    rels = plan_files(tmp_path, count)
    log = tmp_path / "log"
    out, _ = parallel.parse_files_with(str(tmp_path), rels, check=pid_check(log), min_files=min_files)
    assert shares(log) == expected
    assert [(data["id"], ok) for data, _, ok in out] == [(n, n % 2 == 0) for n in range(1, count + 1)]


def test_parse_files_passes_its_limit_on(tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "_cpus", lambda: 2)
    rels = plan_files(tmp_path, 4)
    log = tmp_path / "log"
    out = parallel.parse_files(str(tmp_path), rels, check=pid_check(log), min_files=4)
    assert shares(log) == [(True, 2), (False, 2)]
    assert [(data["id"], found, ok) for data, found, ok in out] == [(1, [], False), (2, [], True), (3, [], False), (4, [], True)]
    log.unlink()
    monkeypatch.setattr(parallel, "PARALLEL_MIN_FILES", 5)  # the default limit, when none is given
    parallel.parse_files(str(tmp_path), rels, check=pid_check(log))
    assert shares(log) == [(True, 4)]


def test_the_helper_runs_on_each_share_in_order(tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "_cpus", lambda: 2)
    rels = plan_files(tmp_path, 5)
    _, extras = parallel.parse_files_with(str(tmp_path), rels, min_files=2,
                                          helper=lambda part, parsed: (part, [data["id"] for data, _, _ in parsed]))
    assert extras == [(rels[:3], [1, 2, 3]), (rels[3:], [4, 5])]
    _, extras = parallel.parse_files_with(str(tmp_path), rels, min_files=6, helper=lambda part, parsed: part)
    assert extras == []  # no child: the caller does the work itself


# ---------------------------------------------------------------- bytes given, files gone


@pytest.mark.parametrize("min_files", [10**9, 2])
def test_given_bytes_are_parsed_not_the_files(tmp_path, monkeypatch, min_files):
    monkeypatch.setattr(parallel, "_cpus", lambda: 2)
    rels = plan_files(tmp_path, 4)  # on disk: ids 1-4; given: ids 11-14, one line lower
    raws = [("# 给定的\n" + TASK.format(n=10 + n)).encode() for n in range(1, 5)]
    out = parallel.parse_files(str(tmp_path), rels, min_files=min_files, raws=raws)
    assert [data["id"] for data, _, _ in out] == [11, 12, 13, 14]
    marks: list = []
    out, _ = parallel.parse_files_with(str(tmp_path), rels, min_files=min_files, raws=raws, marks=marks)
    assert [data["title"] for data, _, _ in out] == ["第11项任务（全角）,半角", "第12项任务（全角）,半角",
                                                     "第13项任务（全角）,半角", "第14项任务（全角）,半角"]
    assert [positions_of(m)[("lead",)][1:3] for m in marks] == [((5, 1), (5, 7))] * 4


def test_a_file_gone_between_others_leaves_the_ones_after_it(tmp_path):
    rels = plan_files(tmp_path, 2)
    rels.insert(1, "tasks/gone.yaml")
    digests: list = []
    out, _ = parallel.parse_files_with(str(tmp_path), rels, min_files=10**9, digests=digests)
    assert [data and data["id"] for data, _, _ in out] == [1, None, 2]
    assert [[f.format() for f in found] for _, found, _ in out] == [
        [], ["tasks/gone.yaml:0:0: error TP104 tasks/gone.yaml disappeared while loading"], []]
    assert digests == [digest_of((tmp_path / "tasks/001.yaml").read_bytes()), None,
                       digest_of((tmp_path / "tasks/002.yaml").read_bytes())]


def test_a_refused_fork_parses_everything_here_with_everything_asked_for(tmp_path, monkeypatch):
    def no_fork():
        raise OSError("fork refused")

    monkeypatch.setattr(parallel.os, "fork", no_fork, raising=False)
    monkeypatch.setattr(parallel, "_cpus", lambda: 2)
    rels = plan_files(tmp_path, 4)
    log = tmp_path / "log"
    marks: list = []
    digests: list = []
    out, extras = parallel.parse_files_with(str(tmp_path), rels, check=pid_check(log), min_files=2, marks=marks,
                                            digests=digests, helper=lambda part, parsed: part)
    assert [(data["id"], ok) for data, _, ok in out] == [(1, False), (2, True), (3, False), (4, True)]
    assert shares(log) == [(True, 4)]
    assert extras == []  # the helper's work is left to the caller, as with no child
    assert [positions_of(m)[("lead",)][1:3] for m in marks] == [((4, 1), (4, 7))] * 4
    assert digests == [digest_of((tmp_path / r).read_bytes()) for r in rels]
    raws = [TASK.format(n=20 + n).encode() for n in range(1, 5)]
    out, _ = parallel.parse_files_with(str(tmp_path), rels, min_files=2, raws=raws)
    assert [data["id"] for data, _, _ in out] == [21, 22, 23, 24]


def test_cpus_without_an_affinity_mask_is_the_cpu_count(monkeypatch):
    monkeypatch.delattr(parallel.os, "sched_getaffinity", raising=False)
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 3)
    assert parallel._cpus() == 3
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: None)  # unknown: one
    assert parallel._cpus() == 1


# ---------------------------------------------------------------- in_background: the child's end


def statuses(monkeypatch):
    """The exit statuses ``wait()`` reaps."""
    seen = []
    real = os.waitpid

    def waitpid(pid, options):
        got = real(pid, options)
        seen.append(got[1])
        return got

    monkeypatch.setattr(parallel.os, "waitpid", waitpid)
    return seen


@pytest.mark.parametrize("fails, status", [(False, 0), (True, 1)])
def test_the_child_ends_with_its_job_and_never_returns_to_the_caller(tmp_path, monkeypatch, fails, status):
    monkeypatch.setattr(parallel, "_cpus", lambda: 2)
    seen = statuses(monkeypatch)
    parent = os.getpid()

    def job():
        (tmp_path / "ran").write_text("yes", encoding="utf-8")
        if fails:
            raise OSError("disk full")

    try:
        wait = parallel.in_background(job)
    finally:
        if os.getpid() != parent:  # the child came back here: note it and leave
            (tmp_path / "escaped").write_text("yes", encoding="utf-8")
            os._exit(0)
    wait()
    assert (tmp_path / "ran").exists() and not (tmp_path / "escaped").exists()
    assert len(seen) == 1 and os.WIFEXITED(seen[0]) and os.WEXITSTATUS(seen[0]) == status


def test_in_background_runs_the_job_here_with_one_cpu(monkeypatch):
    monkeypatch.setattr(parallel, "_cpus", lambda: 1)
    pids = []
    wait = parallel.in_background(lambda: pids.append(os.getpid()))
    assert pids == [os.getpid()]  # before it returns, in this process
    wait()


def test_wait_tries_again_when_interrupted(tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "_cpus", lambda: 2)
    calls = []
    real = os.waitpid

    def waitpid(pid, options):
        calls.append(pid)
        if len(calls) == 1:
            raise InterruptedError
        return real(pid, options)

    monkeypatch.setattr(parallel.os, "waitpid", waitpid)
    done = tmp_path / "done"
    wait = parallel.in_background(lambda: done.write_text("yes", encoding="utf-8"))
    wait()
    assert len(calls) == 2 and calls[0] == calls[1] and done.exists()  # reaped on the second try: the job is done
    wait()
    assert len(calls) == 2  # nothing left to wait for


def test_the_child_parses_and_hashes_its_share_once(tmp_path, monkeypatch):
    """Nothing to redo: the parent runs ``check`` on its own share only, with or without digests and a helper."""
    monkeypatch.setattr(parallel, "_cpus", lambda: 2)
    rels = plan_files(tmp_path, 5)
    log = tmp_path / "log"
    for digests, helper in ((None, None), ([], None), ([], lambda part, parsed: len(part))):
        log.write_text("", encoding="utf-8")
        out, extras = parallel.parse_files_with(str(tmp_path), rels, check=pid_check(log), min_files=2, digests=digests,
                                                helper=helper)
        assert shares(log) == [(True, 3), (False, 2)]
        assert [data["id"] for data, _, _ in out] == [1, 2, 3, 4, 5]
        assert extras == ([3, 2] if helper else [])
        if digests is not None:
            assert digests == [digest_of((tmp_path / r).read_bytes()) for r in rels]


def test_a_child_that_fails_exits_1_and_never_returns_to_the_caller(tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "_cpus", lambda: 2)
    seen = statuses(monkeypatch)
    rels = plan_files(tmp_path, 4)

    def refuse(*args, **kwargs):
        raise RuntimeError("cannot send")

    monkeypatch.setattr(parallel, "pickle", types.SimpleNamespace(dumps=refuse, loads=None, HIGHEST_PROTOCOL=5))
    parent = os.getpid()
    try:
        out, _ = parallel.parse_files_with(str(tmp_path), rels, min_files=2)
    finally:
        if os.getpid() != parent:  # the child came back here: note it and leave
            (tmp_path / "escaped").write_text("yes", encoding="utf-8")
            os._exit(0)
    assert [data["id"] for data, _, _ in out] == [1, 2, 3, 4]  # its share parsed here
    assert not (tmp_path / "escaped").exists()
    assert len(seen) == 1 and os.WIFEXITED(seen[0]) and os.WEXITSTATUS(seen[0]) == 1


# ---------------------------------------------------------------- what the parent trusts of the child's answer


def child_exit(monkeypatch, *, status=None, delay=0.0):
    """The forked child leaves after ``delay`` seconds, with ``status`` instead of its own when given."""
    real = os._exit

    def leave(code):
        time.sleep(delay)
        real(code if status is None else status)

    monkeypatch.setattr(parallel.os, "_exit", leave)


def test_the_parent_waits_for_the_child_to_end(tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "_cpus", lambda: 2)
    child_exit(monkeypatch, delay=0.3)  # still there a while after its answer is read
    seen = []
    real = os.waitpid

    def waitpid(pid, options):
        got = real(pid, options)
        seen.append((pid, got))
        return got

    monkeypatch.setattr(parallel.os, "waitpid", waitpid)
    out, _ = parallel.parse_files_with(str(tmp_path), plan_files(tmp_path, 4), min_files=2)
    assert [data["id"] for data, _, _ in out] == [1, 2, 3, 4]
    [(pid, (reaped, status))] = seen
    assert reaped == pid and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0  # reaped: no zombie left behind


def test_an_answer_from_a_child_that_did_not_exit_cleanly_is_not_used(tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "_cpus", lambda: 2)
    child_exit(monkeypatch, status=3)  # its whole answer written, then a failing exit
    rels = plan_files(tmp_path, 5)
    log = tmp_path / "log"
    out, extras = parallel.parse_files_with(str(tmp_path), rels, check=pid_check(log), min_files=2,
                                            helper=lambda part, parsed: len(part))
    assert shares(log) == [(True, 3), (True, 2), (False, 2)]  # the child's share parsed again here
    assert [(data["id"], ok) for data, _, ok in out] == [(1, False), (2, True), (3, False), (4, True), (5, False)]
    assert extras == [3]


@pytest.mark.parametrize("short", ["results", "digests", "marks"])
def test_a_child_answer_of_the_wrong_length_is_not_used(tmp_path, monkeypatch, short):
    monkeypatch.setattr(parallel, "_cpus", lambda: 2)
    parent = os.getpid()
    real = parallel._work

    def work(base, rels, check, raws, marks, digests, stamps):
        out = real(base, rels, check, raws, marks, digests, stamps)
        if os.getpid() != parent:  # the child loses its last result, or its last digest
            {"results": out, "digests": digests, "marks": marks}[short].pop()
        return out

    monkeypatch.setattr(parallel, "_work", work)
    rels = plan_files(tmp_path, 5)
    digests: list = []
    marks: list = []
    out, _ = parallel.parse_files_with(str(tmp_path), rels, min_files=2, digests=digests if short == "digests" else None,
                                       marks=marks if short == "marks" else None)
    assert [data["id"] for data, _, _ in out] == [1, 2, 3, 4, 5]
    if short == "digests":  # parsed and hashed again here
        assert digests == [digest_of((tmp_path / r).read_bytes()) for r in rels]
    if short == "marks":  # the child's share without positions (its findings unplaced), one entry a file still
        assert [m is not None for m in marks] == [True, True, True, False, False]


def refuse_to_send(monkeypatch):
    def refuse(*args, **kwargs):
        raise RuntimeError("cannot send")

    monkeypatch.setattr(parallel, "pickle", types.SimpleNamespace(dumps=refuse, loads=None, HIGHEST_PROTOCOL=5))


def test_the_share_redone_here_keeps_its_positions(tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "_cpus", lambda: 2)
    refuse_to_send(monkeypatch)
    rels = plan_files(tmp_path, 4)
    marks: list = []
    parallel.parse_files_with(str(tmp_path), rels, min_files=2, marks=marks)
    assert [positions_of(m)[("lead",)][1:3] for m in marks] == [((4, 1), (4, 7))] * 4


def test_the_share_redone_here_builds_no_positions_nor_digests_unasked(tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "_cpus", lambda: 2)
    refuse_to_send(monkeypatch)
    calls = []
    monkeypatch.setattr(parallel, "marks_of", lambda *a: calls.append("marks_of"))
    monkeypatch.setattr(parallel, "digest_of", lambda *a: calls.append("digest_of"))
    out, _ = parallel.parse_files_with(str(tmp_path), plan_files(tmp_path, 4), min_files=2)
    assert [data["id"] for data, _, _ in out] == [1, 2, 3, 4] and calls == []


def test_the_share_redone_here_parses_the_given_bytes(tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "_cpus", lambda: 2)
    refuse_to_send(monkeypatch)
    rels = plan_files(tmp_path, 4)
    raws = [TASK.format(n=30 + n).encode() for n in range(1, 5)]
    out, _ = parallel.parse_files_with(str(tmp_path), rels, min_files=2, raws=raws)
    assert [data["id"] for data, _, _ in out] == [31, 32, 33, 34]


def test_the_child_builds_no_positions_nor_digests_unasked(tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "_cpus", lambda: 2)
    log = tmp_path / "calls"
    log.write_text("", encoding="utf-8")

    def note(name):
        def spy(*args):
            with open(log, "a", encoding="utf-8") as fh:  # a file: the child's calls count too
                fh.write(f"{name} {os.getpid()}\n")
        return spy

    monkeypatch.setattr(parallel, "marks_of", note("marks_of"))
    monkeypatch.setattr(parallel, "digest_of", note("digest_of"))
    out, _ = parallel.parse_files_with(str(tmp_path), plan_files(tmp_path, 4), min_files=2)
    assert [data["id"] for data, _, _ in out] == [1, 2, 3, 4]
    assert log.read_text(encoding="utf-8") == ""

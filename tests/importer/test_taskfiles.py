"""The task files of an import: written while the document is read, put in place only when all of it was read.

A document can be refused at its end (no task names a unit), and anything can fail half-way (a bug, a
full disk, Ctrl-C): then the plan directory must be exactly as it was, never a mix of old and new files
that looks like a good plan.
"""
from __future__ import annotations

import fcntl
import os
import sys
from pathlib import Path

import pytest

from taskplan.errors import DataError
from taskplan.importer import import_document
from taskplan.importer import write as import_write
from taskplan.importer.taskfiles import TaskFiles

sys.path.insert(0, str(Path(__file__).resolve().parent))
from office_builders import full_width  # noqa: E402

GOOD = """\
某县2025年重点工作任务分解方案
一、稳定经济增长
1.扩大有效投资。(县发改局牵头,县财政局配合)
落实措施:每季度调度重点项目。
2.促进消费升级。(县商务局负责)
二、保障改善民生
3.办好民生实事。(县民政局牵头)
4.稳定就业岗位。(县人社局牵头)
"""
# numbered paragraphs in which nobody is named: only known to be no plan once the last one is read
NOBODY = """\
某县2025年重点工作任务分解方案
一、稳定经济增长
1.扩大有效投资,每季度调度重点项目。
2.促进消费升级。
二、保障改善民生
3.办好民生实事。
"""


@pytest.fixture(autouse=True)
def two_cpus(monkeypatch):
    """The forked writer is used only with a second CPU: these tests exercise it on any machine."""
    from taskplan.importer import taskfiles

    monkeypatch.setattr(taskfiles, "_cpus", lambda: 2)


@pytest.fixture(params=["here", "child"])
def writer(request, monkeypatch):
    """Both ways of writing: in the importing process, and in a forked child (what a large document gets)."""
    if request.param == "child":
        monkeypatch.setattr(import_write, "BACKGROUND_MIN_LINES", 0)
    return request.param


def _doc(tmp_path: Path, text: str, width: str) -> Path:
    path = tmp_path / f"doc-{width}.txt"
    path.write_text(text if width == "half" else full_width(text), encoding="utf-8")
    return path


def _tree(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``root`` with its bytes and mtime (temporary files included)."""
    return {str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("width", ["half", "full"])
def test_a_document_refused_at_its_end_leaves_an_existing_plan_as_it_was(tmp_path, width, writer):
    into = tmp_path / "plan"
    import_document(_doc(tmp_path, GOOD, width), into)
    (into / "tasks" / "009.yaml").write_text("id: 9\n", encoding="utf-8")  # would be removed as stale
    before = _tree(into)
    with pytest.raises(DataError) as caught:
        import_document(_doc(tmp_path, NOBODY, width), into, force=True)
    assert "no tasks found" in str(caught.value.findings[0].message)
    assert _tree(into) == before


@pytest.mark.parametrize("width", ["half", "full"])
def test_a_document_refused_at_its_end_creates_no_directory(tmp_path, width, writer):
    into = tmp_path / "new" / "plan"
    with pytest.raises(DataError):
        import_document(_doc(tmp_path, NOBODY, width), into)
    assert not (tmp_path / "new").exists()


class Boom(RuntimeError):
    pass


def _fail_at_task(monkeypatch, task_id: int, seen: list | None = None):
    """Make the importer fail while it formats task ``task_id`` (after the earlier ones were written)."""
    real = import_write.task_text

    def failing(task):
        if seen is not None:
            seen.append(task.id)
        if task.id == task_id:
            raise Boom(f"task {task_id}")
        return real(task)

    monkeypatch.setattr(import_write, "task_text", failing)


@pytest.mark.parametrize("width", ["half", "full"])
def test_a_failure_half_way_leaves_the_plan_and_no_temporary_file(tmp_path, monkeypatch, width, writer):
    into = tmp_path / "plan"
    import_document(_doc(tmp_path, GOOD, width), into)
    before = _tree(into)
    changed = GOOD.replace("扩大有效投资", "扩大有效投资和消费").replace("办好民生实事", "办好十件民生实事")
    seen: list[int] = []
    _fail_at_task(monkeypatch, 4, seen)
    with pytest.raises(Boom):
        import_document(_doc(tmp_path, changed, width), into, force=True)
    assert seen == [1, 2, 3, 4]  # tasks 1 and 3 had changed: their new files were written before the failure
    assert _tree(into) == before


def test_a_failure_half_way_into_a_new_directory_leaves_nothing(tmp_path, monkeypatch, writer):
    into = tmp_path / "plan"
    _fail_at_task(monkeypatch, 3)
    with pytest.raises(Boom):
        import_document(_doc(tmp_path, GOOD, "half"), into)
    assert not into.exists()


def test_a_failure_in_a_directory_that_existed_keeps_the_directory(tmp_path, monkeypatch, writer):
    into = tmp_path / "plan"
    into.mkdir()
    (into / "units.yaml").write_text("units: []\ngroups: []\n", encoding="utf-8")
    before = _tree(into)
    _fail_at_task(monkeypatch, 2)
    with pytest.raises(Boom):
        import_document(_doc(tmp_path, GOOD, "full"), into)
    assert _tree(into) == before and sorted(p.name for p in into.iterdir()) == ["units.yaml"]


def test_the_tasks_directory_is_locked_and_shows_only_old_files_while_the_document_is_read(tmp_path, monkeypatch, writer):
    into = tmp_path / "plan"
    import_document(_doc(tmp_path, GOOD, "half"), into)
    old = sorted(p.name for p in (into / "tasks").iterdir())
    changed = GOOD.replace("稳定就业岗位", "稳定和扩大就业岗位")
    real = import_write.task_text
    observed = []

    def watching(task):
        if task.id == 4:  # tasks 1-3 are staged by now
            fd = os.open(into / "tasks", os.O_RDONLY)
            try:
                with pytest.raises(BlockingIOError):
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            finally:
                os.close(fd)
            observed.append(sorted(p.name for p in (into / "tasks").iterdir() if not p.name.startswith(".")))
        return real(task)

    monkeypatch.setattr(import_write, "task_text", watching)
    import_document(_doc(tmp_path, changed, "half"), into, force=True)
    assert observed == [old]
    assert "稳定和扩大就业岗位" in (into / "tasks" / "004.yaml").read_text(encoding="utf-8")
    assert sorted(p.name for p in (into / "tasks").iterdir()) == old  # no temporary file left


@pytest.mark.parametrize("background", [False, True])
def test_task_files_commit_puts_new_and_changed_files_in_place_and_removes_stale_ones(tmp_path, background):
    (tmp_path / "001.yaml").write_text("id: 1\ntitle: 同（一）\n", encoding="utf-8")
    (tmp_path / "002.yaml").write_text("id: 2\ntitle: 旧\n", encoding="utf-8")
    os.chmod(tmp_path / "002.yaml", 0o600)
    (tmp_path / "0005.yaml").write_text("id: 5\n", encoding="utf-8")  # stale: the document has no task 5
    (tmp_path / "notes.txt").write_text("not a task file\n", encoding="utf-8")
    kept = (tmp_path / "001.yaml").stat()
    with TaskFiles(tmp_path, background=background) as files:
        files.add("001.yaml", "id: 1\ntitle: 同（一）\n")
        files.add("002.yaml", "id: 2\ntitle: 新,二\n")
        files.add("003.yaml", "id: 3\ntitle: 第一稿\n")
        files.add("003.yaml", "id: 3\ntitle: 第二稿\n")  # the later text wins
        assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == [
            "0005.yaml", "001.yaml", "002.yaml", "notes.txt"]
        files.commit()
    assert (files.written, files.removed) == (["002.yaml", "003.yaml"], ["0005.yaml"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["001.yaml", "002.yaml", "003.yaml", "notes.txt"]
    assert (tmp_path / "002.yaml").read_text(encoding="utf-8") == "id: 2\ntitle: 新,二\n"
    assert (tmp_path / "003.yaml").read_text(encoding="utf-8") == "id: 3\ntitle: 第二稿\n"
    assert (tmp_path / "002.yaml").stat().st_mode & 0o777 == 0o600  # a replaced file keeps its mode
    assert (tmp_path / "003.yaml").stat().st_mode & 0o777 == 0o644
    now = (tmp_path / "001.yaml").stat()
    assert (now.st_ino, now.st_mtime_ns) == (kept.st_ino, kept.st_mtime_ns)


@pytest.mark.parametrize("background", [False, True])
def test_task_files_a_file_changed_back_to_its_old_text_is_left_alone(tmp_path, background):
    (tmp_path / "001.yaml").write_text("id: 1\n", encoding="utf-8")
    kept = (tmp_path / "001.yaml").stat()
    with TaskFiles(tmp_path, background=background) as files:
        files.add("001.yaml", "id: 1\ntitle: 新\n")
        files.add("001.yaml", "id: 1\n")  # the same name again, now with the text it already has
        files.commit()
    assert (files.written, files.removed) == ([], [])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["001.yaml"]
    assert (tmp_path / "001.yaml").stat().st_mtime_ns == kept.st_mtime_ns


@pytest.mark.parametrize("background", [False, True])
def test_task_files_without_commit_write_nothing(tmp_path, background):
    (tmp_path / "001.yaml").write_text("id: 1\n", encoding="utf-8")
    before = _tree(tmp_path)
    with pytest.raises(Boom):
        with TaskFiles(tmp_path, background=background) as files:
            files.add("001.yaml", "id: 1\ntitle: 新\n")
            files.add("002.yaml", "id: 2\n")
            raise Boom("half-way")
    assert _tree(tmp_path) == before
    with TaskFiles(tmp_path, background=background) as files:  # leaving without commit and without an error: nothing either
        files.add("003.yaml", "id: 3\n")
    assert _tree(tmp_path) == before


@pytest.mark.parametrize("background", [False, True])
def test_task_files_new_files_get_mode_644_whatever_the_umask(tmp_path, background):
    old = os.umask(0o077)
    try:
        with TaskFiles(tmp_path, background=background) as files:
            files.add("001.yaml", "id: 1\n")
            files.commit()
    finally:
        os.umask(old)
    assert (tmp_path / "001.yaml").stat().st_mode & 0o777 == 0o644


def test_a_large_document_is_written_by_a_child_and_gives_the_same_files(tmp_path, monkeypatch):
    """The same document written here and by the forked writer: the same tree, the same summary."""
    doc = _doc(tmp_path, GOOD, "full")
    here = import_document(doc, tmp_path / "here", display="doc.txt")
    forks = []
    real_fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: forks.append(1) or real_fork())
    monkeypatch.setattr(import_write, "BACKGROUND_MIN_LINES", 0)
    child = import_document(doc, tmp_path / "child", display="doc.txt")
    assert forks == [1]
    assert here.lines()[1:] == child.lines()[1:]  # the first line names the directory
    files = lambda into: {p.relative_to(into): p.read_bytes() for p in sorted(into.rglob("*")) if p.is_file()}  # noqa: E731
    assert files(tmp_path / "here") == files(tmp_path / "child")


def test_a_full_disk_in_the_child_is_raised_at_commit_and_nothing_is_written(tmp_path, monkeypatch):
    import errno

    from taskplan.importer import taskfiles

    into = tmp_path / "plan"
    import_document(_doc(tmp_path, GOOD, "half"), into)
    before = _tree(into)
    real = taskfiles._temporary

    def full(path):
        if path.endswith("003.yaml"):
            raise OSError(errno.ENOSPC, "No space left on device", path)
        return real(path)

    monkeypatch.setattr(taskfiles, "_temporary", full)  # the child is a fork: it has the patch too
    monkeypatch.setattr(import_write, "BACKGROUND_MIN_LINES", 0)
    changed = GOOD.replace("扩大有效投资", "扩大投资").replace("办好民生实事", "办好实事")
    with pytest.raises(OSError) as caught:
        import_document(_doc(tmp_path, changed, "half"), into, force=True)
    assert (caught.value.errno, caught.value.strerror, caught.value.filename) == (
        errno.ENOSPC, "No space left on device", str(into / "tasks" / "003.yaml"))
    assert _tree(into) == before


def test_a_child_that_dies_is_an_error_and_its_temporary_files_are_removed(tmp_path, monkeypatch):
    import signal

    into = tmp_path / "plan"
    import_document(_doc(tmp_path, GOOD, "half"), into)
    before = _tree(into)
    real = import_write.task_text
    files_seen = []

    def kill_the_writer(task):
        if task.id == 4:  # tasks 1-3 sent (and written: wait for their temporary files)
            import time

            tasks = into / "tasks"
            for _ in range(200):
                files_seen[:] = [p.name for p in tasks.iterdir() if p.name.startswith(".")]
                if len(files_seen) == 3:
                    break
                time.sleep(0.01)
            pid = int(files_seen[0].split(".")[-2])
            os.kill(pid, signal.SIGKILL)
        return real(task)

    from taskplan.importer import taskfiles

    monkeypatch.setattr(taskfiles, "_PIPE_BUFFER", 64)  # each text reaches the child at once
    monkeypatch.setattr(import_write, "task_text", kill_the_writer)
    monkeypatch.setattr(import_write, "BACKGROUND_MIN_LINES", 0)
    changed = GOOD.replace("扩大有效投资", "扩大投资").replace("促进消费升级", "促进消费").replace("办好民生实事", "办好实事")
    with pytest.raises(RuntimeError, match=r"ended early \(status 9\)"):  # killed by signal 9
        import_document(_doc(tmp_path, changed, "half"), into, force=True)
    assert len(files_seen) == 3
    assert _tree(into) == before


def test_a_child_killed_before_a_failure_of_the_parent_leaves_no_temporary_file(tmp_path, monkeypatch):
    """The writer dies (its texts written), then the importing process fails before commit: nothing is left."""
    import signal
    import time

    from taskplan.importer import taskfiles

    into = tmp_path / "plan"
    import_document(_doc(tmp_path, GOOD, "full"), into)
    before = _tree(into)
    real = import_write.task_text

    def kill_then_fail(task):
        if task.id == 3:  # tasks 1 and 2 sent: wait for their temporary files, kill the writer, fail
            for _ in range(200):
                staged = [p.name for p in (into / "tasks").iterdir() if p.name.startswith(".")]
                if len(staged) == 2:
                    break
                time.sleep(0.01)
            os.kill(int(staged[0].split(".")[-2]), signal.SIGKILL)
            raise Boom("task 3")
        return real(task)

    monkeypatch.setattr(taskfiles, "_PIPE_BUFFER", 64)
    monkeypatch.setattr(import_write, "task_text", kill_then_fail)
    monkeypatch.setattr(import_write, "BACKGROUND_MIN_LINES", 0)
    changed = GOOD.replace("扩大有效投资", "扩大投资").replace("促进消费升级", "促进消费")
    with pytest.raises(Boom):
        import_document(_doc(tmp_path, changed, "full"), into, force=True)
    assert _tree(into) == before


def test_the_writer_is_waited_for_before_the_import_returns(tmp_path, monkeypatch):
    monkeypatch.setattr(import_write, "BACKGROUND_MIN_LINES", 0)
    import_document(_doc(tmp_path, GOOD, "half"), tmp_path / "plan")
    with pytest.raises(ChildProcessError):  # no child left, not even a zombie
        os.waitpid(-1, os.WNOHANG)


@pytest.mark.parametrize("background", [False, True])
def test_a_small_document_or_no_fork_writes_here(tmp_path, monkeypatch, background):
    """background=False never forks; a fork that fails falls back to writing here, with the same files."""
    forks = []

    def failing_fork():
        forks.append(1)
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", failing_fork)
    with TaskFiles(tmp_path, background=background) as files:
        files.add("001.yaml", "id: 1\ntitle: 一\n")
        files.commit()
    assert forks == ([1] if background else [])
    assert (files.written, (tmp_path / "001.yaml").read_text(encoding="utf-8")) == (["001.yaml"], "id: 1\ntitle: 一\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["001.yaml"]


@pytest.mark.parametrize("background", [False, True])
def test_task_files_a_file_removed_meanwhile_is_written_anew(tmp_path, background):
    """An old file that another program (one that takes no lock) removes during the import is written again."""
    (tmp_path / "001.yaml").write_text("id: 1\n", encoding="utf-8")
    with TaskFiles(tmp_path, background=background) as files:
        (tmp_path / "001.yaml").unlink()
        files.add("001.yaml", "id: 1\n")
        files.commit()
    assert (files.written, (tmp_path / "001.yaml").read_text(encoding="utf-8")) == (["001.yaml"], "id: 1\n")

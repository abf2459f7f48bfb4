"""Read record files as they were at a git revision (for ``taskplan diff``).

Blobs are read through one ``git cat-file --batch`` process rather than one
``git show REV:path`` per file (146 files: one process instead of 146).
Only git's plumbing is used; nothing is written.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

from taskplan.i18n import M_
from taskplan.errors import UsageError
from taskplan.store.discover import PLAN_FILE, TASKS_DIR, UNITS_FILE


def _git(root: Path, *args: str, input: bytes | None = None) -> bytes:
    try:
        proc = subprocess.run(["git", *args], cwd=root, input=input, capture_output=True, check=False)
    except FileNotFoundError:
        raise UsageError(M_("git is not installed; taskplan diff reads revisions with git")) from None
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(M_("git {value1}: {value2}", value1=' '.join(args[:2]), value2=message[-1] if message else 'failed'))
    return proc.stdout


def head_date(root: Path):
    """The committer date of HEAD (a datetime.date), or None outside a git repository or before the first commit.

    ``check`` judges date-dependent rules as of this day when no date is given,
    so the same commit gets the same verdict whatever day CI runs it.
    """
    import datetime as dt

    try:
        out = _git(root, "log", "-1", "--format=%cs", "HEAD").decode("ascii", "replace").strip()
    except UsageError:
        return None
    try:
        return dt.date.fromisoformat(out)
    except ValueError:
        return None


def repo_prefix(root: Path) -> str:
    """The plan directory relative to the top of its git repository ('' at the top)."""
    top = _git(root, "rev-parse", "--show-toplevel").decode("utf-8").strip()
    rel = Path(root).resolve().relative_to(Path(top).resolve()).as_posix()
    return "" if rel == "." else rel + "/"


def resolve(root: Path, rev: str) -> str:
    if rev.startswith("-"):
        raise UsageError(M_("{rev}: not a revision", rev=rev))
    return _git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").decode().strip()


def record_blobs(root: Path, rev: str) -> dict[str, bytes]:
    """plan-relative path -> bytes of plan.yaml, units.yaml and tasks/*.yaml at ``rev``."""
    prefix = repo_prefix(root)
    commit = resolve(root, rev)
    # --full-tree: paths from the top of the repository, whatever the current directory
    listing = _git(root, "ls-tree", "-r", "--full-tree", "--name-only", "-z", commit, "--", f"{prefix}{TASKS_DIR}", f"{prefix}{PLAN_FILE}", f"{prefix}{UNITS_FILE}")
    paths = [p.decode("utf-8") for p in listing.split(b"\0") if p]
    paths = [p for p in paths if p.endswith((".yaml", ".yml")) and (p.count("/") - prefix.count("/")) <= 1]
    if not paths:
        return {}
    request = "".join(f"{commit}:{p}\n" for p in paths).encode("utf-8")
    out = _git(root, "cat-file", "--batch", input=request)
    blobs: dict[str, bytes] = {}
    pos = 0
    for path in paths:
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        size = int(header[2])
        blobs[path[len(prefix):]] = out[end + 1 : end + 1 + size]
        pos = end + 1 + size + 1  # the blob is followed by a newline
    return blobs


def worktree_blobs(root: Path) -> dict[str, bytes]:
    """The same files from the working tree."""
    from taskplan.store.load import task_files

    out = {}
    for rel in (PLAN_FILE, UNITS_FILE, *task_files(root)):
        path = root / rel
        if path.is_file():
            out[rel] = path.read_bytes()
    return out

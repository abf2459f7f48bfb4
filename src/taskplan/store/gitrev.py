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
from taskplan.store.discover import PLAN_FILE, TASKS_DIR, UNITS_FILE, is_regular_file, is_task_file


class GitFailed(UsageError):
    """git itself refused: a sentence in the user's language says what failed and what to do,
    and git's own last line (in git's language) is kept as the detail."""

    def __init__(self, root: Path, args: tuple[str, ...], detail: str) -> None:
        self.detail = detail
        super().__init__(M_("git could not read the plan's history ({command}): {detail}",
                            command=f"git {args[0]}", detail=detail or M_("no message")),
                         hint=M_("run git status in {root} to see what git needs (taskplan diff and log only read git)",
                                 root=root))


def _in_a_repository(root: Path) -> bool:
    """A .git entry in ``root`` or above (git's own test, without reading its message, which may be translated)."""
    here = Path(root).resolve()
    return any((folder / ".git").exists() for folder in (here, *here.parents))


def _git(root: Path, *args: str, input: bytes | None = None) -> bytes:
    try:
        proc = subprocess.run(["git", *args], cwd=root, input=input, capture_output=True, check=False)
    except FileNotFoundError:
        raise UsageError(M_("git is not installed; taskplan diff and log read the plan's history with git"),
                         hint=M_("install git, or use check and list, which need no history")) from None
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitFailed(root, args, message[-1].strip() if message else "")
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
    try:
        top = _git(root, "rev-parse", "--show-toplevel").decode("utf-8").strip()
    except GitFailed:
        if _in_a_repository(root):
            raise  # git refused for another reason (an unsafe owner, a broken .git): its words show
        raise UsageError(M_("{root} is not in a git repository", root=root),
                         hint=M_("taskplan diff and log read the plan's history from git: git init, then commit the plan")) from None
    rel = Path(root).resolve().relative_to(Path(top).resolve()).as_posix()
    return "" if rel == "." else rel + "/"


def resolve(root: Path, rev: str) -> str:
    if rev.startswith("-") or not rev.strip():
        raise UsageError(M_("\"{rev}\" is not a revision", rev=rev), hint=M_("name a commit, branch or tag, e.g. HEAD~1 or main"))
    try:
        return _git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").decode().strip()
    except UsageError:
        raise UsageError(M_("no revision \"{rev}\" in this git repository", rev=rev),
                         hint=M_("name a commit, branch or tag, e.g. HEAD~1 or main; git log --oneline lists commits")) from None


def record_blobs(root: Path, rev: str) -> dict[str, bytes]:
    """plan-relative path -> bytes of plan.yaml, units.yaml and tasks/*.yaml at ``rev``."""
    prefix = repo_prefix(root)
    commit = resolve(root, rev)
    # --full-tree: paths from the top of the repository, whatever the current directory.  NUL-separated
    # entries ("mode type oid\tpath\0"), and blobs asked for by object id: a file name may hold a newline.
    listing = _git(root, "ls-tree", "-r", "--full-tree", "-z", commit, "--", f"{prefix}{TASKS_DIR}", f"{prefix}{PLAN_FILE}", f"{prefix}{UNITS_FILE}")
    wanted: list[tuple[str, str]] = []
    for entry in listing.split(b"\0"):
        if not entry:
            continue
        meta, _, raw_path = entry.partition(b"\t")
        parts = meta.split()
        path = raw_path.decode("utf-8", "surrogateescape")
        if len(parts) == 3 and parts[1] == b"blob" and is_task_file(path) and (path.count("/") - prefix.count("/")) <= 1:  # plan.yaml, units.yaml pass too
            wanted.append((path, parts[2].decode("ascii")))
    if not wanted:
        return {}
    out = _git(root, "cat-file", "--batch", input="".join(f"{oid}\n" for _, oid in wanted).encode("ascii"))
    blobs: dict[str, bytes] = {}
    pos = 0
    for path, _ in wanted:
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
        if is_regular_file(path):
            out[rel] = path.read_bytes()
    return out


def file_history(root: Path, rel: str, since: str | None = None) -> list[dict[str, str]]:
    """Commits that changed plan file ``rel``, newest first, following renames (``git log --follow``).

    Each: commit, author, date (ISO, author date), subject, status (A M D R…), old_path and path
    (plan-relative; old_path differs from path on a rename, and is empty on an add).  ``since``:
    only commits after that revision (``since..HEAD``).  NUL-separated plumbing output, so any
    file name or subject is read as it is.
    """
    prefix = repo_prefix(root)
    span = [f"{resolve(root, since)}..HEAD"] if since else []
    out = _git(root, "log", "--follow", "-M", "--format=%x1e%H%x00%an%x00%aI%x00%s%x00", "-z", "--name-status",
               *span, "--", f"{prefix}{rel}").decode("utf-8", "replace")
    entries = []
    for record in out.split("\x1e")[1:]:
        fields = record.split("\0")
        commit, author, date, subject = fields[:4]
        rest = [f.strip("\n") for f in fields[4:] if f.strip("\n")]
        status = rest[0] if rest else "M"
        paths = [p[len(prefix):] if p.startswith(prefix) else p for p in rest[1:]]
        if status[:1] in ("R", "C") and len(paths) >= 2:
            old_path, path = paths[0], paths[1]
        else:
            path = paths[0] if paths else rel
            old_path = "" if status == "A" else path
        entries.append({"commit": commit, "author": author, "date": date, "subject": subject,
                        "status": status[:1], "old_path": old_path, "path": path})
    return entries


def blobs_at(root: Path, wanted: list[tuple[str, str]]) -> list[bytes | None]:
    """The bytes of each (revision, plan-relative path), None where the path does not exist there;
    one ``git cat-file --batch`` for all of them."""
    if not wanted:
        return []
    prefix = repo_prefix(root)
    request = "".join(f"{rev}:{prefix}{path}\n" for rev, path in wanted).encode("utf-8")
    out = _git(root, "cat-file", "--batch", input=request)
    blobs: list[bytes | None] = []
    pos = 0
    for _ in wanted:
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        if header[-1] == b"missing":
            blobs.append(None)
            pos = end + 1
            continue
        size = int(header[2])
        blobs.append(out[end + 1 : end + 1 + size])
        pos = end + 1 + size + 1
    return blobs

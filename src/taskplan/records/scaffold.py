"""A plan repository that works on day one: what ``taskplan init`` and ``import --into`` a new directory add.

Besides the records (plan.yaml, units.yaml, tasks/), a plan repository needs:

* the JSON Schemas the records' modelines point at (``docs/schema/``, as
  ``taskplan schema`` writes them), or every editor reports "Unable to load schema";
* ``.gitattributes`` (LF, UTF-8 text; office files binary) and ``.gitignore``;
* CI that installs taskplan from a pinned source and runs ``check``, ``fmt
  --check`` and ``diff``: ``.github/workflows/taskplan.yml`` and ``.gitlab-ci.yml``;
* ``.pre-commit-config.yaml`` with taskplan's published hooks, pinned;
* a short README in Chinese: how to edit, check and report.

Files that exist are never overwritten (the office may have edited them);
the schemas are regenerated like ``taskplan schema`` does.  The texts live in
``templates/scaffold/``; ``@@NAME@@`` marks what is filled in (``{{ }}`` and
``$VAR`` belong to the CI files themselves).
"""
from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from taskplan.errors import UsageError
from taskplan.i18n import M_, N_, names_list, translate
from taskplan.model.records import Plan, Registry

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "scaffold"

# repository path → template file
FILES: dict[str, str] = {
    ".gitattributes": "gitattributes",
    ".gitignore": "gitignore",
    ".github/workflows/taskplan.yml": "github-workflow.yml",
    ".gitlab-ci.yml": "gitlab-ci.yml",
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
    "README.md": "README.md",
}
_SPEC = re.compile(r"^(?P<url>\S+?)@(?P<rev>[^@/\s]+)$")


@dataclass(frozen=True)
class Source:
    """Where CI and pre-commit get taskplan: a git repository and a tag or commit."""

    url: str
    rev: str

    @property
    def requirement(self) -> str:
        """What ``pip install`` takes (an scp-like ``git@host:path`` becomes ``ssh://git@host/path``)."""
        url = self.url
        if url.startswith("git@") and "://" not in url:
            host, _, path = url[len("git@") :].partition(":")
            url = f"ssh://git@{host}/{path}"
        return f"git+{url}@{self.rev}"

    @classmethod
    def parse(cls, spec: str) -> "Source":
        """``https://git.example.org/taskplan.git@v0.2.0`` → Source; UsageError otherwise."""
        found = _SPEC.match(spec.strip())
        if not found or not remote(found.group("url")):
            raise UsageError(
                f"--ci-source must be URL@REV, the git repository of taskplan and a tag or commit: {spec}",
                hint="e.g. --ci-source https://git.example.org/tools/taskplan.git@v0.1.0",
            )
        return cls(found.group("url"), found.group("rev"))


def remote(url: str) -> bool:
    """A URL another machine can clone from (not a local path or file://)."""
    return ("://" in url and not url.startswith("file:")) or url.startswith("git@")


def installed_source() -> Source | None:
    """The source this taskplan was installed from, when pip recorded a git one (PEP 610 direct_url.json)
    or it runs from a git checkout with a remote; None when neither is known."""
    from importlib import metadata

    try:
        raw = metadata.distribution("taskplan").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        raw = None
    info = json.loads(raw) if raw else {}
    vcs = info.get("vcs_info") or {}
    if vcs.get("vcs") == "git" and vcs.get("commit_id") and remote(info.get("url", "")):
        return Source(info["url"], vcs["commit_id"])
    checkout = Path(__file__).resolve().parents[3]
    if (checkout / ".git").exists():
        try:
            url = _git(checkout, "remote", "get-url", "origin")
            rev = _git(checkout, "rev-parse", "HEAD")
        except (OSError, subprocess.CalledProcessError):
            return None
        if remote(url) and rev:
            return Source(url, rev)
    return None


def ci_source_of(spec: str | None) -> Source | None:
    """The --ci-source option, or else the source this taskplan was installed from."""
    return Source.parse(spec) if spec else installed_source()


def _git(where: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(where), *args], capture_output=True, text=True, check=True, timeout=10).stdout.strip()


PLACEHOLDER = Source("https://git.example.org/CHANGE-ME/taskplan.git", "CHANGE-ME")


def render(template: str, source: Source, title: str) -> str:
    text = (TEMPLATES / template).read_text(encoding="utf-8")
    for key, value in {"REQUIREMENT": source.requirement, "URL": source.url, "REV": source.rev, "TITLE": title}.items():
        text = text.replace(f"@@{key}@@", value)
    return text


def scaffold(root: Path, plan: Plan | None, registry: Registry | None, source: Source | None) -> list[str]:
    """Add what ``root`` lacks of a plan repository; return the plan-relative paths written.

    ``source`` None: no pinned source is known; the CI files then name a
    CHANGE-ME placeholder, which the caller reports.
    """
    from taskplan.records.schema import write_schemas
    from taskplan.store.write import atomic_write

    written = write_schemas(root, plan, registry)
    title = plan.title if plan is not None and plan.title else "任务分解和责任分工方案"
    for rel, template in FILES.items():
        path = root / rel
        if path.exists():
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, render(template, source or PLACEHOLDER, title))
        written.append(rel)
    return written


DEFAULT_TITLE = "任务分解和责任分工方案"


def init_repository(root: Path, *, title: str | None, source: Source | None) -> list[str]:
    """``taskplan init DIR``: the records of an empty plan where there are none, then :func:`scaffold`.

    An existing plan (plan.yaml, units.yaml, tasks/) is left as it is: init
    only adds what is missing, so it also completes a directory imported
    with an older taskplan.
    """
    from taskplan.records.dump import plan_text, registry_text
    from taskplan.store.discover import PLAN_FILE, TASKS_DIR, UNITS_FILE
    from taskplan.store.load import load_plan
    from taskplan.store.write import atomic_write, check_folder

    root = Path(root)
    if root.exists() and not root.is_dir():
        raise UsageError(M_("{path} is not a directory", path=root))
    check_folder(root, N_("the plan"))  # under a file: init units.yaml/x
    root.mkdir(parents=True, exist_ok=True)
    written: list[str] = []
    if not (root / PLAN_FILE).exists():
        atomic_write(root / PLAN_FILE, plan_text(Plan(title=title or DEFAULT_TITLE)))
        written.append(PLAN_FILE)
    elif title:
        raise UsageError(M_("{path} exists; --title only names a new plan", path=root / PLAN_FILE), hint=M_("edit the title in plan.yaml"))
    if not (root / UNITS_FILE).exists():
        atomic_write(root / UNITS_FILE, registry_text(Registry()))
        written.append(UNITS_FILE)
    (root / TASKS_DIR).mkdir(exist_ok=True)
    loaded = load_plan(root, use_cache=False)
    return written + scaffold(root, loaded.plan, loaded.registry, source)


def scaffold_lines(written: list[str], source: Source | None) -> list[str]:
    """What the summary of init / import says about the repository files."""
    from taskplan.i18n import _

    out = ["  " + _("repository files: {files}").format(files=translate(names_list(written)))]
    if source is None:
        out.append("  " + _("CI: no pinned taskplan source is known, so the CI and pre-commit files name CHANGE-ME: "
                            "replace it, or delete them and run taskplan init DIR --ci-source URL@REV"))
    else:
        out.append("  " + _("CI installs taskplan from {requirement}").format(requirement=source.requirement))
    return out

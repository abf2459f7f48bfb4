"""A new office's repository works on day one: taskplan init, and import --into a new directory.

The end-to-end test does what an office does: import its document into a new
directory, ``git init && git add -A && git commit``, then run the checks CI runs.
The CI files are parsed as YAML and must name the commands; every modeline must
point at a schema that exists.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "sources" / "haicheng-2020.txt"
URL, REV = "https://git.example.org/tools/taskplan.git", "v0.1.0"
PIN = f"{URL}@{REV}"
REQUIREMENT = f"git+{URL}@{REV}"
REPO_FILES = [
    "docs/schema/task.schema.json",
    "docs/schema/plan.schema.json",
    "docs/schema/units.schema.json",
    ".gitattributes",
    ".gitignore",
    ".github/workflows/taskplan.yml",
    ".gitlab-ci.yml",
    ".pre-commit-config.yaml",
    "README.md",
]


@pytest.fixture
def git_env(monkeypatch):
    for var, value in {"GIT_AUTHOR_NAME": "督查室", "GIT_AUTHOR_EMAIL": "dc@example.org", "GIT_COMMITTER_NAME": "督查室",
                       "GIT_COMMITTER_EMAIL": "dc@example.org", "GIT_CONFIG_GLOBAL": "/dev/null"}.items():
        monkeypatch.setenv(var, value)


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def modeline_targets(repo: Path) -> dict[str, Path]:
    """Every YAML record file's modeline → the schema file it names, resolved from the file's folder."""
    out = {}
    for path in sorted(repo.rglob("*.yaml")):
        if ".git" in path.parts or path.name.startswith("."):
            continue
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        out[str(path.relative_to(repo))] = (path.parent / first.split("$schema=", 1)[1]).resolve()
    return out



def check_ci_files(repo: Path) -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    github = yaml.safe_load((repo / ".github/workflows/taskplan.yml").read_text(encoding="utf-8"))
    assert set(github[True]) == {"push", "pull_request"}  # PyYAML reads the key `on` as True
    steps = github["jobs"]["check"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert f'python -m pip install "{REQUIREMENT}"' in runs
    assert "taskplan check --format github" in runs
    assert "taskplan fmt --check" in runs
    assert any(run.startswith("taskplan diff ") for run in runs)
    assert steps[0]["uses"].startswith("actions/checkout@") and steps[0]["with"]["fetch-depth"] == 0

    gitlab = yaml.safe_load((repo / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    job = gitlab["taskplan"]
    assert job["before_script"] == [f'python -m pip install "{REQUIREMENT}"']
    script = "\n".join(job["script"])
    for command in ("taskplan check --format gitlab", "taskplan check\n", "taskplan fmt --check", "taskplan diff "):
        assert command in script
    assert job["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"

    pre_commit = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert pre_commit == {"repos": [{"repo": URL, "rev": REV, "hooks": [{"id": hook["id"]} for hook in hooks]}]}
    assert [hook["id"] for hook in hooks] == ["taskplan-check", "taskplan-fmt"]


def test_import_into_a_new_directory_is_a_working_plan_repository(cli, tmp_path, git_env):
    repo = tmp_path / "海城督查"
    r = cli("import", str(SOURCE), "--into", str(repo), "--ci-source", PIN)
    assert (r.code, r.err) == (0, "")
    assert r.out.splitlines()[-4:] == [
        f"  repository files: {', '.join(REPO_FILES)}",
        f"  CI installs taskplan from {REQUIREMENT}",
        "  unused lines: none",
        "  every line was placed",
    ]
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "导入方案")
    assert git(repo, "status", "--porcelain") == ""
    committed = git(repo, "ls-files").split("\n")
    assert {".gitattributes", ".github/workflows/taskplan.yml", "docs/schema/task.schema.json", "tasks/146.yaml"} <= set(committed)

    # what CI runs
    r = cli("-C", str(repo), "check")
    assert r.code == 0, r.out + r.err
    assert r.out.endswith(" in 148 files\n") and " 0 errors" not in r.out and "error" not in r.out
    r = cli("-C", str(repo), "fmt", "--check")
    assert (r.code, r.out) == (0, "0 files would reformat, 148 unchanged\n")
    r = cli("-C", str(repo), "diff", "HEAD")
    assert (r.code, r.out) == (0, "plan changes HEAD → working tree: no changes to the plan\n")
    # the schemas are what taskplan schema writes for this plan
    r = cli("-C", str(repo), "schema")
    assert (r.code, r.out) == (0, "0 of 3 schemas in docs/schema/ updated\n")
    assert git(repo, "status", "--porcelain") == ""

    targets = modeline_targets(repo)
    assert len(targets) == 148  # 146 tasks, plan.yaml, units.yaml
    assert targets["plan.yaml"] == repo / "docs/schema/plan.schema.json"
    assert targets["units.yaml"] == repo / "docs/schema/units.schema.json"
    assert targets["tasks/001.yaml"] == repo / "docs/schema/task.schema.json"
    assert all(target.is_file() for target in targets.values())
    check_ci_files(repo)
    attributes = (repo / ".gitattributes").read_text(encoding="utf-8")
    assert "*.yaml text eol=lf" in attributes and "*.docx binary" in attributes
    readme = (repo / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# 海城市贯彻落实2020年国务院《政府工作报告》任务分解和责任分工方案\n")
    for command in ("taskplan check", "taskplan fmt", "taskplan report", "taskplan update", REQUIREMENT):
        assert command in readme


def test_init_creates_an_empty_plan_repository(cli, tmp_path, git_env):
    repo = tmp_path / "new"
    r = cli("init", str(repo), "--title", "某县2024年重点工作任务分工方案", "--ci-source", PIN)
    assert (r.code, r.err) == (0, "")
    assert r.out == (
        f"initialised {repo}\n"
        f"  repository files: plan.yaml, units.yaml, {', '.join(REPO_FILES)}\n"
        f"  CI installs taskplan from {REQUIREMENT}\n"
    )
    assert (repo / "plan.yaml").read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=docs/schema/plan.schema.json\n"
        "title: 某县2024年重点工作任务分工方案\n"
        "issuer: null\ndate: null\naddressees: null\npreamble: null\nnote: null\nsections: []\n"
    )
    assert (repo / "units.yaml").read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=docs/schema/units.schema.json\nunits: []\ngroups: []\n"
    )
    assert (repo / "tasks").is_dir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "init")
    assert cli("-C", str(repo), "check").code == 0
    assert cli("-C", str(repo), "fmt", "--check").code == 0
    assert all(target.is_file() for target in modeline_targets(repo).values())
    check_ci_files(repo)


def test_init_completes_an_imported_plan_and_keeps_what_exists(cli, tmp_path):
    repo = tmp_path / "plan"
    assert cli("import", str(SOURCE), "--into", str(repo), "--ci-source", PIN).code == 0
    (repo / "README.md").write_text("# 我们自己的说明\n", encoding="utf-8")
    (repo / ".gitlab-ci.yml").unlink()
    (repo / "docs/schema/task.schema.json").unlink()
    plan_before = (repo / "plan.yaml").read_bytes()
    r = cli("init", str(repo), "--ci-source", PIN)
    assert (r.code, r.err) == (0, "")
    assert r.out == (
        f"initialised {repo}\n"
        "  repository files: docs/schema/task.schema.json, .gitlab-ci.yml\n"
        f"  CI installs taskplan from {REQUIREMENT}\n"
    )
    assert (repo / "README.md").read_text(encoding="utf-8") == "# 我们自己的说明\n"
    assert (repo / "plan.yaml").read_bytes() == plan_before
    r = cli("init", str(repo), "--ci-source", PIN)
    assert r.out == f"initialised {repo}\n  nothing to add: every file is there\n"
    r = cli("init", str(repo), "--title", "新标题")
    assert (r.code, r.out) == (2, "")
    assert r.err == f"taskplan: error: {repo / 'plan.yaml'} exists; --title only names a new plan (edit the title in plan.yaml)\n"


def test_reimporting_into_an_existing_plan_adds_no_repository_files(cli, tmp_path):
    repo = tmp_path / "plan"
    assert cli("import", str(SOURCE), "--into", str(repo), "--ci-source", PIN).code == 0
    (repo / "README.md").unlink()
    r = cli("import", str(SOURCE), "--into", str(repo), "--force", "--ci-source", PIN)
    assert r.code == 0
    assert "repository files" not in r.out
    assert not (repo / "README.md").exists()  # e.g. this repository's own make import-source


def test_without_a_known_source_the_files_say_change_me(cli, tmp_path, monkeypatch):
    import taskplan.records.scaffold as scaffold

    monkeypatch.setattr(scaffold, "installed_source", lambda: None)
    repo = tmp_path / "plan"
    r = cli("init", str(repo))
    assert r.code == 0
    assert r.out.splitlines()[-1] == (
        "  CI: no pinned taskplan source is known, so the CI and pre-commit files name CHANGE-ME: "
        "replace it, or delete them and run taskplan init DIR --ci-source URL@REV"
    )
    assert "CHANGE-ME" in (repo / ".github/workflows/taskplan.yml").read_text(encoding="utf-8")
    assert yaml.safe_load((repo / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["rev"] == "CHANGE-ME"


@pytest.mark.parametrize("spec", ["v0.1.0", "/srv/git/taskplan@v1", "file:///srv/git/taskplan.git@v1", "https://host/taskplan.git"])
def test_ci_source_must_be_a_remote_url_and_a_revision(cli, tmp_path, spec):
    r = cli("init", str(tmp_path / "x"), "--ci-source", spec)
    assert (r.code, r.out) == (2, "")
    assert r.err == (
        f"taskplan: error: --ci-source must be URL@REV, the git repository of taskplan and a tag or commit: {spec} "
        "(e.g. --ci-source https://git.example.org/tools/taskplan.git@v0.1.0)\n"
    )
    assert not (tmp_path / "x").exists()


def test_an_ssh_source_is_installed_over_ssh(cli, tmp_path):
    r = cli("init", str(tmp_path / "x"), "--ci-source", "git@git.example.org:tools/taskplan.git@3f2a9c1")
    assert r.out.splitlines()[-1] == "  CI installs taskplan from git+ssh://git@git.example.org/tools/taskplan.git@3f2a9c1"
    pre_commit = yaml.safe_load((tmp_path / "x" / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert pre_commit["repos"][0]["repo"] == "git@git.example.org:tools/taskplan.git"

"""taskplan diff: the change between two git revisions in the plan's words."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def repo(make_plan, monkeypatch):
    """A git repository whose subdirectory plan/ holds the mini plan, with two commits."""
    for var, value in {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                       "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": "/dev/null"}.items():
        monkeypatch.setenv(var, value)
    root = make_plan()
    top = root.parent
    git(top, "init", "-q", "-b", "main")
    git(top, "add", "-A")
    git(top, "commit", "-q", "-m", "first")
    t1 = root / "tasks/001.yaml"
    t1.write_text(
        t1.read_text(encoding="utf-8")
        .replace("title: 今年赤字率拟按3.6%以上安排。", "title: 今年赤字率拟按3.6%左右安排。")
        .replace("lead: [财政局, 发改局]", "lead: [财政局, 市场局]")
        .replace("      - 用足用好上级政策。\n", "      - 用足用好上级政策,争取资金。\n"),
        encoding="utf-8",
    )
    (root / "tasks/002.yaml").unlink()
    (root / "tasks/003.yaml").write_text(
        "id: 3\nsection: 2\ntitle: 推进新的工作。\nlead: [发改局]\nresponsible: []\nmeasures: []\n", encoding="utf-8"
    )
    units = root / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace("aliases: [发展改革局]", "aliases: [发展改革局, 市发改局]"), encoding="utf-8")
    git(top, "add", "-A")
    git(top, "commit", "-q", "-m", "second")
    return root


TEXT = (
    "plan changes HEAD~1 → HEAD: 1 task added, 1 task removed, 1 task changed, 1 change to plan.yaml/units.yaml\n"
    "task 1: title changed\n"
    "  - 今年赤字率拟按3.6%以上安排。\n"
    "  + 今年赤字率拟按3.6%左右安排。\n"
    "task 1: lead: + 市场局, − 发改局\n"
    "task 1: measures changed for 财政局\n"
    "  - 用足用好上级政策。\n"
    "  + 用足用好上级政策,争取资金。\n"
    "task 2: removed\n"
    "  - 稳健的货币政策要更加灵活适度。\n"
    "task 3: added (section 2, lead 发改局)\n"
    "  + 推进新的工作。\n"
    "units.yaml: 发改局: aliases + 市发改局\n"
)


def test_diff_two_revisions_text(cli, repo):
    r = cli("diff", "HEAD~1", "HEAD", cwd=repo)
    assert (r.code, r.err) == (0, "")
    assert r.out == TEXT


def test_diff_from_a_subdirectory_and_against_the_working_tree(cli, repo):
    r = cli("diff", "HEAD~1", cwd=repo / "tasks")
    assert r.out == TEXT.replace("HEAD~1 → HEAD", "HEAD~1 → working tree")
    r = cli("diff", cwd=repo)
    assert r.out == "plan changes HEAD → working tree: no changes to the plan\n"


def test_diff_markdown(cli, repo):
    r = cli("diff", "--format", "md", "HEAD~1", "HEAD", cwd=repo)
    assert r.out == (
        "### Plan changes `HEAD~1` → `HEAD`\n\n"
        "1 task added, 1 task removed, 1 task changed, 1 change to plan.yaml/units.yaml\n\n"
        "- **task 1**: title changed\n"
        "  - ~~今年赤字率拟按3.6%以上安排。~~\n"
        "  - 今年赤字率拟按3.6%左右安排。\n"
        "- **task 1**: lead: + 市场局, − 发改局\n"
        "- **task 1**: measures changed for 财政局\n"
        "  - ~~用足用好上级政策。~~\n"
        "  - 用足用好上级政策,争取资金。\n"
        "- **task 2**: removed\n"
        "  - ~~稳健的货币政策要更加灵活适度。~~\n"
        "- **task 3**: added (section 2, lead 发改局)\n"
        "  - 推进新的工作。\n"
        "- **units.yaml**: 发改局: aliases + 市发改局\n"
    )


def test_diff_reports_a_broken_file_in_a_revision(cli, repo):
    (repo / "tasks/003.yaml").write_text("id: [\n", encoding="utf-8")
    r = cli("diff", "HEAD", cwd=repo)
    assert r.code == 0
    assert r.out.splitlines()[1] == "tasks/003.yaml: cannot be read at working tree: TP001 YAML syntax: did not find expected node content"


def test_diff_bad_revision_is_usage_error(cli, repo):
    r = cli("diff", "nosuchrev", cwd=repo)
    assert r.code == 2
    assert r.err == (
        'taskplan: error: no revision "nosuchrev" in this git repository '
        "(name a commit, branch or tag, e.g. HEAD~1 or main; git log --oneline lists commits)\n"
    )
    r = cli("diff", "--", "--output=x", cwd=repo)
    assert (r.code, r.err) == (2, "taskplan: error: \"--output=x\" is not a revision (name a commit, branch or tag, e.g. HEAD~1 or main)\n")


def test_diff_on_the_real_plan(cli, tmp_path, monkeypatch):
    """The repo's own plan in a fresh repository (not the checkout's history: CI may clone shallow, and the
    working tree of a developer holds anything): a liaison's report shows as the plan's change."""
    import shutil

    for var, value in {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                       "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": "/dev/null"}.items():
        monkeypatch.setenv(var, value)
    top = tmp_path / "haicheng"
    top.mkdir()
    for name in ("plan.yaml", "units.yaml"):
        shutil.copy(ROOT / name, top / name)
    shutil.copytree(ROOT / "tasks", top / "tasks")
    git(top, "init", "-q", "-b", "main")
    git(top, "add", "-A")
    git(top, "commit", "-q", "-m", "import")
    r = cli("diff", "HEAD", cwd=top)
    assert (r.code, r.out, r.err) == (0, "plan changes HEAD → working tree: no changes to the plan\n", "")
    assert cli("update", "20", "--status", "推进中", "--note", "已清偿 80%", "--unit", "财政局", "--date", "2020-10-01",
               cwd=top).code == 0
    r = cli("diff", "HEAD", cwd=top)
    assert (r.code, r.err) == (0, "")
    assert r.out == (
        "plan changes HEAD → working tree: 1 task changed\n"
        "task 20: status (none) → 推进中\n"
        "task 20: 1 progress report added\n"
    )

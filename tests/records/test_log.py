"""taskplan log N: five commits to task 20 (one a rename), each in the plan's words, newest first."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "mini"

TASK = """
    id: 20
    section: 1
    title: 保障中小企业款项支付,11月底前无分歧账款清零。
    lead: [财政局, 发改局]
    responsible: [各镇(街道)]
    measures:
      - unit: 财政局
        items:
          - 建立动态清欠台账,11月底前无分歧的拖欠账款全部“清零”。
          - 每月通报清欠进度,对进展缓慢的单位督办。
    status: 未启动
"""


def _git(repo: Path, *args: str, when: str = "2020-11-01T09:00:00+08:00", author: str = "张三") -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": "a@example.org", "GIT_COMMITTER_NAME": author,
           "GIT_COMMITTER_EMAIL": "a@example.org", "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout


def _write(repo: Path, rel: str, text: str) -> None:
    (repo / rel).write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


@pytest.fixture
def repo(tmp_path) -> Path:
    repo = tmp_path / "plan"
    shutil.copytree(FIXTURE, repo)
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "导入方案", when="2020-07-24T10:00:00+08:00")
    # 1: the task arrives under a file name that is not the usual one
    _write(repo, "tasks/20.yaml", TASK)
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "新增任务20", when="2020-08-01T10:00:00+08:00")
    # 2: renamed to the usual name, nothing else
    _git(repo, "mv", "tasks/20.yaml", "tasks/020.yaml")
    _git(repo, "commit", "-qm", "fmt: 文件名补零", when="2020-08-02T10:00:00+08:00", author="李四")
    # 3: a progress report
    _write(repo, "tasks/020.yaml", TASK.replace("status: 未启动", "status: 推进中\n    progress:\n      - date: 2020-08-15\n        status: 推进中\n        note: 已建立清欠台账\n        unit: 财政局"))
    _git(repo, "commit", "-qam", "财政局报送8月进展", when="2020-08-15T16:30:00+08:00")
    # a commit to another task: not in task 20's log
    _write(repo, "tasks/001.yaml", (repo / "tasks/001.yaml").read_text(encoding="utf-8").replace("今年", "今年,"))
    _git(repo, "commit", "-qam", "任务1措辞", when="2020-08-20T10:00:00+08:00")
    # 4: a lead removed
    text = (repo / "tasks/020.yaml").read_text(encoding="utf-8")
    (repo / "tasks/020.yaml").write_text(text.replace("lead: [财政局, 发改局]", "lead: [财政局]"), encoding="utf-8")
    _git(repo, "commit", "-qam", "调整牵头单位（市政府常务会议）", when="2020-09-01T10:00:00+08:00", author="王五")
    # 5: only a comment
    text = (repo / "tasks/020.yaml").read_text(encoding="utf-8")
    (repo / "tasks/020.yaml").write_text("# 督办科 2020-09 交办\n" + text, encoding="utf-8")
    _git(repo, "commit", "-qam", "注释", when="2020-09-02T10:00:00+08:00")
    return repo


def _hashes(repo: Path) -> list[str]:
    return _git(repo, "log", "--format=%h", "--follow", "--", "tasks/020.yaml").split()


def test_five_commits_in_the_plans_words(cli, repo):
    h = _hashes(repo)
    assert len(h) == 5
    r = cli("-C", str(repo), "log", "20")
    assert (r.code, r.err) == (0, "")
    assert r.out == (
        f"{h[0]} 2020-09-02 张三: 注释\n"
        "    no change in the plan's terms (comments or layout)\n"
        f"{h[1]} 2020-09-01 王五: 调整牵头单位（市政府常务会议）\n"
        "    lead: − 发改局\n"
        f"{h[2]} 2020-08-15 张三: 财政局报送8月进展\n"
        "    status 未启动 → 推进中\n"
        "    1 progress report added\n"
        f"{h[3]} 2020-08-02 李四: fmt: 文件名补零\n"
        "    file renamed tasks/20.yaml → tasks/020.yaml\n"
        f"{h[4]} 2020-08-01 张三: 新增任务20\n"
        "    added (section 1, lead 财政局、发改局)\n"
        "      + 保障中小企业款项支付,11月底前无分歧账款清零。\n"
    )


def test_since_and_json(cli, repo):
    h = _hashes(repo)
    r = cli("-C", str(repo), "log", "20", "--since", h[2], "--format", "json")
    assert (r.code, r.err) == (0, "")
    doc = json.loads(r.out)
    assert (doc["schema_version"], doc["task"], doc["count"]) == (1, 20, 2)
    assert [(c["commit"][:len(h[0])], c["date"], c["author"], c["subject"], c["path"]) for c in doc["commits"]] == [
        (h[0], "2020-09-02T10:00:00+08:00", "张三", "注释", "tasks/020.yaml"),
        (h[1], "2020-09-01T10:00:00+08:00", "王五", "调整牵头单位（市政府常务会议）", "tasks/020.yaml"),
    ]
    assert doc["commits"][1]["changes"] == [{"summary": "lead: − 发改局", "old": [], "new": []}]
    lines = r.out.splitlines()  # the layout of every taskplan json: a key per line, a commit per line
    assert lines[:5] == ["{", '  "schema_version": 1,', '  "task": 20,', '  "count": 2,', '  "commits": [']
    assert lines[5].startswith('    {"commit": "') and lines[5].endswith("},") and lines[6].endswith('"new": []}]}')
    assert lines[7:] == ["  ]", "}"]
    r = cli("-C", str(repo), "log", "20", "--since", "HEAD")
    assert (r.code, r.out) == (0, "task 20: no commits in that range\n")


def test_refusals(cli, repo):
    r = cli("-C", str(repo), "log", "99")
    assert (r.code, r.out, r.err) == (2, "", "taskplan: error: no commit touches tasks/099.yaml (is task 99 committed? (git add, git commit))\n")
    r = cli("-C", str(repo), "log", "20", "--since", "no-such-rev")
    assert r.code == 2 and r.err == (
        'taskplan: error: no revision "no-such-rev" in this git repository '
        "(name a commit, branch or tag, e.g. HEAD~1 or main; git log --oneline lists commits)\n"
    )


def test_escape_sequences_in_titles_subjects_and_authors_are_shown_not_obeyed(cli, repo):
    text = (repo / "tasks/020.yaml").read_text(encoding="utf-8")
    title = text.split("title: ", 1)[1].split("\n", 1)[0]
    (repo / "tasks/020.yaml").write_text(text.replace(title, '"清零\\e]0;pwned\\a账款\\u202e"'), encoding="utf-8")
    _git(repo, "commit", "-qam", "标题\x1b[2J", when="2020-09-03T10:00:00+08:00", author="赵\u202e六")
    h = _hashes(repo)
    r = cli("-C", str(repo), "log", "20", "--since", h[1])
    assert (r.code, r.err) == (0, "")
    assert r.out == (
        f"{h[0]} 2020-09-03 赵\\u202e六: 标题\\x1b[2J\n"
        "    title changed\n"
        f"      - {title}\n"
        "      + 清零\\x1b]0;pwned\\x07账款\\u202e\n"
    )
    doc = json.loads(cli("-C", str(repo), "log", "20", "--since", h[1], "-f", "json").out)  # json escapes by itself
    assert (doc["commits"][0]["author"], doc["commits"][0]["subject"]) == ("赵\u202e六", "标题\x1b[2J")

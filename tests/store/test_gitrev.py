"""git's own refusals reach the user inside a sentence in their language that says what failed and what to do."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


@pytest.fixture(params=["en", "zh"])
def language(request):
    from taskplan import i18n

    before = i18n.current()
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language(before)


def _plan(tmp_path: Path) -> Path:
    plan = tmp_path / "plan"
    shutil.copytree(MINI, plan, ignore=shutil.ignore_patterns(".taskplan-cache"))
    return plan


def test_a_broken_repository_shows_gits_words_inside_a_translated_sentence(cli, tmp_path, language):
    plan = _plan(tmp_path)
    (plan / ".git").write_text(f"gitdir: {tmp_path / 'gone'}\n", encoding="utf-8")  # a worktree whose repository was removed
    detail = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=plan, capture_output=True, text=True).stderr.strip().splitlines()[-1]
    for args in (("log", "1"), ("diff", "HEAD")):
        r = cli("-C", str(plan), *args)
        assert (r.code, r.out) == (2, "")
        assert r.err == {
            "en": f"taskplan: error: git could not read the plan's history (git rev-parse): {detail} "
                  f"(run git status in {plan} to see what git needs (taskplan diff and log only read git))\n",
            "zh": f"taskplan：错误：git 无法读取方案的历史（git rev-parse）：{detail}"
                  f"（请在 {plan} 中运行 git status，看 git 要求做什么（taskplan diff 和 log 只读取 git））\n",
        }[language]


def test_outside_a_repository_the_plain_advice(cli, tmp_path, language):
    plan = _plan(tmp_path)
    r = cli("-C", str(plan), "diff", "HEAD")
    assert r.code == 2
    assert r.err == {
        "en": f"taskplan: error: {plan} is not in a git repository "
              "(taskplan diff and log read the plan's history from git: git init, then commit the plan)\n",
        "zh": f"taskplan：错误：{plan} 不在 git 仓库中（taskplan diff 和 log 从 git 读取方案的历史：先 git init，再提交方案）\n",
    }[language]


def test_without_git_installed(cli, tmp_path, monkeypatch, language):
    plan = _plan(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    r = cli("-C", str(plan), "log", "1")
    assert r.code == 2
    assert r.err == {
        "en": "taskplan: error: git is not installed; taskplan diff and log read the plan's history with git "
              "(install git, or use check and list, which need no history)\n",
        "zh": "taskplan：错误：没有安装 git；taskplan diff 和 log 要用 git 读取方案的历史（请安装 git；check、list 等命令不需要历史）\n",
    }[language]

"""The CLI in the user's language: run as a user runs it, under LANG=zh_CN.UTF-8 and LANG=C.UTF-8.

A fresh process per run: the language is chosen when taskplan is imported.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from taskplan.model.text import display_width

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
LOCALE_VARS = ("TASKPLAN_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def run(lang: str, *args: str, columns: int = 100, **extra: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in LOCALE_VARS}
    env.update(LANG=lang, COLUMNS=str(columns), TERM="dumb", TASKPLAN_NO_CACHE="1", **extra)
    return subprocess.run([sys.executable, "-m", "taskplan", *args], env=env, capture_output=True, text=True)


ZH, C = "zh_CN.UTF-8", "C.UTF-8"


def test_usage_error_in_both_languages():
    zh = run(ZH, "-C", str(MINI), "show", "--bogus")
    assert (zh.returncode, zh.stdout) == (2, "")
    assert zh.stderr == (
        "用法：taskplan show [OPTIONS] {N}\n"
        "运行 'taskplan show -h' 查看帮助。\n"
        "\n"
        "错误：没有选项：--bogus\n"
    )
    en = run(C, "-C", str(MINI), "show", "--bogus")
    assert (en.returncode, en.stdout) == (2, "")
    assert en.stderr == (
        "Usage: taskplan show [OPTIONS] {N}\n"
        "Try 'taskplan show -h' for help.\n"
        "\n"
        "Error: No such option: --bogus\n"
    )


def test_unknown_command_suggests_in_both_languages():
    zh = run(ZH, "lst")
    assert zh.returncode == 2
    assert zh.stderr.splitlines()[-1] == "错误：没有命令 'lst'。 是否要找 'list'？"
    en = run(C, "lst")
    assert en.stderr.splitlines()[-1] == "Error: No such command 'lst'. Did you mean 'list'?"


def test_bad_choice_in_both_languages():
    zh = run(ZH, "-C", str(MINI), "list", "--sort", "x")
    assert zh.stderr.splitlines()[-1] == "错误：'--sort' 的值无效：'x' 不是 'id', 'section', 'lead' 之一。"
    en = run(C, "-C", str(MINI), "list", "--sort", "x")
    assert en.stderr.splitlines()[-1] == "Error: Invalid value for '--sort': Value error, 'x' is not one of 'id', 'section', 'lead'."  # as typer words it


def test_language_variable_wins_and_taskplan_lang_wins_over_all():
    assert run(C, "--help", LANGUAGE="zh_CN:en").stdout.startswith("用法：taskplan")
    assert run(ZH, "--help", TASKPLAN_LANG="en").stdout.startswith("Usage: taskplan")
    assert run(ZH, "--help", LC_ALL="C").stdout.startswith("Usage: taskplan")


@pytest.mark.parametrize("lang", [ZH, C])
@pytest.mark.parametrize("columns", [60, 80, 120])
def test_help_fits_the_terminal_by_display_width(lang, columns):
    for command in ("list", "units", "check", "report"):
        out = run(lang, command, "--help", columns=columns).stdout
        wide = [line for line in out.splitlines() if display_width(line) > columns]
        assert wide == [], f"{command}: {wide}"

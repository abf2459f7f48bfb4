"""The CI files shipped in the repository say what docs/ci.md says they do."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from taskplan.cli.app import app

ROOT = Path(__file__).resolve().parents[2]


def _commands() -> set[str]:
    import typer.main

    return set(typer.main.get_command(app).commands)


def _run_lines(steps) -> list[str]:
    return [s["run"] for s in steps if "run" in s]


def test_github_workflow():
    wf = yaml.safe_load((ROOT / ".github/workflows/taskplan.yml").read_text(encoding="utf-8"))
    assert list(wf[True]) == ["pull_request"]  # YAML 1.1 reads the key "on" as True
    steps = wf["jobs"]["check"]["steps"]
    runs = _run_lines(steps)
    assert runs == [
        "python -m pip install .",
        "taskplan check --format github",
        "taskplan fmt --check",
        'taskplan diff --format md "origin/$BASE_REF" HEAD >> "$GITHUB_STEP_SUMMARY"',
    ]
    assert steps[0]["with"]["fetch-depth"] == 0
    assert all("${{" not in r for r in runs)  # no expression spliced into a shell script


def test_gitlab_example():
    ci = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    job = ci["taskplan"]
    assert job["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert job["artifacts"]["when"] == "always"
    assert "taskplan check --format gitlab > gl-code-quality-report.json || true" in job["script"]
    assert "taskplan fmt --check" in job["script"]


def test_pre_commit_hooks():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["taskplan-check", "taskplan-fmt"]
    for hook in hooks:
        assert hook["pass_filenames"] is False and hook["require_serial"] is True
        assert hook["language"] == "python"
        pattern = re.compile(hook["files"])
        assert pattern.search("tasks/001.yaml") and pattern.search("plan.yaml") and pattern.search("sub/units.yaml")
        assert not pattern.search("docs/schema/task.schema.json") and not pattern.search(".github/workflows/taskplan.yml")


def test_every_command_the_ci_files_run_exists():
    text = "".join((ROOT / p).read_text(encoding="utf-8") for p in (".github/workflows/taskplan.yml", ".gitlab-ci.yml", ".pre-commit-hooks.yaml"))
    used = set(re.findall(r"(?:run: |entry: |- )taskplan (\w+)", text))
    assert used <= _commands() | {"check"}, used - _commands()
    assert {"check", "fmt", "diff"} <= used

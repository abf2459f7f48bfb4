"""store/discover.py: the one file-name rule of task files, and paths typed → plan-relative paths."""
from __future__ import annotations

from pathlib import Path

import pytest

from taskplan.errors import UsageError
from taskplan.store.discover import file_id, is_task_file, names_id, plan_relative, task_file_name, task_path, under


def test_task_file_names_come_from_the_id_only():
    assert [task_file_name(i) for i in (1, 42, 146, 999, 1000, 12345)] == [
        "001.yaml", "042.yaml", "146.yaml", "999.yaml", "1000.yaml", "12345.yaml"]
    assert task_path(7) == "tasks/007.yaml"


@pytest.mark.parametrize(("name", "task"), [
    ("001.yaml", True), ("1.yml", True), ("notes.yaml", True), ("001.yaml.bak", False), ("001.YAML", False),
    ("notes.txt", False), (".001.yaml.tmp", False), ("yaml", False),
])
def test_which_names_are_task_files(name, task):
    assert is_task_file(name) is task


@pytest.mark.parametrize(("name", "stated"), [
    ("004.yaml", 4), ("4.yaml", 4), ("00004.yml", 4), ("tasks/1000.yaml", 1000), ("notes.yaml", None),
    ("004.txt", None), ("4a.yaml", None), ("-4.yaml", None), ("４.yaml", None), ("².yaml", None), (".yaml", None),
])
def test_the_id_a_name_states(name, stated):
    assert file_id(name) == stated


def test_a_name_is_right_for_its_id_when_padded_to_three_digits():
    assert names_id("004.yaml", 4) and names_id("tasks/0004.yml", 4) and names_id("1000.yaml", 1000)
    assert not names_id("4.yaml", 4)  # too short
    assert not names_id("005.yaml", 4) and not names_id("four.yaml", 4)
    assert all(names_id(task_file_name(i), i) for i in (1, 99, 100, 999, 1000, 123456))


def test_plan_relative_and_under(tmp_path, monkeypatch):
    root = tmp_path / "plan"
    (root / "tasks").mkdir(parents=True)
    (root / "tasks" / "001.yaml").write_text("id: 1\n", encoding="utf-8")
    monkeypatch.chdir(root / "tasks")
    assert plan_relative(root, [Path("001.yaml"), Path("."), Path("..")]) == ["tasks/001.yaml", "tasks", "."]
    with pytest.raises(UsageError):
        plan_relative(root, [Path("002.yaml")])
    with pytest.raises(UsageError):
        plan_relative(root, [tmp_path])
    assert under("tasks/001.yaml", ["tasks"]) and under("tasks/001.yaml", ["."]) and under("plan.yaml", [""])
    assert not under("tasks2/001.yaml", ["tasks"]) and not under("tasks/001.yaml", ["tasks/00"])

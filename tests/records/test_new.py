"""taskplan new: the next task file with the editor header, in the canonical layout."""
from __future__ import annotations

from taskplan.records.fmt import format_text


def test_new_creates_the_next_task(cli, mini):
    r = cli("new", "--section", "2", "--lead", "财政局", "-l", "发改局", "-r", "各镇\uff08街道\uff09", "推进新的工作。", cwd=mini)
    assert (r.code, r.out, r.err) == (0, "created tasks/003.yaml\n", "")
    text = (mini / "tasks/003.yaml").read_text(encoding="utf-8")
    assert text == (
        "# yaml-language-server: $schema=../docs/schema/task.schema.json\n"
        "id: 3\n"
        "section: 2\n"
        "title: 推进新的工作。\n"
        "lead: [财政局, 发改局]\n"
        "responsible: [各镇(街道)]\n"
        "measures: []\n"
    )
    assert format_text(text, "tasks/003.yaml") == text  # already fmt-clean
    r = cli("check", "--strict", cwd=mini)
    assert (r.code, r.out) == (0, "5 files checked, no problems\n")


def test_new_refuses_unknown_unit_and_section(cli, mini):
    r = cli("new", "--section", "2", "--lead", "财正局", "x", cwd=mini)
    assert (r.code, r.out, r.err) == (2, "", 'taskplan: error: unknown unit "财正局" (did you mean 财政局?)\n')
    r = cli("new", "--section", "3", "--lead", "财政局", "x", cwd=mini)
    assert (r.code, r.err) == (2, "taskplan: error: no section 3 in plan.yaml (sections: 1, 2)\n")
    r = cli("new", "--section", "2", "--lead", "财政局", "  ", cwd=mini)
    assert (r.code, r.err) == (2, "taskplan: error: the title must not be empty\n")
    assert not (mini / "tasks/003.yaml").exists()


def test_the_known_sections_are_a_chinese_list_in_chinese(cli, mini, chinese):
    r = cli("new", "--section", "3", "--lead", "财政局", "x", cwd=mini)
    assert (r.code, r.out, r.err) == (2, "", "taskplan：错误：plan.yaml 中没有板块 3（板块：1、2）\n")


def test_new_requires_a_lead(cli, mini):
    r = cli("new", "--section", "2", "x", cwd=mini)
    assert (r.code, r.out) == (2, "")
    assert r.err == "Usage: taskplan new [OPTIONS] {title}\nTry 'taskplan new -h' for help.\n\nError: Missing option '--lead' / '-l'.\n"
    assert not (mini / "tasks/003.yaml").exists()

"""Per-task data made when read (reports/lazy.py): a list to templates and writers, never all in memory.

A report of 100,000 tasks must not hold 100,000 task dicts: the tests count the task dicts alive
at once (by weak references) while every writer renders, and check that a user template can still
do with ``tasks`` whatever it did with a list.
"""
from __future__ import annotations

import datetime as dt
import json
import weakref
from pathlib import Path

import pytest

from taskplan.reports import base as base_module
from taskplan.reports.base import ReportOptions
from taskplan.reports.build import render_report
from taskplan.reports.context import build_context
from taskplan.reports.lazy import Lazy, json_default, mapped
from taskplan.store.load import load_plan

ROOT = Path(__file__).resolve().parents[2]
AS_OF = dt.date(2021, 1, 15)


# ---------------------------------------------------------------- the sequence


def test_items_are_made_on_every_read_and_not_kept():
    made = []

    def make(x):
        made.append(x)
        return {"n": x}

    items = Lazy([1, 2, 3], make)
    assert made == []  # nothing made up front
    assert len(items) == 3 and bool(items) and not Lazy([], make)
    assert made == []  # the length comes from the source
    assert items[0] == {"n": 1} and items[-1] == {"n": 3}
    assert items[0] is not items[0]  # made again, not kept
    assert [x["n"] for x in items] == [1, 2, 3]
    assert [x["n"] for x in items] == [1, 2, 3]  # iterated twice
    assert [x["n"] for x in reversed(items)] == [3, 2, 1]
    assert made == [1, 3, 1, 1, 1, 2, 3, 1, 2, 3, 3, 2, 1]
    with pytest.raises(IndexError):
        items[3]


def test_a_slice_is_lazy_too():
    made = []
    items = Lazy([1, 2, 3, 4], lambda x: made.append(x) or x * 10)
    part = items[1:3]
    assert isinstance(part, Lazy) and made == []
    assert list(part) == [20, 30] and list(items[::-2]) == [40, 20]


def test_it_compares_concatenates_and_prints_as_the_list_it_stands_for():
    items = Lazy([1, 2], lambda x: x * 10)
    assert items == [10, 20] and items == (10, 20) and items == Lazy([2, 4], lambda x: x * 5)
    assert items != [10, 20, 30] and items != [10, 21] and items != "1020"
    assert items + [30] == [10, 20, 30] and [0] + items == [0, 10, 20] and items + items == [10, 20, 10, 20]
    assert repr(items) == "[10, 20]" and str(items) == "[10, 20]"
    assert 20 in items and 30 not in items and items.index(20) == 1 and items.count(10) == 1
    with pytest.raises(TypeError):
        hash(items)
    with pytest.raises(TypeError):
        items + 1  # noqa: B018


def test_mapped_is_a_second_view_of_the_same_source():
    source = [1, 2]
    rows = mapped(Lazy(source, lambda x: {"n": x}), lambda d: [d["n"], d["n"] * 2])
    assert list(rows) == [[1, 2], [2, 4]] and rows[1] == [2, 4] and rows._source is source


def test_json_writes_it_as_a_list_and_refuses_other_objects():
    assert json.dumps({"a": Lazy([1, 2], str)}, default=json_default, ensure_ascii=False) == '{"a": ["1", "2"]}'
    with pytest.raises(TypeError, match="Object of type object is not JSON serializable"):
        json.dumps(object(), default=json_default)


# ---------------------------------------------------------------- the context holds no task dicts


class Tracked(dict):
    """A task dict a weak reference can follow (a plain dict cannot be weakly referenced)."""

    __hash__ = object.__hash__  # a WeakSet member: by identity


@pytest.fixture
def count_live(monkeypatch):
    """Every task dict Base makes is tracked; returns the record: most alive at once, and how many made."""
    record = {"peak": 0, "made": 0}
    live: weakref.WeakSet = weakref.WeakSet()
    original = base_module.Base.task

    def task(self, t):
        d = Tracked(original(self, t))
        live.add(d)
        record["made"] += 1
        record["peak"] = max(record["peak"], len(live))
        return d

    monkeypatch.setattr(base_module.Base, "task", task)
    return record


@pytest.fixture(scope="module")
def repo_plan():
    return load_plan(ROOT, use_cache=False).require_valid()


@pytest.mark.parametrize("fmt", ["md", "html", "text", "csv", "xlsx", "docx"])
def test_a_plan_report_holds_a_few_task_dicts_at_a_time(repo_plan, count_live, fmt):
    data = render_report(repo_plan, "plan", fmt, as_of=AS_OF, stream=True)
    if not isinstance(data, bytes):
        text = "".join(data)
        assert text  # drained: every task rendered
    assert len(repo_plan.tasks) == 146
    assert count_live["made"] >= 146  # every task was made ...
    assert count_live["peak"] <= 3  # ... but never more than a few at once


@pytest.mark.parametrize("by_unit", [False, True])
def test_the_ledger_tables_are_made_from_the_tasks_when_read(repo_plan, count_live, by_unit):
    ctx = build_context("plan", repo_plan, ReportOptions(as_of=AS_OF, by_unit=by_unit))
    assert count_live["made"] == 0  # building the context makes no task dict
    rows = ctx["tables"][0]["rows"]
    assert len(rows) == 146 and rows[0][0] == 1 and rows[-1][0] == 146
    assert [r[0] for r in rows] == list(range(1, 147))
    assert count_live["peak"] <= 1
    if by_unit:
        finance = next(t for t in ctx["tables"] if t["name"] == "财政局")
        assert finance["rows"][0][3:5] == ["财政局、发改局", "市直部门、开发区、镇(街道)"]  # task 1 (tasks/001.yaml): 财政局 leads it
        assert count_live["peak"] <= 1


def test_sections_and_tasks_describe_the_same_tasks(repo_plan, count_live):
    ctx = build_context("plan", repo_plan, ReportOptions(as_of=AS_OF, section="2..3"))
    assert count_live["made"] == 0
    by_sections = [t["id"] for s in ctx["sections"] for t in s["tasks"]]
    assert by_sections == [t["id"] for t in ctx["tasks"]] == [r[0] for r in ctx["tables"][0]["rows"]]
    assert {t["section"] for t in ctx["tasks"]} == {2, 3}
    assert count_live["peak"] <= 2  # the one a loop holds and the next one, made before the loop lets go


# ---------------------------------------------------------------- a user template keeps every ability


USER_TEMPLATE = (
    "{{ tasks|length }}#{% for t in tasks %}{{ t.id }},{% endfor %}#{% for t in tasks %}{{ t.id }};{% endfor %}"
    "#{{ tasks[0].title }}#{{ tasks[-1].id }}#{{ (tasks|first).id }}#{{ (tasks|last).id }}"
    "#{% for t in tasks[1:] %}{{ t.id }}{% endfor %}#{% for t in tasks|reverse %}{{ t.id }}{% endfor %}"
    "#{% for g in tasks|groupby('section') %}{{ g.grouper }}:{{ g.list|map(attribute='id')|join('+') }} {% endfor %}"
    "#{{ tasks[:2]|map(attribute='lead')|list|tojson }}#{{ (tasks|tojson|length) > 100 }}"
    "#{{ (tasks + [])|length }}#{{ tasks == tasks|list }}#{{ tasks is sequence }}"
    "#{% for s in sections %}{{ s.number }}={{ s.tasks|length }}:{% for t in s.tasks %}{{ t.id }}"
    "{% if loop.last %}/{{ loop.length }}{% endif %}{% endfor %} {% endfor %}"
    "#{{ tables[0].rows|length }}#{{ tables[0].rows[-1][2] }}#{{ tables[0].rows|map(attribute=0)|sum }}"
    "#{{ tasks|selectattr('section', 'equalto', 1)|map(attribute='title')|join('|') }}\n"
)
USER_OUTPUT = (
    "3#1,2,3,#1;2;3;#今年赤字率拟按3.6%以上安排。#3#1#3#23#321#1:1+3 2:2 "
    '#[["财政局", "发改局"], ["市场监督管理局"]]#True#3#True#True#1=2:13/2 2=1:2/1 '
    "#3#全角：标点（一）；半角:标点(二);完成。#6"
    "#今年赤字率拟按3.6%以上安排。|全角：标点（一）；半角:标点(二);完成。\n"
)
THIRD = """
id: 3
section: 1
title: 全角：标点（一）；半角:标点(二);完成。
lead: [财政局]
responsible: []
measures:
  - unit: 财政局
    items:
      - 按季度报送进展。
"""


@pytest.mark.parametrize("where", ["plan-templates", "--template"])
def test_a_user_template_uses_tasks_as_a_list(cli, make_plan, tmp_path, where):
    plan = make_plan({"tasks/003.yaml": THIRD})
    if where == "plan-templates":
        (plan / "templates").mkdir()
        (plan / "templates" / "plan.md.j2").write_text(USER_TEMPLATE, encoding="utf-8")
        args = ["-C", str(plan), "report", "plan", "--as-of", "2021-01-15"]
    else:
        (tmp_path / "mine.md.j2").write_text(USER_TEMPLATE, encoding="utf-8")
        args = ["-C", str(plan), "report", "plan", "--as-of", "2021-01-15", "--template", str(tmp_path / "mine.md.j2")]
    r = cli(*args)
    assert (r.code, r.err, r.out) == (0, "", USER_OUTPUT)
    out = tmp_path / "out.md"
    r = cli(*args, "-o", str(out))  # streamed into the file: the same text
    assert (r.code, r.err, r.out) == (0, f"wrote {out}\n", "")
    assert out.read_text(encoding="utf-8") == USER_OUTPUT


def test_a_user_template_cannot_reach_into_the_sequence(cli, make_plan):
    plan = make_plan()
    (plan / "templates").mkdir()
    (plan / "templates" / "plan.md.j2").write_text("{{ tasks._source }}", encoding="utf-8")
    r = cli("-C", str(plan), "report", "plan")
    assert r.code == 2 and r.out == ""
    assert r.err == ("taskplan: error: templates/plan.md.j2:1: template tried something unsafe and was stopped by the sandbox: "
                     "access to attribute '_source' of 'Lazy' object is unsafe.\n")


def test_the_bulletin_makes_a_task_dict_only_for_the_tasks_it_lists(progress_repo_plan, count_live):
    plan = load_plan(progress_repo_plan, use_cache=False).require_valid()  # deadlines and progress: overdue tasks
    ctx = build_context("bulletin", plan, ReportOptions(as_of=AS_OF))
    listed = {t["id"] for g in ctx["overdue"] for t in g["tasks"]}
    assert 0 < len(listed) < 146 and count_live["made"] == len(listed)  # each overdue task once, for all its lead units
    assert [r[0] for r in ctx["tables"][1]["rows"]] == list(range(1, 147))  # the 任务 sheet: made when read
    assert count_live["made"] == len(listed) + 146

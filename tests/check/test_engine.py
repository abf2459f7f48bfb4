"""The engine (check/engine.py): rules over the plan, then findings placed file by file without the plan
in memory, each once, sorted; equal messages held once, cold and warm."""
from __future__ import annotations

import datetime as dt
import os

import pytest

from taskplan.check.cache import RunCache
from taskplan.check.config import CheckConfig
from taskplan.check.engine import check_plan, per_file_findings, run_rules
from taskplan.i18n import Message
from taskplan.store.load import load_plan


def task(n: int, item: str, title: str = "稳健的货币政策要更加灵活适度。") -> str:
    return f"""\
        id: {n}
        section: 2
        title: {title}
        lead: [财政局]
        measures:
          - unit: 财政局
            items:
              - {item}
        """


FULL = "积极争取上级转移支付和资金，用足用好上级政策。"  # full-width punctuation
HALF = "积极争取上级转移支付和资金,用足用好上级政策."  # the same words, half-width: another text
# TP207 (a measure in two tasks): tasks 4 and 5 repeat task 3's text, task 7 task 6's
COPIED = {
    "tasks/003.yaml": task(3, FULL),
    "tasks/004.yaml": task(4, FULL),
    "tasks/005.yaml": task(5, FULL, title="标题。。"),  # and TP401 (。。) in the same file
    "tasks/006.yaml": task(6, HALF),
    "tasks/007.yaml": task(7, HALF),
}
AS_OF = dt.date(2020, 12, 1)


@pytest.fixture(autouse=True)
def cache_on(monkeypatch, tmp_path):
    monkeypatch.delenv("TASKPLAN_NO_CACHE", raising=False)


def duplicates(findings) -> list:
    return [f for f in findings if f.code == "TP207"]


def test_equal_messages_of_a_run_are_one_object_cold_and_warm(make_plan):
    root = make_plan(COPIED)
    config = CheckConfig(select=["TP207", "TP401"], as_of=AS_OF)
    for _ in range(2):  # cold, then the kept run read back
        found = duplicates(check_plan(root, config).findings)
        assert [(f.path, f.line, f.col, str(f.message)) for f in found] == [
            ("tasks/004.yaml", 8, 9, "measure text also in task 3"),
            ("tasks/005.yaml", 8, 9, "measure text also in task 3"),
            ("tasks/007.yaml", 8, 9, "measure text also in task 6"),
        ]
        assert found[0].message is found[1].message
        assert found[2].message is not found[0].message
        assert all(type(f.message) is Message for f in found)  # still translated when shown
    assert RunCache(root).kept()


def test_a_kept_run_stores_each_message_once(make_plan):
    root = make_plan(COPIED)
    config = CheckConfig(select=["TP207"], as_of=AS_OF)
    check_plan(root, config)
    runs = RunCache(root)
    (key,) = runs.order.shard(0)
    stored = runs.runs.get(key)  # as read from the file
    files, rows = stored
    messages = [row[5] for row in rows]
    assert len(messages) == 3
    assert messages[0] is messages[1]  # one copy in the file, one object read back
    assert messages[0] == {"s": "measure text also in task 3", "t": "measure text also in task {value1}",
                           "v": (("value1", 3),)}


def test_the_records_are_let_go_once_the_rules_ran(make_plan):
    root = make_plan(COPIED)
    plan = (root / "plan.yaml").read_text(encoding="utf-8")
    (root / "plan.yaml").write_text(plan.replace("分工方案\n", "分工方案。。\n", 1), encoding="utf-8")
    config = CheckConfig(as_of=AS_OF)
    loaded = load_plan(root, use_cache=False, marks=True)
    assert len(loaded.records) == 7 and loaded.plan is not None
    found = run_rules(loaded, config)
    assert loaded.records == [] and loaded.plan is None and loaded.registry is None
    assert loaded.task_paths and loaded.task_files  # what the run's key and the report still need
    assert [f.format() for f in found] == [f.format() for f in check_plan(root, config, use_cache=False).findings]
    assert any(f.code == "TP401" and f.path == "tasks/005.yaml" and f.line == 3 for f in found)
    assert any(f.code == "TP401" and (f.path, f.line, f.col) == ("plan.yaml", 1, 39) for f in found)  # a per-file rule's


def test_findings_come_sorted_by_file_line_column_code(make_plan):
    root = make_plan(COPIED)
    found = run_rules(load_plan(root, use_cache=False, marks=True), CheckConfig(as_of=AS_OF))
    keys = [(f.path, f.line, f.col, f.code, f.severity, f.message) for f in found]
    assert keys == sorted(set(keys))
    assert {"tasks/004.yaml", "tasks/005.yaml", "tasks/007.yaml"} <= {f.path for f in found}
    assert [f.code for f in found if f.path == "tasks/005.yaml"][:2] == ["TP401", "TP207"]  # line 3, then line 8


def test_of_equal_findings_the_first_is_kept(make_plan, monkeypatch):
    """Two rules' equal findings (the same place, code, severity and message) are one finding: the
    first one, with its fix, as the engine always kept."""
    from taskplan.check import engine
    from taskplan.check.rule import REGISTRY
    import dataclasses

    root = make_plan(COPIED)
    rule = REGISTRY["TP401"]

    def twice(ctx):
        for f in rule.func(ctx):
            yield dataclasses.replace(f, fix="first")
            yield dataclasses.replace(f, fix="second")

    monkeypatch.setitem(REGISTRY, "TP401", dataclasses.replace(rule, func=twice))
    found = [f for f in check_plan(root, CheckConfig(select=["TP401"], as_of=AS_OF), use_cache=False).findings]
    assert [(f.path, f.line, f.col, f.fix) for f in found] == [("tasks/005.yaml", 3, 10, "first")]

"""Per-file rules run by both parsing processes on their halves give exactly the serial findings.

check_plan hands the loader per_file_findings (check/engine.py); on a plan
large enough for the forked parser each process runs the per-file rules on
the tasks it parsed, and the parent runs the cross-task rules.  The
threshold is lowered here so a small plan takes that path.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from taskplan.check.config import CheckConfig
from taskplan.check.engine import check_plan
from taskplan.check.rule import all_rules
from taskplan.store import parallel
from taskplan.store.load import load_plan

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.fixture
def clean_plan(tmp_path):
    sys.path.insert(0, str(BENCH))
    try:
        from bench_check import make_clean
        from synth import build_plan
    finally:
        sys.path.remove(str(BENCH))
    root = build_plan(tmp_path / "plan", n=40, seed=5)
    make_clean(root)
    return root


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _both(root: Path, monkeypatch) -> tuple[list[str], list[str], list]:
    monkeypatch.setattr(parallel, "PARALLEL_MIN_FILES", 10**9)
    serial = [f.format() for f in check_plan(root, CheckConfig(), use_cache=False).findings]
    monkeypatch.setattr(parallel, "PARALLEL_MIN_FILES", 2)
    split = [f.format() for f in check_plan(root, CheckConfig(), use_cache=False).findings]
    from functools import partial

    from taskplan.check.engine import per_file_findings

    shares = load_plan(root, use_cache=False, share=partial(per_file_findings, CheckConfig())).share_results
    return serial, split, shares


def test_the_per_file_rules_are_those_that_look_at_one_task():
    per_file = sorted(r.code for r in all_rules() if r.per_file)
    assert per_file == ["TP201", "TP202", "TP203", "TP204", "TP205", "TP206", "TP208", "TP209", "TP301", "TP304", "TP307",
                        "TP401", "TP402", "TP403", "TP404", "TP601", "TP602", "TP603", "TP604", "TP605", "TP606", "TP607", "TP608"]


def test_findings_in_both_halves_and_a_duplicate_id_across_them(clean_plan, monkeypatch):
    tasks = clean_plan / "tasks"
    _replace(tasks / "005.yaml", "section: ", "section: 9")  # TP304 in the parent's half (sections 1-16 → 91…)
    lead = (tasks / "030.yaml").read_text(encoding="utf-8").split("lead:\n- ", 1)[1].split("\n", 1)[0]
    _replace(tasks / "030.yaml", f"lead:\n- {lead}", "lead:\n- 不存在的局")  # TP201 (and more) in the child's half
    # a second file with id 12 in the child's half: dropped (TP302), so its own problems are not reported
    dup = (tasks / "012.yaml").read_text(encoding="utf-8").replace("- ", "- 又一个不存在的局\n- ", 1)
    (tasks / "033a.yaml").write_text(dup, encoding="utf-8")
    serial, split, shares = _both(clean_plan, monkeypatch)
    assert split == serial
    codes = {line.split()[2] for line in serial}
    assert {"TP201", "TP302", "TP304"} <= codes
    assert not any(line.startswith("tasks/033a.yaml") and "TP302" not in line for line in serial)
    # both processes did their per-file rules: the parent on 21 of the 41 files (50.5 %, parallel.PARENT_SHARE),
    # the child on the other 20 (033a among them: its id 12 is repeated only across the halves)
    assert [len(covered) for covered, _ in shares] == [21, 20]
    assert any(f.path == "tasks/030.yaml" for f in shares[1][1])  # the child's finding came back


def test_a_fixable_finding_in_the_child_comes_back_with_its_fix(clean_plan, monkeypatch):
    path = clean_plan / "tasks" / "035.yaml"
    path.write_text(re.sub(r"^title: (.*)$", r'title: "\1 "', path.read_text(encoding="utf-8"), flags=re.M),
                    encoding="utf-8")  # a trailing space: TP402, whose finding carries a fix
    serial, split, shares = _both(clean_plan, monkeypatch)
    assert split == serial
    assert any(" TP402 " in line and line.startswith("tasks/035.yaml") for line in serial)
    assert [len(covered) for covered, _ in shares] == [20, 20]  # the child's share pickled, fix and all
    fix = next(f.fix for f in shares[1][1] if f.code == "TP402")
    doc = {"id": 35, "title": "加快推进 "}
    fix.apply(doc)
    assert doc == {"id": 35, "title": "加快推进"}


def test_a_clean_plan_stays_clean(clean_plan, monkeypatch):
    serial, split, shares = _both(clean_plan, monkeypatch)
    assert serial == split == []
    assert len(shares) == 2

"""The fast constructor in yamlio gives exactly PyYAML's (strict) result, and the same findings."""
import os
import sys
from pathlib import Path

import pytest
import yaml

from taskplan.store import parallel, yamlio
from taskplan.store.yamlio import ParseProblem, parse

BENCH = Path(__file__).resolve().parents[2] / "bench"


def slow(text: str):
    return yaml.load(text, Loader=yamlio._loader(False))  # PyYAML's constructor (StrictLoader)


CASES = [
    "id: 1\nsection: 2\ntitle: '稳就业: 保民生'\nlead: [财政局, 发改局]\nresponsible: []\n",
    "a: 2020-07-24\nb: 2020-07-24 10:00:00\nc: null\nd: ~\ne: true\nf: 1.5\ng: 0x1F\nh: '001'\ni: \"x\\ty\"\n",
    "measures:\n  - unit: null\n    items:\n      - (1)积极争取。\n      - 用足用好。\n",
    "a: |\n  line one\n  line two\nb: >\n  folded\n  text\n",
    "a: {b: [1, {c: d}], e: []}\n",
    "1: int key\n2.5: float key\nnull: x\n",
    "a: !!str 123\nb: !!binary aGVsbG8=\n",  # unusual tags go through PyYAML's own constructor
    "a: !!set {x, y}\n",
]


@pytest.mark.parametrize("text", CASES)
def test_fast_constructor_equals_pyyaml(text):
    assert parse(text.encode(), "t.yaml")[0] == slow(text)


@pytest.mark.parametrize("force_python", [False, True])
def test_same_on_both_parsers(force_python):
    text = CASES[0]
    assert parse(text.encode(), "t.yaml", force_python=force_python)[0] == {
        "id": 1, "section": 2, "title": "稳就业: 保民生", "lead": ["财政局", "发改局"], "responsible": []}


@pytest.mark.parametrize("text, message", [
    ("id: 1\ntitle: a\nid: 2\n", 't.yaml:3:1: error TP004 duplicate key "id" (first defined on line 1); keep one of them'),
    ("m:\n  - unit: a\n    unit: b\n", 't.yaml:3:5: error TP004 duplicate key "unit" (first defined on line 2); keep one of them'),
    ("date: 2020-13-01\n", "t.yaml:1:7: error TP001 invalid date '2020-13-01' (month must be in 1..12); write YYYY-MM-DD"),
    ("? [a]\n: 1\n", "t.yaml:1:3: error TP001 YAML syntax: a mapping key must be a plain value"),
    ("<<: {a: 1}\nb: 2\n", "t.yaml:1:1: error TP001 YAML syntax: could not determine a constructor for the tag 'tag:yaml.org,2002:merge'"),
    ("a: !custom 1\n", "t.yaml:1:4: error TP001 YAML syntax: could not determine a constructor for the tag '!custom'"),
])
def test_strict_errors(text, message):
    with pytest.raises(ParseProblem) as exc:
        parse(text.encode(), "t.yaml")
    assert exc.value.finding.format() == message


def test_synthetic_plan_parses_identically_serial_and_forked(tmp_path):
    sys.path.insert(0, str(BENCH))
    try:
        from synth import build_plan
    finally:
        sys.path.remove(str(BENCH))
    root = build_plan(tmp_path / "plan", n=60, seed=3)
    (root / "tasks" / "007.yaml").write_text("id: 7\nid: 8\n", encoding="utf-8")  # a finding travels back too
    rels = sorted(f"tasks/{n}" for n in os.listdir(root / "tasks"))
    serial = parallel.parse_files(str(root), rels, min_files=10**9)
    forked = parallel.parse_files(str(root), rels, min_files=2)
    assert forked == serial
    assert [slow((root / r).read_text(encoding="utf-8")) for r in rels if r != "tasks/007.yaml"] == [
        d for r, (d, _) in zip(rels, serial) if r != "tasks/007.yaml"]
    assert serial[6][0] is None
    assert serial[6][1][0].format() == 'tasks/007.yaml:2:1: error TP004 duplicate key "id" (first defined on line 1); keep one of them'
    assert serial[0][0]["id"] == 1

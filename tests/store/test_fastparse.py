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
    assert [ok for _, _, ok in serial] == [False] * len(rels)  # no check given
    assert [slow((root / r).read_text(encoding="utf-8")) for r in rels if r != "tasks/007.yaml"] == [
        d for r, (d, _, _) in zip(rels, serial) if r != "tasks/007.yaml"]
    assert serial[6][0] is None
    assert serial[6][1][0].format() == 'tasks/007.yaml:2:1: error TP004 duplicate key "id" (first defined on line 1); keep one of them'
    assert serial[0][0]["id"] == 1
    # a check runs in the process that parsed, on its own half: each half reports its own flags
    flags = lambda datas: [d is not None and d["id"] % 2 == 0 for d in datas]  # noqa: E731
    checked = parallel.parse_files(str(root), rels, check=flags, min_files=2)
    assert [ok for _, _, ok in checked] == [i % 2 == 0 and i != 7 for i in range(1, 61)]
    assert checked == parallel.parse_files(str(root), rels, check=flags, min_files=10**9)


TRICKY = ["yes", "No", "ON", "off", "y", "~", "null", "Null", "", "1e3", "1.0e+3", "0x1F", "0o17", "017", ".inf", "-.Inf",
          ".nan", "2020-07-24", "2020-07-24T10:00:00Z", "2020-7-4", "+1", "-0", "1_000", "1:20", "190:20:30.15", "=",
          "<<", "!x", "&a", "*a", "3.6%", "财政局", "一、", "(1)积极", "12个", "0.5亿元", "true story", "Yes!"]


@pytest.mark.parametrize("force_python", [False, True])
@pytest.mark.parametrize("remembered", [2048, 3, 0])
def test_resolver_gives_pyyaml_tags(force_python, remembered, monkeypatch):
    monkeypatch.setattr(yamlio, "_LOADERS", {})  # a loader of its own: nothing remembered from other tests
    monkeypatch.setattr(yamlio, "_MAX_KNOWN_TAGS", remembered)
    ours = yamlio._loader(force_python)("")
    plain = (yaml.CSafeLoader if not force_python else yaml.SafeLoader)("")
    for _ in range(2):  # the second time, the tags of the values remembered come from memory
        for value in TRICKY:
            for implicit in ((True, False), (False, True), (False, False)):
                assert ours.resolve(yaml.ScalarNode, value, implicit) == plain.resolve(yaml.ScalarNode, value, implicit), value
    assert ours.resolve(yaml.SequenceNode, None, (True, True)) == plain.resolve(yaml.SequenceNode, None, (True, True))
    assert ours.resolve(yaml.MappingNode, None, (True, True)) == plain.resolve(yaml.MappingNode, None, (True, True))


def test_keys_are_one_object_per_name_across_files():
    first = parse("id: 1\ntitle: 甲\nmeasures:\n- unit: 财政局\n  items: [一]\n".encode(), "a.yaml")[0]
    second = parse("id: 2\ntitle: 乙\nmeasures:\n- unit: 税务局\n  items: [二]\n".encode(), "b.yaml")[0]
    assert [k for k in first] == ["id", "title", "measures"] and first["measures"][0] == {"unit": "财政局", "items": ["一"]}
    assert all(a is b for a, b in zip(first, second))
    assert all(a is b for a, b in zip(first["measures"][0], second["measures"][0]))


def test_tricky_scalars_load_as_pyyaml_loads_them():
    text = "".join(f"k{i}: {v}\n" for i, v in enumerate(TRICKY) if v not in ("", "=", "<<", "!x", "&a", "*a"))
    assert parse(text.encode(), "t.yaml")[0] == yaml.load(text, Loader=yaml.CSafeLoader)


def test_forked_load_reports_schema_problems_at_their_lines(tmp_path, monkeypatch):
    from taskplan.store.load import load_plan

    sys.path.insert(0, str(BENCH))
    try:
        from synth import build_plan
    finally:
        sys.path.remove(str(BENCH))
    root = build_plan(tmp_path / "plan", n=40, seed=1)
    bad = root / "tasks" / "033.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("section: ", "sektion: "), encoding="utf-8")
    monkeypatch.setattr(parallel, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setenv("TASKPLAN_NO_CACHE", "1")
    forked = load_plan(root)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_FILES", 10**9)
    serial = load_plan(root)
    expected = ['tasks/033.yaml:2:1: error TP101 missing required field "section"; add it',
                'tasks/033.yaml:3:1: error TP102 unknown field "sektion" (did you mean section?)']
    assert sorted(f.format() for f in forked.problems) == sorted(f.format() for f in serial.problems) == expected
    assert [t.id for t in forked.records] == [t.id for t in serial.records] == [i for i in range(1, 41) if i != 33]


def test_a_file_deleted_after_listing_is_reported_not_raised(tmp_path):
    (tmp_path / "tasks").mkdir()
    (tmp_path / "tasks" / "001.yaml").write_text("id: 1\n", encoding="utf-8")
    out = parallel.parse_files(str(tmp_path), ["tasks/001.yaml", "tasks/002.yaml"], min_files=10**9)
    assert out[0] == ({"id": 1}, [], False)
    assert out[1][0] is None
    assert [f.format() for f in out[1][1]] == ["tasks/002.yaml:0:0: error TP104 tasks/002.yaml disappeared while loading"]


def test_a_read_only_cache_is_not_filled(mini):
    from taskplan.store.cache import ParseCache, digest_of
    from taskplan.store.load import load_plan

    load_plan(mini, use_cache="read")
    cache = ParseCache(mini, read_only=True)
    st = os.stat(mini / "tasks" / "001.yaml")
    cache.put("tasks/001.yaml", st, digest_of(b"id: 1"), {"id": 1}, [], True)
    assert all(shard == {} for shard in cache.index.all()) and not cache.index.dirty and not cache.data.dirty

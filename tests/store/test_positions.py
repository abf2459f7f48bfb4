"""Key path → line:column from the C parser's node marks, exactly where ruamel's round trip put them."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from taskplan.store.positions import locate_in, position_map

ROOT = Path(__file__).resolve().parents[2]

TEXT = """\
# 任务 1
id: 1
section: 1
title: 标题,半角(测试);全角，（测试）；
lead: [财政局, 财正局]
responsible:
  - 各镇(街道)
  - '发改局'
measures:
  - unit: 发改局
    items:
      - "引号里的:半角"
      - 全角：冒号。
empty: []
nested:
  deeper: {a: 1, b: [x, y]}
"""


@pytest.mark.parametrize("loc, key, expected", [
    ((), False, (2, 1)),
    (("id",), False, (2, 5)),
    (("title",), False, (4, 8)),
    (("title",), True, (4, 1)),
    (("lead",), False, (5, 7)),  # a flow list: its bracket
    (("lead", 1), False, (5, 13)),  # each item of a flow list: its own column, CJK counted as one
    (("responsible",), False, (6, 1)),  # a block list: its key
    (("responsible", 1), False, (8, 5)),
    (("measures", 0), False, (10, 5)),
    (("measures", 0, "unit"), False, (10, 11)),
    (("measures", 0, "items", 0), False, (12, 9)),
    (("measures", 0, "items", 1), False, (13, 9)),
    (("measures", 0, "items", 7), False, (11, 5)),  # no such item: the list's key
    (("measures", 3), False, (9, 1)),
    (("missing",), False, (2, 1)),  # a missing field: the mapping that lacks it
    (("measures", 0, "nope"), False, (10, 5)),
    (("empty",), False, (14, 8)),
    (("nested", "deeper"), False, (16, 11)),
    (("nested", "deeper", "b", 1), False, (16, 25)),
])
def test_positions(loc, key, expected):
    assert locate_in(position_map(TEXT), loc, key=key) == expected


def test_unreadable_text_points_at_the_start():
    assert position_map("a: [\n") is None
    assert locate_in(None, ("a",)) == (1, 1)
    assert locate_in(position_map("just text\n"), ("a",)) == (1, 1)


def ruamel_locate(node, loc, key=False):
    """The round-trip positions taskplan used before (an independent implementation to compare with)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if node is None or not hasattr(node, "lc"):
        return 1, 1
    pos = (node.lc.line + 1, node.lc.col + 1)
    for i, step in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(node, CommentedMap) and step in node:
            k_line, k_col = node.lc.key(step)
            v_line, v_col = node.lc.value(step)
            child = node[step]
            if last and key:
                return k_line + 1, k_col + 1
            if isinstance(child, (CommentedMap, CommentedSeq)) and not last:
                pos = (k_line + 1, k_col + 1)
            elif isinstance(child, CommentedSeq) and child.fa.flow_style() is False:
                pos = (k_line + 1, k_col + 1)
            else:
                pos = (v_line + 1, v_col + 1)
            node = child
        elif isinstance(node, CommentedSeq) and isinstance(step, int) and 0 <= step < len(node):
            line, col = node.lc.item(step)
            pos = (line + 1, col + 1)
            node = node[step]
        else:
            break
    return pos


def paths_of(data, prefix=()):
    yield prefix
    if isinstance(data, dict):
        for k, v in data.items():
            yield from paths_of(v, prefix + (k,))
        yield prefix + ("missing",)
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from paths_of(v, prefix + (i,))
        yield prefix + (len(data),)


FILES = sorted([*(ROOT / "tests/fixtures").glob("[!h]*/*.yaml"), *(ROOT / "tests/fixtures").glob("*/tasks/*.yaml"),
                *sorted((ROOT / "tasks").glob("*.yaml"))[:12]])


def test_the_same_positions_as_the_round_trip_parser_on_real_records():
    from ruamel.yaml import YAML

    compared = 0
    for path in FILES:
        text = path.read_text(encoding="utf-8-sig")
        ours = position_map(text)
        theirs = YAML(typ="rt", pure=True).load(text)
        for loc in paths_of(yaml.safe_load(text)):
            for key in (False, True):
                assert locate_in(ours, loc, key=key) == ruamel_locate(theirs, loc, key=key), (path, loc, key)
                compared += 1
    assert compared > 1000


def test_ruamel_stays_out_of_a_check_with_findings(make_plan):
    root = make_plan({"tasks/002.yaml": "id: 2\nsection: 9\ntitle: 标题。。\nlead: [财正局]\nbogus: 1\n"})
    probe = (
        "import sys\n"
        "from taskplan.cli.app import main\n"
        f"code = main(['-C', {str(root)!r}, 'check'])\n"
        "print(code, sorted(m for m in sys.modules if m.startswith('ruamel')))\n"
    )
    env = dict(os.environ, TASKPLAN_NO_CACHE="1")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env).stdout
    assert "tasks/002.yaml:5:1: error TP102" in out
    assert out.splitlines()[-1] == "1 []"


def test_an_alias_bomb_is_mapped_in_linear_time():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9))
    positions = position_map(bomb)
    assert len(positions) < 200
    assert locate_in(positions, ("j", 0)) == (9, 4)  # an alias item is its anchored node


# -- positions built in the parse itself (Marks), for check: the same map, no second pass ----------------

MARKS_TEXTS = [
    TEXT,
    "id: 2\nlead: [财政局，发改局]\n2020-01-01: 日期键\n3: 整数键\nyes: 布尔键\n",
    "id: 3\ntitle: x\nmeasures:\n- unit: a\n  items: [一, 二]\n- - 嵌套\n  - 列表\n",
    "# taskplan: disable=TP401\nid: 4\ntitle: 标题。。\n",
    "- 顶层\n- 列表\n",
]


@pytest.mark.parametrize("text", MARKS_TEXTS)
def test_marks_from_the_parse_give_the_same_map_as_a_second_pass(text):
    from taskplan.store.positions import marks_of, positions_of
    from taskplan.store.yamlio import parse

    got = []
    try:
        parse(text.encode("utf-8"), "t.yaml", on_node=lambda node, source: got.append(marks_of(node, source)))
    except Exception:  # noqa: BLE001 - a top-level list is not a record: the marks came before that verdict
        pass
    assert len(got) == 1
    assert positions_of(got[0]) == position_map(text)
    assert got[0].directives == ("taskplan:" in text)


def test_files_of_one_structure_share_one_shape():
    from taskplan.store.positions import marks_of
    from taskplan.store.yamlio import compose

    a = marks_of(compose(TEXT), TEXT)
    b = marks_of(compose("# 多一行\n" + TEXT), TEXT)
    assert a.shape is b.shape and a.numbers != b.numbers


def test_a_file_that_does_not_parse_has_no_marks(tmp_path):
    from taskplan.store.parallel import parse_files_with

    (tmp_path / "a.yaml").write_text("id: 1\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("id: [1\n", encoding="utf-8")
    marks: list = []
    results, _ = parse_files_with(str(tmp_path), ["a.yaml", "b.yaml", "gone.yaml"], marks=marks)
    assert [m is not None for m in marks] == [True, False, False]
    assert [r[0] for r in results] == [{"id": 1}, None, None]


def test_both_processes_return_their_marks(tmp_path, monkeypatch):
    from taskplan.store import parallel
    from taskplan.store.parallel import parse_files_with
    from taskplan.store.positions import positions_of

    monkeypatch.setattr(parallel, "_cpus", lambda: 2)  # fork even on a one-CPU runner
    rels = []
    for i in range(40):
        rel = f"{i:03d}.yaml"
        # a broken file in each half: no marks, and the files after it keep theirs (the child packs them)
        body = "id: [1\n" if i in (7, 33) else f"id: {i}\n" + "\n" * i + ("taskplan: x\n" if i == 35 else "") + "title: 标题\n"
        (tmp_path / rel).write_text(body, encoding="utf-8")
        rels.append(rel)
    marks: list = []
    parse_files_with(str(tmp_path), rels, min_files=2, marks=marks)
    assert [positions_of(m)[("title",)][1] if m else None for m in marks] == [
        None if i in (7, 33) else (2 + i + (i == 35), 1) for i in range(40)]
    assert [i for i, m in enumerate(marks) if m and m.directives] == [35]


def test_packed_marks_unpack_to_the_same_marks():
    from taskplan.store.positions import marks_of, pack_marks, unpack_marks
    from taskplan.store.yamlio import compose

    texts = [TEXT, "a: [1, 2]\nb:\n  c: 甲\n", "# taskplan: disable=TP401\nx: 1\n"]
    marks = [marks_of(compose(t), t) for t in texts]
    marks.insert(1, None)
    assert unpack_marks(pack_marks(marks)) == marks
    assert unpack_marks(pack_marks([])) == []

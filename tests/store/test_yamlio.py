"""The fast loader: every kind of bad file becomes one finding with a line, both with and without libyaml."""
import pytest

from taskplan.store import yamlio
from taskplan.store.yamlio import ParseProblem, parse

BOTH = pytest.mark.parametrize("force_python", [False, True], ids=["libyaml", "pure"])


def problem(raw: bytes, force_python: bool) -> str:
    with pytest.raises(ParseProblem) as info:
        parse(raw, "tasks/001.yaml", force_python=force_python)
    return info.value.finding.format()


@BOTH
def test_valid_file_keeps_chinese_and_dates(force_python):
    data, warnings = parse("id: 1\ntitle: 全面落实\nd: 2020-07-24\n".encode(), "t.yaml", force_python=force_python)
    assert str(data["d"]) == "2020-07-24"
    assert data["title"] == "全面落实"
    assert warnings == []


@BOTH
def test_duplicate_key(force_python):
    assert problem(b"id: 1\nsection: 2\nid: 3\n", force_python) == (
        'tasks/001.yaml:3:1: error TP004 duplicate key "id" (first defined on line 1); keep one of them'
    )


@BOTH
def test_duplicate_key_nested(force_python):
    raw = "measures:\n  - unit: 财政局\n    unit: 发改局\n".encode()
    assert problem(raw, force_python) == (
        'tasks/001.yaml:3:5: error TP004 duplicate key "unit" (first defined on line 2); keep one of them'
    )


@BOTH
def test_gbk_file(force_python):
    raw = "id: 1\ntitle: 全面落实积极财政政策\n".encode("gbk")
    # GBK's first two bytes (\xc8\xab) happen to be valid UTF-8; the first invalid byte is in column 9
    assert problem(raw, force_python) == (
        "tasks/001.yaml:2:9: error TP002 file is not UTF-8 (it looks like GBK/GB18030); re-save it as UTF-8"
    )


@BOTH
def test_bom_is_a_warning(force_python):
    data, warnings = parse(b"\xef\xbb\xbfid: 1\n", "t.yaml", force_python=force_python)
    assert data == {"id": 1}
    assert [w.format() for w in warnings] == [
        "t.yaml:1:1: warning TP003 file starts with a UTF-8 byte order mark; save it as UTF-8 without BOM"
    ]


@BOTH
def test_alias_bomb_rejected_before_walking(force_python):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    bomb += "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
    assert problem(bomb.encode(), force_python) == (
        "tasks/001.yaml:1:4: error TP005 YAML anchors and aliases (&name, *name) are not allowed in records; write the value out"
    )


@BOTH
def test_star_and_ampersand_in_text_are_fine(force_python):
    data, _ = parse("title: A&B *重点* 工作\n".encode(), "t.yaml", force_python=force_python)
    assert data == {"title": "A&B *重点* 工作"}


@BOTH
def test_bad_date_has_a_line(force_python):
    assert problem(b"id: 1\ndate: 2020-13-01\n", force_python) == (
        "tasks/001.yaml:2:7: error TP001 invalid date '2020-13-01' (month must be in 1..12); write YYYY-MM-DD"
    )


@BOTH
def test_syntax_error(force_python):
    # libyaml and the pure-Python parser word the problem differently; the position is the same
    wording = "expected ',' or ']', but got '<stream end>'" if force_python else "did not find expected ',' or ']'"
    assert problem(b"id: 1\nlead: [a, b\n", force_python) == f"tasks/001.yaml:3:1: error TP001 YAML syntax: {wording}"


@BOTH
@pytest.mark.parametrize("raw", [b"", b"\n\n", b"   \n"])
def test_empty(raw, force_python):
    assert problem(raw, force_python) == "tasks/001.yaml:1:1: error TP006 file is empty; write the record or delete the file"


@BOTH
def test_not_a_mapping(force_python):
    assert problem(b"- 1\n- 2\n", force_python) == (
        "tasks/001.yaml:1:1: error TP008 expected a mapping of fields (key: value), found list"
    )


def test_huge_file(monkeypatch):
    raw = b"title: " + b"x" * (yamlio.MAX_FILE_BYTES) + b"\n"
    assert problem(raw, False) == (
        f"tasks/001.yaml:1:1: error TP007 file is {len(raw):,} bytes; record files are limited to 1,048,576 bytes"
    )


@BOTH
def test_deep_nesting_is_reported_not_crashing(force_python):
    raw = b"a: " + b"[" * 5000 + b"]" * 5000 + b"\n"
    text = problem(raw, force_python)
    assert text.startswith("tasks/001.yaml:") and " error TP001 " in text

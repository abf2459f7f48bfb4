"""Findings are placed only after the config keeps them, one position map per file, never kept."""
from taskplan.check import locate
from taskplan.check.config import CheckConfig
from taskplan.check.engine import check_plan

BAD = {
    "tasks/001.yaml": "id: 1\nsection: 1\ntitle: 标题。。\nlead: [财正局]\n",
    "tasks/002.yaml": "id: 2\nsection: 2\ntitle: 标题，，（全角）\nlead: [市场监督管理局, 财正局]\n",
}


def mapped(monkeypatch):
    calls = []
    real = locate.position_map

    def counting(text):
        calls.append(text.split("\n", 1)[0])
        return real(text)

    monkeypatch.setattr(locate, "position_map", counting)
    return calls


def test_ignored_findings_are_never_placed(make_plan, monkeypatch):
    root = make_plan(BAD)
    calls = mapped(monkeypatch)
    result = check_plan(root, CheckConfig(select=["TP"], ignore=["TP2", "TP4"]), use_cache=False)
    assert [f.code for f in result.findings if f.path.startswith("tasks/")] == []
    assert [c for c in calls if c.startswith("id:")] == []  # units.yaml keeps findings of its own


def test_findings_are_placed_with_the_positions_of_the_one_parse(make_plan, monkeypatch):
    """Without a cache every task file is parsed in this run: its positions come with that parse."""
    root = make_plan(BAD)
    calls = mapped(monkeypatch)
    result = check_plan(root, CheckConfig(select=["TP201", "TP401"]), use_cache=False)
    assert [f.format() for f in result.findings] == [
        'tasks/001.yaml:3:10: warning TP401 doubled punctuation "。。" in title',
        'tasks/001.yaml:4:8: error TP201 unknown unit "财正局" (did you mean 财政局?)',
        'tasks/002.yaml:3:10: warning TP401 doubled punctuation "，，" in title',
        'tasks/002.yaml:4:17: error TP201 unknown unit "财正局" (did you mean 财政局?)',
    ]
    assert calls == []  # no file is parsed a second time


def test_a_file_read_from_the_parse_cache_is_mapped_once(make_plan, monkeypatch):
    root = make_plan(BAD)
    from taskplan.store.load import load_plan

    monkeypatch.delenv("TASKPLAN_NO_CACHE", raising=False)
    load_plan(root)  # fills the parse cache: check's load parses nothing, so no positions come with it
    calls = mapped(monkeypatch)
    result = check_plan(root, CheckConfig(select=["TP201", "TP401"]), use_cache=True)
    assert [f.format() for f in result.findings] == [
        'tasks/001.yaml:3:10: warning TP401 doubled punctuation "。。" in title',
        'tasks/001.yaml:4:8: error TP201 unknown unit "财正局" (did you mean 财政局?)',
        'tasks/002.yaml:3:10: warning TP401 doubled punctuation "，，" in title',
        'tasks/002.yaml:4:17: error TP201 unknown unit "财正局" (did you mean 财政局?)',
    ]
    assert sorted(calls) == ["id: 1", "id: 2"]


def test_a_file_disabled_inline_is_not_mapped(make_plan, monkeypatch):
    root = make_plan({"tasks/001.yaml": "# taskplan: disable=TP201,TP401\n" + BAD["tasks/001.yaml"]})
    calls = mapped(monkeypatch)
    assert check_plan(root, CheckConfig(select=["TP201", "TP401"]), use_cache=False).findings == []
    assert calls == []

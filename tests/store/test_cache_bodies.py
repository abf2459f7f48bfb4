"""The cache keeps measures apart and reads them only when asked; answers never change."""
import pytest

from taskplan.store.cache import CACHE_DIR
from taskplan.store.load import load_plan
from taskplan.store.records import TaskRecord


@pytest.fixture(autouse=True)
def cache_on(monkeypatch):
    monkeypatch.delenv("TASKPLAN_NO_CACHE", raising=False)


def snapshot(loaded):
    return [(t.id, t.title, t.lead, t.responsible, [(m.unit, m.items) for m in t.measures]) for t in loaded.tasks]


def test_warm_load_equals_cold_load_without_reading_bodies(mini):
    cold = load_plan(mini)
    assert (mini / CACHE_DIR / "bodies.pickle").is_file()
    warm = load_plan(mini)
    records = warm.records
    assert all(isinstance(r, TaskRecord) and r._body is not None for r in records)  # measures not read yet
    assert [(r.id, r.title, r.lead) for r in records] == [(1, "今年赤字率拟按3.6%以上安排。", ["财政局", "发改局"]),
                                                         (2, "稳健的货币政策要更加灵活适度。", ["市场监督管理局"])]
    assert snapshot(warm) == snapshot(cold)
    assert records[0].measures[1].items == ["积极争取上级转移支付和资金。", "用足用好上级政策。"]


def test_lost_bodies_file_falls_back_to_the_source(mini):
    load_plan(mini)
    (mini / CACHE_DIR / "bodies.pickle").unlink()
    warm = load_plan(mini)
    assert [m.unit for m in warm.records[0].measures] == ["发改局", "财政局"]


def test_stale_body_is_never_used(mini):
    load_plan(mini)
    import pickle

    path = mini / CACHE_DIR / "bodies.pickle"
    payload = pickle.loads(path.read_bytes())
    stamp, _ = payload["entries"]["tasks/001.yaml"]
    payload["entries"]["tasks/001.yaml"] = ((0, 0, 0), [{"unit": "假", "items": ["假的"]}])
    path.write_bytes(pickle.dumps(payload))
    assert [m.unit for m in load_plan(mini).records[0].measures] == ["发改局", "财政局"]


def test_edited_measures_are_seen(mini):
    load_plan(mini)
    task = mini / "tasks" / "001.yaml"
    task.write_text(task.read_text(encoding="utf-8").replace("用足用好上级政策。", "用足用好上级政策,争取更多资金。"), encoding="utf-8")
    loaded = load_plan(mini)
    assert loaded.records[0].measures[1].items[1] == "用足用好上级政策,争取更多资金。"
    assert load_plan(mini).records[0].measures[1].items[1] == "用足用好上级政策,争取更多资金。"


def test_invalid_measures_reported_from_cache_too(mini):
    task = mini / "tasks" / "002.yaml"
    task.write_text(task.read_text(encoding="utf-8").replace("    items:\n      - 6月末完成摸底。\n", "    items: []\n"),
                    encoding="utf-8")
    first = [f.format() for f in load_plan(mini).problems]
    assert first == ['tasks/002.yaml:8:12: error TP103 "measures[0].items": List should have at least 1 item after '
                     "validation, not 0, got list"]
    assert [f.format() for f in load_plan(mini).problems] == first  # second run: lean data from the cache

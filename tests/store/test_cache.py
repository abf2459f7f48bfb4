"""The parse cache: where it lives, why nothing planted in it runs, and that it never changes an answer."""
import datetime as dt
import os
import pickle
import re
import stat

import pytest

from taskplan.store import cache as cache_mod
from taskplan.store.cache import ParseCache, plan_cache_dir, read_shard, write_shard
from taskplan.store.load import load_plan
from taskplan.store.records import TaskRecord


@pytest.fixture(autouse=True)
def cache_on(monkeypatch):
    monkeypatch.delenv("TASKPLAN_NO_CACHE", raising=False)


@pytest.fixture
def trusted_stamps(monkeypatch):
    """Files written by the test a moment ago are trusted by their stat stamp (no racy window)."""
    monkeypatch.setattr(cache_mod, "RACY_NS", -10**12)


def snapshot(loaded):
    return [(t.id, t.title, t.lead, t.responsible, [(m.unit, m.items) for m in t.measures]) for t in loaded.tasks]


def shard_files(root):
    where, _ = plan_cache_dir(root)
    return sorted(p.name for p in where.iterdir())


# -- where ----------------------------------------------------------------------------------

def test_the_cache_lives_in_the_users_cache_directory_never_in_the_plan(mini, tmp_path, monkeypatch):
    home = tmp_path / "xdg"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    before = sorted(p.relative_to(mini) for p in mini.rglob("*"))
    load_plan(mini)
    assert sorted(p.relative_to(mini) for p in mini.rglob("*")) == before
    plans = list((home / "taskplan" / "plans").iterdir())
    assert len(plans) == 1 and plans[0] == plan_cache_dir(mini)[0]
    names = os.listdir(plans[0])
    assert all(re.fullmatch(r"(index|data|body)-[0-9a-f]{2}", n) for n in names), names
    assert {n.split("-")[0] for n in names} == {"index", "data", "body"}
    assert stat.S_IMODE((home / "taskplan").stat().st_mode) == 0o700
    assert stat.S_IMODE((home / "taskplan" / "secret").stat().st_mode) == 0o600
    assert len((home / "taskplan" / "secret").read_bytes()) == 32


def test_one_directory_per_real_plan_path(mini, tmp_path):
    link = tmp_path / "link-to-mini"
    link.symlink_to(mini)
    assert plan_cache_dir(link)[0] == plan_cache_dir(mini)[0]
    other = tmp_path / "other"
    other.mkdir()
    assert plan_cache_dir(other)[0] != plan_cache_dir(mini)[0]


def test_a_relative_xdg_cache_home_is_ignored(mini, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/dir")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert plan_cache_dir(mini)[0].is_relative_to(tmp_path / "home" / ".cache" / "taskplan")


def test_a_cache_directory_inside_the_plan_is_never_used(mini, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(mini / ".cache"))
    assert plan_cache_dir(mini) is None
    assert ParseCache(mini).disabled
    assert [t.id for t in load_plan(mini).tasks] == [1, 2]
    assert not (mini / ".cache").exists()


def test_a_cache_directory_others_can_write_is_not_used(mini, tmp_path, monkeypatch):
    home = tmp_path / "shared"
    (home / "taskplan").mkdir(parents=True)
    (home / "taskplan").chmod(0o777)
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    assert plan_cache_dir(mini) is None


def test_a_secret_others_can_read_is_not_used(mini, tmp_path, monkeypatch):
    home = tmp_path / "c"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    assert plan_cache_dir(mini) is not None
    (home / "taskplan" / "secret").chmod(0o644)
    assert plan_cache_dir(mini) is None


# -- nothing planted runs ----------------------------------------------------------------------

class Boom:
    """Unpickling this runs a command that leaves a marker file."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def evil_pickle(marker) -> bytes:
    return pickle.dumps({"format": 3, "entries": Boom(marker)})


def test_planted_pickles_and_forged_shards_never_run(mini, tmp_path, monkeypatch):
    marker = tmp_path / "PWNED"
    # every place the tool ever kept a cache: the old in-tree pickles …
    old = mini / ".taskplan-cache"
    old.mkdir()
    for name in ("parsed.pickle", "bodies.pickle"):
        (old / name).write_bytes(evil_pickle(marker))
    # … and the new shards, forged without the secret: a raw pickle, and one framed like ours with a wrong MAC
    where, secret = plan_cache_dir(mini)
    payload = pickle.dumps((ParseCache(mini).header, Boom(marker)))
    for name in [f"index-{n:02x}" for n in range(cache_mod.INDEX_SHARDS)] + \
                [f"{kind}-{n:02x}" for kind in ("data", "body") for n in range(cache_mod.DATA_SHARDS)]:
        (where / name).write_bytes(cache_mod.MAGIC + b"\0" * 32 + payload if name.startswith("d") else evil_pickle(marker))
    monkeypatch.delenv("TASKPLAN_NO_CACHE", raising=False)
    for args in (("list", "-f", "ids"), ("list", "--grep", "国债", "-f", "ids"), ("check",), ("show", "1"),
                 ("report", "-f", "md"), ("units",), ("stats",)):
        monkeypatch.delenv("TASKPLAN_NO_CACHE", raising=False)
        code = __import__("taskplan.cli.app", fromlist=["main"]).main(["-C", str(mini), *args])
        assert code in (0, 1)
        assert not marker.exists(), args


def test_a_shard_with_a_valid_mac_still_builds_data_only(mini, tmp_path):
    """Even someone holding the secret cannot make the cache run code: the unpickler builds data only."""
    marker = tmp_path / "PWNED"
    where, secret = plan_cache_dir(mini)
    header = ParseCache(mini).header
    label = where.name.encode() + b"/data-00"
    write_shard(where / "data-00", secret, label, header, {"x": Boom(marker)})
    assert read_shard(where / "data-00", secret, label, header) is None
    assert not marker.exists()
    import datetime

    value = {b"k": ({"id": 1, "due": datetime.date(2020, 6, 30), "at": datetime.datetime(2020, 1, 1, 8, tzinfo=datetime.timezone.utc)},
                    ((1, 2, "TP003", "warning", "m"),), True, False)}
    write_shard(where / "data-00", secret, label, header, value)
    assert read_shard(where / "data-00", secret, label, header) == value
    assert read_shard(where / "data-00", b"x" * 32, label, header) is None  # another user's secret
    assert read_shard(where / "data-00", secret, where.name.encode() + b"/data-01", header) is None  # moved shard


def test_a_shard_of_other_rules_is_a_miss(mini, monkeypatch):
    load_plan(mini)
    monkeypatch.setattr(cache_mod, "_parser_stamp", lambda: ("other rules",))
    cache = ParseCache(mini)
    assert all(shard == {} for shard in cache.index.all())


# -- answers never change ----------------------------------------------------------------------

def test_warm_load_equals_cold_load_without_reading_bodies(mini, trusted_stamps):
    cold = load_plan(mini)
    assert any(name.startswith("body-") for name in shard_files(mini))
    warm = load_plan(mini)
    records = warm.records
    assert all(isinstance(r, TaskRecord) and r._body is not None for r in records)  # measures not read yet
    assert [(r.id, r.title, r.lead) for r in records] == [(1, "今年赤字率拟按3.6%以上安排。", ["财政局", "发改局"]),
                                                         (2, "稳健的货币政策要更加灵活适度。", ["市场监督管理局"])]
    assert snapshot(warm) == snapshot(cold)
    assert records[0].measures[1].items == ["积极争取上级转移支付和资金。", "用足用好上级政策。"]


def test_shared_makes_equal_strings_and_dates_one_object_in_copied_containers():
    a, b = "".join(["财", "政局"]), "".join(["财政", "局"])
    day1, day2 = dt.date.fromisoformat("2021-01-15"), dt.date.fromisoformat("2021-01-15")
    assert a == b and a is not b and day1 is not day2
    moment = dt.datetime(2021, 1, 15, 8, 30)
    value = {"lead": [a, b], "deadlines": [{"date": day1, "text": "1月15日前"}, {"date": day2, "at": moment}],
             "entry": (a, 3, b"\x01", None, True), "measures": None}
    out = cache_mod.shared(value, {})
    assert out == value
    assert out["lead"][0] is out["lead"][1] is out["entry"][0] is a
    assert out["deadlines"][0]["date"] is out["deadlines"][1]["date"]
    assert out["deadlines"][1]["at"] is moment  # any other kind of object is kept as it is
    assert type(out["entry"]) is tuple and out["entry"][2] == b"\x01"
    # the containers are copies: the data the caller holds is not touched
    assert out is not value and out["lead"] is not value["lead"] and out["deadlines"][1] is not value["deadlines"][1]
    assert value["lead"][1] is b


def test_a_warm_load_reads_each_repeated_string_once_per_shard(make_plan, trusted_stamps):
    n = 3 * cache_mod.DATA_SHARDS  # more tasks than shards: many share a shard
    files = {f"tasks/{i:03d}.yaml": f"id: {i}\nsection: 1\ntitle: 任务{i}\nlead: [财政局]\nresponsible: [各镇(街道)]\n"
             f"measures:\n  - unit: 发改局\n    items: [做好项目储备。]\n" for i in range(1, n + 1)}
    plan = make_plan({"tasks/001.yaml": None, "tasks/002.yaml": None, **files})
    cold = load_plan(plan)
    assert len({id(r.lead[0]) for r in cold.records}) == n  # as parsed: one string per file
    warm = load_plan(plan)
    assert [(r.id, r.lead, r.responsible) for r in warm.records] == [(r.id, r.lead, r.responsible) for r in cold.records]
    assert snapshot(warm) == snapshot(cold)
    for pick in (lambda r: r.lead[0], lambda r: r.responsible[0], lambda r: r.measures[0].unit, lambda r: r.measures[0].items[0]):
        assert len({id(pick(r)) for r in warm.records}) <= cache_mod.DATA_SHARDS


def test_a_load_keeps_no_stamps_or_entries_only_the_bodies_it_may_still_read(mini, trusted_stamps):
    load_plan(mini)
    warm = load_plan(mini)
    cache = warm.records[0]._body.func.__self__  # the parse cache the record's measures come from
    assert isinstance(cache, ParseCache)
    assert cache.index.loaded == {} and cache.data.loaded == {}
    assert [m.unit for m in warm.records[0].measures] == ["发改局", "财政局"]
    assert warm.records[1].measures[0].items == load_plan(mini, use_cache=False).records[1].measures[0].items


def test_keys_keep_the_files_order_when_measures_come_from_a_body_shard(mini, trusted_stamps):
    task = mini / "tasks" / "001.yaml"
    task.write_text(task.read_text(encoding="utf-8") + "status: 推进中\n", encoding="utf-8")
    load_plan(mini)
    warm = load_plan(mini).records[0]
    assert warm._body is not None
    expected = ("id", "section", "title", "lead", "responsible", "measures", "status")
    assert warm.keys == expected
    assert tuple(warm.data) == expected


def test_lost_body_shards_fall_back_to_the_source(mini, trusted_stamps):
    load_plan(mini)
    where, _ = plan_cache_dir(mini)
    for p in where.glob("body-*"):
        p.unlink()
    warm = load_plan(mini)
    assert [m.unit for m in warm.records[0].measures] == ["发改局", "财政局"]


def test_same_size_edit_with_the_old_mtime_is_seen(mini, trusted_stamps):
    assert load_plan(mini).task(2).title == "稳健的货币政策要更加灵活适度。"
    path = mini / "tasks/002.yaml"
    text = path.read_text(encoding="utf-8")
    st = path.stat()
    new = path.with_name("tmp.yaml")
    new.write_text(text.replace("稳健", "积极"), encoding="utf-8")
    os.utime(new, ns=(st.st_atime_ns, st.st_mtime_ns))
    os.replace(new, path)
    assert load_plan(mini).task(2).title == "积极的货币政策要更加灵活适度。"


def test_a_recent_file_is_read_not_trusted_by_its_stamp(mini):
    """Within the racy window even an in-place same-size edit in the same clock tick is seen."""
    load_plan(mini)
    cache = ParseCache(mini)
    assert cache.index.get("tasks/001.yaml")[0] is None  # just written by the fixture: no stamp kept
    path = mini / "tasks/002.yaml"
    st = path.stat()
    text = path.read_text(encoding="utf-8")
    with open(path, "r+", encoding="utf-8") as fh:  # same inode, same size
        fh.write(text.replace("稳健", "积极"))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert load_plan(mini).task(2).title == "积极的货币政策要更加灵活适度。"


def test_switching_branches_and_back_is_a_hit(mini, trusted_stamps, monkeypatch):
    path = mini / "tasks/002.yaml"
    a = path.read_bytes()
    b = a.replace("稳健".encode(), "积极".encode())
    load_plan(mini)
    path.write_bytes(b)
    load_plan(mini)
    path.write_bytes(a)  # back: a new stamp, the old bytes
    parsed = []
    from taskplan.store import parse as parse_mod

    real = parse_mod.parse_bytes
    monkeypatch.setattr("taskplan.store.parallel.parse_bytes", lambda raw, rel: parsed.append(rel) or real(raw, rel))
    monkeypatch.setattr("taskplan.store.load.parse_bytes", lambda raw, rel: parsed.append(rel) or real(raw, rel))
    assert load_plan(mini).task(2).title == "稳健的货币政策要更加灵活适度。"
    assert parsed == []


def test_a_one_file_change_rewrites_only_its_shards(mini, trusted_stamps):
    load_plan(mini)
    where, _ = plan_cache_dir(mini)
    before = {p.name: p.stat().st_mtime_ns for p in where.iterdir()}
    path = mini / "tasks/002.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("稳健", "积极"), encoding="utf-8")
    load_plan(mini)
    after = {p.name: p.stat().st_mtime_ns for p in where.iterdir()}
    changed = sorted(name for name in after if after[name] != before.get(name))
    kinds = sorted(name.split("-")[0] for name in changed)
    assert kinds == ["body", "data", "index"], changed


def test_old_entries_are_bounded(mini, trusted_stamps):
    path = mini / "tasks/002.yaml"
    text = path.read_text(encoding="utf-8")
    for n in range(60):
        path.write_text(text.replace("稳健", f"稳健{n}"), encoding="utf-8")
        load_plan(mini)
    cache = ParseCache(mini)
    total = sum(len(shard) for shard in cache.data.all())
    assert total <= 4 + 16 * 4  # the live files, and at most 16 old entries in each shard that was written


def test_findings_are_kept_per_content_and_given_the_files_path(mini, trusted_stamps):
    (mini / "tasks/002.yaml").write_text("id: 2\nid: 2\n", encoding="utf-8")
    expected = ['tasks/002.yaml:2:1: error TP004 duplicate key "id" (first defined on line 1); keep one of them']
    assert [f.format() for f in load_plan(mini).problems] == expected
    assert [f.format() for f in load_plan(mini).problems] == expected
    (mini / "tasks/002.yaml").rename(mini / "tasks/003.yaml")
    assert [f.format() for f in load_plan(mini).problems] == [expected[0].replace("002", "003")]


def test_a_read_only_cache_writes_nothing(mini):
    load_plan(mini, use_cache="read")
    where, _ = plan_cache_dir(mini)
    assert sorted(os.listdir(where)) == []


def test_no_cache_env_reads_and_writes_nothing(mini, monkeypatch):
    monkeypatch.setenv("TASKPLAN_NO_CACHE", "1")
    load_plan(mini)
    monkeypatch.delenv("TASKPLAN_NO_CACHE")
    where, _ = plan_cache_dir(mini)
    assert os.listdir(where) == []


def test_a_warm_finding_keeps_its_translation_and_its_shard_stays_readable(mini, trusted_stamps):
    """The data-only unpickler builds no taskplan class: a finding's message is kept as plain data
    (template and values), so the shard loads and a warm run speaks the user's language as a cold one."""
    from taskplan import i18n

    (mini / "tasks/002.yaml").write_text("id: 2\nid: 2\n", encoding="utf-8")
    cold = load_plan(mini).problems
    where, secret = plan_cache_dir(mini)
    cache = ParseCache(mini)
    assert all(shard is not None for shard in (
        read_shard(where / name, secret, cache.label(name), cache.header) for name in shard_files(mini)))
    warm = load_plan(mini).problems
    assert [f.message.template for f in warm] == [f.message.template for f in cold] == [
        'duplicate key "{exc_key}" (first defined on line {exc_first_line}); keep one of them']
    before = i18n.current()
    try:
        for language, text in (("zh", "键“id”重复（第一次在第 1 行）；只保留一个"),
                               ("en", 'duplicate key "id" (first defined on line 1); keep one of them')):
            i18n.set_language(language)
            assert [i18n.translate(f.message) for f in warm] == [i18n.translate(f.message) for f in cold] == [text]
    finally:
        i18n.set_language(before)


def test_message_data_round_trips_nested_messages():
    from taskplan.i18n import M_, Message, NotPlain, message_data, message_of

    message = M_("{a} and {b}", a=M_("x {n}", n=3), b="plain")
    data = message_data(message)
    assert pickle.loads(pickle.dumps(data)) == data == {"t": "{a} and {b}", "v": (("a", {"t": "x {n}", "v": (("n", 3),)}), ("b", "plain"))}
    again = message_of(data)
    assert isinstance(again, Message) and again == "x 3 and plain" and again.values["a"].template == "x {n}"
    assert message_of("just text") == "just text"
    with pytest.raises(NotPlain):
        message_data(M_("{path}", path=object()))


def test_a_finding_that_is_not_plain_data_is_not_cached(mini, trusted_stamps, monkeypatch):
    from taskplan.findings import Finding
    from taskplan.i18n import M_

    cache = ParseCache(mini)
    stat = (mini / "tasks/001.yaml").stat()
    cache.put("tasks/001.yaml", stat, b"d" * 32, {"id": 1}, [Finding("tasks/001.yaml", 1, 1, "TP001", "error", M_("{x}", x=object()))], True)
    assert cache.data.get(b"d" * 32) is None


def test_deferred_puts_wait_for_the_save(mini, monkeypatch):
    """After defer(), put and set_valid touch no shard; save() does them in order, then writes."""
    import os as os_

    from taskplan.store.cache import ParseCache, digest_of

    monkeypatch.delenv("TASKPLAN_NO_CACHE", raising=False)
    cache = ParseCache(mini)
    cache.defer()
    st = os_.stat(mini / "tasks" / "001.yaml")
    digest = digest_of(b"id: 1")
    cache.put("tasks/001.yaml", st, digest, {"id": 1, "title": "第一项（全角）,半角"}, [], False)
    cache.set_valid(digest)
    assert cache.pending and not cache.data.dirty and not cache.index.dirty and cache.data.get(digest) is None
    cache.save()
    assert cache.pending is None
    entry = ParseCache(mini).by_content("tasks/001.yaml", st, digest)
    assert entry.data == {"id": 1, "title": "第一项（全角）,半角"} and entry.valid is True

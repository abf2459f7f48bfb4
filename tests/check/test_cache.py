"""check's own cache (check/cache.py): per-file rule results and places, never a different answer, never a way in."""
from __future__ import annotations

import dataclasses
import os
import pickle
from pathlib import Path

import pytest

from taskplan.check import cache as results_mod
from taskplan.check import engine
from taskplan.check.cache import KEPT_FIX, ResultCache, decode, encode
from taskplan.check.config import CheckConfig
from taskplan.check.engine import check_plan
from taskplan.check.rule import REGISTRY
from taskplan.cli.app import main
from taskplan.findings import Finding
from taskplan.i18n import M_, Message
from taskplan.store import cache as store_cache
from taskplan.store.cache import MAGIC, digest_of, plan_cache_dir, read_shard, write_shard

# per-file findings (TP401 。。, TP201 unknown unit, TP202 spelling with a fix, TP402 white space with a fix,
# TP304 unknown section) and cross-file ones (TP207 a measure in two tasks, TP505 an unused unit)
PLAN = {
    "tasks/001.yaml": """\
        id: 1
        section: 1
        title: 今年赤字率拟按3.6%以上安排。。
        lead: [财政局, 财正局]
        responsible: [各镇(街道)]
        measures:
          - unit: 财政局
            items:
              - 积极争取上级转移支付和资金，用足用好上级政策。
        """,
    "tasks/002.yaml": """\
        id: 2
        section: 2
        title: '稳健的货币政策要更加灵活适度。 '
        lead: [市场监督管理局]
        responsible: []
        measures:
          - unit: null
            items:
              - 积极争取上级转移支付和资金，用足用好上级政策。
        """,
    "tasks/003.yaml": """\
        id: 3
        section: 2
        title: 保持流动性合理充裕（全角）
        lead: [发展改革局]
        measures:
          - unit: 发展改革局
            items:
              - 6月末完成摸底。
        """,
}


@pytest.fixture(autouse=True)
def cache_on(monkeypatch, tmp_path):
    monkeypatch.delenv("TASKPLAN_NO_CACHE", raising=False)
    monkeypatch.chdir(tmp_path)  # findings are shown relative to here: plan/tasks/…


def run(root: Path, capsys, *args: str, cache: bool = True) -> tuple[int, str]:
    """The CLI's exit code and output, with the cache (the suite's cli fixture turns it off) or without."""
    os.environ.pop("TASKPLAN_NO_CACHE", None)
    capsys.readouterr()
    code = main(["-C", str(root), *([] if cache else ["--no-cache"]), "check", "--as-of", "2020-12-01", *args])
    return code, capsys.readouterr().out


def same_as_no_cache(root: Path, capsys, *args: str) -> str:
    """Run check warm (twice: the first may fill the cache) and cold; all three outputs must be equal."""
    first = run(root, capsys, *args)
    warm = run(root, capsys, *args)
    cold = run(root, capsys, *args, cache=False)
    assert first == warm == cold
    return warm[1]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def rule_runs(monkeypatch) -> list[list[str]]:
    """The task files a per-file rule (TP401) runs on, per check."""
    runs: list[list[str]] = []
    rule = REGISTRY["TP401"]
    assert rule.per_file

    def spy(ctx):
        runs.append(sorted(ctx.loaded.task_paths.values()))
        return rule.func(ctx)

    monkeypatch.setitem(REGISTRY, "TP401", dataclasses.replace(rule, func=spy))
    return runs


# -- answers never change ----------------------------------------------------------------------

def test_warm_check_equals_no_cache_after_editing_a_task_file(make_plan, capsys):
    root = make_plan(PLAN)
    before = same_as_no_cache(root, capsys)
    assert "plan/tasks/001.yaml:3:23: warning TP401" in before and "TP207" in before and "TP201" in before
    edit(root / "tasks/003.yaml", "保持流动性合理充裕（全角）", "保持流动性合理充裕，，")
    after = same_as_no_cache(root, capsys)
    assert "plan/tasks/003.yaml:3:17: warning TP401" in after and after != before
    edit(root / "tasks/001.yaml", "lead: [财政局, 财正局]", "lead: [财政局]")  # a finding gone, lines unchanged
    gone = same_as_no_cache(root, capsys)
    assert "TP201" not in gone


def test_warm_check_equals_no_cache_after_editing_units_yaml(make_plan, capsys):
    root = make_plan(PLAN)
    before = same_as_no_cache(root, capsys)
    assert 'plan/tasks/001.yaml:4:13: error TP201 unknown unit "财正局"' in before
    edit(root / "units.yaml", "    aliases: []\n", "    aliases: [财正局]\n")  # 财政局's first aliases line
    after = same_as_no_cache(root, capsys)
    assert "TP201" not in after and "财正局" in after  # now a registered alias: a spelling question at most


def test_warm_check_equals_no_cache_after_editing_plan_yaml(make_plan, capsys):
    root = make_plan(PLAN)
    before = same_as_no_cache(root, capsys)
    assert "TP304" not in before
    edit(root / "plan.yaml", "  - number: 2\n    title: 加大金融信贷支持力度\n", "")
    after = same_as_no_cache(root, capsys)
    assert "plan/tasks/002.yaml:2:10: error TP304" in after and "plan/tasks/003.yaml:2:10: error TP304" in after


def test_warm_check_equals_no_cache_after_editing_the_settings(make_plan, capsys):
    root = make_plan(PLAN)
    (root / ".taskplan.toml").write_text('[check]\nignore = ["TP401"]\n', encoding="utf-8")
    before = same_as_no_cache(root, capsys)
    assert "TP401" not in before
    (root / ".taskplan.toml").write_text('[check]\nignore = ["TP207"]\n[check.severity]\nTP401 = "error"\n', encoding="utf-8")
    after = same_as_no_cache(root, capsys)
    assert "plan/tasks/001.yaml:3:23: error TP401" in after and "TP207" not in after
    (root / ".taskplan.toml").write_text('[check.per-file-ignores]\n"tasks/001.yaml" = ["TP4"]\n', encoding="utf-8")
    last = same_as_no_cache(root, capsys)
    assert "plan/tasks/001.yaml:3:23" not in last and "TP207" in last
    # the command line's --select and --ignore too
    (root / ".taskplan.toml").unlink()
    assert "TP401" not in same_as_no_cache(root, capsys, "--ignore", "TP401")
    assert "TP401" in same_as_no_cache(root, capsys, "--select", "TP401")


def test_warm_check_equals_no_cache_for_an_inline_disable_and_every_format(make_plan, capsys):
    root = make_plan(PLAN)
    from taskplan.check.reporters import REPORTERS

    for fmt in REPORTERS:
        same_as_no_cache(root, capsys, "-f", fmt)
    edit(root / "tasks/001.yaml", "title: 今年赤字率拟按3.6%以上安排。。", "title: 今年赤字率拟按3.6%以上安排。。  # taskplan: disable=TP401")
    out = same_as_no_cache(root, capsys, "-f", "json")
    assert '"fixable": true' in out and "TP401" not in out


def test_the_as_of_day_is_part_of_the_key(make_plan, capsys):
    root = make_plan({"tasks/003.yaml": PLAN["tasks/003.yaml"].rstrip(" ") + "        status: 未启动\n        deadlines:\n          - date: 2020-06-30\n            text: 6月末完成摸底\n"})
    late = run(root, capsys)[1]
    assert "TP605" in late
    os.environ.pop("TASKPLAN_NO_CACHE", None)
    capsys.readouterr()
    main(["-C", str(root), "check", "--as-of", "2020-06-01"])
    early = capsys.readouterr().out
    assert "TP605" not in early
    assert run(root, capsys)[1] == late


def test_the_package_code_is_part_of_the_key(make_plan, monkeypatch):
    """A rule added or changed later (by anyone) changes the stamp: nothing computed by other code is reused."""
    root = make_plan(PLAN)
    check_plan(root, CheckConfig())
    runs = rule_runs(monkeypatch)
    check_plan(root, CheckConfig())
    assert runs == []  # the whole run was known: no rule ran
    stamp = results_mod.code_stamp()
    assert any(path.endswith(os.path.join("check", "rules", "text.py")) for path, *_ in stamp[2:])
    monkeypatch.setattr(results_mod, "code_stamp", lambda: stamp + (("check/rules/new.py", 1, 1),))
    check_plan(root, CheckConfig())
    assert runs[-1] == ["tasks/001.yaml", "tasks/002.yaml", "tasks/003.yaml"]


# -- only what changed is checked again --------------------------------------------------------

def test_editing_one_file_runs_the_per_file_rules_on_that_file_only(make_plan, monkeypatch):
    root = make_plan(PLAN)
    runs = rule_runs(monkeypatch)
    cold = check_plan(root, CheckConfig()).findings
    check_plan(root, CheckConfig())
    assert runs == [["tasks/001.yaml", "tasks/002.yaml", "tasks/003.yaml"]]  # the second run ran no rule at all
    edit(root / "tasks/002.yaml", "稳健的货币政策", "稳健的货币政策。。")
    edited = check_plan(root, CheckConfig()).findings
    assert runs[-1] == ["tasks/002.yaml"]
    assert edited == check_plan(root, CheckConfig(), use_cache=False).findings != cold
    edit(root / "units.yaml", "    aliases: []\n", "    aliases: [财正局]\n")
    check_plan(root, CheckConfig())
    assert runs[-1] == ["tasks/001.yaml", "tasks/002.yaml", "tasks/003.yaml"]  # units.yaml concerns every task


def test_an_unchanged_file_is_neither_read_nor_mapped_again(make_plan, monkeypatch):
    root = make_plan(PLAN)
    check_plan(root, CheckConfig())
    edit(root / "tasks/003.yaml", "6月末完成摸底。", "6月末完成摸底。。")  # the whole run is not known now
    from taskplan.check import context, locate

    mapped, read = [], []
    real_map = locate.position_map
    monkeypatch.setattr(locate, "position_map", lambda text: mapped.append(text) or real_map(text))
    real_read = context.CheckContext._read
    monkeypatch.setattr(context.CheckContext, "_read", lambda self, path: read.append(path) or real_read(self, path))
    warm = check_plan(root, CheckConfig())
    # the edited file is parsed once: its positions come with the parse; its text is read again
    # only for the column of the 。。 in its line (TP401)
    assert mapped == [] and [p for p in read if p.startswith("tasks/")] == ["tasks/003.yaml"]
    assert warm.findings == check_plan(root, CheckConfig(), use_cache=False).findings


def test_check_fix_never_uses_findings_read_back(make_plan, capsys):
    root = make_plan(PLAN)
    run(root, capsys)
    run(root, capsys)  # warm: TP402's finding now comes from the cache
    os.environ.pop("TASKPLAN_NO_CACHE", None)
    capsys.readouterr()
    assert main(["-C", str(root), "check", "--as-of", "2020-12-01", "--fix", "--select", "TP402"]) == 0
    assert "fixed plan/tasks/002.yaml: removed white space at the start or end of title\n" in capsys.readouterr().out
    assert "title: '稳健的货币政策要更加灵活适度。'\n" in (root / "tasks/002.yaml").read_text(encoding="utf-8")
    same_as_no_cache(root, capsys)


# -- the stored form -------------------------------------------------------------------------

def test_findings_round_trip_as_plain_data():
    hint = M_(" (did you mean {names}?)", names="财政局")
    found = [
        Finding("tasks/001.yaml", 0, 0, "TP201", "error", M_('unknown unit "{name}"{hint}', name="财正局", hint=hint),
                where=(("lead", 1), False, None, 0)),
        Finding("tasks/001.yaml", 3, 5, "TP401", "warning", "plain text", fix=object(), where=None),
        Finding("tasks/001.yaml", 0, 0, "TP207", "warning", M_("measure text also in task {value1}", value1=1),
                where=(("measures", 0, "items", 0), True, "。。", 1)),
    ]
    stored = encode(found)
    assert stored is not None
    back = decode("tasks/001.yaml", pickle.loads(pickle.dumps(stored)))
    assert back == found
    assert [f.where for f in back] == [f.where for f in found]
    assert [type(f.message) for f in back] == [Message, str, Message]
    assert back[0].message.values["hint"].template == " (did you mean {names}?)"
    assert [f.fix for f in back] == [None, KEPT_FIX, None]


def test_a_finding_holding_anything_but_plain_data_is_not_stored():
    assert encode([Finding("p", 1, 1, "TP1", "error", M_("{x}", x=Path("a")))]) is None
    assert encode([Finding("p", 1, 1, "TP1", "error", "m", where=(([1],), False, None, 0))]) is None
    assert encode([Finding("p", 1, 1, "TP1", "error", type("S", (str,), {})("m"))]) is None


# -- never a way in ------------------------------------------------------------------------------

class Boom:
    """Unpickling this runs a command that leaves a marker file."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def result_shards(root: Path) -> list[Path]:
    where, _ = plan_cache_dir(root)
    return sorted(p for p in where.iterdir() if p.name.startswith(("rules-", "place-", "run-", "runs-")))


def test_forged_result_shards_never_run_and_never_change_the_answer(make_plan, capsys, tmp_path):
    root = make_plan(PLAN)
    expected = same_as_no_cache(root, capsys)
    shards = result_shards(root)
    assert {p.name.split("-")[0] for p in shards} == {"rules", "place", "run", "runs"}
    marker = tmp_path / "PWNED"
    for p in shards:  # framed like ours, without the secret: a wrong MAC
        p.write_bytes(MAGIC + b"\0" * 32 + pickle.dumps(((1,), Boom(marker))))
    assert run(root, capsys)[1] == expected
    assert not marker.exists()
    for p in result_shards(root):  # a raw pickle
        p.write_bytes(pickle.dumps(Boom(marker)))
    assert run(root, capsys)[1] == expected
    assert not marker.exists()


def test_a_result_shard_with_a_valid_mac_still_builds_data_only(make_plan, capsys, tmp_path):
    """Even someone holding the secret cannot make these shards run code."""
    root = make_plan(PLAN)
    expected = same_as_no_cache(root, capsys)
    marker = tmp_path / "PWNED"
    where, secret = plan_cache_dir(root)
    shards = result_shards(root)
    for p in shards:
        label = where.name.encode() + b"/" + p.name.encode()
        header = pickle.loads(p.read_bytes()[len(MAGIC) + 32:])[0]
        assert read_shard(p, secret, label, header) is not None
        write_shard(p, secret, label, header, {"x": Boom(marker)})
        assert read_shard(p, secret, label, header) is None
    assert run(root, capsys)[1] == expected
    assert not marker.exists()


def test_results_of_a_shape_not_ours_are_a_miss(make_plan, capsys):
    """A verified shard whose entries are plain data of the wrong shape is a miss, not a crash."""
    root = make_plan(PLAN)
    expected = same_as_no_cache(root, capsys)
    where, secret = plan_cache_dir(root)
    for p in result_shards(root):
        label = where.name.encode() + b"/" + p.name.encode()
        header = pickle.loads(p.read_bytes()[len(MAGIC) + 32:])[0]
        entries = read_shard(p, secret, label, header)
        write_shard(p, secret, label, header, {k: ("junk",) if p.name.startswith("rules") else {"x": 1} for k in entries})
    assert run(root, capsys)[1] == expected


def test_no_cache_writes_no_result_shards(make_plan, capsys, monkeypatch):
    root = make_plan(PLAN)
    run(root, capsys, cache=False)
    where = plan_cache_dir(root)[0]
    assert not any(p.name.startswith(("rules-", "place-", "run-")) for p in where.iterdir())
    monkeypatch.setenv("TASKPLAN_NO_CACHE", "1")
    cache = ResultCache(root, {"tasks/001.yaml": b"\1" * 16}, b"k")
    assert cache.disabled and cache.findings("tasks/001.yaml") is None


# -- the store itself ----------------------------------------------------------------------------

def _cache(root: Path, digests: dict[str, bytes], key: bytes = b"k") -> ResultCache:
    return ResultCache(root, digests, key)


def test_places_are_kept_only_for_the_bytes_the_file_was_loaded_from(make_plan):
    root = make_plan()
    text = "id: 1\n"
    digest = digest_of(text.encode("utf-8"))
    places = (frozenset(), {}, {(("id",), False, None, 0): (1, 5)})
    cache = _cache(root, {"tasks/001.yaml": digest, "tasks/002.yaml": digest_of(b"other")})
    cache.put_places("tasks/001.yaml", text, places)
    cache.put_places("tasks/002.yaml", text, places)  # the file changed since it was loaded: not kept
    cache.put_places("tasks/003.yaml", text, places)  # not loaded through the cache: not kept
    cache.save()
    again = _cache(root, {"tasks/001.yaml": digest, "tasks/002.yaml": digest_of(b"other"), "tasks/003.yaml": digest})
    assert again.places("tasks/001.yaml") == places
    assert again.places("tasks/002.yaml") is None
    assert again.places("tasks/003.yaml") == places  # the same bytes under another name: the same places


def test_a_disabled_cache_keeps_nothing(make_plan, monkeypatch):
    root = make_plan()
    digest = digest_of(b"id: 1\n")
    found = [Finding("tasks/001.yaml", 1, 1, "TP401", "warning", "m")]
    monkeypatch.setenv("TASKPLAN_NO_CACHE", "1")
    off = _cache(root, {"tasks/001.yaml": digest})
    off.put_findings("tasks/001.yaml", found)
    off.put_places("tasks/001.yaml", "id: 1\n", (frozenset(), {}, {}))
    assert off.findings("tasks/001.yaml") is None and off.places("tasks/001.yaml") is None
    off.save()
    monkeypatch.delenv("TASKPLAN_NO_CACHE")
    on = _cache(root, {"tasks/001.yaml": digest})
    assert on.findings("tasks/001.yaml") is None and on.places("tasks/001.yaml") is None
    on.put_findings("tasks/001.yaml", found)
    on.save()
    assert _cache(root, {"tasks/001.yaml": digest}).findings("tasks/001.yaml") == found
    assert _cache(root, {"tasks/001.yaml": digest}, b"other key").findings("tasks/001.yaml") is None


def test_old_results_are_kept_for_a_switch_back_but_bounded(make_plan):
    root = make_plan()
    rel = "tasks/001.yaml"
    versions = [bytes([0, n]) + b"\0" * 14 for n in range(60)]  # one shard (the first byte picks it)
    for n, digest in enumerate(versions):
        cache = _cache(root, {rel: digest})
        cache.put_findings(rel, [Finding(rel, 1, 1, "TP401", "warning", f"version {n}")])
        cache.save()
    back = _cache(root, {rel: versions[-2]})  # the branch before: still there
    assert [f.message for f in back.findings(rel)] == ["version 58"]
    where, _ = plan_cache_dir(root)
    shard = read_shard(where / "rules-00", plan_cache_dir(root)[1], where.name.encode() + b"/rules-00", back.rules.owner.header)
    assert len(shard) == 1 + results_mod.KEEP_STALE  # the live one and the newest old ones
    assert (rel, versions[-1]) in shard and (rel, versions[0]) not in shard


# -- whole runs (run-00): nothing changed, no rule runs; anything changed, the answer follows ------

# findings of every kind: the loader's (TP001 syntax, TP003 BOM, TP101 missing field, TP102 unknown field,
# TP103 bad value, TP302 duplicate id), tasks/'s strays (TP009 a folder, TP010 a stray file), per-file rules
# (TP401 with full-width and half-width punctuation, TP201, TP402 with a fix), cross-file rules (TP207, TP303,
# TP305), a rule with an extra input (TP701, a stale schema) and an inline disable
EVERY_KIND = {
    **PLAN,
    "tasks/004.yaml": "id: 4\nsection: 1\ntitle: [未闭合\n",
    "tasks/005.yaml": "id: 5\nsection: 一\nlead: [财政局]\ndeadline: 2020-12-01\nmeasures: []\n",
    "tasks/006.yaml": PLAN["tasks/003.yaml"],
    "tasks/007.yaml": b"\xef\xbb\xbfid: 7\nsection: 1\ntitle: \xe6\xa0\x87\xe9\xa2\x98,,\nlead: [\xe8\xb4\xa2\xe6\x94\xbf\xe5\xb1\x80]\n",
    "tasks/008.yaml": """\
        id: 8
        section: 1
        title: 保持流动性合理充裕；；  # taskplan: disable=TP401
        lead: [财政局]
        """,
    "tasks/notes.txt": "not a task\n",
    "tasks/old/009.yaml": "id: 9\n",
    "docs/schema/task.schema.json": "{}\n",
}


def warm_equals_cold(root: Path, capsys, *args: str) -> str:
    """Every reporter, English and Chinese: a first run, a warm run and --no-cache print the same bytes."""
    from taskplan import i18n

    outs = []
    for language in ("en", "zh"):
        i18n.set_language(language)
        try:
            for fmt in ("text", "json"):
                outs.append(same_as_no_cache(root, capsys, "-f", fmt, *args))
        finally:
            i18n.set_language("en")
    return outs[0]


def no_rule_runs(monkeypatch) -> list[str]:
    """The codes of the rules that ran (every rule is spied on), and loading the plan is an error."""
    ran: list[str] = []
    for code, rule in list(REGISTRY.items()):
        if rule.func is not None:
            def spy(ctx, rule=rule):
                ran.append(rule.code)
                return rule.func(ctx)
            monkeypatch.setitem(REGISTRY, code, dataclasses.replace(rule, func=spy))
    return ran


def test_a_warm_run_over_every_kind_of_finding_equals_a_cold_one(make_plan, capsys):
    root = make_plan(EVERY_KIND)
    text = warm_equals_cold(root, capsys)
    for code in ("TP001", "TP003", "TP101", "TP102", "TP103", "TP302", "TP009", "TP010", "TP401", "TP201",
                 "TP402", "TP207", "TP303", "TP305", "TP701"):
        assert f" {code} " in text, code
    assert "plan/tasks/008.yaml:3" not in text  # disabled inline
    assert "标题,," in (root / "tasks/007.yaml").read_text(encoding="utf-8-sig")
    assert "plan/tasks/007.yaml:3:10: warning TP401" in text  # half-width ,, as well as full-width 。。
    # after each kind of change, the warm answer is the new answer
    edit(root / "tasks/002.yaml", "稳健的货币政策", "稳健的货币政策。。")
    assert "plan/tasks/002.yaml:3:" in warm_equals_cold(root, capsys)
    edit(root / "units.yaml", "    aliases: []\n", "    aliases: [财正局]\n")
    assert 'unknown unit "财正局"' not in warm_equals_cold(root, capsys)
    (root / ".taskplan.toml").write_text('[check.severity]\nTP207 = "error"\n', encoding="utf-8")
    assert "error TP207" in warm_equals_cold(root, capsys)
    (root / "tasks/notes.txt").unlink()
    assert " TP010 " not in warm_equals_cold(root, capsys)
    (root / "tasks/010.yaml").write_text(PLAN["tasks/003.yaml"].replace("        ", "").replace("id: 3", "id: 10"),
                                         encoding="utf-8")
    assert "plan/tasks/010.yaml" in warm_equals_cold(root, capsys)
    (root / "tasks/010.yaml").unlink()
    assert "plan/tasks/010.yaml" not in warm_equals_cold(root, capsys)


def test_the_as_of_day_and_the_selection_are_part_of_the_run_key(make_plan, capsys):
    root = make_plan({"tasks/003.yaml": PLAN["tasks/003.yaml"].rstrip(" ") + "        status: 未启动\n        deadlines:\n          - date: 2020-06-30\n            text: 6月末完成摸底\n"})
    late = warm_equals_cold(root, capsys)
    assert "TP605" in late
    early = warm_equals_cold(root, capsys, "--as-of", "2020-06-01")  # the later --as-of wins
    assert "TP605" not in early
    assert warm_equals_cold(root, capsys) == late
    assert "TP605" not in warm_equals_cold(root, capsys, "--ignore", "TP605")
    assert warm_equals_cold(root, capsys, "--select", "TP605").count("TP605") == late.count("TP605") == 1


def test_a_known_run_runs_no_rule_and_loads_nothing(make_plan, monkeypatch):
    root = make_plan(EVERY_KIND)
    cold = check_plan(root, CheckConfig())
    ran = no_rule_runs(monkeypatch)
    monkeypatch.setattr(engine, "load_plan", lambda *a, **k: pytest.fail("the plan was loaded"))
    warm = check_plan(root, CheckConfig())
    assert ran == []
    assert [f.format() for f in warm.findings] == [f.format() for f in cold.findings] and warm.files == cold.files == 10
    assert [f.fix is not None for f in warm.findings] == [f.fix is not None for f in cold.findings]
    # only the PATHs asked for, from the same kept run
    some = check_plan(root, CheckConfig(), ["tasks/001.yaml"])
    assert ran == [] and {f.path for f in some.findings} == {"tasks/001.yaml"}


def test_fix_and_no_cache_never_read_a_kept_run(make_plan, monkeypatch):
    root = make_plan(PLAN)
    check_plan(root, CheckConfig())
    ran = no_rule_runs(monkeypatch)
    check_plan(root, CheckConfig(), fixes=True)
    assert "TP401" in ran and "TP207" in ran
    ran.clear()
    check_plan(root, CheckConfig(), use_cache=False)
    assert "TP401" in ran and "TP207" in ran


def test_editing_one_file_runs_its_per_file_rules_and_the_cross_file_ones(make_plan, monkeypatch):
    root = make_plan(PLAN)
    check_plan(root, CheckConfig())
    runs = rule_runs(monkeypatch)
    ran = no_rule_runs(monkeypatch)
    edit(root / "tasks/002.yaml", "稳健的货币政策", "稳健的货币政策。。")
    check_plan(root, CheckConfig())
    assert runs == [["tasks/002.yaml"]] and "TP207" in ran and "TP505" in ran


def test_a_rule_s_declared_inputs_are_part_of_the_run_key(make_plan, capsys):
    """TP701 reads docs/schema/: writing, editing and deleting a schema changes a warm answer."""
    root = make_plan(PLAN)
    assert main(["-C", str(root), "schema"]) == 0
    capsys.readouterr()
    assert " TP701 " not in warm_equals_cold(root, capsys)
    schema = root / "docs/schema/task.schema.json"
    schema.write_text(schema.read_text(encoding="utf-8").replace('"title"', '"titel"', 1), encoding="utf-8")
    assert "task.schema.json is out of date" in warm_equals_cold(root, capsys)
    schema.unlink()
    assert "task.schema.json is missing" in warm_equals_cold(root, capsys)
    for p in (root / "docs/schema").iterdir():
        p.unlink()
    (root / "docs/schema").rmdir()
    assert " TP701 " not in warm_equals_cold(root, capsys)


def test_a_rule_that_declares_an_input_gets_a_fresh_answer_when_it_changes(make_plan, monkeypatch):
    """The contract itself, on a rule made for the test: its finding follows the file it declares."""
    from taskplan.check.rule import Rule

    def words(ctx):
        path = ctx.root / "notes" / "banned.txt"
        if path.is_file():
            yield ctx.file("plan.yaml", f"banned: {path.read_text(encoding='utf-8').strip()}")

    monkeypatch.setitem(REGISTRY, "TP999", Rule("TP999", "test-input", "warning", "A test rule.", words,
                                                inputs=("notes/banned.txt",)))
    root = make_plan(PLAN)
    said = lambda: [f.message for f in check_plan(root, CheckConfig(select=["TP999"])).findings]  # noqa: E731
    assert said() == []
    (root / "notes").mkdir()
    (root / "notes/banned.txt").write_text("甲\n", encoding="utf-8")
    assert said() == said() == ["banned: 甲"]
    (root / "notes/banned.txt").write_text("乙\n", encoding="utf-8")
    assert said() == ["banned: 乙"]
    (root / "notes/banned.txt").unlink()
    assert said() == []


def test_only_a_few_runs_are_kept(make_plan):
    root = make_plan(PLAN)
    for day in range(1, 8):
        check_plan(root, CheckConfig(as_of=__import__("datetime").date(2020, 12, day)))
    where, secret = plan_cache_dir(root)
    shard = where / "runs-00"
    header = pickle.loads(shard.read_bytes()[len(MAGIC) + 32:])[0]
    kept = read_shard(shard, secret, where.name.encode() + b"/runs-00", header)
    assert len(kept) == results_mod.KEEP_RUNS == 4
    files = sorted(p.name for p in where.iterdir() if p.name.startswith("run-"))
    assert files == sorted(f"run-{int.from_bytes(key[:8], 'big'):02x}" for key in kept)  # one file per kept run, no more
    (where / "run-00").write_bytes(b"every run in one file, as earlier versions kept them")
    check_plan(root, CheckConfig(as_of=__import__("datetime").date(2020, 12, 9)))
    assert not (where / "run-00").exists()  # an earlier version's file is removed, never read


def test_looking_a_run_up_reads_that_run_only(make_plan, monkeypatch):
    """Each run is its own file: a lookup reads the list of keys and that run, never the other kept runs
    (one file of every run was read whole: hundreds of megabytes at 100,000 tasks)."""
    root = make_plan(PLAN)
    runs = results_mod.RunCache(root)
    one = Finding("tasks/001.yaml", 3, 23, "TP401", "warning", "标题，有空格 (x)")
    for key in (b"a" * 16, b"b" * 16, b"c" * 16):
        runs.put(key, 3, [one])
    read: list[str] = []
    real = store_cache.read_shard
    monkeypatch.setattr(store_cache, "read_shard", lambda path, *a: read.append(path.name) or real(path, *a))
    again = results_mod.RunCache(root)
    assert [f.format() for f in again.get(b"b" * 16)[1]] == ["tasks/001.yaml:3:23: warning TP401 标题，有空格 (x)"]
    assert read == ["runs-00", f"run-{int.from_bytes(b'b' * 8, 'big'):02x}"]
    assert again.get(b"d" * 16) is None and read[2:] == []  # a key not listed reads no run file


def test_a_disabled_run_cache_reads_and_writes_nothing(make_plan, monkeypatch, tmp_path):
    """Disabled, its place is the current directory and its secret empty: a file framed with that
    empty secret, planted there, is never read, and nothing is written there."""
    root = make_plan(PLAN)
    monkeypatch.setenv("TASKPLAN_NO_CACHE", "1")
    runs = results_mod.RunCache(root)
    assert runs.disabled
    owner = runs.runs.owner
    name = f"run-{int.from_bytes(b'k'.ljust(8, bytes(1)), 'big'):02x}"
    planted, listed = Path(name), Path("runs-00")
    write_shard(planted, b"", owner.label(name), owner.header, {b"k": (1, (("tasks/001.yaml", 1, 1, "TP401", "error", "x", False),))})
    write_shard(listed, b"", owner.label("runs-00"), owner.header, {b"k": True})
    assert read_shard(planted, b"", owner.label(name), owner.header) is not None  # it would verify
    assert runs.get(b"k") is None and not runs.kept()
    before = planted.read_bytes()
    runs.put(b"k2", 1, [])
    assert planted.read_bytes() == before


def test_reading_a_run_leaves_the_collector_as_it_was(make_plan):
    import gc

    root = make_plan(PLAN)
    check_plan(root, CheckConfig())
    runs = results_mod.RunCache(root)
    assert gc.isenabled()
    assert runs.get(b"no such run") is None and gc.isenabled()
    assert check_plan(root, CheckConfig()).findings and gc.isenabled()  # a kept run, read back
    gc.disable()
    try:
        runs.get(b"no such run")
        check_plan(root, CheckConfig())
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_first_run_does_not_hash_the_plan_to_look_for_a_kept_one(make_plan, monkeypatch):
    root = make_plan(PLAN)
    looked: list[Path] = []
    real = engine.record_state
    monkeypatch.setattr(engine, "record_state", lambda r: looked.append(r) or real(r))
    check_plan(root, CheckConfig())
    assert looked == []  # nothing kept yet: the plan is loaded at once
    check_plan(root, CheckConfig())
    assert looked == [root]


def test_the_inputs_of_a_rule_that_does_not_run_are_not_part_of_the_key(make_plan, monkeypatch):
    root = make_plan(PLAN)
    assert main(["-C", str(root), "schema"]) == 0
    config = CheckConfig(ignore=["TP701"])
    check_plan(root, config)
    ran = no_rule_runs(monkeypatch)
    (root / "docs/schema/task.schema.json").write_text("{}\n", encoding="utf-8")
    check_plan(root, config)
    assert ran == []  # TP701 is off: its schema files do not matter
    check_plan(root, CheckConfig())
    assert "TP701" in ran


def test_a_run_with_an_unplaced_finding_is_not_kept(make_plan):
    root = make_plan(PLAN)
    runs = results_mod.RunCache(root)
    placed = Finding("tasks/001.yaml", 3, 23, "TP401", "warning", "x")
    runs.put(b"a", 3, [placed, Finding("tasks/001.yaml", 0, 0, "TP401", "warning", "y", where=(("title",), False, None, 0))])
    runs.put(b"b", 3, [placed, Finding("方案.docx", 0, 0, "TP804", "warning", "z", place="table 1, row 3")])
    runs.put(b"c", 3, [placed])
    again = results_mod.RunCache(root)
    assert again.get(b"a") is None and again.get(b"b") is None
    assert [f.format() for f in again.get(b"c")[1]] == ["tasks/001.yaml:3:23: warning TP401 x"]


def test_a_run_used_again_is_the_last_dropped(make_plan):
    root = make_plan(PLAN)
    runs = results_mod.RunCache(root)
    for key in (b"1", b"2", b"3", b"4"):
        runs.put(key, 3, [])
    runs.put(b"1", 3, [])  # used again: now the newest
    runs.put(b"5", 3, [])
    again = results_mod.RunCache(root)
    assert [k for k in (b"1", b"2", b"3", b"4", b"5") if again.get(k) is not None] == [b"1", b"3", b"4", b"5"]


# -- what mutation testing showed unpinned: input_state and _pack (issue 13) ------------------------------

def test_the_state_of_a_declared_input_is_its_bytes_a_folder_or_nothing(tmp_path):
    """A regular file is its bytes' digest (through a link too), a folder "dir" whatever it holds, and
    anything else (absent, a dangling link, a socket, a device: never opened, a FIFO would block) None."""
    import socket
    from taskplan.check.cache import input_state

    root = tmp_path / "plan"
    (root / "notes").mkdir(parents=True)
    (root / "notes/banned.txt").write_bytes("甲，乙;\n".encode("utf-8"))
    assert input_state(root, "notes/banned.txt") == digest_of("甲，乙;\n".encode("utf-8"))
    assert input_state(root, "notes") == "dir"
    (root / "notes/more.txt").write_text("丙\n", encoding="utf-8")
    assert input_state(root, "notes") == "dir"  # what a folder holds is each declared file's own state
    (root / "link.txt").symlink_to(root / "notes/banned.txt")
    assert input_state(root, "link.txt") == digest_of("甲，乙;\n".encode("utf-8"))
    (root / "dangling.txt").symlink_to(root / "nowhere.txt")
    assert input_state(root, "dangling.txt") is None
    assert input_state(root, "nowhere.txt") is None
    assert input_state(root, "notes/banned.txt/x") is None  # a path through a file
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(root / "sock"))
        assert input_state(root, "sock") is None
    assert input_state(Path("/"), "dev/null") is None
    (root / "empty.txt").write_bytes(b"")
    assert input_state(root, "empty.txt") == digest_of(b"") != input_state(root, "nowhere.txt")

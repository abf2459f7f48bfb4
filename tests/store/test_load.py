"""Loading a plan directory: schema errors at the offending line, duplicate ids, the cache."""
import pytest
import os

from taskplan.store.load import load_plan


def write(path, text):
    path.write_text(text, encoding="utf-8")


def findings(root):
    return [f.format() for f in sorted(load_plan(root, use_cache=False).problems)]


def test_mini_loads_cleanly(mini):
    loaded = load_plan(mini, use_cache=False)
    assert loaded.problems == []
    assert [t.id for t in loaded.tasks] == [1, 2]
    assert loaded.task_paths == {1: "tasks/001.yaml", 2: "tasks/002.yaml"}
    assert [s.title for s in loaded.plan.sections] == ["全面落实积极财政政策", "加大金融信贷支持力度"]
    assert loaded.plan.year == 2020


def test_unknown_field_points_at_key_and_suggests(mini):
    write(mini / "tasks/002.yaml", "id: 2\nsection: 2\ntitle: 标题\nlead: [财政局]\nresponsable: []\n")
    assert findings(mini) == ['tasks/002.yaml:5:1: error TP102 unknown field "responsable" (did you mean responsible?)']


def test_missing_field_points_at_parent(mini):
    write(mini / "tasks/002.yaml", "id: 2\nsection: 2\ntitle: 标题\n")
    assert findings(mini) == ['tasks/002.yaml:1:1: error TP101 missing required field "lead"; add it']


def test_wrong_type_in_nested_list_points_at_item(mini):
    write(
        mini / "tasks/002.yaml",
        "id: 2\nsection: 2\ntitle: 标题\nlead: [财政局]\nmeasures:\n  - unit: 财政局\n    items:\n      - 第一条\n      - 42\n",
    )
    assert findings(mini) == [
        'tasks/002.yaml:9:9: error TP103 "measures[0].items[1]": Input should be a valid string, got 42'
    ]


def test_string_id_is_not_coerced(mini):
    write(mini / "tasks/002.yaml", 'id: "2"\nsection: 2\ntitle: 标题\nlead: [财政局]\n')
    assert findings(mini) == ["tasks/002.yaml:1:5: error TP103 \"id\": Input should be a valid integer, got '2'"]


def test_flow_list_item_position(mini):
    write(mini / "tasks/002.yaml", "id: 2\nsection: 2\ntitle: 标题\nlead: [财政局, 7]\n")
    assert findings(mini) == ['tasks/002.yaml:4:13: error TP103 "lead[1]": Input should be a valid string, got 7']


def test_duplicate_id_names_both_files(mini):
    write(mini / "tasks/003.yaml", (mini / "tasks/002.yaml").read_text(encoding="utf-8"))
    loaded = load_plan(mini, use_cache=False)
    assert [f.format() for f in loaded.problems] == [
        "tasks/003.yaml:1:1: error TP302 task id 2 is already used by tasks/002.yaml; give this task a new id"
    ]
    assert [t.id for t in loaded.tasks] == [1, 2]


def test_every_broken_file_is_reported_not_skipped(mini):
    write(mini / "tasks/001.yaml", "id: 1\nid: 1\n")
    (mini / "tasks/002.yaml").write_bytes("title: 标题\n".encode("gbk"))
    os.remove(mini / "units.yaml")
    assert findings(mini) == [
        "tasks/001.yaml:2:1: error TP004 duplicate key \"id\" (first defined on line 1); keep one of them",
        "tasks/002.yaml:1:8: error TP002 file is not UTF-8 (it looks like GBK/GB18030); re-save it as UTF-8",
        "units.yaml:0:0: error TP104 units.yaml is missing; every plan needs one",
    ]


def test_cache_sees_an_edit_at_once(mini, monkeypatch):
    monkeypatch.delenv("TASKPLAN_NO_CACHE", raising=False)
    first = load_plan(mini)
    assert first.task(2).title == "稳健的货币政策要更加灵活适度。"
    path = mini / "tasks/002.yaml"
    text = path.read_text(encoding="utf-8")
    st = path.stat()
    # same size, same mtime: only the inode (a new file) tells; then a plain in-place edit
    new = path.with_name("tmp.yaml")
    new.write_text(text.replace("稳健", "积极"), encoding="utf-8")
    os.utime(new, ns=(st.st_atime_ns, st.st_mtime_ns))
    os.replace(new, path)
    assert load_plan(mini).task(2).title == "积极的货币政策要更加灵活适度。"
    path.write_text(text.replace("稳健", "灵活"), encoding="utf-8")
    assert load_plan(mini).task(2).title == "灵活的货币政策要更加灵活适度。"


def test_cache_keeps_parse_problems(mini, monkeypatch):
    monkeypatch.delenv("TASKPLAN_NO_CACHE", raising=False)
    write(mini / "tasks/002.yaml", "id: 2\nid: 2\n")
    expected = ['tasks/002.yaml:2:1: error TP004 duplicate key "id" (first defined on line 1); keep one of them']
    assert [f.format() for f in load_plan(mini).problems] == expected
    assert [f.format() for f in load_plan(mini).problems] == expected  # second run from the cache


def test_corrupt_cache_is_ignored(mini, monkeypatch):
    from taskplan.store.cache import plan_cache_dir

    monkeypatch.delenv("TASKPLAN_NO_CACHE", raising=False)
    load_plan(mini)
    for shard in plan_cache_dir(mini)[0].iterdir():
        shard.write_bytes(b"not a pickle")
    assert [t.id for t in load_plan(mini).tasks] == [1, 2]


def test_an_entry_of_tasks_gone_before_it_is_looked_at_is_no_finding(mini, monkeypatch):
    """Another command's temporary file, listed and then renamed into place, made update fail (TP009 "is missing")."""
    from taskplan.store import load as load_mod

    assert load_mod.stray_finding(mini, "tasks/.001.yaml.4242.tmp") is None
    real_scandir = os.scandir

    def scandir_with_a_vanished_entry(path):  # the listing still has the temporary file; the disk no longer does
        (mini / "tasks" / ".002.yaml.4242.tmp").write_text("id: 2\n", encoding="utf-8")
        listing = list(real_scandir(path))
        (mini / "tasks" / ".002.yaml.4242.tmp").unlink()

        class Scan(list):
            def __enter__(self):
                return self

            def __exit__(self, *exc):
                return False

        return Scan(listing)

    monkeypatch.setattr(load_mod.os, "scandir", scandir_with_a_vanished_entry)
    loaded = load_mod.load_plan(mini)
    assert [f.format() for f in loaded.problems] == []


def test_record_state_is_what_a_load_reads_without_parsing(mini, monkeypatch):
    """The digests and strays check's kept runs are looked up by equal those of a load of the same files."""
    from taskplan.store import yamlio
    from taskplan.store.load import record_state

    monkeypatch.delenv("TASKPLAN_NO_CACHE", raising=False)
    (mini / "tasks/notes.txt").write_text("笔记\n", encoding="utf-8")
    (mini / "tasks/003.yaml").write_text("id: [3\n", encoding="utf-8")  # broken: still hashed
    loaded = load_plan(mini)
    monkeypatch.setattr(yamlio, "parse", lambda *a, **k: pytest.fail("record_state parsed a file"))
    digests, strays = record_state(mini)
    assert digests == loaded.digests and set(digests) == {"plan.yaml", "units.yaml", "tasks/001.yaml",
                                                          "tasks/002.yaml", "tasks/003.yaml"}
    assert [f.format() for f in strays] == [f.format() for f in loaded.strays] and len(strays) == 1
    (mini / "tasks/002.yaml").write_text("id: 2\n", encoding="utf-8")
    assert record_state(mini)[0]["tasks/002.yaml"] != loaded.digests["tasks/002.yaml"]
    (mini / "units.yaml").unlink()
    assert record_state(mini) is None  # a missing record file: the load reports it


def test_record_state_gives_up_on_a_plan_mostly_new_to_the_cache(mini, monkeypatch):
    from taskplan.store.load import record_state

    monkeypatch.delenv("TASKPLAN_NO_CACHE", raising=False)
    text = (mini / "tasks/001.yaml").read_text(encoding="utf-8")
    for i in range(3, 120):
        (mini / f"tasks/{i:03d}.yaml").write_text(text.replace("id: 1", f"id: {i}", 1), encoding="utf-8")
    assert record_state(mini) is None  # 119 files written just now: none is vouched for by its stamp
    assert len(record_state(mini, max_unknown=1.0)[0]) == 121


def test_a_large_first_load_fills_the_cache_from_both_processes_and_saves_it_behind(mini, monkeypatch):
    """No cache yet: the parsing processes read and hash their own files; with ``save_behind`` the
    cache is written by a forked process, and complete once ``saved()`` returns."""
    from taskplan.store import cache as cache_module, load, parallel
    from taskplan.store.cache import ParseCache, digest_of

    monkeypatch.delenv("TASKPLAN_NO_CACHE", raising=False)
    monkeypatch.setattr(parallel, "cpus", lambda: 2)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(load, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(cache_module, "RACY_NS", 0)  # files written a moment ago are trusted by their stamps
    text = (mini / "tasks/002.yaml").read_text(encoding="utf-8")
    for n in range(3, 9):
        write(mini / f"tasks/{n:03d}.yaml", text.replace("id: 2", f"id: {n}").replace("稳健", f"第{n}（全角）,半角"))
    assert not ParseCache(mini).holds_entries()
    savers = mini.parent / "savers"
    real_save = ParseCache.save

    def save(self):
        with open(savers, "a", encoding="utf-8") as fh:
            fh.write(f"{os.getpid()}\n")
        real_save(self)

    monkeypatch.setattr(ParseCache, "save", save)
    first = load_plan(mini, save_behind=True)
    first.saved()
    assert savers.read_text(encoding="utf-8").split() != [str(os.getpid())]  # written by another process
    monkeypatch.setattr(ParseCache, "save", real_save)
    rels = [f"tasks/{p.name}" for p in sorted((mini / "tasks").iterdir())]
    assert {rel: first.digests[rel] for rel in rels} == {rel: digest_of((mini / rel).read_bytes()) for rel in rels}
    cache = ParseCache(mini)
    assert cache.holds_entries()
    assert all(cache.by_content(rel, os.stat(mini / rel), first.digests[rel]).valid for rel in rels)  # saved, and as valid
    stamped = ParseCache(mini)  # the stamps the parsing processes took prove the files unchanged
    hits = [stamped.lookup(rel, os.stat(mini / rel)) for rel in rels]
    assert [hit and hit[0] for hit in hits] == [first.digests[rel] for rel in rels]
    second = load_plan(mini)
    assert [(r.id, r.title) for r in second.records] == [(r.id, r.title) for r in first.records]
    assert [t.title for t in second.records][2:4] == ["第3（全角）,半角的货币政策要更加灵活适度。", "第4（全角）,半角的货币政策要更加灵活适度。"]
    assert second.problems == first.problems == []


def test_a_first_load_saved_behind_keeps_which_tasks_validated(mini, monkeypatch):
    """One invalid task fails the bulk validation: the others are validated one by one and marked
    valid (set_valid) after they were put; both are noted in order and done by the saving process."""
    from taskplan.store import load, parallel
    from taskplan.store.cache import ParseCache

    monkeypatch.delenv("TASKPLAN_NO_CACHE", raising=False)
    monkeypatch.setattr(parallel, "cpus", lambda: 2)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(load, "PARALLEL_MIN_FILES", 2)
    text = (mini / "tasks/002.yaml").read_text(encoding="utf-8")
    for n in range(3, 7):
        write(mini / f"tasks/{n:03d}.yaml", text.replace("id: 2", f"id: {n}"))
    write(mini / "tasks/007.yaml", text.replace("id: 2", "id: '7'"))
    first = load_plan(mini, save_behind=True)
    first.saved()
    cache = ParseCache(mini)
    valid = {rel: cache.by_content(rel, os.stat(mini / rel), digest).valid
             for rel, digest in first.digests.items() if rel.startswith("tasks/")}
    assert valid == {"tasks/001.yaml": True, "tasks/002.yaml": True, "tasks/003.yaml": True, "tasks/004.yaml": True,
                     "tasks/005.yaml": True, "tasks/006.yaml": True, "tasks/007.yaml": False}
    again = load_plan(mini)
    assert [f.format() for f in again.problems] == [f.format() for f in first.problems] == [
        'tasks/007.yaml:1:5: error TP103 "id": Input should be a valid integer, got \'7\'']


def test_dropping_the_records_keeps_paths_digests_problems_and_marks(mini, monkeypatch):
    monkeypatch.delenv("TASKPLAN_NO_CACHE", raising=False)
    write(mini / "tasks/003.yaml", "id: 3\nsection: 2\ntitle: 标题（全角）\nlead: [财政局]\nresponsable: []\n")
    loaded = load_plan(mini, marks=True)
    paths, digests, marks = dict(loaded.task_paths), dict(loaded.digests), dict(loaded.marks)
    problems = [f.format() for f in loaded.problems]
    assert len(loaded.records) == 2 and problems and marks and digests
    loaded.drop_records()
    assert loaded.records == [] and loaded.tasks == [] and loaded.plan is None and loaded.registry is None
    assert loaded.share_results == []
    assert (loaded.task_paths, loaded.digests, loaded.marks) == (paths, digests, marks)
    assert [f.format() for f in loaded.problems] == problems

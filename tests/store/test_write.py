"""The round-trip writer: comments and layout survive, CJK is not escaped or folded, writes are atomic."""
import os

import pytest

from taskplan.store import write

COMMENTED = """\
# 督办处维护 — 请勿删除本注释
id: 7
section: 2
title: 大型商业银行普惠型小微企业贷款增速要高于40%。   # 来自原文
lead: [财政局]
responsible: []
measures:
  - unit: null   # 全体
    items:
      - (1)向银行业金融机构推介普惠型小微企业融资需求项目。
"""


def test_update_keeps_comments_order_and_untouched_lines(tmp_path):
    path = tmp_path / "007.yaml"
    path.write_text(COMMENTED, encoding="utf-8")

    def mutate(doc):
        doc["status"] = "推进中"

    old, new = write.update_file(path, mutate)
    assert old == COMMENTED
    assert new == COMMENTED + "status: 推进中\n"
    assert path.read_text(encoding="utf-8") == new


def test_long_chinese_lines_are_not_folded_or_escaped(tmp_path):
    from ruamel.yaml.comments import CommentedMap

    title = "要大力优化财政支出结构," * 30
    doc = CommentedMap([("id", 2), ("title", title), ("lead", write.flow_list(["财政局", "镇(街道)"]))])
    text = write.dumps(doc, header="# yaml-language-server: $schema=../docs/schema/task.schema.json")
    assert text == (
        "# yaml-language-server: $schema=../docs/schema/task.schema.json\n"
        f"id: 2\ntitle: {title}\nlead: [财政局, 镇(街道)]\n"
    )
    assert "\\u" not in text


def test_nothing_written_when_nothing_changes(tmp_path):
    path = tmp_path / "007.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    before = path.stat().st_ino
    write.update_file(path, lambda doc: None)
    assert path.stat().st_ino == before


def test_interrupted_write_leaves_old_file_and_no_temp(tmp_path, monkeypatch):
    path = tmp_path / "007.yaml"
    path.write_text(COMMENTED, encoding="utf-8")

    def fail(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        write.atomic_write(path, "id: 8\n")
    assert path.read_text(encoding="utf-8") == COMMENTED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["007.yaml"]


def test_atomic_write_keeps_file_mode(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    os.chmod(path, 0o600)
    write.atomic_write(path, "a: 2\n")
    assert (path.read_text(encoding="utf-8"), path.stat().st_mode & 0o777) == ("a: 2\n", 0o600)


def test_replace_files_writes_new_and_changed_files_and_leaves_identical_ones(tmp_path):
    (tmp_path / "001.yaml").write_text("id: 1\ntitle: 旧（一）\n", encoding="utf-8")
    (tmp_path / "002.yaml").write_text("id: 2\ntitle: 同,不变\n", encoding="utf-8")
    os.chmod(tmp_path / "001.yaml", 0o640)
    same = (tmp_path / "002.yaml").stat()

    written = write.replace_files(tmp_path, [("001.yaml", "id: 1\ntitle: 新（一）\n"), ("002.yaml", "id: 2\ntitle: 同,不变\n"),
                                             ("003.yaml", "id: 3\ntitle: 新,三\n")])

    assert written == ["001.yaml", "003.yaml"]
    assert (tmp_path / "001.yaml").read_text(encoding="utf-8") == "id: 1\ntitle: 新（一）\n"
    assert (tmp_path / "001.yaml").stat().st_mode & 0o777 == 0o640  # a replaced file keeps its mode
    assert (tmp_path / "003.yaml").read_text(encoding="utf-8") == "id: 3\ntitle: 新,三\n"
    after = (tmp_path / "002.yaml").stat()
    assert (after.st_ino, after.st_mtime_ns) == (same.st_ino, same.st_mtime_ns)  # untouched: the cache stays warm
    assert sorted(p.name for p in tmp_path.iterdir()) == ["001.yaml", "002.yaml", "003.yaml"]  # no temporary left


def test_replace_files_stops_at_a_failed_rename_and_leaves_the_old_file(tmp_path, monkeypatch):
    (tmp_path / "002.yaml").write_text("id: 2\n", encoding="utf-8")
    real = os.replace
    calls = []

    def fail_second(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError("disk full")
        real(src, dst)

    monkeypatch.setattr(os, "replace", fail_second)
    with pytest.raises(OSError, match="disk full"):
        write.replace_files(tmp_path, [("001.yaml", "id: 1\n"), ("002.yaml", "id: 2\ntitle: 新\n")])
    assert (tmp_path / "001.yaml").read_text(encoding="utf-8") == "id: 1\n"
    assert (tmp_path / "002.yaml").read_text(encoding="utf-8") == "id: 2\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["001.yaml", "002.yaml"]

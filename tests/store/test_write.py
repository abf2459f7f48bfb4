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


# ---------------------------------------------------------------- edits keep the file's own conventions; conflicts are refused


@pytest.mark.parametrize("bom, eol", [("\ufeff", "\r\n"), ("\ufeff", "\n"), ("", "\r\n")])
def test_an_edit_keeps_the_bom_and_line_ends_and_validates_the_new_text(bom, eol):
    raw = bom + "id: 7\ntitle: 加强（一）监管,落实(二)责任。\n".replace("\n", eol)
    seen = []
    new = write.edit_text(raw, lambda doc: doc.__setitem__("status", "推进中"), seen.append)
    assert new == bom + "id: 7\ntitle: 加强（一）监管,落实(二)责任。\nstatus: 推进中\n".replace("\n", eol)
    assert seen == ["id: 7\ntitle: 加强（一）监管,落实(二)责任。\nstatus: 推进中\n"]  # the text as YAML, without BOM or CR


def test_an_edit_that_changes_nothing_returns_the_raw_text_unvalidated():
    raw = "\ufeffid: 7\r\ntitle: 标题\r\n"
    assert write.edit_text(raw, lambda doc: None, lambda text: pytest.fail("validated although unchanged")) == raw


def test_update_file_writes_nothing_when_validation_refuses_or_write_is_off(tmp_path):
    path = tmp_path / "007.yaml"
    path.write_text(COMMENTED, encoding="utf-8")

    def refuse(text):
        raise ValueError("状态不合法")

    with pytest.raises(ValueError, match="状态不合法"):
        write.update_file(path, lambda doc: doc.__setitem__("status", "乱写"), validate=refuse)
    assert path.read_text(encoding="utf-8") == COMMENTED
    old, new = write.update_file(path, lambda doc: doc.__setitem__("status", "推进中"), write=False)
    assert (old, new) == (COMMENTED, COMMENTED + "status: 推进中\n")
    assert path.read_text(encoding="utf-8") == COMMENTED  # only computed (check --diff)
    assert write.rewrite_file(path, lambda text: text.replace("7", "8"), write=False) == (COMMENTED, COMMENTED.replace("7", "8"))
    assert path.read_text(encoding="utf-8") == COMMENTED


def test_a_file_that_keeps_changing_is_never_overwritten(tmp_path):
    path = tmp_path / "007.yaml"
    path.write_text("id: 7\n", encoding="utf-8")
    edits = []

    def editor_meanwhile(text):  # another program (an editor: no lock) saves while we compute
        edits.append(text)
        path.write_text(f"id: 7\nnote: 第{len(edits)}次\n", encoding="utf-8")
        return text + "status: 推进中\n"

    with pytest.raises(write.WriteConflict) as info:
        write.rewrite_file(path, editor_meanwhile)
    assert str(info.value) == (f"{path} kept changing while taskplan was editing it; nothing was written "
                               "(another program is writing it: wait for it and run the command again)")
    assert len(edits) == write.ATTEMPTS and path.read_text(encoding="utf-8") == "id: 7\nnote: 第3次\n"


def test_atomic_write_with_expect_refuses_a_file_that_changed(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    with pytest.raises(write.WriteConflict) as info:
        write.atomic_write(path, "a: 2\n", expect=b"a: 0\n")
    assert str(info.value) == f"{path} changed while taskplan was writing it; nothing was written (look at the file and run the command again)"
    with pytest.raises(write.WriteConflict):
        write.atomic_write(path, "a: 2\n", expect=None)  # expected no file, there is one
    assert path.read_text(encoding="utf-8") == "a: 1\n"
    write.atomic_write(path, "a: 2\n", expect=b"a: 1\n")
    write.atomic_write(tmp_path / "new.yaml", b"b: 1\n", expect=None)
    assert path.read_text(encoding="utf-8") == "a: 2\n" and (tmp_path / "new.yaml").read_bytes() == b"b: 1\n"


def test_a_new_file_gets_mode_644_and_sync_is_skipped_only_when_asked(tmp_path, monkeypatch):
    synced = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real_fsync(fd)))
    write.atomic_write(tmp_path / "a.yaml", "a: 1\n")
    assert (tmp_path / "a.yaml").stat().st_mode & 0o777 == 0o644 and len(synced) == 1
    write.atomic_write(tmp_path / "b.yaml", "b: 1\n", sync=False)  # import: one sync at the end
    assert len(synced) == 1 and (tmp_path / "b.yaml").read_text(encoding="utf-8") == "b: 1\n"
    write.update_file(tmp_path / "b.yaml", lambda doc: doc.__setitem__("b", 2))  # an edit is always synced
    assert len(synced) == 2 and (tmp_path / "b.yaml").read_text(encoding="utf-8") == "b: 2\n"


def test_dumps_without_a_header_is_the_yaml_alone():
    from ruamel.yaml.comments import CommentedMap

    assert write.dumps(CommentedMap([("id", 3), ("unit", None), ("title", "（一）加强监管(试行)")])) == "id: 3\nunit: null\ntitle: （一）加强监管(试行)\n"


def renames(monkeypatch) -> list[tuple[str, str]]:
    """The (temporary file, target) of every rename atomic writes make."""
    done: list[tuple[str, str]] = []
    real = os.replace

    def spy(src, dst):
        done.append((str(src), str(dst)))
        real(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    return done


def test_the_temporary_file_is_next_to_the_target_and_named_after_it(tmp_path, monkeypatch):
    done = renames(monkeypatch)
    write.atomic_write(tmp_path / "任务.yaml", "id: 1\n")
    assert done == [(str(tmp_path / f".任务.yaml.{os.getpid()}.tmp"), str(tmp_path / "任务.yaml"))]


def test_a_leftover_temporary_file_is_left_alone_and_another_name_used(tmp_path, monkeypatch):
    leftover = tmp_path / f".a.yaml.{os.getpid()}.tmp"  # left by a killed process with the same pid
    leftover.write_text("半截", encoding="utf-8")
    done = renames(monkeypatch)
    write.atomic_write(tmp_path / "a.yaml", "a: 1\n")
    ((tmp, target),) = done
    assert os.path.dirname(tmp) == str(tmp_path) and os.path.basename(tmp).startswith(".a.yaml.") and tmp.endswith(".tmp")
    assert tmp != str(leftover) and leftover.read_text(encoding="utf-8") == "半截"
    assert (tmp_path / "a.yaml").read_text(encoding="utf-8") == "a: 1\n"


def test_an_edit_keeps_quotes_and_indents_nested_mappings_by_two(tmp_path):
    path = tmp_path / "001.yaml"
    path.write_text("id: 1\ntitle: \"（一）加强监管\"\nnote: '(二)落实责任'\n", encoding="utf-8")
    write.update_file(path, lambda doc: doc.__setitem__("progress", {"status": "推进中"}))
    assert path.read_text(encoding="utf-8") == (
        "id: 1\ntitle: \"（一）加强监管\"\nnote: '(二)落实责任'\nprogress:\n  status: 推进中\n")

# ---------------------------------------------------------------- output files the user names (-o, --into, the step summary)
# What mutation testing (make mutate MODULE=src/taskplan/store/write.py) found tested only through the CLI.


def refusal(call) -> str:
    with pytest.raises(write.OutputError) as info:
        call()
    assert info.value.exit_code == 2
    return str(info.value)


def test_an_output_file_must_not_be_a_folder_or_under_a_file(tmp_path):
    (tmp_path / "通报").mkdir()
    (tmp_path / "f.md").write_text("x", encoding="utf-8")
    os.mkfifo(tmp_path / "pipe")
    assert refusal(lambda: write.check_output(tmp_path / "通报", "report")) == f"cannot write report {tmp_path / '通报'}: it is a folder; name a file"
    assert refusal(lambda: write.check_output(tmp_path / "pipe", "report")) == f"cannot write report {tmp_path / 'pipe'}: it is a named pipe; name a file"
    under = tmp_path / "f.md" / "a" / "r.md"  # the nearest existing ancestor is a file
    assert refusal(lambda: write.check_output(under, "report")) == f"cannot write report {under}: {tmp_path / 'f.md'} is a file, not a folder"
    write.check_output(tmp_path / "f.md", "report")  # a file is replaced
    write.check_output(tmp_path / "新" / "子" / "r.md", "report")  # missing folders are made


def test_a_folder_to_write_into_must_not_be_a_file_or_under_one(tmp_path):
    (tmp_path / "units.yaml").write_text("units: []\n", encoding="utf-8")
    assert refusal(lambda: write.check_folder(tmp_path / "units.yaml", "folder")) == (
        f"cannot write folder {tmp_path / 'units.yaml'}: it is a file, not a folder")
    under = tmp_path / "units.yaml" / "x"
    assert refusal(lambda: write.check_folder(under, "folder")) == (
        f"cannot write folder {under}: {tmp_path / 'units.yaml'} is a file, not a folder")
    write.check_folder(tmp_path, "folder")
    write.check_folder(tmp_path / "新建", "folder")


@pytest.mark.parametrize("name", ["plan.yaml", "units.yaml", ".taskplan.toml", "pyproject.toml", "tasks/001.yaml", "tasks/旧/x.md"])
def test_an_output_file_is_never_one_of_the_plans_records(tmp_path, name):
    assert refusal(lambda: write.check_not_a_record(tmp_path / name, tmp_path, "report")) == (
        f"cannot write report {tmp_path / name}: it is one of the plan's records; name another file")


def test_an_output_file_beside_the_records_or_without_a_plan_is_allowed(tmp_path):
    for name in ("tasks.md", "plan.yaml.bak", "out/units.yaml", "tasks"):
        write.check_not_a_record(tmp_path / name, tmp_path, "report")
    write.check_not_a_record(tmp_path / "units.yaml", None, "report")  # no plan: nothing to protect
    (tmp_path / "link.yaml").symlink_to(tmp_path / "units.yaml")  # the record, by another name
    assert "it is one of the plan's records" in refusal(lambda: write.check_not_a_record(tmp_path / "link.yaml", tmp_path, "report"))


def test_write_output_makes_the_folders_and_says_why_it_cannot_write(tmp_path, monkeypatch):
    import errno

    path = tmp_path / "报告" / "一月" / "通报.md"  # two folders to make
    write.write_output(path, "截至2021年1月15日,逾期17项。\n")
    write.write_output(tmp_path / "b.bin", b"\x00\x01")
    assert path.read_text(encoding="utf-8") == "截至2021年1月15日,逾期17项。\n" and (tmp_path / "b.bin").read_bytes() == b"\x00\x01"

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    assert refusal(lambda: write.write_output(tmp_path / "报告", "x")) == (
        f"cannot write output file {tmp_path / '报告'}: it is a folder; name a file")  # checked before anything is made
    monkeypatch.setattr(write, "atomic_write", full)
    assert refusal(lambda: write.write_output(path, "x")) == f"cannot write output file {path}: No space left on device"


def test_append_output_appends_and_refuses_what_is_not_a_file(tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    write.append_output(summary, "## 检查结果\n", "step summary")
    write.append_output(summary, "- 错误:1\n", "step summary")
    assert summary.read_text(encoding="utf-8") == "## 检查结果\n- 错误:1\n"
    assert refusal(lambda: write.append_output(tmp_path, "x", "step summary")) == f"cannot write step summary {tmp_path}: it is a folder"
    under = summary / "x.md"
    assert refusal(lambda: write.append_output(under, "x", "step summary")) == (
        f"cannot write step summary {under}: {summary} is a file, not a folder")

    def broken(*args, **kwargs):
        raise OSError("quota exceeded")  # no strerror: the exception's own words

    monkeypatch.setattr("builtins.open", broken)
    assert refusal(lambda: write.append_output(summary, "x", "step summary")) == f"cannot write step summary {summary}: quota exceeded"


def test_replace_files_leaves_the_sync_to_the_caller(tmp_path, monkeypatch):
    synced = []
    monkeypatch.setattr(os, "fsync", synced.append)
    (tmp_path / "001.yaml").write_text("id: 1\ntitle: 同（一）\n", encoding="utf-8")
    written = write.replace_files(tmp_path, [("001.yaml", "id: 1\ntitle: 同（一）\n"), ("002.yaml", "id: 2\ntitle: 新(二)\n")])
    assert written == ["002.yaml"] and synced == []  # import syncs once at the end: 10,000 fsyncs cost more than the import
    assert (tmp_path / "002.yaml").read_text(encoding="utf-8") == "id: 2\ntitle: 新(二)\n"


def test_atomic_write_writes_pieces_of_text_as_they_come(tmp_path):
    path = tmp_path / "report.md"
    pieces = (f"第{i}行，全角；half-width, ok\n" for i in range(10_000))  # more pieces than one batch
    write.atomic_write(path, pieces)
    assert path.read_text(encoding="utf-8") == "".join(f"第{i}行，全角；half-width, ok\n" for i in range(10_000))
    write.atomic_write(path, iter([]))
    assert path.read_bytes() == b""


def test_an_error_half_way_through_the_pieces_leaves_the_old_file_and_no_temp(tmp_path):
    path = tmp_path / "report.md"
    path.write_text("旧\n", encoding="utf-8")

    def pieces():
        yield "新" * 10_000
        raise ValueError("template failed")

    with pytest.raises(ValueError, match="template failed"):
        write.atomic_write(path, pieces())
    assert path.read_text(encoding="utf-8") == "旧\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]

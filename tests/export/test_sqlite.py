"""taskplan export sqlite: the documented queries, run exactly as docs/sqlite.md writes them; roles via groups; --replace."""
from __future__ import annotations

import datetime as dt
import re
import shutil
import sqlite3
import textwrap
from pathlib import Path

import pytest

from taskplan.export import sqlite as export
from taskplan.export.sqlite import CHECKS, SCHEMA
from taskplan.store.load import load_plan

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "sqlite.md"
PROGRESS = ROOT / "tests" / "fixtures" / "progress"


def documented_queries() -> list[str]:
    blocks = re.findall(r"```sql\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    return [b for b in blocks if b.startswith("SELECT")]


@pytest.fixture
def db(cli, tmp_path) -> Path:
    plan = tmp_path / "plan"
    shutil.copytree(PROGRESS, plan)
    out = tmp_path / "plan.db"
    r = cli("-C", str(plan), "export", "sqlite", str(out), "--as-of", "2020-12-01")
    assert (r.code, r.out) == (0, "")
    assert r.err == f"wrote {out}: 8 tasks, 5 units, 13 roles, 8 progress reports (as of 2020-12-01)\n"
    return out


def _run(db: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_the_docs_hold_the_schema_and_four_queries():
    assert f"```sql\n{SCHEMA}```" in DOC.read_text(encoding="utf-8")
    assert len(documented_queries()) == 4


def test_tasks_per_unit_per_status(db):
    # tests/fixtures/progress as of 2020-12-01: 发改局 leads 1 and 6; 工信局 2 and 3; 财政局 1, 3 and 8 (8 never reported)
    assert _run(db, documented_queries()[0]) == [
        ("发改局", "推进中", 2), ("工信局", "已完成", 1), ("工信局", "推进中", 1), ("市场局", "未启动", 1),
        ("教育局", "已销号", 1), ("教育局", "推进中", 1), ("财政局", "已完成", 1), ("财政局", "推进中", 1),
        ("财政局", "未填报", 1),
    ]


def test_overdue_by_lead_unit(db):
    # task 1 (财政局, 发改局) was due 2020-11-30, task 4 (市场局) 2020-10-31; task 2 was extended to 2021-01-31
    assert _run(db, documented_queries()[1]) == [("发改局", 1), ("市场局", 1), ("财政局", 1)]


def test_full_text_search_over_measures_and_notes(db):
    assert _run(db, documented_queries()[2]) == [
        (1, "measure", "财政局", "建立动态清欠台账,11月底前无分歧的拖欠账款全部“清零”。"),
        (1, "progress", "财政局", "已建立清欠台账"),
    ]


def test_state_view_and_foreign_keys(db):
    assert _run(db, "SELECT task_id, status, due, original_due, overdue, light FROM task_state WHERE task_id IN (2, 6, 8)") == [
        (2, "推进中", "2021-01-31", "2020-06-30", 0, "green"),
        (6, "推进中", None, None, 0, "none"),
        (8, "未填报", None, None, 0, "none"),
    ]
    assert _run(db, "PRAGMA foreign_key_check") == []
    assert ("units", "name") in {(row[2], row[4]) for row in _run(db, "PRAGMA foreign_key_list(roles)")}
    assert _run(db, "SELECT alias, unit FROM aliases ORDER BY alias") == [
        ("发展改革局", "发改局"), ("各镇(街道)", None), ("市场监督管理局", "市场局"), ("市场监管局", "市场局")]


GROUP_PLAN = {
    "plan.yaml": """
        title: 示例县方案
        sections:
          - number: 1
            title: 稳增长
            sections:
              - number: 1
                title: 扩大投资
    """,
    "units.yaml": """
        units:
          - name: 财政局
          - name: 西柳镇
          - name: 南台镇
        groups:
          - name: 镇(街道)
            aliases: [各镇（街道）]
            members: [西柳镇, 南台镇]
    """,
    "tasks/001.yaml": """
        id: 1
        section: 1
        subsection: 1
        title: 保障款项支付（清欠）;月底前清零。
        lead: [财政局]
        responsible: [各镇(街道)]
        measures:
          - unit: 各镇（街道）
            items: [摸清底数。, 按月报送。]
    """,
}


def test_roles_through_a_group_and_the_units_query(cli, tmp_path):
    plan = tmp_path / "g"
    for rel, text in GROUP_PLAN.items():
        (plan / rel).parent.mkdir(parents=True, exist_ok=True)
        (plan / rel).write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    out = tmp_path / "g.db"
    assert cli("-C", str(plan), "export", "sqlite", str(out), "--as-of", "2020-12-01").code == 0
    assert _run(out, "SELECT task_id, unit, role, via_group FROM roles ORDER BY unit, role") == [
        (1, "南台镇", "measure", "镇(街道)"), (1, "南台镇", "responsible", "镇(街道)"),
        (1, "西柳镇", "measure", "镇(街道)"), (1, "西柳镇", "responsible", "镇(街道)"), (1, "财政局", "lead", None),
    ]
    title = "保障款项支付（清欠）;月底前清零。"
    assert _run(out, documented_queries()[3]) == [(1, title, "measure", "镇(街道)"), (1, title, "responsible", "镇(街道)")]
    assert _run(out, "SELECT m.unit_as_written, m.\"group\", i.position, i.text FROM measures m JOIN items i ON i.measure_id = m.id") == [
        ("各镇（街道）", "镇(街道)", 1, "摸清底数。"), ("各镇（街道）", "镇(街道)", 2, "按月报送。")]
    assert _run(out, "SELECT t.id, s.number, p.number FROM tasks t JOIN sections s ON s.id = t.section_id JOIN sections p ON p.id = s.parent_id") == [(1, 1, 1)]


def test_replace_is_needed_to_write_again(cli, db):
    plan = db.parent / "plan"
    before = db.read_bytes()
    r = cli("-C", str(plan), "export", "sqlite", str(db))
    assert (r.code, r.err) == (2, f'taskplan: error: "{db}" exists (pass --replace to write it again)\n')
    assert db.read_bytes() == before
    r = cli("-C", str(plan), "export", "sqlite", str(db), "--replace", "--as-of", "2020-10-01")
    assert r.code == 0
    assert _run(db, "SELECT as_of FROM plan") == [("2020-10-01",)]
    assert _run(db, "SELECT COUNT(*) FROM tasks") == [(8,)]  # written afresh, not appended
    assert [p.name for p in db.parent.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_the_checks_loaded_once_are_the_checks_of_the_schema():
    assert SCHEMA.count("CHECK (") == len(CHECKS)
    for table, check in CHECKS.items():
        declared = re.search(rf"CREATE TABLE {table} \((.*?)\n\);", SCHEMA, re.S)
        assert declared is not None and f"CHECK ({check})" in declared.group(1)


@pytest.mark.parametrize("table, bad", [
    ("roles", (1, "财政局", "owner", None)),
    ("aliases", ("财政", "财政局", "镇(街道)")),
])
def test_a_row_against_a_check_is_refused_and_nothing_is_written(tmp_path, monkeypatch, table, bad):
    plan = tmp_path / "plan"
    shutil.copytree(PROGRESS, plan)
    rows = export._rows

    def with_a_bad_row(loaded, as_of):
        out = rows(loaded, as_of)
        out[table].append(bad)
        return out

    monkeypatch.setattr(export, "_rows", with_a_bad_row)
    target = tmp_path / "out" / "plan.db"
    with pytest.raises(RuntimeError, match=f"CHECK constraint failed: {table}"):
        export.export_sqlite(load_plan(plan), target, dt.date(2020, 12, 1))
    assert list(target.parent.iterdir()) == []  # neither the database nor its temporary file


# Full-text search, pinned on a plan of its own: the same measure written with half-width and with
# full-width punctuation, a progress note, and a title.  The expected rows are written by hand.
SEARCH_PLAN = {
    "plan.yaml": """
        title: 示例县方案
        sections:
          - number: 1
            title: 稳增长
    """,
    "units.yaml": """
        units:
          - name: 财政局
          - name: 西柳镇
    """,
    "tasks/001.yaml": """
        id: 1
        section: 1
        title: 清理拖欠企业账款(第一批)。
        lead: [财政局]
        measures:
          - unit: 财政局
            items:
              - 建立清欠台账(月报),逐笔销号。
              - 按季通报。
        progress:
          - date: 2020-10-20
            status: 推进中
            note: 清欠台账已建立;已清偿80%。
            unit: 财政局
    """,
    "tasks/002.yaml": """
        id: 2
        section: 1
        title: 清理拖欠企业账款（第二批）。
        lead: [西柳镇]
        measures:
          - items:
              - 建立清欠台账（季报），逐笔销号。
    """,
}


def export_search_plan(cli, tmp_path) -> Path:
    plan = tmp_path / "s"
    for rel, text in SEARCH_PLAN.items():
        (plan / rel).parent.mkdir(parents=True, exist_ok=True)
        (plan / rel).write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    out = tmp_path / "s.db"
    assert cli("-C", str(plan), "export", "sqlite", str(out), "--as-of", "2020-12-01").code == 0
    return out


@pytest.fixture
def search_db(cli, tmp_path) -> Path:
    return export_search_plan(cli, tmp_path)


HALF = "建立清欠台账(月报),逐笔销号。"
FULL = "建立清欠台账（季报），逐笔销号。"
NOTE = "清欠台账已建立;已清偿80%。"


@pytest.mark.parametrize("query, rows", [
    # three characters or more, in titles, measure items and progress notes, in row order
    ('"清欠台账"', [(1, "measure", "财政局", HALF), (1, "progress", "财政局", NOTE), (2, "measure", None, FULL)]),
    ('"拖欠企业账款"', [(1, "title", None, "清理拖欠企业账款(第一批)。"), (2, "title", None, "清理拖欠企业账款（第二批）。")]),
    # punctuation is matched as written: each width finds only its own text
    ('"账(月"', [(1, "measure", "财政局", HALF)]),
    ('"账（季"', [(2, "measure", None, FULL)]),
    ('"账（月"', []),
    ('"报),逐"', [(1, "measure", "财政局", HALF)]),
    ('"报），逐"', [(2, "measure", None, FULL)]),
    ('"款(第" OR "款（第"', [(1, "title", None, "清理拖欠企业账款(第一批)。"), (2, "title", None, "清理拖欠企业账款（第二批）。")]),
    ('"立;已"', [(1, "progress", "财政局", NOTE)]),
    ('"清偿80%"', [(1, "progress", "财政局", NOTE)]),
    # boolean queries over trigrams
    ('"清欠台账" NOT "月报)"', [(1, "progress", "财政局", NOTE), (2, "measure", None, FULL)]),
    ('"逐笔销号" AND "季报）"', [(2, "measure", None, FULL)]),
    # fewer than three characters match nothing (docs/sqlite.md: use LIKE)
    ('"清欠"', []),
])
def test_full_text_queries(search_db, query, rows):
    assert _run(search_db, f"SELECT task_id, kind, unit, text FROM search WHERE search MATCH '{query}' ORDER BY rowid") == rows


def test_short_words_are_found_with_instr_not_like(search_db):
    # docs/sqlite.md: LIKE with fewer than three characters goes to the trigram index and finds nothing (SQLite 3.40)
    assert _run(search_db, "SELECT task_id, kind FROM search WHERE instr(text, '清欠') ORDER BY rowid") == [
        (1, "measure"), (1, "progress"), (2, "measure")]


@pytest.mark.parametrize("hashsize", [export.SEARCH_HASHSIZE, 256])
def test_the_search_index_is_whole_merged_and_keeps_no_build_settings(monkeypatch, cli, tmp_path, hashsize):
    monkeypatch.setattr(export, "SEARCH_HASHSIZE", hashsize)  # 256 bytes: a segment every few rows, merged at the end
    search_db = export_search_plan(cli, tmp_path)
    assert _run(search_db, "SELECT rowid FROM search WHERE search MATCH '\"逐笔销号\"'") == [(2,), (6,)]  # 1 title, 2-3 items, 4 note of task 1; 5 title, 6 item of task 2
    con = sqlite3.connect(search_db)
    try:
        con.execute("INSERT INTO search (search) VALUES ('integrity-check')")  # raises if the index and the rows disagree
        assert con.execute("SELECT * FROM search_config").fetchall() == [("version", 4)]  # as FTS5 creates it
        before = con.execute("SELECT id, block FROM search_data ORDER BY id").fetchall()
        con.execute("INSERT INTO search (search) VALUES ('optimize')")  # already one segment: nothing to merge
        assert con.execute("SELECT id, block FROM search_data ORDER BY id").fetchall() == before
    finally:
        con.close()


def test_a_new_file_is_readable_by_all_and_versioned(cli, tmp_path):
    plan = tmp_path / "plan"
    shutil.copytree(PROGRESS, plan)
    out = tmp_path / "a" / "b" / "plan.db"  # folders that do not exist yet are made
    assert cli("-C", str(plan), "export", "sqlite", str(out), "--as-of", "2020-12-01").code == 0
    assert out.stat().st_mode & 0o777 == 0o644  # not mkstemp's 0o600: Datasette may run as another user
    assert _run(out, "PRAGMA user_version") == [(1,)]
    assert sorted(p.name for p in out.parent.iterdir()) == ["plan.db"]


def test_a_folder_is_refused_by_name(cli, tmp_path):
    plan = tmp_path / "plan"
    shutil.copytree(PROGRESS, plan)
    r = cli("-C", str(plan), "export", "sqlite", str(tmp_path))
    assert (r.code, r.out) == (2, "")
    assert r.err == f'taskplan: error: "{tmp_path}" is a directory (name a file, e.g. {tmp_path / "plan.db"})\n'


def test_a_plan_without_units_is_refused_and_nothing_is_written(tmp_path):
    plan = tmp_path / "plan"
    shutil.copytree(PROGRESS, plan)
    (plan / "units.yaml").unlink()
    target = tmp_path / "out" / "plan.db"
    with pytest.raises(export.UsageError, match="the plan has no plan.yaml or units.yaml"):
        export.export_sqlite(load_plan(plan), target, dt.date(2020, 12, 1))
    assert not target.parent.exists()

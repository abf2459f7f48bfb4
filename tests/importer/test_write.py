"""Writing an import: the records, a re-import that changes nothing, and the schemas of a new plan."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from taskplan.importer import import_document
from taskplan.records.schema import schema_texts
from taskplan.store.load import load_plan

DATA = Path(__file__).resolve().parents[1] / "data" / "importer"
CURATED = """\
# 本市单位名录（人工维护）
units:
  - name: 财政局
    kind: 政府部门
    aliases: [市财政局]
groups: []
"""


@pytest.mark.parametrize("name", ["per_unit_measures.txt", "per_unit_measures.fw.txt"])
@pytest.mark.parametrize("curated", [False, True])
def test_new_plan_schemas_describe_the_records_as_read_back(tmp_path, name, curated):
    into = tmp_path / "plan"
    if curated:
        into.mkdir()
        (into / "units.yaml").write_text(CURATED, encoding="utf-8")
    summary = import_document(DATA / name, into)
    loaded = load_plan(into, use_cache=False)
    assert loaded.problems == []
    expected = schema_texts(loaded.plan, loaded.registry)  # from the files on disk, not from the import's objects
    written = {p.name: p.read_text(encoding="utf-8") for p in (into / "docs" / "schema").iterdir()}
    assert written == expected
    units = [u.name for u in loaded.registry.units]
    assert len(units) > 1 and (not curated or units[0] == "财政局")
    assert set(units) <= set(json.dumps(json.loads(written["task.schema.json"]), ensure_ascii=False).split('"'))
    assert "docs/schema/task.schema.json" in summary.scaffolded


def test_reimport_writes_nothing_and_keeps_every_file(tmp_path):
    into = tmp_path / "plan"
    import_document(DATA / "per_unit_measures.txt", into)
    before = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in (into / "tasks").iterdir()}
    (into / "tasks" / "999.yaml").write_text("id: 999\n", encoding="utf-8")  # a task the document no longer has
    summary = import_document(DATA / "per_unit_measures.txt", into, force=True)
    after = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in (into / "tasks").iterdir()}
    assert after == before
    assert summary.removed == ["tasks/999.yaml"]


# a plan with a two-line measure and a line outside any task (what a reading says of each kind)
READINGS_DOCUMENT = """\
某县2025年重点工作任务分解方案
各乡镇人民政府,县政府各部门:
一、稳定经济增长
1.扩大有效投资。(县发改局牵头,县财政局配合)
落实措施:每季度调度重点项目,
及时协调解决项目建设中的困难。
2.促进消费升级。(县商务局负责)
二、保障改善民生
3.办好民生实事。(县民政局牵头)
- 2 -
"""


@pytest.mark.parametrize("width", ["half", "full"])
def test_a_normal_import_builds_no_per_line_readings(tmp_path, monkeypatch, width):
    """Only --dry-run prints how each line was read: a normal import never builds those readings (at
    100,000 tasks they were a fifth of its memory), and it writes and says exactly what an import that
    keeps them does."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from office_builders import full_width

    from taskplan.importer import structure

    built: list[int] = []
    task_reading = structure.task_reading
    monkeypatch.setattr(structure, "task_reading", lambda *args: built.append(args[0]) or task_reading(*args))
    source = tmp_path / "doc.txt"
    source.write_text(READINGS_DOCUMENT if width == "half" else full_width(READINGS_DOCUMENT), encoding="utf-8")

    plain = import_document(source, tmp_path / "plain", display="doc.txt")
    assert (plain.readings, built) == ([], [])

    kept = import_document(source, tmp_path / "kept", display="doc.txt", readings=True)
    assert sorted(set(built)) == [1, 2, 3]
    assert [(line.number, reading) for line, reading in kept.readings] == [
        (1, "front matter: title"),
        (2, "front matter: addressees"),
        (3, "section 1"),
        (4, "task 1"),
        (5, "task 1: 落实措施"),
        (6, "task 1: 落实措施 (continued)"),
        (7, "task 2"),
        (8, "section 2"),
        (9, "task 3"),
        (10, "unused: page number"),
    ]
    assert [u.line.number for u in plain.unused] == [u.line.number for u in kept.unused] == [10]
    assert plain.lines()[1:] == kept.lines()[1:]  # the first names the directory
    files = lambda into: {p.relative_to(into): p.read_bytes() for p in sorted(into.rglob("*")) if p.is_file()}  # noqa: E731
    assert files(tmp_path / "plain") == files(tmp_path / "kept")

    built.clear()
    dry = import_document(source, tmp_path / "dry", display="doc.txt", dry_run=True)
    assert [(line.number, reading) for line, reading in dry.readings] == [(line.number, reading) for line, reading in kept.readings]
    assert built and not (tmp_path / "dry").exists()


def test_a_line_keeps_no_attribute_dictionary():
    """A source line is a slotted record: 340,000 of them in a 100,000-task document."""
    from taskplan.importer.lines import Line

    line = Line(3, "1.扩大有效投资。")
    assert not hasattr(line, "__dict__") and line == Line(3, "1.扩大有效投资。")


# task 2 names only 责任单位 (no lead, no first-listed rule), task 3 names nobody
NO_LEAD_DOCUMENT = """\
某县2025年重点工作任务分解方案
一、稳定经济增长
1.扩大有效投资。(县发改局牵头,县财政局配合)
2.促进消费升级。
责任单位:县商务局、县市场监管局
3.办好民生实事。
"""


@pytest.mark.parametrize("width", ["half", "full"])
def test_the_summary_names_tasks_without_lead_and_without_unit(tmp_path, width):
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from office_builders import full_width

    source = tmp_path / "doc.txt"
    source.write_text(NO_LEAD_DOCUMENT if width == "half" else full_width(NO_LEAD_DOCUMENT), encoding="utf-8")
    summary = import_document(source, tmp_path / "plan", display="doc.txt")
    assert (summary.no_lead, summary.no_unit, summary.complete) == ([2, 3], [3], False)
    lines = summary.lines()
    assert "  tasks without lead (written with lead: []): 2, 3" in lines
    assert lines[-1] == "  incomplete: task(s) 3 name no unit; the records were written, fix the document or the records"
    assert [(f.line, f.code) for f in summary.warnings] == [(4, "TP804"), (6, "TP804")]


def test_the_summary_keeps_the_front_matter_lines_no_rule_claimed():
    summary = import_document(DATA / "annex.txt", Path("unused"), dry_run=True)
    assert summary.ignored_lines == [6]


@pytest.mark.parametrize("name", ["per_unit_measures.txt", "per_unit_measures.fw.txt"])
def test_a_dry_run_classifies_with_the_directory_s_own_units_yaml(tmp_path, name):
    """A dry run says what an import would add to a curated units.yaml, not to the built-in table."""
    into = tmp_path / "plan"
    into.mkdir()
    (into / "units.yaml").write_text(CURATED, encoding="utf-8")
    dry = import_document(DATA / name, into, dry_run=True, display="doc.txt")
    done = import_document(DATA / name, into, display="doc.txt")
    assert dry.added == done.added and "财政局" not in dry.added and dry.added
    assert dry.lines()[1:6] == done.lines()[1:6]  # counts, units.yaml, not classified
    assert dry.lines()[4] == f"  units.yaml: kept the existing registry; added {len(dry.added)} new name(s)"
    assert dry.lines()[0] == f"would import doc.txt into {into}"


def test_a_dry_run_asked_for_no_readings_builds_none(tmp_path):
    summary = import_document(DATA / "annex.txt", tmp_path / "plan", dry_run=True, readings=False)
    assert summary.readings == [] and summary.tasks == 3


def test_one_sync_when_task_files_were_written_or_removed_and_none_when_nothing_changed(tmp_path, monkeypatch):
    import os

    syncs: list[int] = []
    monkeypatch.setattr(os, "sync", lambda: syncs.append(1))
    into = tmp_path / "plan"
    import_document(DATA / "per_unit_measures.txt", into)  # every task file written
    assert syncs == [1]
    import_document(DATA / "per_unit_measures.txt", into, force=True)  # nothing changed
    assert syncs == [1]
    (into / "tasks" / "999.yaml").write_text("id: 999\n", encoding="utf-8")
    import_document(DATA / "per_unit_measures.txt", into, force=True)  # only a stale file removed
    assert syncs == [1, 1]

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

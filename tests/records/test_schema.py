"""taskplan schema: draft-07 JSON Schemas with unit enums; TP701 flags a stale committed schema."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import yaml

from taskplan.records.schema import schema_texts
from taskplan.store.load import load_plan

ROOT = Path(__file__).resolve().parents[2]


def _jsonable(value):
    """YAML dates as the strings the editor sees."""
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def test_schema_command_writes_three_files(cli, mini):
    r = cli("schema", cwd=mini)
    assert (r.code, r.err) == (0, "")
    assert r.out == (
        "wrote docs/schema/task.schema.json\n"
        "wrote docs/schema/plan.schema.json\n"
        "wrote docs/schema/units.schema.json\n"
        "3 of 3 schemas in docs/schema/ updated\n"
    )
    r = cli("schema", cwd=mini)
    assert r.out == "0 of 3 schemas in docs/schema/ updated\n"


def test_task_schema_is_draft07_with_unit_enums(mini):
    loaded = load_plan(mini, use_cache=False)
    schema = json.loads(schema_texts(loaded.plan, loaded.registry)["task.schema.json"])
    jsonschema.Draft7Validator.check_schema(schema)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "$defs" not in json.dumps(schema)
    unit = schema["definitions"]["UnitName"]
    assert (unit["title"], unit["errorMessage"]) == ("单位 (unit)", "未知单位，请写 units.yaml 中的名称、别名或全称")
    assert schema["properties"]["lead"]["title"] == "牵头单位 (lead)"
    registered, variants = unit["anyOf"]
    assert registered["enum"] == [
        "财政局", "示例市财政局", "发改局", "发展改革局", "示例市发展和改革局",
        "市场局", "市场监督管理局", "市场监管局", "示例市市场监督管理局",
        "西柳镇", "示例市西柳镇人民政府", "镇(街道)", "各镇(街道)", "各镇区(街道)",
    ]
    assert registered["enumDescriptions"][:5] == [
        "示例市财政局", "示例市财政局(= 财政局)", "示例市发展和改革局", "示例市发展和改革局(= 发改局)", "示例市发展和改革局(= 发改局)",
    ]
    assert registered["enumDescriptions"][11:13] == ["镇(街道)(组:西柳镇)", "镇(街道)(组:西柳镇)(= 镇(街道))"]
    assert schema["properties"]["lead"]["items"] == {"$ref": "#/definitions/UnitName"}
    assert schema["definitions"]["Measure"]["properties"]["unit"]["anyOf"] == [{"$ref": "#/definitions/UnitName"}, {"type": "null"}]
    assert schema["properties"]["section"]["enum"] == [1, 2]
    assert schema["properties"]["section"]["enumDescriptions"] == ["全面落实积极财政政策", "加大金融信贷支持力度"]
    validator = jsonschema.Draft7Validator(schema)
    bad = {"id": 3, "section": 2, "title": "x", "lead": ["财正局"], "responsible": []}
    assert [e.message for e in validator.iter_errors(bad)][0].startswith("'财正局' is not valid under any")
    # a width variant of a registered name is accepted (check --fix writes the registered spelling) ...
    for spelling in ("镇（街道）", "各镇（街道）", "镇(街道)"):
        assert list(validator.iter_errors({**bad, "lead": [spelling]})) == []
    # ... but never completed: the pattern holds the variants, the enum only registered spellings
    assert "镇（街道）" not in registered["enum"] and "镇（街道）" in variants["pattern"]


def test_every_real_record_validates_against_the_committed_schemas():
    schemas = {n: json.loads((ROOT / "docs/schema" / n).read_text(encoding="utf-8")) for n in ("task.schema.json", "plan.schema.json", "units.schema.json")}
    for schema in schemas.values():
        jsonschema.Draft7Validator.check_schema(schema)
    paths = sorted((ROOT / "tasks").glob("*.yaml"))
    assert len(paths) == 146  # the document's 146 tasks: an empty glob must not pass
    for path in paths:
        data = _jsonable(yaml.safe_load(path.read_text(encoding="utf-8")))
        jsonschema.validate(data, schemas["task.schema.json"], cls=jsonschema.Draft7Validator)
    jsonschema.validate(_jsonable(yaml.safe_load((ROOT / "plan.yaml").read_text(encoding="utf-8"))), schemas["plan.schema.json"])
    jsonschema.validate(_jsonable(yaml.safe_load((ROOT / "units.yaml").read_text(encoding="utf-8"))), schemas["units.schema.json"])


def test_task_files_point_at_the_schema():
    paths = sorted((ROOT / "tasks").glob("*.yaml"))
    assert len(paths) == 146
    for path in paths:
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        assert first == "# yaml-language-server: $schema=../docs/schema/task.schema.json", path.name
        assert (path.parent / "../docs/schema/task.schema.json").resolve().is_file()


def test_tp701_schema_out_of_date(cli, found, mini):
    assert found(mini, "TP701") == []  # no docs/schema: not checked
    cli("schema", cwd=mini)
    assert found(mini, "TP701") == []
    units = (mini / "units.yaml").read_text(encoding="utf-8").replace("aliases: []\n  - name: 发改局", "aliases: [市财政局]\n  - name: 发改局")
    (mini / "units.yaml").write_text(units, encoding="utf-8")
    assert found(mini, "TP701") == [  # both name the units: tasks for lead/responsible, units.yaml for a group's members
        "docs/schema/task.schema.json:1:1: warning TP701 docs/schema/task.schema.json is out of date; run taskplan schema and commit it",
        "docs/schema/units.schema.json:1:1: warning TP701 docs/schema/units.schema.json is out of date; run taskplan schema and commit it"]
    (mini / "docs/schema/plan.schema.json").unlink()
    assert found(mini, "TP701")[0] == "docs/schema/plan.schema.json:0:0: warning TP701 docs/schema/plan.schema.json is missing; run taskplan schema"

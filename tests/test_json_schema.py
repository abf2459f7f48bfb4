"""`list --format json` output validates against the documented schema (docs/schema/list.schema.json)."""
import json

import jsonschema
import pytest

from conftest import ROOT

SCHEMA = json.loads((ROOT / "docs" / "schema" / "list.schema.json").read_text(encoding="utf-8"))


def test_schema_is_valid_draft7():
    jsonschema.Draft7Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("args", [
    ["list"],  # every task of the repo's own plan
    ["list", "--unit", "西柳镇"],  # matched roles, with and without a group
    ["list", "--unit", "财政局", "--unit", "西柳镇", "-s", "1..3"],
    ["list", "--grep", "没有这样的任务"],  # an empty result
])
def test_list_json_validates(cli, args):
    r = cli("-C", str(ROOT), *args, "--format", "json")
    assert (r.code, r.err) == (0, "")
    doc = json.loads(r.out)
    jsonschema.Draft7Validator(SCHEMA).validate(doc)
    assert doc["count"] == len(doc["tasks"])


def test_schema_rejects_what_docs_exclude(cli):
    doc = json.loads(cli("-C", str(ROOT), "list", "--id", "1", "-f", "json").out)
    bad = json.loads(json.dumps(doc))
    bad["tasks"][0]["matched"] = [{"unit": "财政局", "role": "owner", "via": None}]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, SCHEMA)
    bad = json.loads(json.dumps(doc))
    del bad["schema_version"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, SCHEMA)

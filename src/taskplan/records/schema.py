"""JSON Schemas of the record files, for editors (VS Code's YAML extension).

Generated from the pydantic models, then made draft-07 compatible (older
editor extensions understand nothing newer): ``$defs`` become
``definitions``.  Unit fields (lead, responsible, measure/deadline/progress
units) get the registry's names *and* aliases as an ``enum`` whose
descriptions are the full names, so the editor completes them and flags
unknown ones; ``section`` gets plan.yaml's section numbers with their
titles.  The schemas live in docs/schema/ of the plan, committed (intranets
are offline); TP701 reports a committed schema that no longer matches.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from taskplan.model import records as models

SCHEMA_DIR = "docs/schema"
DRAFT_07 = "http://json-schema.org/draft-07/schema#"
SCHEMAS: dict[str, type[BaseModel]] = {
    "task.schema.json": models.Task,
    "plan.schema.json": models.Plan,
    "units.schema.json": models.Registry,
}
UNIT_LIST_FIELDS = ("lead", "responsible")
UNIT_FIELD = "unit"


def _draft07(node: Any) -> Any:
    """$defs -> definitions, recursively (refs included)."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$defs":
                key = "definitions"
            if key == "$ref" and isinstance(value, str):
                value = value.replace("#/$defs/", "#/definitions/")
            out[key] = _draft07(value)
        return out
    if isinstance(node, list):
        return [_draft07(v) for v in node]
    return node


def unit_names(registry: models.Registry | None) -> list[tuple[str, str]]:
    """(spelling, description) for every name, alias and full name of units and groups, in registry order."""
    if registry is None:
        return []
    seen: set[str] = set()
    out = []
    for item in (*registry.units, *registry.groups):
        is_group = isinstance(item, models.Group)
        full = item.full_name or item.name
        if is_group:
            members = "、".join(item.members)
            full = f"{full}(组{':' + members if members else ''})"
        for spelling in (item.name, *item.aliases, item.full_name):
            if not spelling:
                continue
            if spelling in seen:
                continue
            seen.add(spelling)
            desc = full if spelling == item.name else f"{full}(= {item.name})"
            out.append((spelling, desc))
    return out


def _unit_definition(names: list[tuple[str, str]]) -> dict[str, Any]:
    return {
        "type": "string",
        "title": "Unit",
        "description": "A unit or group of units.yaml (name, alias or full name).",
        "enum": [n for n, _ in names],
        "enumDescriptions": [d for _, d in names],
        "markdownEnumDescriptions": [d for _, d in names],
    }


def _patch_units(schema: dict[str, Any]) -> None:
    ref = {"$ref": "#/definitions/UnitName"}
    for obj in [schema, *schema.get("definitions", {}).values()]:
        props = obj.get("properties", {})
        for key in UNIT_LIST_FIELDS:
            if key in props and props[key].get("type") == "array":
                props[key]["items"] = dict(ref)
        if UNIT_FIELD in props:
            props[UNIT_FIELD]["anyOf"] = [dict(ref), {"type": "null"}]


def _patch_sections(schema: dict[str, Any], plan: models.Plan | None) -> None:
    if plan is None or "section" not in schema.get("properties", {}):
        return
    prop = schema["properties"]["section"]
    prop["enum"] = [s.number for s in plan.sections]
    prop["enumDescriptions"] = [s.title for s in plan.sections]
    prop["markdownEnumDescriptions"] = [s.title for s in plan.sections]


def build_schema(name: str, plan: models.Plan | None, registry: models.Registry | None) -> dict[str, Any]:
    model = SCHEMAS[name]
    schema = _draft07(model.model_json_schema(by_alias=True))
    schema = {"$schema": DRAFT_07, **schema}
    if model is models.Task:
        schema.setdefault("definitions", {})["UnitName"] = _unit_definition(unit_names(registry))
        _patch_units(schema)
        _patch_sections(schema, plan)
    return schema


def schema_texts(plan: models.Plan | None, registry: models.Registry | None) -> dict[str, str]:
    """file name -> JSON text (UTF-8, Chinese as is, stable key order)."""
    return {
        name: json.dumps(build_schema(name, plan, registry), ensure_ascii=False, indent=2) + "\n"
        for name in SCHEMAS
    }


def write_schemas(root: Path, plan: models.Plan | None, registry: models.Registry | None) -> list[str]:
    """Write docs/schema/*.json under ``root``; return the plan-relative paths that changed."""
    from taskplan.store.write import atomic_write

    directory = root / SCHEMA_DIR
    directory.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, text in schema_texts(plan, registry).items():
        path = directory / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            atomic_write(path, text)
            changed.append(f"{SCHEMA_DIR}/{name}")
    return changed

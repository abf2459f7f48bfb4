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
import re
import unicodedata
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


UNKNOWN_UNIT = "未知单位，请写 units.yaml 中的名称、别名或全称"

# The glossary's words (docs/glossary.md), the English term in brackets: editors show these as hovers.
FIELD_DOCS: dict[str, tuple[str, str]] = {
    "id": ("编号 (id)", "任务编号，与文件名 tasks/NNN.yaml 一致"),
    "section": ("板块 (section)", "plan.yaml 中板块的序号"),
    "subsection": ("子板块 (subsection)", "板块内子板块的序号"),
    "title": ("任务内容 (title)", "任务原文，照方案文件书写"),
    "leader": ("牵头领导 (leader)", "牵头领导、责任领导或分管领导，照方案文件书写"),
    "lead": ("牵头单位 (lead)", "牵头单位；列第一位者为牵头单位"),
    "responsible": ("责任单位 (responsible)", "责任单位"),
    "measures": ("落实措施 (measures)", "各单位的落实措施"),
    "unit": ("单位 (unit)", "units.yaml 中的单位或单位组"),
    "items": ("措施条目 (items)", "落实措施的各条"),
    "intro": ("引言 (intro)", "编号条目之前的那句话"),
    "status": ("状态 (status)", " ".join(models.STATUSES) + "；不写表示未填报"),
    "deadlines": ("完成时限 (deadlines)", "完成时限"),
    "progress": ("进展记录 (progress)", "填报的进展，按日期先后排列"),
    "extensions": ("延期 (extensions)", "批准的延期；原时限保留"),
    "requests": ("延期申请 (requests)", "待批准的延期申请"),
    "date": ("日期 (date)", "YYYY-MM-DD"),
    "note": ("说明 (note)", "做了什么；已完成、已销号须写明依据"),
    "reason": ("理由 (reason)", "延期理由"),
    "approved_by": ("批准人 (approved_by)", "批准延期的人或单位"),
    "name": ("名称 (name)", "规范名称"),
    "full_name": ("全称 (full_name)", "单位全称"),
    "kind": ("类别 (kind)", "单位类别"),
    "aliases": ("别名 (aliases)", "单位的其他写法"),
    "members": ("成员单位 (members)", "单位组包含的单位"),
    "units": ("单位 (units)", "登记的单位"),
    "groups": ("单位组 (groups)", "登记的单位组，如 各镇(街道)"),
    "sections": ("板块 (sections)", "方案的板块"),
    "issuer": ("发文单位 (issuer)", "印发方案的机关"),
}


# Where a field's name means something else in a record (plan.yaml's title is the plan's, not a task's),
# and the records themselves: keyed by the model's (definition's) name.
MODEL_DOCS: dict[str, tuple[str, str]] = {
    "Task": ("任务 (task)", "tasks/NNN.yaml：方案中的一项任务"),
    "Plan": ("方案 (plan)", "plan.yaml：方案文件的标题、发文信息和板块"),
    "Registry": ("单位名册 (units)", "units.yaml：方案点名的单位和单位组"),
    "Section": ("板块 (section)", "方案的板块：一、全面落实积极财政政策 的序号是 1"),
    "Unit": ("单位 (unit)", "登记的单位：规范名称、全称、类别、别名"),
    "Group": ("单位组 (group)", "方案作为一个整体点名的一组单位，如 各镇(街道)"),
    "Measure": ("落实措施 (measure)", "一个单位的落实措施（unit 为 null 时属于整项任务）"),
    "Deadline": ("完成时限 (deadline)", "任务（或某单位的措施）须完成的日期"),
    "Extension": ("延期 (extension)", "批准的延期；原时限保留并照常报告"),
    "ExtensionRequest": ("延期申请 (request)", "单位提出的延期申请，taskplan extend 批准后生效"),
    "ProgressEntry": ("进展记录 (progress)", "一次进展填报；只追加，不改写"),
}
FIELD_DOCS_IN: dict[str, dict[str, tuple[str, str]]] = {
    "Plan": {
        "title": ("方案标题 (title)", "方案文件的标题，照文件书写"),
        "date": ("印发日期 (date)", "YYYY-MM-DD"),
        "note": ("说明 (note)", "关于方案的说明"),
        "addressees": ("主送机关 (addressees)", "方案的主送机关"),
        "preamble": ("导语 (preamble)", "任务列表之前的正文"),
    },
    "Section": {
        "number": ("序号 (number)", "板块序号：一、写作 1"),
        "title": ("板块标题 (title)", "板块标题，不含“一、”"),
        "sections": ("子板块 (sections)", "板块内的子板块"),
    },
    "Deadline": {
        "text": ("原文 (text)", "方案中写明时限的原文"),
        "source": ("来源 (source)", "extracted（从正文读出）或 manual（手工填写）"),
        "recurring": ("常态 (recurring)", "常态化工作，没有具体日期"),
    },
    "Extension": {"from": ("原时限 (from)", "YYYY-MM-DD"), "to": ("延期至 (to)", "YYYY-MM-DD")},
    "ExtensionRequest": {"to": ("申请延期至 (to)", "YYYY-MM-DD"), "source": ("来源 (source)", "如 form 填报表文件名")},
    "ProgressEntry": {"reporter": ("填报人 (reporter)", "填报人"), "source": ("来源 (source)", "如 form 填报表文件名")},
}
SECTION_NUMBER = "板块序号应为正整数：一、写作 1"


def _explain_records(schema: dict[str, Any]) -> None:
    """Chinese titles on the record and its definitions; the fields whose meaning depends on the record."""
    for name, node in [(schema.get("title"), schema), *schema.get("definitions", {}).items()]:
        if name in MODEL_DOCS:
            node["title"], node["description"] = MODEL_DOCS[name]
        for key, docs in FIELD_DOCS_IN.get(name, {}).items():
            if key in node.get("properties", {}):
                node["properties"][key]["title"], node["properties"][key]["description"] = docs
        if name == "Section" and "number" in node.get("properties", {}):
            node["properties"]["number"]["errorMessage"] = SECTION_NUMBER


def _width_variants(name: str) -> set[str]:
    """Spellings of ``name`` that differ only in width (（）↔(), full-width letters and digits) and spaces:
    the schema accepts them, because ``check --fix`` (TP202) writes the registered spelling."""
    half = unicodedata.normalize("NFKC", name)
    full = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in half)
    mixed = half.replace("(", "（").replace(")", "）")
    return {v for v in (half, full, mixed, half.replace(" ", "")) if v and v != name}


def _unit_definition(names: list[tuple[str, str]]) -> dict[str, Any]:
    spellings = {n for n, _ in names}
    variants = sorted({v for n, _ in names for v in _width_variants(n)} - spellings)
    # each branch carries the message too: yaml-language-server reports the closest branch's error
    accepted: list[dict[str, Any]] = [{"enum": [n for n, _ in names],
                                       "enumDescriptions": [d for _, d in names],
                                       "markdownEnumDescriptions": [d for _, d in names],
                                       "errorMessage": UNKNOWN_UNIT}]
    if variants:  # a pattern, not an enum: the editor completes registered spellings only
        accepted.append({"pattern": "^(" + "|".join(re.escape(v) for v in variants) + ")$", "errorMessage": UNKNOWN_UNIT})
    return {
        "type": "string",
        "title": "单位 (unit)",
        "description": "units.yaml 中的单位或单位组：名称、别名或全称",
        "anyOf": accepted,
        "errorMessage": UNKNOWN_UNIT,
    }


def _explain_fields(node: Any) -> None:
    """Chinese titles and short descriptions on every property the glossary names (recursively)."""
    if isinstance(node, dict):
        for key, prop in node.get("properties", {}).items():
            if key in FIELD_DOCS and isinstance(prop, dict):
                prop["title"], prop["description"] = FIELD_DOCS[key]
        for value in node.values():
            _explain_fields(value)
    elif isinstance(node, list):
        for value in node:
            _explain_fields(value)


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
    _explain_fields(schema)
    _explain_records(schema)
    if model is models.Task:
        schema.setdefault("definitions", {})["UnitName"] = _unit_definition(unit_names(registry))
        _patch_units(schema)
        _patch_sections(schema, plan)
    if model is models.Registry and registry is not None:  # a group's members are registered units
        schema.setdefault("definitions", {})["UnitName"] = _unit_definition(unit_names(registry))
        schema["definitions"]["Group"]["properties"]["members"]["items"] = {"$ref": "#/definitions/UnitName"}
    return schema


def schema_texts(plan: models.Plan | None, registry: models.Registry | None) -> dict[str, str]:
    """file name -> JSON text (UTF-8, Chinese as is, stable key order)."""
    return {
        name: json.dumps(build_schema(name, plan, registry), ensure_ascii=False, indent=2) + "\n"
        for name in SCHEMAS
    }


def write_schemas(root: Path, plan: models.Plan | None, registry: models.Registry | None) -> list[str]:
    """Write docs/schema/*.json under ``root``; return the plan-relative paths that changed."""
    from taskplan.store.write import write_output

    directory = root / SCHEMA_DIR
    changed = []
    for name, text in schema_texts(plan, registry).items():
        path = directory / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            write_output(path, text, "the schema")  # docs/schema a file, or a folder in its place: a clear message
            changed.append(f"{SCHEMA_DIR}/{name}")
    return changed

"""taskplan rules, and docs/rules.md generated from the rule docstrings."""
from __future__ import annotations

from pathlib import Path

from taskplan.check.docs import rules_markdown
from taskplan.check.rule import all_rules

ROOT = Path(__file__).resolve().parents[2]


def test_docs_rules_md_is_up_to_date():
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == rules_markdown(), "regenerate: taskplan rules --format md > docs/rules.md"


def test_every_rule_is_documented_and_tested():
    tests = "".join(p.read_text(encoding="utf-8") for p in Path(__file__).parents[1].rglob("test_*.py"))
    for rule in all_rules():
        assert rule.summary and "\n\n" in rule.doc, f"{rule.code}: docstring needs a summary line and a paragraph"
        assert rule.name.replace("-", "").isalnum() and rule.name == rule.name.lower()
        assert f"error {rule.code}" in tests or f"warning {rule.code}" in tests or f"info {rule.code}" in tests, (
            f"{rule.code} has no test with its exact output"
        )


def test_codes_are_unique_and_in_their_family():
    prefixes = {"files": ("TP0", "TP1"), "references": ("TP2",), "structure": ("TP3",), "layout": ("TP3",),
                "text": ("TP4",), "registry": ("TP5",), "progress": ("TP6",), "schema": ("TP7",),
                "importer": ("TP8",)}
    for rule in all_rules():
        assert rule.family in prefixes, f"{rule.code}: family {rule.family!r} has no code range here"
        assert rule.code.startswith(prefixes[rule.family]), rule.code
    codes = [rule.code for rule in all_rules()]
    names = [rule.name for rule in all_rules()]
    assert len(codes) == len(set(codes)) and len(names) == len(set(names))


def test_rules_list(cli):
    r = cli("rules")
    assert r.code == 0 and r.err == ""
    lines = r.out.splitlines()
    assert len(lines) == 2 + len(all_rules())
    assert lines[0] == "code   severity  fix  name                        what it finds"
    assert lines[2] == "TP001  error          yaml-syntax                 The file is not valid YAML (or holds an impossible date such as 2020-13-01)."
    assert "TP202  warning   fix  unit-spelling               A unit name differs from its registered spelling only by width or spaces." in lines


def test_rules_in_the_formats_of_every_tabular_command(cli):
    import json

    r = cli("rules", "-f", "json")
    body = json.loads(r.out)
    assert body["schema_version"] == 1
    assert body["rules"][0] == {"code": "TP001", "name": "yaml-syntax", "severity": "error", "fixable": False,
                                "family": "files", "summary": "The file is not valid YAML (or holds an impossible date such as 2020-13-01)."}
    assert cli("rules", "-f", "ids").out.splitlines()[:2] == ["TP001", "TP002"]
    csv_lines = cli("rules", "-f", "csv").out.split("\n")
    assert csv_lines[0] == "code,severity,fix,name,what it finds"
    assert "TP202,warning,fix,unit-spelling,A unit name differs from its registered spelling only by width or spaces." in csv_lines


def test_rule_detail(cli):
    r = cli("rules", "tp206")
    assert r.code == 0
    assert r.out.startswith(
        "TP206 lead-without-measure (info)\n\n"
        "A lead unit has no measure of its own in a task whose measures are split per unit.\n\n"
    )


def test_unknown_rule(cli):
    r = cli("rules", "TP999")
    assert (r.code, r.out, r.err) == (2, "", "taskplan: error: no rule \"TP999\" ('taskplan rules' lists them)\n")


def test_rules_md_format(cli):
    r = cli("rules", "--format", "md")
    assert r.out == rules_markdown()
    assert "| [TP201](#tp201-unknown-unit) | unknown-unit | error |  | A task names a unit that units.yaml does not know (with suggestions). |" in r.out

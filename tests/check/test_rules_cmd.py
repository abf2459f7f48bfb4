"""taskplan rules, and docs/rules.md generated from the rule docstrings."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

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
    assert csv_lines[0] == "代码,级别,修正,名称,检查内容"  # csv headers are the Chinese words in every language (docs/language.md)
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


def test_every_registered_rule_has_a_chinese_summary(chinese):
    """Every rule, the importer's TP8xx codes included, shows its summary in Chinese, with the glossary's words."""
    from taskplan.i18n import _

    import taskplan.importer.codes  # noqa: F401 - all_rules lists them through check/rules/importer.py

    rules = all_rules()
    assert any(r.code.startswith("TP8") for r in rules)
    untranslated = [r.code for r in rules if _(r.summary) == r.summary]
    assert untranslated == []
    # Latin words a translation keeps are the English summary's names (fields, files, formats), never new prose
    def latin(text: str) -> set[str]:
        return set(re.findall(r"[A-Za-z][A-Za-z-]+", text))

    added = {r.code: latin(_(r.summary)) - latin(r.summary) - {"BOM"} for r in rules}  # BOM: as the catalog says it
    assert {code: words for code, words in added.items() if words} == {}
    assert [r.code for r in rules if not re.search(r"[\u4e00-\u9fff]", _(r.summary))] == []


def test_the_catalog_extractor_finds_every_rule_summary():
    """make catalog collects the summaries from the source (check/extract.py): none is missed, nothing else is taken."""
    from taskplan.check.extract import rule_summaries

    src = ROOT / "src" / "taskplan"
    files = [*sorted((src / "check" / "rules").glob("*.py")), src / "importer" / "codes.py"]
    extracted = {text for path in files for _, text in rule_summaries(path.read_text(encoding="utf-8"))}
    assert extracted == {r.summary for r in all_rules()}


def test_rule_summaries_from_decorated_functions_and_loader_rules():
    from taskplan.check.extract import rule_summaries

    source = '''
from taskplan.check.rule import loader_rule, rule

loader_rule("TP900", "x", "error", """
    First line of a loader rule.

    More text.
    """, "files")

@rule("TP901", "y", "warning")
def check_y(ctx):
    """First line of a rule.

    Why it matters.
    """

def helper():
    """Not a rule."""
'''
    assert rule_summaries(source) == [(4, "First line of a loader rule."), (12, "First line of a rule.")]


def test_rules_list_in_chinese(cli, chinese):
    r = cli("rules")
    assert r.code == 0 and r.err == ""
    lines = r.out.splitlines()
    assert lines[0] == "代码   级别  修正  名称                        检查内容"
    assert lines[2] == "TP001  错误        yaml-syntax                 文件不是有效的 YAML（或含有 2020-13-01 这类不存在的日期）。"
    assert "TP202  警告  修正  unit-spelling               单位名称与登记的写法只差全角/半角或空格。" in lines
    assert "TP206  提示        lead-without-measure        落实措施按单位分列的任务中，牵头单位没有自己的落实措施。" in lines
    assert "TP804  警告        import-no-lead-unit         导入的任务没有牵头单位（写为 “lead: []”）。" in lines


def test_rules_csv_and_json_do_not_change_with_the_language(cli, chinese):
    """Machine formats keep the English severity and summary; csv headers are the 台账 words in every language."""
    import json

    from taskplan import i18n

    zh_csv, zh_json = cli("rules", "-f", "csv").out, cli("rules", "-f", "json").out
    i18n.set_language("en")
    assert (cli("rules", "-f", "csv").out, cli("rules", "-f", "json").out) == (zh_csv, zh_json)
    assert "TP202,warning,fix,unit-spelling,A unit name differs from its registered spelling only by width or spaces." in zh_csv.split("\n")
    assert json.loads(zh_json)["rules"][1]["severity"] == "error"


def test_rule_detail_in_chinese_keeps_the_english_documentation(cli, chinese):
    r = cli("rules", "tp202")
    assert r.code == 0
    assert r.out.startswith(
        "TP202 unit-spelling（警告；check --fix 可修正）\n\n"
        "单位名称与登记的写法只差全角/半角或空格。\n\n"
        "A unit name differs from its registered spelling only by width or spaces.\n\n"
        "``镇（街道）`` resolves to ``镇(街道)``"
    )

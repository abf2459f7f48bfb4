"""TP2xx unit-reference rules: failing and passing fixtures with exact findings."""
from __future__ import annotations

import pytest


def task1(lead="[财政局, 发改局]", responsible="[各镇(街道)]", m1="发改局", m2="财政局"):
    return f"""
        id: 1
        section: 1
        title: 今年赤字率拟按3.6%以上安排。
        lead: {lead}
        responsible: {responsible}
        measures:
          - unit: {m1}
            items:
              - 密切跟踪政策方案,全力争取抗疫特别国债。
          - unit: {m2}
            items:
              - 积极争取上级转移支付和资金。
        """


def test_mini_plan_has_no_reference_findings(found, mini):
    assert found(mini, "TP2") == []


def test_tp201_unknown_unit_in_flow_list_points_at_the_item(found, make_plan):
    root = make_plan({"tasks/001.yaml": task1(lead="[财政局, 财正局]")})
    assert found(root, "TP201") == ['tasks/001.yaml:4:13: error TP201 unknown unit "财正局" (did you mean 财政局?)']


def test_tp201_block_list_and_measure_and_no_suggestion(found, make_plan):
    root = make_plan({"tasks/001.yaml": task1(responsible="\n          - 各镇(街道)\n          - 气象台", m2="水务局")})
    assert found(root, "TP201") == [
        'tasks/001.yaml:7:5: error TP201 unknown unit "气象台"; add it to units.yaml or fix the spelling',
        'tasks/001.yaml:12:11: error TP201 unknown unit "水务局"; add it to units.yaml or fix the spelling',
    ]


def test_tp201_width_variants_and_aliases_resolve(found, make_plan):
    root = make_plan({"tasks/001.yaml": task1(lead="[财政局, 发展改革局]", responsible="[各镇区(街道)]")})
    assert found(root, "TP201") == []


def test_tp202_width_variant_is_reported_with_a_fix(found, make_plan):
    root = make_plan({"tasks/001.yaml": task1(responsible="[各镇\uff08街道\uff09]")})
    assert found(root, "TP202") == [
        'tasks/001.yaml:5:15: warning TP202 "各镇\uff08街道\uff09" is written differently from the registered '
        '"各镇(街道)" (width or spaces); write "各镇(街道)"'
    ]
    root = make_plan({"tasks/001.yaml": task1(lead="[财政局, 发改 局]")}, name="space")
    assert found(root, "TP202") == [
        'tasks/001.yaml:4:13: warning TP202 "发改 局" is written differently from the registered "发改局" (width or spaces); write "发改局"'
    ]


def test_tp203_same_unit_twice_in_a_role(found, make_plan):
    root = make_plan({"tasks/001.yaml": task1(lead="[财政局, 发改局, 发展改革局]")})
    assert found(root, "TP203") == [
        'tasks/001.yaml:4:18: warning TP203 lead names 发改局 twice (as "发改局"); remove "发展改革局"'
    ]
    root = make_plan({"tasks/001.yaml": task1(responsible="[各镇(街道), 各镇(街道)]")}, name="same")
    assert found(root, "TP203") == ['tasks/001.yaml:5:23: warning TP203 responsible names 镇(街道) twice; remove "各镇(街道)"']


def test_tp204_lead_and_responsible(found, make_plan):
    root = make_plan({"tasks/001.yaml": task1(responsible="[各镇(街道), 财政局]")})
    assert found(root, "TP204") == ["tasks/001.yaml:5:23: warning TP204 财政局 is both lead and responsible; keep it in one role"]


def test_tp205_measure_owner_not_in_roles(found, make_plan):
    root = make_plan({"tasks/001.yaml": task1(m2="市场局")})
    assert found(root, "TP205") == [
        "tasks/001.yaml:10:11: warning TP205 measure unit 市场局 is neither lead nor responsible for task 1"
    ]
    # a member of a group the task names is covered by the group
    root = make_plan({"tasks/001.yaml": task1(m2="西柳镇")}, name="member")
    assert found(root, "TP205") == []


def test_tp206_lead_without_measure(found, make_plan):
    root = make_plan({"tasks/001.yaml": task1(m1="财政局")})
    assert found(root, "TP206") == ["tasks/001.yaml:4:13: info TP206 lead unit 发改局 has no measure of its own in task 1"]
    # unattributed measures are not checked
    assert found(make_plan(name="m"), "TP206") == []


def test_tp207_duplicate_measure_text(found, make_plan):
    root = make_plan({"tasks/002.yaml": """
        id: 2
        section: 2
        title: 稳健的货币政策要更加灵活适度。
        lead: [市场监督管理局]
        responsible: []
        measures:
          - unit: null
            items:
              - 6月末完成摸底。
              - 积极争取上级转移支付和资金。
        """})
    assert found(root, "TP207") == ["tasks/002.yaml:10:9: warning TP207 measure text also in task 1"]


def test_tp208_task_without_lead(found, make_plan):
    root = make_plan({"tasks/001.yaml": task1(lead="[]")})
    assert found(root, "TP208") == ["tasks/001.yaml:4:7: error TP208 task 1 has no lead unit; write the 牵头单位 into lead"]
    assert found(make_plan(name="ok"), "TP208") == []


def test_tp209_two_measure_blocks_of_one_unit(found, make_plan):
    root = make_plan({"tasks/001.yaml": task1(m1="财政局", m2="财政局")})
    assert found(root, "TP209") == [
        "tasks/001.yaml:10:5: warning TP209 second measure block of 财政局 in task 1 (first: measures[0]); merge them"
    ]
    # one block with an intro is the canonical shape
    assert found(make_plan(name="ok"), "TP209") == []


# ---------------------------------------------------------------- a spelling in units.yaml that is not clean


def _units_with(mini, old: str, new: str) -> str:
    text = (mini / "units.yaml").read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize(("old", "new", "where"), [
    ("name: 财政局", "name: '财政局 '", "units.yaml:2:11: warning TP402 white space at the start or end of units[0].name; remove it"),
    ("name: 财政局", "name: ' 财政局'", "units.yaml:2:11: warning TP402 white space at the start or end of units[0].name; remove it"),
    ("name: 财政局", "name: 财\u3000政局", "units.yaml:2:12: warning TP402 white space between Chinese characters of units[0].name; remove it"),
    ("name: 财政局", 'name: "财政局\\u200b"', "units.yaml:2:11: error TP404 invisible or control characters (U+200B) in units[0].name; remove them"),
    ("name: 财政局", 'name: "\\u202e财政局"', "units.yaml:2:11: error TP404 invisible or control characters (U+202E) in units[0].name; remove them"),
    ("aliases: [发展改革局]", "aliases: ['发展改革局 ']", "units.yaml:9:15: warning TP402 white space at the start or end of units[1].aliases[0]; remove it"),
    ("full_name: 示例市发展和改革局", 'full_name: "示例市发展和改革局\\ufeff"', "units.yaml:7:16: error TP404 invisible or control characters (U+FEFF) in units[1].full_name; remove them"),
])
def test_an_unclean_registered_spelling_is_a_finding_in_units_yaml_never_a_fix_target(found, make_plan, mini, old, new, where):
    # the tasks write the clean spelling; the registry has the unclean one
    root = make_plan({"units.yaml": _units_with(mini, old, new),
                      "tasks/001.yaml": task1(lead="[财政局, 发展改革局]", m1="示例市发展和改革局")})
    assert found(root, "TP201", "TP202", "TP402", "TP404") == [where]


def test_check_fix_with_a_trailing_space_in_units_yaml_touches_no_task_file(cli, make_plan, mini):
    root = make_plan({"units.yaml": _units_with(mini, "name: 财政局", "name: '财政局 '")})
    tasks = {p.name: p.read_bytes() for p in (root / "tasks").iterdir()}
    r = cli("check", "--fix", cwd=root)
    assert (r.code, r.out) == (0, "fixed units.yaml: removed white space at the start or end of units[0].name\n4 files checked, no problems\n")
    assert {p.name: p.read_bytes() for p in (root / "tasks").iterdir()} == tasks
    assert "  - name: '财政局'\n" in (root / "units.yaml").read_text(encoding="utf-8")


def test_a_task_spelling_with_an_invisible_character_is_fixed_to_the_clean_registered_one(found, make_plan):
    root = make_plan({"tasks/001.yaml": task1(lead='[财政局, "发改\\u200b局"]')})
    assert found(root, "TP201", "TP202") == [
        'tasks/001.yaml:4:13: warning TP202 "发改\\u200b局" is written differently from the registered "发改局" (width or spaces); write "发改局"'
    ]

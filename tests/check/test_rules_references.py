"""TP2xx unit-reference rules: failing and passing fixtures with exact findings."""
from __future__ import annotations


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

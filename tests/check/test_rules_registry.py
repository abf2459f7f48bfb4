"""TP5xx units.yaml rules: failing and passing fixtures with exact findings."""
from __future__ import annotations

UNITS = """
    units:
      - name: 财政局
        full_name: 示例市财政局
        kind: 市直部门
        aliases: {fin_aliases}
      - name: 发改局
        full_name: 示例市发展和改革局
        kind: 市直部门
        aliases: [发展改革局]
      - name: 市场局
        full_name: 示例市市场监督管理局
        kind: 市直部门
        aliases: [市场监督管理局, 市场监管局]
      - name: 西柳镇
        full_name: 示例市西柳镇人民政府
        kind: 镇(街道)
        aliases: []
    {extra}groups:
      - name: 镇(街道)
        aliases: [各镇(街道), 各镇区(街道)]
        members: {members}
    """


def units(fin_aliases="[]", members="[西柳镇]", extra=""):
    return UNITS.format(fin_aliases=fin_aliases, members=members, extra=extra)


def test_mini_registry_is_clean(found, mini):
    assert found(mini, "TP5") == []


def test_tp501_duplicate_name(found, make_plan):
    extra = "  - name: 财政局\n        kind: 市直部门\n    "
    root = make_plan({"units.yaml": units(extra=extra)})
    assert found(root, "TP501") == [
        'units.yaml:18:11: error TP501 "财政局" is registered twice (first on line 2); merge the entries'
    ]


def test_tp502_duplicate_alias(found, make_plan):
    root = make_plan({"units.yaml": units(fin_aliases="[财政, 财政, 财政局, 市场监管局]")})
    assert found(root, "TP502") == [
        'units.yaml:5:19: error TP502 alias "财政" is listed twice for 财政局; remove one',
        'units.yaml:5:23: error TP502 alias "财政局" repeats the name of 财政局; remove it',
        'units.yaml:13:24: error TP502 alias "市场监管局" of 市场局 is also an alias of 财政局; keep it under one unit',
    ]


def test_tp503_alias_is_another_units_name(found, make_plan):
    root = make_plan({"units.yaml": units(fin_aliases="[发改局, 示例市西柳镇人民政府]")})
    assert found(root, "TP503") == [
        "units.yaml:5:15: error TP503 alias \"发改局\" of 财政局 is the name of 发改局; remove it or merge the two",
        "units.yaml:5:20: error TP503 alias \"示例市西柳镇人民政府\" of 财政局 is the name of 西柳镇; remove it or merge the two",
    ]


def test_tp504_unknown_group_member(found, make_plan):
    root = make_plan({"units.yaml": units(members="[西柳镇, 西柳真, 各镇(街道), 东岗镇]")})
    assert found(root, "TP504") == [
        'units.yaml:21:20: error TP504 member "西柳真" of group 镇(街道) is not a registered unit (did you mean 西柳镇?)',
        'units.yaml:21:25: error TP504 member "各镇(街道)" of group 镇(街道) is a group, not a unit; list its units',
        'units.yaml:21:33: error TP504 member "东岗镇" of group 镇(街道) is not a registered unit',
    ]


def test_tp505_unused_unit(found, make_plan):
    root = make_plan({"units.yaml": units(members="[]")})
    assert found(root, "TP505") == ["units.yaml:14:11: warning TP505 unit 西柳镇 is not named by any task"]

"""TP4xx text-hygiene rules: failing and passing fixtures with exact findings."""
from __future__ import annotations

import pytest


def task2(title="稳健的货币政策要更加灵活适度。", item="6月末完成摸底。"):
    return f"""
        id: 2
        section: 2
        title: {title}
        lead: [市场监督管理局]
        responsible: []
        measures:
          - unit: null
            items:
              - {item}
        """


def test_mini_plan_is_clean(found, mini):
    assert found(mini, "TP4") == []


def test_tp401_doubled_punctuation(found, make_plan):
    root = make_plan({"tasks/002.yaml": task2(item="完成上级下达的指标任务。。")})
    assert found(root, "TP401") == ['tasks/002.yaml:9:20: warning TP401 doubled punctuation "。。" in measures[0].items[0]']
    root = make_plan({"tasks/002.yaml": task2(title="稳健的货币政策,,要更加灵活适度、、")}, name="comma")
    assert found(root, "TP401") == ['tasks/002.yaml:3:15: warning TP401 doubled punctuation ",," in title']


def test_tp401_ellipsis_and_dash_are_single_marks(found, make_plan):
    root = make_plan({"tasks/002.yaml": task2(title="稳健的货币政策……要更加灵活——适度。")})
    assert found(root, "TP401") == []


def test_tp402_space_between_chinese_characters(found, make_plan):
    root = make_plan({"tasks/002.yaml": task2(title="稳健的货币 政策要更加灵活适度。")})
    assert found(root, "TP402") == [
        "tasks/002.yaml:3:13: warning TP402 white space between Chinese characters of title; remove it"
    ]
    root = make_plan({"tasks/002.yaml": task2(title="稳健的货币\u3000政策要更加灵活适度。")}, name="ideo")
    assert found(root, "TP402") == [
        "tasks/002.yaml:3:13: warning TP402 white space between Chinese characters of title; remove it"
    ]


def test_tp402_space_at_the_ends(found, make_plan):
    root = make_plan({"tasks/002.yaml": task2(item="' 6月末完成摸底。 '")})
    assert found(root, "TP402") == [
        "tasks/002.yaml:9:9: warning TP402 white space at the start or end of measures[0].items[0]; remove it"
    ]


def test_tp402_space_next_to_latin_is_fine(found, make_plan):
    root = make_plan({"tasks/002.yaml": task2(title="稳健的 GDP 货币政策。")})
    assert found(root, "TP402") == []


def test_tp403_mixed_width_punctuation(found, make_plan):
    root = make_plan({"tasks/002.yaml": task2(title="稳健的货币政策,要更加灵活,适度\uff0c推动。")})
    assert found(root, "TP403") == [
        'tasks/002.yaml:3:24: warning TP403 "\uff0c" (1×) mixed with "," (2×) in one file; use ","'
    ]
    root = make_plan({"tasks/002.yaml": task2(title="稳健的货币政策\uff0c要更加灵活\uff0c适度。")}, name="full")
    assert found(root, "TP403") == []


# ---------------------------------------------------------------- TP404 invisible and control characters


def test_tp404_zero_width_and_bidi_in_a_title_and_a_measure(found, make_plan):
    root = make_plan({"tasks/002.yaml": task2(title="稳健的货币\u200b政策要更加灵活适度。", item="6月末\u202e完成摸底\u202c。")})
    assert found(root, "TP404") == [
        "tasks/002.yaml:3:13: error TP404 invisible or control characters (U+200B) in title; remove them",
        "tasks/002.yaml:9:12: error TP404 invisible or control characters (U+202E, U+202C) in measures[0].items[0]; remove them",
    ]


@pytest.mark.parametrize("char", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u202a", "\u202b", "\u202c", "\u202d",
                                  "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"])
def test_tp404_every_invisible_character(found, make_plan, char):
    root = make_plan({"tasks/002.yaml": task2(title=f"稳健的货币政策{char}要更加灵活适度。")})
    assert found(root, "TP404") == [f"tasks/002.yaml:3:15: error TP404 invisible or control characters (U+{ord(char):04X}) in title; remove them"]


@pytest.mark.parametrize("escape", ["\\x01", "\\x0b", "\\e", "\\x7f", "\\x85", "\\r"])
def test_tp404_control_characters_written_as_escapes(found, make_plan, escape):
    root = make_plan({"tasks/002.yaml": task2(title=f'"稳健的货币政策{escape}要更加灵活适度。"')})
    code = {"\\e": 0x1B, "\\r": 0x0D, "\\x85": 0x85}.get(escape) or int(escape[2:], 16)
    assert found(root, "TP404") == [f"tasks/002.yaml:3:8: error TP404 invisible or control characters (U+{code:04X}) in title; remove them"]


@pytest.mark.parametrize("title, item, where", [
    ('"稳健的货币政策\\0要更加灵活适度。"', "6月末完成摸底。", "3:8: error TP404 invisible or control characters (U+0000) in title"),
    ("稳健的货币政策,要更加灵活适度;", '"6月末（全角）\\x00完成摸底，"', "9:9: error TP404 invisible or control characters (U+0000) in measures[0].items[0]"),
])
def test_tp404_a_nul_alone_is_found(found, make_plan, title, item, where):
    """A NUL is the only hidden character of the file: the one that also joins the strings of a
    file in the rules' one-search pre-test, which must not take it for a separator."""
    root = make_plan({"tasks/002.yaml": task2(title=title, item=item)})
    assert found(root, "TP404") == [f"tasks/002.yaml:{where}; remove them"]


def test_tp404_a_nul_alone_in_units_yaml(found, make_plan, mini):
    units = (mini / "units.yaml").read_text(encoding="utf-8")
    root = make_plan({"units.yaml": units.replace("aliases: [发展改革局]", 'aliases: ["发展\\0改革局"]')})
    assert found(root, "TP404") == ["units.yaml:9:15: error TP404 invisible or control characters (U+0000) in units[1].aliases[0]; remove them"]


def test_tp404_tab_line_break_and_ordinary_text_are_fine(found, make_plan):
    root = make_plan({"tasks/002.yaml": task2(title='"稳健的货币政策,\\t要更加灵活适度;\\n（全角）(half) — 2020年…"')})
    assert found(root, "TP404") == []


def test_tp404_in_units_and_plan_yaml(found, make_plan, mini):
    units = (mini / "units.yaml").read_text(encoding="utf-8")
    plan = (mini / "plan.yaml").read_text(encoding="utf-8")
    root = make_plan({"units.yaml": units.replace("aliases: [发展改革局]", 'aliases: ["发展\\u200d改革局"]'),
                      "plan.yaml": plan.replace("issuer: 示例市人民政府", "issuer: 示例市\u2066人民政府\u2069")})
    assert found(root, "TP404") == [
        "plan.yaml:2:12: error TP404 invisible or control characters (U+2066, U+2069) in issuer; remove them",
        "units.yaml:9:15: error TP404 invisible or control characters (U+200D) in units[1].aliases[0]; remove them",
    ]


def test_tp404_fix_removes_them_and_nothing_else(cli, make_plan):
    root = make_plan({"tasks/002.yaml": task2(title='"稳健的\\u202e货币政策\\x01要更加灵活适度。 "', item="6月末\u200b完成摸底。")})
    r = cli("check", "--fix", cwd=root)
    assert r.out == (
        "fixed tasks/002.yaml: removed white space at the start or end of title\n"
        "fixed tasks/002.yaml: removed U+202E, U+0001 from title\n"
        "fixed tasks/002.yaml: removed U+200B from measures[0].items[0]\n"
        "4 files checked, no problems\n"
    )
    text = (root / "tasks/002.yaml").read_text(encoding="utf-8")
    assert 'title: "稳健的货币政策要更加灵活适度。"\n' in text and "- 6月末完成摸底。\n" in text

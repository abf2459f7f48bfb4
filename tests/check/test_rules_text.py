"""TP4xx text-hygiene rules: failing and passing fixtures with exact findings."""
from __future__ import annotations


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

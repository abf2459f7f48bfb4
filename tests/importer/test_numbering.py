"""Word's automatic numbering put back in front of the paragraph text.

The documents are built here with real numbering.xml definitions; the
expected numbers are what Word and LibreOffice draw for them (checked once by
hand with LibreOffice's text export of the same files).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from .office_builders import WordDoc
from taskplan.importer.numbering import chinese_counting, format_number
from taskplan.importer.source import read_document


@pytest.mark.parametrize(
    ("n", "text"),
    [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (16, "十六"), (20, "二十"), (21, "二十一"), (99, "九十九"), (100, "一百"), (101, "一百零一"), (110, "一百一十"), (146, "一百四十六"), (1005, "一千零五")],
)
def test_chinese_counting(n, text):
    assert chinese_counting(n) == text


@pytest.mark.parametrize(
    ("fmt", "n", "text"),
    [
        ("decimal", 12, "12"),
        ("decimalZero", 3, "03"),
        ("decimalFullWidth", 12, "１２"),
        ("chineseCountingThousand", 12, "十二"),
        ("ideographTraditional", 3, "丙"),
        ("ideographTraditional", 11, "甲"),
        ("ideographDigital", 105, "一〇五"),
        ("chineseLegalSimplified", 3, "叁"),
        ("chineseLegalSimplified", 12, "拾贰"),
        ("decimalEnclosedCircle", 2, "②"),
        ("decimalEnclosedCircleChinese", 21, "21"),
        ("decimalEnclosedParen", 3, "⑶"),
        ("upperLetter", 28, "BB"),
        ("lowerRoman", 14, "xiv"),
        ("none", 4, ""),
        ("someFutureFormat", 7, "7"),
    ],
)
def test_format_number(fmt, n, text):
    assert format_number(fmt, n) == text


def _texts(word: WordDoc, tmp_path: Path) -> list[str]:
    return [line.text for line in read_document(word.save(tmp_path / "numbered.docx"))]


def test_levels_patterns_and_restarts(tmp_path):
    w = WordDoc()
    multi = w.abstract([("chineseCounting", "%1、", 1), ("chineseCounting", "（%2）", 1), ("decimal", "%3.", 1), ("decimal", "（%4）", 1)])
    first = w.num(multi)
    for text, level in [("第一节", 0), ("小节甲", 1), ("任务甲", 2), ("任务乙", 2), ("措施", 3), ("小节乙", 1), ("任务丙", 2), ("第二节", 0), ("任务丁", 2)]:
        w.para(text, num=first, level=level)
    w.para("另一个num，同一个abstractNum：接着编号", num=w.num(multi))
    restarted = w.num(multi, restart={0: 1})
    w.para("重新编号", num=restarted)
    w.para("继续", num=restarted)
    assert _texts(w, tmp_path) == [
        "一、第一节",
        "（一）小节甲",
        "1.任务甲",
        "2.任务乙",
        "（1）措施",
        "（二）小节乙",
        "1.任务丙",  # a higher level restarts the levels below it
        "二、第二节",
        "1.任务丁",
        "三、另一个num，同一个abstractNum：接着编号",
        "一、重新编号",
        "二、继续",
    ]


def test_compound_patterns_other_formats_styles_and_bullets(tmp_path):
    w = WordDoc()
    legal = w.num(w.abstract([("decimal", "%1.", 1), ("decimal", "%1.%2", 1)]))
    for text, level in [("A", 0), ("A1", 1), ("A2", 1), ("B", 0), ("B1", 1)]:
        w.para(text, num=legal, level=level)
    stems = w.num(w.abstract([("ideographTraditional", "%1、", 1)]))
    w.para("天干甲", num=stems)
    w.para("天干乙", num=stems)
    circled = w.num(w.abstract([("decimalEnclosedCircle", "%1", 1)]))
    w.para("圈一", num=circled)
    styled = w.list_style("任务编号", w.num(w.abstract([("decimal", "%1、", 5)])))  # numPr on the style, start 5
    w.para("样式一", style=styled)
    w.para("样式二", style=styled)
    w.para("普通段落")
    w.para("要点", num=w.num(w.abstract([("bullet", "•", 1)])))  # a bullet is no number: nothing added
    w.para("不编号", num="0")  # numId 0 switches numbering off
    assert _texts(w, tmp_path) == [
        "1.A", "1.1A1", "1.2A2", "2.B", "2.1B1",
        "甲、天干甲", "乙、天干乙",
        "①圈一",
        "5、样式一", "6、样式二",
        "普通段落",
        "要点",
        "不编号",
    ]


def test_numbering_survives_a_missing_definition(tmp_path):
    w = WordDoc()
    w.para("指向不存在的编号", num="999")
    assert _texts(w, tmp_path) == ["指向不存在的编号"]

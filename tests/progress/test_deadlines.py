"""Deadline phrases -> dates: every pattern, its variants, and real phrases of the 2020 plan."""
import datetime as dt
from pathlib import Path

import pytest

from taskplan.model.records import Measure, Task
from taskplan.progress.deadlines import extract_task, extract_text

D = dt.date
SOURCE = (Path(__file__).resolve().parents[2] / "sources" / "haicheng-2020.txt").read_text(encoding="utf-8")


def dates(text, year=2020):
    return [(phrase, date, recurring) for phrase, date, recurring, _ in extract_text(text, year)]


@pytest.mark.parametrize(
    "text, phrase, date",
    [
        # year end
        ("年底前完成", "年底前", D(2020, 12, 31)),
        ("年末达到90%", "年末", D(2020, 12, 31)),
        ("年底之前完成", "年底之前", D(2020, 12, 31)),
        ("今年年底", "今年年底", D(2020, 12, 31)),
        ("今年底完成", "今年底", D(2020, 12, 31)),
        ("本年末试点", "本年末", D(2020, 12, 31)),
        ("至2020年底", "2020年底", D(2020, 12, 31)),
        ("至２０２０年底", "２０２０年底", D(2020, 12, 31)),
        ("至二〇二〇年底", "二〇二〇年底", D(2020, 12, 31)),
        ("明年底前", "明年底前", D(2021, 12, 31)),
        ("今年赤字率拟按3.6%以上安排", "今年", D(2020, 12, 31)),
        # month end
        ("6月末清零", "6月末", D(2020, 6, 30)),
        ("６月末清零", "６月末", D(2020, 6, 30)),
        ("六月末清零", "六月末", D(2020, 6, 30)),
        ("三月末", "三月末", D(2020, 3, 31)),
        ("11月底前完成", "11月底前", D(2020, 11, 30)),
        ("１１月底前完成", "１１月底前", D(2020, 11, 30)),
        ("十一月底前完成", "十一月底前", D(2020, 11, 30)),
        ("十二月底", "十二月底", D(2020, 12, 31)),
        ("2月底", "2月底", D(2020, 2, 29)),  # 2020 is a leap year
        ("8月份完成", "8月份", D(2020, 8, 31)),
        ("九月份完成", "九月份", D(2020, 9, 30)),
        # year and month
        ("2020年10月完成", "2020年10月", D(2020, 10, 31)),
        ("２０２０年１０月完成", "２０２０年１０月", D(2020, 10, 31)),
        ("二〇二〇年十月底前", "二〇二〇年十月底前", D(2020, 10, 31)),
        ("明年3月底", "明年3月底", D(2021, 3, 31)),
        ("今年6月底前", "今年6月底前", D(2020, 6, 30)),
        # day
        ("7月15日前完成", "7月15日前", D(2020, 7, 15)),
        ("７月１５日前完成", "７月１５日前", D(2020, 7, 15)),
        ("十月三十一日前上报", "十月三十一日前", D(2020, 10, 31)),
        ("9月30日之前", "9月30日之前", D(2020, 9, 30)),
        ("2021年1月10日前", "2021年1月10日前", D(2021, 1, 10)),
        # half year, quarters
        ("上半年完成", "上半年", D(2020, 6, 30)),
        ("下半年完成", "下半年", D(2020, 12, 31)),
        ("一季度", "一季度", D(2020, 3, 31)),
        ("二季度末", "二季度末", D(2020, 6, 30)),
        ("第三季度", "第三季度", D(2020, 9, 30)),
        ("4季度前", "4季度前", D(2020, 12, 31)),
        ("四季度", "四季度", D(2020, 12, 31)),
    ],
)
def test_pattern(text, phrase, date):
    assert dates(text) == [(phrase, date, False)]


def test_plan_year_is_used():
    assert dates("年底前", 2021) == [("年底前", D(2021, 12, 31), False)]
    assert dates("6月末", 2021) == [("6月末", D(2021, 6, 30), False)]
    assert dates("明年3月底", 2021) == [("明年3月底", D(2022, 3, 31), False)]


@pytest.mark.parametrize("word", ["全年", "常态化", "持续", "每月", "每季度", "每年"])
def test_recurring(word):
    assert dates(f"做好{word}工作") == [(word, None, True)]


@pytest.mark.parametrize(
    "text",
    [
        "6月份起,开展监测",  # a start, not a deadline
        "6月前到期的政策",  # N月前: ambiguous, not read
        "7月9日对海城工作进行调研",  # a day without 前 is history
        "2019年10月与中电建西北院洽谈",  # a past month without 完成/底/末
        "13月底",  # no such month
        "2月30日前",  # no such day
        "6月下旬至7月初",
        "",
    ],
)
def test_not_a_deadline(text):
    assert dates(text) == []


def test_several_phrases_keep_their_clauses():
    found = extract_text("6月末500万元以下无分歧账款清零;6月末清除零清偿现象;下步任务是年底前无分歧账款应清尽清。", 2020)
    assert [(p, d, c) for p, d, _, c in found] == [
        ("6月末", D(2020, 6, 30), "6月末500万元以下无分歧账款清零"),
        ("6月末", D(2020, 6, 30), "6月末清除零清偿现象"),
        ("年底前", D(2020, 12, 31), "下步任务是年底前无分歧账款应清尽清"),
    ]


def test_clause_drops_item_marker():
    assert extract_text("(1)9月末必保完成改造农村中小学旱厕15个,力争完成改造旱厕66个", 2020)[0][3] == "9月末必保完成改造农村中小学旱厕15个"


# Real phrases of the 2020 plan (sources/haicheng-2020.txt), with the date the text states.
REAL = [
    ("年底前对低收入人员实行社保费自愿缓缴", "年底前", D(2020, 12, 31)),
    ("降低工商业电价5%政策延长到今年年底", "今年年底", D(2020, 12, 31)),
    ("执行期限全部延长到今年年底", "今年年底", D(2020, 12, 31)),
    ("中小微企业贷款延期还本付息政策再延长至明年3月底", "明年3月底", D(2021, 3, 31)),
    ("工信局:6月末500万元以下无分歧账款清零", "6月末", D(2020, 6, 30)),
    ("6月末清除零清偿现象", "6月末", D(2020, 6, 30)),
    ("下步任务是年底前无分歧账款应清尽清", "年底前", D(2020, 12, 31)),
    ("确保11月底前完成无分歧账款应清尽清工作目标", "11月底前", D(2020, 11, 30)),
    ("上半年对500万以下无分歧欠款“清零”", "上半年", D(2020, 6, 30)),
    ("11月底前无分歧的拖欠账款全部“清零”", "11月底前", D(2020, 11, 30)),
    ("落实部门监管信息归集覆盖率,年底前覆盖率达到90%", "年底前", D(2020, 12, 31)),
    ("计划本年末对城区内10个小区和10家企业开展垃圾分类试点工作", "本年末", D(2020, 12, 31)),
    ("散煤替代至2020年底,实现替代30%", "2020年底", D(2020, 12, 31)),
    ("到2020年底生猪存栏达到28.6万头", "2020年底", D(2020, 12, 31)),
    ("年底前,对全市闲置集体经营性建设用地进行核查", "年底前", D(2020, 12, 31)),
    ("争取年末纳入国家十四规划", "年末", D(2020, 12, 31)),
    ("年底前完成16所乡镇卫生院运行", "年底前", D(2020, 12, 31)),
    ("9月末必保完成改造农村中小学旱厕15个", "9月末", D(2020, 9, 30)),
    ("此项工作年底前完成", "年底前", D(2020, 12, 31)),
    ("年底前形成“十四五”规划纲要初稿", "年底前", D(2020, 12, 31)),
]


@pytest.mark.parametrize("text, phrase, date", REAL)
def test_real_phrase(text, phrase, date):
    assert text in SOURCE  # really the document's words
    assert dates(text) == [(phrase, date, False)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("6月份起,开展草地贪夜蛾监测调查工作", []),
        ("2019年10月与中电建西北院对石门岭水库项目前期工作及后续工作进行洽谈", []),
        ("已于7月9日对海城工作进行调研与指导", []),
        ("前期出台6月前到期的减税降费政策", []),
        ("(2)力争全年新增贷款40亿元", [("全年", None, True)]),
        ("开展常态化就业创业服务", [("常态化", None, True)]),
        ("大幅增加制造业中长期贷款", []),  # 中长期 is a kind of loan, not recurring work
        ("延长期满后市政府确定仍需使用公益性岗位安置的", []),
        ("每月对27个镇区进行垃圾分类及环境整治检查", [("每月", None, True)]),
        ("开展公立医院医疗服务费增长幅度每季度监测", [("每季度", None, True)]),
    ],
)
def test_real_non_deadlines_and_recurring(text, expected):
    assert text in SOURCE
    assert dates(text) == expected


def test_extract_task_keeps_unit_and_deduplicates():
    task = Task(
        id=21, section=3, title="保障中小企业款项支付,今年年底前清零。", lead=["工信局"],
        measures=[
            Measure(unit="工信局", items=["6月末500万元以下无分歧账款清零;6月末500万元以下无分歧账款清零;年底前无分歧账款应清尽清。"]),
            Measure(unit="财政局", items=["上半年对500万以下无分歧欠款清零,11月底前无分歧的拖欠账款全部清零。"]),
            Measure(unit=None, items=["全年持续推进"]),
        ],
    )
    got = [(p.unit, p.date, p.recurring, p.phrase, p.text, p.where) for p in extract_task(task, 2020)]
    assert got == [
        (None, D(2020, 12, 31), False, "今年年底前", "今年年底前清零", "title"),
        ("工信局", D(2020, 6, 30), False, "6月末", "6月末500万元以下无分歧账款清零", "measures[0].items[0]"),
        ("工信局", D(2020, 12, 31), False, "年底前", "年底前无分歧账款应清尽清", "measures[0].items[0]"),
        ("财政局", D(2020, 6, 30), False, "上半年", "上半年对500万以下无分歧欠款清零", "measures[1].items[0]"),
        ("财政局", D(2020, 11, 30), False, "11月底前", "11月底前无分歧的拖欠账款全部清零", "measures[1].items[0]"),
        # one proposal per stored deadline: 全年 and 持续 share their clause
        (None, None, True, "全年", "全年持续推进", "measures[2].items[0]"),
    ]


# --- both punctuation widths: clause boundaries and item markers (the text stored is the clause)

_FULL = str.maketrans(",:;()!?", "\uff0c\uff1a\uff1b\uff08\uff09\uff01\uff1f")


@pytest.mark.parametrize("width", ["half", "full"])
@pytest.mark.parametrize(
    "text, clause",
    [
        ("清零;下步任务是年底前完成", "下步任务是年底前完成"),
        ("已完成摸底,6月底前完成改造", "6月底前完成改造"),
        ("目标:9月30日前全部销号", "9月30日前全部销号"),
        ("能否完成?三季度末前完成验收", "三季度末前完成验收"),
        ("(1)年底前完成改造", "年底前完成改造"),
        ("(12) 上半年完成", "上半年完成"),
    ],
)
def test_clause_and_marker_in_both_widths(text, clause, width):
    if width == "full":
        text = text.translate(_FULL)
    (found,) = extract_text(text, 2020)
    assert found[3] == clause


@pytest.mark.parametrize(
    "text, phrase, date",
    [
        ("五月底前完成", "五月底前", D(2020, 5, 31)),
        ("七月底前完成", "七月底前", D(2020, 7, 31)),
        ("八月份完成", "八月份", D(2020, 8, 31)),
        ("八月八日前报送", "八月八日前", D(2020, 8, 8)),
        # an explicit year that differs from the plan's year wins
        ("2021年6月底前完成", "2021年6月底前", D(2021, 6, 30)),
        ("2019年底前已完成", "2019年底前", D(2019, 12, 31)),
        ("2022年3月31日前完成", "2022年3月31日前", D(2022, 3, 31)),
        ("明年3月1日前完成", "明年3月1日前", D(2021, 3, 1)),
    ],
)
def test_numerals_and_years(text, phrase, date):
    assert dates(text) == [(phrase, date, False)]


@pytest.mark.parametrize("sep", [",", "\uff0c", ";", "\uff1b"])
def test_an_invalid_date_does_not_hide_the_valid_ones_after_it(sep):
    text = f"2月30日前完成甲{sep}3月31日前完成乙{sep}13月底前完成丙{sep}年底前完成丁"
    assert dates(text) == [("3月31日前", D(2020, 3, 31), False), ("年底前", D(2020, 12, 31), False)]
    assert [c for *_, c in extract_text(text, 2020)] == ["3月31日前完成乙", "年底前完成丁"]

"""The one section-spec reader (index/sections.py): its behaviour matrix, and list and report
answering every spec alike."""
import csv
import io
from pathlib import Path

import pytest

from taskplan.errors import UsageError
from taskplan import i18n
from taskplan.index.sections import parse_sections, selects

ROOT = Path(__file__).resolve().parents[2]  # not from conftest: another folder's conftest may hold that name (make mutate)

SECTIONS = [(1, "全面落实积极财政政策"), (2, "加大金融信贷支持力度"), (3, "加大减税降费力度"), (11, "稳定和扩大就业"),
            (12, "稳定")]

MATRIX = [
    ("2", {2}), ("２", {2}), ("二", {2}), ("二、", {2}), ("二 、", {2}), ("十一", {11}), ("十二、", {12}),
    ("金融", {2}), ("金 融", {2}), ("稳定", {12}),  # the exact title wins over a title it is part of
    ("2..3", {2, 3}), ("二..三", {2, 3}), ("２．．３", {2, 3}), ("1..十一", {1, 2, 3, 11}),
    ("1,3", {1, 3}), ("1，3", {1, 3}), ("一，金融", {1, 2}),
    ("1,,3", {1, 3}), ("1，，3", {1, 3}), ("，2", {2}),  # an empty item between commas is skipped, not the end
    ("2..2", {2}), ("二..二", {2}),  # a range of one section
]


@pytest.mark.parametrize("spec, numbers", MATRIX)
def test_spec_matrix(spec, numbers):
    assert parse_sections(spec, SECTIONS) == {(n, None) for n in numbers}


def test_sub_section():
    assert parse_sections("3.1", SECTIONS) == {(3, 1)}
    assert parse_sections("３．２", SECTIONS) == {(3, 2)}
    assert parse_sections("3.1,2", SECTIONS) == parse_sections("3.1，2", SECTIONS) == {(3, 1), (2, None)}


@pytest.mark.parametrize("wanted, section, subsection, chosen", [
    ({(3, None)}, 3, 1, True),  # a whole section takes its sub-sections
    ({(3, None)}, 3, None, True),
    ({(3, 1)}, 3, 1, True),
    ({(3, 1)}, 3, 2, False),  # a sub-section takes only itself
    ({(3, 1)}, 3, None, False),  # not the tasks before the first sub-section
    ({(2, None), (3, 1)}, 4, None, False),
])
def test_selects(wanted, section, subsection, chosen):
    assert selects(wanted, section, subsection) is chosen


@pytest.mark.parametrize("spec, message", [
    ("4", "no section 4 in this plan (sections run 1..12)"),
    ("十三", "no section 十三 in this plan (sections run 1..12)"),
    ("3..2", 'section range "3..2" runs backwards (write 2..3)'),
    ("力度", 'section "力度" is ambiguous (it is part of 2 加大金融信贷支持力度, 3 加大减税降费力度; use the number)'),
    ("金触信贷", 'unknown section "金触信贷" (did you mean 2 加大金融信贷支持力度?)'),
    (",", "--section needs a value (e.g. 2, 二, 金融 or 2..4)"),
    ("融信贷减税", 'unknown section "融信贷减税" (did you mean 2 加大金融信贷支持力度, 3 加大减税降费力度?)'),
    ("哈哈哈哈", 'unknown section "哈哈哈哈" (see \'taskplan sections\')'),
    # only the heading's 、 is dropped: other marks after a number make it no number
    ("二。", 'unknown section "二。" (see \'taskplan sections\')'),
    ("2X", 'unknown section "2X" (see \'taskplan sections\')'),
    ("1..2..3", 'unknown section "2..3" (see \'taskplan sections\')'),
])
def test_spec_errors(spec, message):
    with pytest.raises(UsageError) as exc:
        parse_sections(spec, SECTIONS)
    assert str(exc.value) == message


def test_a_plan_without_sections_says_so():
    with pytest.raises(UsageError) as exc:
        parse_sections("2", [])
    assert str(exc.value) == "no section 2 in this plan (the plan has no sections)"


def test_at_most_three_suggestions():
    four = [(1, "支持小微企业"), (2, "支持中型企业"), (3, "支持大型企业"), (4, "支持外资企业")]
    with pytest.raises(UsageError) as exc:
        parse_sections("支持企", four)
    assert exc.value.hint.count(" 支持") == 3


@pytest.mark.parametrize("spec, hint", [
    ("融信贷减税", "是否要找 2 加大金融信贷支持力度、3 加大减税降费力度？"),
    ("哈哈哈哈", "方案的板块见 'taskplan sections'"),
])
def test_hints_are_translated(chinese, spec, hint):
    """They were plain English strings: 未知的板块“哈哈哈哈”（see 'taskplan sections'）."""
    with pytest.raises(UsageError) as exc:
        parse_sections(spec, SECTIONS)
    assert i18n.translate(exc.value.hint) == hint


def _report_ids(cli, spec):
    r = cli("-C", str(ROOT), "report", "plan", "-f", "csv", "--section", spec, "--as-of", "2020-08-01")
    assert r.code == 0, r.err
    return [int(row[0]) for row in list(csv.reader(io.StringIO(r.out)))[1:]]


@pytest.mark.parametrize("spec", ["2", "二", "二、", "金融", "2..3", "二..三", "1,13", "降费"])
def test_list_and_report_select_the_same_tasks(cli, spec):
    r = cli("-C", str(ROOT), "list", "--section", spec, "-f", "ids")
    assert r.code == 0, r.err
    listed = [int(i) for i in r.out.split()]
    assert listed and _report_ids(cli, spec) == listed


def test_list_and_report_refuse_alike(cli):
    for args in (["list", "--section", "十七"], ["report", "--section", "十七"]):
        r = cli("-C", str(ROOT), *args)
        assert (r.code, r.out) == (2, "")
        assert r.err == "taskplan: error: no section 十七 in this plan (sections run 1..16)\n"

"""The one reader and writer of Chinese numerals (model/numerals.py): the behaviour matrix every
caller (section specs, importer headings, deadline phrases, reports, show) now shares."""
import pytest

from taskplan.model.numerals import chinese_number, read_digits, read_number, write_digits

READ = [
    # digits, both widths
    ("7", 7), ("12", 12), ("１２", 12), ("０", 0),
    # single numerals
    ("〇", 0), ("零", 0), ("一", 1), ("两", 2), ("九", 9), ("十", 10),
    # tens, with and without the leading 一, with a trailing 零
    ("十一", 11), ("一十五", 15), ("十六", 16), ("二十", 20), ("二十一", 21), ("九十九", 99), ("二十零", 20),
    # hundreds
    ("一百", 100), ("一百零五", 105), ("一百一十", 110), ("一百二十三", 123), ("九百九十九", 999), ("两百", 200),
    # thousands
    ("一千", 1000), ("一千零五", 1005), ("一千零一十", 1010), ("一千零五十", 1050), ("一千一百", 1100), ("二千〇二十", 2020),
    ("九千九百九十九", 9999),
    # not numbers
    ("", None), ("二三", None), ("十十", None), ("十二十", None), ("三百百", None), ("零十", None), ("百", None),
    ("一百五", None), ("一百零", None), ("一百零十", None), ("一千一", None), ("一千零一百", None), ("一千十五", None),
    ("一万", None), ("二、", None), ("a", None), ("1.5", None), ("-1", None),
    ("一二三四", None), ("财政", None),
    # a unit written twice; 零 followed by a bare 十 (一千零一十五 is the written form); only 零/〇 mark a
    # skipped place, not a look-alike letter
    ("一百一百", None), ("一千两千", None), ("一千零十五", None), ("一百O五", None), ("一百X五", None),
]


@pytest.mark.parametrize("text, number", READ)
def test_read_number(text, number):
    assert read_number(text) == number


@pytest.mark.parametrize("text, number", [
    ("2020", 2020), ("２０２０", 2020), ("二〇二〇", 2020), ("二零二一", 2021), ("", None), ("二十", None), ("两〇", None),
])
def test_read_digits(text, number):
    assert read_digits(text) == number


@pytest.mark.parametrize("number, text", [
    (0, "零"), (1, "一"), (10, "十"), (11, "十一"), (16, "十六"), (20, "二十"), (21, "二十一"), (99, "九十九"),
    (100, "一百"), (101, "一百零一"), (110, "一百一十"), (999, "九百九十九"), (1000, "一千"), (1005, "一千零五"),
    (1010, "一千零一十"), (2020, "二千零二十"), (9999, "九千九百九十九"),
])
def test_chinese_number(number, text):
    assert chinese_number(number) == text


def test_written_numbers_read_back():
    assert [read_number(chinese_number(n)) for n in range(10000)] == list(range(10000))


def test_digits_read_back():
    assert [read_digits(write_digits(n)) for n in (0, 7, 105, 2020)] == [0, 7, 105, 2020]
    assert write_digits(2020) == "二〇二〇"


@pytest.mark.parametrize("number", [10000, -1])
def test_no_numeral_outside_0_to_9999(number):
    with pytest.raises(ValueError, match=rf"no Chinese numeral for {number} here \(0\.\.9999\)"):
        chinese_number(number)


@pytest.mark.parametrize(("number", "title", "heading", "sub"), [
    (1, "全面落实积极的财政政策", "一、全面落实积极的财政政策", "(一)全面落实积极的财政政策"),
    (12, "其他", "十二、其他", "(十二)其他"),
    (2, "", "二、", "(二)"),  # a number plan.yaml gives no title
])
def test_headings(number, title, heading, sub):
    from taskplan.model.numerals import section_heading, subsection_heading

    assert (section_heading(number, title), subsection_heading(number, title)) == (heading, sub)

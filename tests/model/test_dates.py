"""The one parser of user-typed dates: the spellings people type in options and in 填报表 cells."""
import datetime as dt
from pathlib import Path

import pytest

from taskplan.errors import UsageError
from taskplan.model.dates import parse_date


@pytest.mark.parametrize("text", [
    "2020-12-01", "2020-12-1", "2020/12/01", "2020/12/1", "2020.12.01",
    "2020年12月1日", "2020年12月01日", "2020年12月1", " 2020-12-01 ",
    "２０２０-１２-０１", "２０２０年１２月１日", "２０２０／１２／０１", "2020 年 12 月 1 日",
    "20201201", "２０２０１２０１", "２０２０．１２．０１",
])
def test_accepted_spellings(text):
    assert parse_date(text, "--date") == dt.date(2020, 12, 1)


@pytest.mark.parametrize("text", ["12/01/2020", "2020-13-01", "2020年2月30日", "2020121", "202012011", "20201301", "2020-12", "明天", "", "2020-12-01x"])
def test_refused_with_the_option_named(text):
    with pytest.raises(UsageError) as err:
        parse_date(text, "--as-of")
    assert str(err.value) == f"--as-of: expected a date YYYY-MM-DD, got {text!r}"


# Every date option of every command goes through the one parser.
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"  # not from conftest: another folder's conftest may hold that name (make mutate)

PROGRESS = FIXTURES / "progress"
AS_OF_COMMANDS = [["list", "--overdue"], ["units"], ["overdue"], ["show", "1"], ["report", "bulletin"], ["check"]]


@pytest.mark.parametrize("args", AS_OF_COMMANDS)
def test_every_as_of_reads_full_width_digits(cli, args):
    half = cli("-C", str(PROGRESS), *args, "--as-of", "2020-12-01")
    full = cli("-C", str(PROGRESS), *args, "--as-of", "２０２０-１２-０１")
    assert (full.code, full.out, full.err) == (half.code, half.out, half.err)
    assert half.code in (0, 1) and half.out


@pytest.mark.parametrize("args", AS_OF_COMMANDS)
def test_every_as_of_refuses_alike(cli, args):
    r = cli("-C", str(PROGRESS), *args, "--as-of", "12/01/2020")
    assert (r.code, r.out, r.err) == (2, "", "taskplan: error: --as-of: expected a date YYYY-MM-DD, got '12/01/2020'\n")


@pytest.mark.parametrize(("day", "text"), [
    (dt.date(2020, 7, 24), "2020年7月24日"),  # no leading zeros, as documents write a date
    (dt.date(2021, 12, 1), "2021年12月1日"),
    (None, ""),
])
def test_cn_date(day, text):
    from taskplan.model.dates import cn_date

    assert cn_date(day) == text

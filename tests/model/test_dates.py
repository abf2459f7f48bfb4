"""The one parser of dates users type (model/dates.py), and every date option going through it."""
import datetime as dt

import pytest

from conftest import FIXTURES
from taskplan.errors import UsageError
from taskplan.model.dates import parse_date

D = dt.date(2020, 8, 1)


@pytest.mark.parametrize("text", ["2020-08-01", "２０２０-08-01", "２０２０－０８－０１", " 2020-08-01 ", "2020-08-01\u3000"])
def test_accepted(text):
    assert parse_date(text, "--as-of") == D


@pytest.mark.parametrize("text", ["2020/08/01", "2020年8月1日", "2020-13-01", "2020-02-30", "", "tomorrow"])
def test_refused_with_one_message(text):
    with pytest.raises(UsageError) as exc:
        parse_date(text, "--as-of")
    assert str(exc.value) == f"--as-of: expected a date YYYY-MM-DD, got {text!r}"


PROGRESS = FIXTURES / "progress"


@pytest.mark.parametrize("args", [
    ["list", "--overdue"], ["units"], ["overdue"], ["show", "1"], ["report", "bulletin"], ["check"],
])
def test_every_as_of_reads_full_width_digits(cli, args):
    half = cli("-C", str(PROGRESS), *args, "--as-of", "2020-12-01")
    full = cli("-C", str(PROGRESS), *args, "--as-of", "２０２０-１２-０１")
    assert (full.code, full.out, full.err) == (half.code, half.out, half.err)
    assert half.code in (0, 1) and half.out


@pytest.mark.parametrize("args", [
    ["list", "--overdue"], ["units"], ["overdue"], ["show", "1"], ["report", "bulletin"], ["check"],
])
def test_every_as_of_refuses_alike(cli, args):
    r = cli("-C", str(PROGRESS), *args, "--as-of", "2020/12/01")
    assert (r.code, r.out, r.err) == (2, "", "taskplan: error: --as-of: expected a date YYYY-MM-DD, got '2020/12/01'\n")

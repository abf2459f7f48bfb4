"""Read deadlines out of Chinese task text: 年底前, 6月末, 十一月底前, 三季度, 2020年10月完成 …

The plan's measures state their deadlines in words.  ``extract_task`` turns
each such phrase into a *proposal*: a date in the plan's year (or a
``recurring`` marker for 全年 / 常态化 / 持续 work), the phrase it came from,
the clause around it (stored as the deadline's ``text``) and the unit whose
measure it came from (``None`` for the task title or a measure without unit).

Recognised phrases (digits may be ASCII, full-width or Chinese numerals):

============================  =====================================
年底前 / 年末 / 年底 / 今年    12-31 of the plan year (明年底: next year)
2020年底 / 今年年底 / 本年末   12-31 of that year
N月末 / N月底(前) / N月份      last day of month N
2020年10月完成 / 明年3月底     last day of that month in that year
N月N日前                       that day
上半年 / 下半年                06-30 / 12-31
一季度 … 四季度 (第N季度)      quarter end: 03-31 06-30 09-30 12-31
全年 / 常态化 / 持续 /         recurring: no date, marked
每月 / 每季度 / 每年
============================  =====================================

Deliberately not read: ``N月前`` (before or by month N? the genre uses both),
``N月份起`` (a start, not a deadline), dates without 前 (``7月9日对…调研``
reports what happened) and years other than this and the next stated
without 完成/底/末 (``2019年10月与…洽谈`` is history).
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from taskplan.model.numerals import FULL_WIDTH_DIGITS, read_digits, read_number
from taskplan.model.records import Task


_NUM = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_BEFORE = r"(?:之前|以前|前)?"
_BEFORE_REQUIRED = r"(?:之前|以前|前)"
_YEAR4 = r"(?:\d{4}|[〇零一二三四五六七八九]{4})"


def _year_prefix(p: str) -> str:
    """An explicit year (2020年, 二〇二〇年) or a relative one (今年, 本年, 当年, 明年); groups <p>y / <p>rel."""
    return rf"(?:(?P<{p}y>{_YEAR4})|(?P<{p}rel>[今本当明]))年"


_PATTERNS = [
    # 7月15日前, 2020年9月30日之前
    ("day", rf"(?:{_year_prefix('d')})?(?P<dm>{_NUM})月(?P<dd>{_NUM})[日号]{_BEFORE_REQUIRED}"),
    # 2020年底, 今年年底, 本年末, 年底前, 年末 (明年底: next year)
    ("year_end", rf"(?:(?P<yey>{_YEAR4})年?|(?P<yerel>[今本当明])年?)?年[底末]{_BEFORE}"),
    # 2020年10月完成 / 2020年10月底前 / 明年3月底 / 6月末 / 十一月底前 / 8月份
    ("month_year", rf"{_year_prefix('m')}(?P<mm>{_NUM})月(?:份|[底末]{_BEFORE}|(?=完成|内))"),
    ("month", rf"(?P<om>{_NUM})月(?:[底末]{_BEFORE}|份(?![起以开]))"),
    # 上半年, 下半年
    ("half", r"(?P<hs>[上下])半年"),
    # 一季度, 第三季度, 4季度末
    ("quarter", rf"(?<!每)第?(?P<qn>[一二三四1-4])季度[末底]?{_BEFORE}"),
    # 今年 on its own (今年赤字率…): the year's end
    ("this_year", r"(?:今年|本年度|本年)(?![底末])"),
    # work that never ends: recurring, no hard date
    # (not 长期: the text has 中长期贷款 and 延长期满, neither of them recurring work)
    ("recurring", r"全年|常态化|持续|每月|每季度|每年"),
]
# The lookahead rejects, cheaply, the positions no pattern can start at (most of the text).
_STARTS = r"(?=[0-9一二三四五六七八九十〇零今本当明年上下第全常持每])"
_SCANNER = re.compile(_STARTS + "(?:" + "|".join(f"(?P<{name}>{regex})" for name, regex in _PATTERNS) + ")")
_CLAUSE_END = re.compile("[\u3002;\uff1b,\uff0c!\uff01?\uff1f:\uff1a\n]")  # 。 ; ； , ， ! ！ ? ？ : ： (both widths)
_MARKER = re.compile(r"^\s*(?:[(\uff08]\s*\d+\s*[)\uff09]|\d+[\u3001.\uff0e]|[一二三四五六七八九十]+是|[一二三四五六七八九十]+\u3001)\s*")  # (1) （1） 1、 1. 1． 一是 一、


@dataclass(frozen=True)
class Proposal:
    """A deadline read from the text, before it is stored."""

    task_id: int
    date: dt.date | None  # None when recurring
    recurring: bool
    phrase: str  # the words that state the deadline: 11月底前
    text: str  # the clause around them: 确保11月底前完成无分歧账款应清尽清工作目标
    unit: str | None  # the unit whose measure it came from; None for the title / unattributed measures
    where: str  # title | measures[i].items[j]

    def key(self) -> tuple:
        return (self.date, self.recurring, self.unit, self.text)


def _number(text: str) -> int:
    """``12``, ``１２``, ``十二``, ``三十一`` (model.numerals); ValueError for words that are no number."""
    number = read_number(text)
    if number is None:
        raise ValueError(f"not a number: {text}")
    return number


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _year(explicit: str | None, relative: str | None, plan_year: int) -> int:
    if explicit:
        year = read_digits(explicit)
        if year is None:
            raise ValueError(f"not a year: {explicit}")
        return year
    return plan_year + 1 if relative == "明" else plan_year


def _date_of(m: re.Match[str], plan_year: int) -> tuple[dt.date | None, bool]:
    """(date, recurring) for one match; (None, False) when the words are no valid date."""
    kind = m.lastgroup
    g = m.groupdict()
    try:
        if kind == "day":
            return dt.date(_year(g["dy"], g["drel"], plan_year), _number(g["dm"]), _number(g["dd"])), False
        if kind == "year_end":
            return dt.date(_year(g["yey"], g["yerel"], plan_year), 12, 31), False
        if kind == "month_year":
            return _month_end(_year(g["my"], g["mrel"], plan_year), _number(g["mm"])), False
        if kind == "month":
            return _month_end(plan_year, _number(g["om"])), False
        if kind == "half":
            return (dt.date(plan_year, 6, 30) if g["hs"] == "上" else dt.date(plan_year, 12, 31)), False
        if kind == "quarter":
            return _month_end(plan_year, 3 * _number(g["qn"])), False
        if kind == "this_year":
            return dt.date(plan_year, 12, 31), False
        if kind == "recurring":
            return None, True
    except (ValueError, KeyError):  # 13月, 2月30日, 十十: words that are not a date
        return None, False
    raise AssertionError(kind)  # pragma: no cover - every pattern is handled above


def _clause(text: str, start: int, end: int) -> str:
    """The clause (between punctuation) holding text[start:end], without an item marker."""
    left = max((m.end() for m in _CLAUSE_END.finditer(text, 0, start)), default=0)
    right_match = _CLAUSE_END.search(text, end)
    right = right_match.start() if right_match else len(text)
    return _MARKER.sub("", text[left:right]).strip()


def extract_text(text: str, plan_year: int) -> list[tuple[str, dt.date | None, bool, str]]:
    """(phrase, date, recurring, clause) for every deadline phrase in ``text``, in order."""
    scan = text.translate(FULL_WIDTH_DIGITS)  # same length: positions stay valid
    found = []
    for m in _SCANNER.finditer(scan):
        date, recurring = _date_of(m, plan_year)
        if date is None and not recurring:
            continue
        found.append((text[m.start():m.end()], date, recurring, _clause(text, m.start(), m.end())))
    return found


def extract_task(task: Task, plan_year: int) -> list[Proposal]:
    """Proposals for one task from its title and measure items, without duplicates."""
    sources: list[tuple[str, str | None, str]] = [("title", None, task.title)]
    for i, measure in enumerate(task.measures):
        for j, item in enumerate(measure.items):
            sources.append((f"measures[{i}].items[{j}]", measure.unit, item))
    out: list[Proposal] = []
    seen: set[tuple] = set()
    for where, unit, text in sources:
        for phrase, date, recurring, clause in extract_text(text, plan_year):
            proposal = Proposal(task.id, date, recurring, phrase, clause, unit, where)
            if proposal.key() not in seen:
                seen.add(proposal.key())
                out.append(proposal)
    return out


def extract_plan(tasks: list[Task], plan_year: int) -> list[Proposal]:
    return [p for task in tasks for p in extract_task(task, plan_year)]

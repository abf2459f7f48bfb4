"""Chinese numerals, read and written: the only digit table of taskplan.

Plans number their sections 一、二、…十六、 and their sub-sections (一)(二);
deadlines say 十一月底前, 二〇二〇年, 第三季度.  Every place that reads or
writes such a numeral calls this module: the section specs of ``list`` and
``report``, the importer's headings, the deadline phrases, the report
templates (``cn_number``) and ``show``.

Reading (``read_number``):

- ASCII or full-width digits: ``12``, ``１２`` → 12;
- counting numerals up to 9999: ``三`` 3, ``十`` 10, ``一十五`` 15, ``十六`` 16, ``二十`` 20,
  ``二十一`` 21, ``一百`` 100, ``一百零五`` 105, ``一百一十`` 110, ``一千零一十`` 1010;
  ``〇``/``零`` 0, ``两`` 2;
- anything else — an empty string, ``二三`` (digits in a row, see ``read_digits``),
  ``十十``, ``三百百``, ``一百五`` (colloquial 150, not written in plans) — is not a number: None.

``read_digits`` reads digits written one by one, as years are: ``二〇二〇`` → 2020, and
``write_digits`` writes them.  ``chinese_number`` writes the counting form (``16`` → ``十六``,
``110`` → ``一百一十``, Word's chineseCounting), which ``read_number`` reads back.
"""
from __future__ import annotations

DIGITS = "零一二三四五六七八九"
_VALUE = {c: i for i, c in enumerate(DIGITS)} | {"〇": 0, "两": 2}
FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
NUMERAL_CHARS = "".join(_VALUE) + "十百"  # for regular expressions that look for a numeral


_UNITS = (("千", 1000), ("百", 100), ("十", 10))


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 16 → 十六, 21 → 二十一, 105 → 一百零五, 110 → 一百一十, 1010 → 一千零一十 (0..9999)."""
    if not 0 <= n <= 9999:
        raise ValueError(f"no Chinese numeral for {n} here (0..9999)")
    if n < 10:
        return DIGITS[n]
    out, zero = [], False
    for place, size in ((3, 1000), (2, 100), (1, 10), (0, 1)):
        digit = n // size % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out.append(DIGITS[0])  # one 零 for the places skipped
        zero = False
        out.append(DIGITS[digit] + ("", "十", "百", "千")[place])
    text = "".join(out)
    return text[1:] if text.startswith("一十") else text  # 十六, not 一十六


def section_heading(number: int, title: str) -> str:
    """一、标题: a section as the plan's document numbers it (reports, show, sections, the importer's tables)."""
    return f"{chinese_number(number)}、{title}"


def subsection_heading(number: int, title: str) -> str:
    """(一)标题: a sub-section (half-width brackets, as every heading taskplan writes)."""
    return f"({chinese_number(number)}){title}"


def write_digits(n: int) -> str:
    """Digits one by one, as years are written: 2020 → 二〇二〇 (the inverse of ``read_digits``)."""
    return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))


def read_digits(text: str) -> int | None:
    """Digits one by one — ``2020``, ``２０２０``, ``二〇二〇`` — as an int; None if anything else."""
    text = text.translate(FULL_WIDTH_DIGITS)
    if text.isascii() and text.isdigit():
        return int(text)
    if not text or any(c not in _VALUE or c == "两" for c in text):
        return None
    return int("".join(str(_VALUE[c]) for c in text))


def read_number(text: str) -> int | None:
    """A number written in digits or as a Chinese counting numeral (see the module docstring); None if not one."""
    text = text.translate(FULL_WIDTH_DIGITS)
    if text.isascii():
        return int(text) if text.isdigit() else None
    if len(text) == 1 and text in _VALUE:
        return _VALUE[text]
    return _counting(text, 0, leading_one=True)


def _counting(text: str, level: int, *, leading_one: bool) -> int | None:
    """``text`` as digit + unit pairs, largest unit first, no unit larger than ``_UNITS[level]``."""
    for i in range(level, len(_UNITS)):
        unit, size = _UNITS[i]
        head, sep, rest = text.partition(unit)
        if not sep:
            continue
        if head == "" and unit == "十" and leading_one:
            digit = 1  # 十六
        else:
            digit = _VALUE.get(head) if len(head) == 1 else None
            if not digit:  # 零十, 十十, 二三百
                return None
        if rest == "":
            return digit * size
        if unit == "十":  # 二十一, 二十零: one digit after 十
            ones = _VALUE.get(rest) if len(rest) == 1 else None
            return None if ones is None else digit * size + ones
        if rest[0] in "零〇":  # 一百零五, 一千零一十: a zero for the places skipped, then a smaller number
            tail = rest[1:]
            value = _VALUE.get(tail) if len(tail) == 1 else _counting(tail, i + 2, leading_one=False) if tail else None
            return None if not value or value >= size // 10 else digit * size + value
        value = _counting(rest, i + 1, leading_one=False)  # 一百二十, 一千一百: the next place, never a bare digit
        return None if value is None else digit * size + value
    return None

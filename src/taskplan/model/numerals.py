"""Chinese numerals, read and written: the only digit table of taskplan.

Plans number their sections 一、二、…十六、 and their sub-sections (一)(二);
deadlines say 十一月底前, 二〇二〇年, 第三季度.  Every place that reads or
writes such a numeral calls this module: the section specs of ``list`` and
``report``, the importer's headings, the deadline phrases, the report
templates (``cn_number``) and ``show``.

Reading (``read_number``):

- ASCII or full-width digits: ``12``, ``１２`` → 12;
- counting numerals up to 999: ``三`` 3, ``十`` 10, ``一十五`` 15, ``十六`` 16, ``二十`` 20,
  ``二十一`` 21, ``一百`` 100, ``一百零五`` 105, ``一百一十`` 110; ``〇``/``零`` 0, ``两`` 2;
- anything else — an empty string, ``二三`` (digits in a row, see ``read_digits``),
  ``十十``, ``三百百`` — is not a number: None.

``read_digits`` reads digits written one by one, as years are: ``二〇二〇`` → 2020.
``chinese_number`` writes the counting form (``16`` → ``十六``, ``110`` → ``一百一十``),
which ``read_number`` reads back.
"""
from __future__ import annotations

DIGITS = "零一二三四五六七八九"
_VALUE = {c: i for i, c in enumerate(DIGITS)} | {"〇": 0, "两": 2}
FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
NUMERAL_CHARS = "".join(_VALUE) + "十百"  # for regular expressions that look for a numeral


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 16 → 十六, 21 → 二十一, 105 → 一百零五, 110 → 一百一十 (0 ≤ n ≤ 999)."""
    if not 0 <= n <= 999:
        raise ValueError(f"no Chinese numeral for {n} here (0..999)")
    if n < 10:
        return DIGITS[n]
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    if not hundreds:
        return ("" if tens == 1 else DIGITS[tens]) + "十" + (DIGITS[ones] if ones else "")
    out = DIGITS[hundreds] + "百"
    if tens:
        out += DIGITS[tens] + "十"
    elif ones:
        out += "零"
    return out + (DIGITS[ones] if ones else "")


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
    hundreds, sep, rest = text.partition("百")
    if sep:
        if len(hundreds) != 1 or _VALUE.get(hundreds, 0) == 0:
            return None
        if not rest:
            return _VALUE[hundreds] * 100
        if rest[0] in "零〇":  # 一百零五: a zero stands for the missing tens, then one digit
            ones = _VALUE.get(rest[1:]) if len(rest) == 2 else None
            return None if not ones else _VALUE[hundreds] * 100 + ones
        if "十" not in rest:
            return None  # 一百五 (colloquial 150) is not written in plans
        tail = _tens(rest, leading_one=False)
        return None if tail is None else _VALUE[hundreds] * 100 + tail
    return _tens(text, leading_one=True)


def _tens(text: str, *, leading_one: bool) -> int | None:
    """``十六``, ``二十``, ``一十五``, ``二十一``; ``leading_one``: ``十`` alone may open (十六)."""
    head, sep, tail = text.partition("十")
    if not sep or len(head) > 1 or len(tail) > 1:
        return None
    if head == "":
        if not leading_one:
            return None
        tens = 1
    else:
        tens = _VALUE.get(head)
        if not tens:  # 零十 is no numeral
            return None
    if tail == "":
        return tens * 10
    ones = _VALUE.get(tail)
    return None if ones is None else tens * 10 + ones

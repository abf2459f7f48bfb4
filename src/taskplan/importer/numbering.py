"""Word's automatic numbering (numPr): the number a paragraph shows but does not hold.

A paragraph styled as a numbered list has no "1." in its text; Word draws it
from ``numbering.xml``.  The paragraph (or its style, through ``basedOn``)
names a ``numId`` and a level; the ``num`` points at an ``abstractNum`` whose
level gives the start value, the format (``decimal``, ``chineseCounting`` …)
and the text pattern (``%1.``, ``（%1）``, ``%1、``, ``%1.%2``).

Counters live per abstractNum, as in Word: two ``num`` instances of the same
abstractNum continue one list, unless a ``num`` overrides the start value of
a level (Word's "restart numbering"), which restarts that level the first time
the ``num`` is used.  Using a level restarts the levels below it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from taskplan.model.numerals import chinese_number, write_digits

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _val(element, name: str, default: str | None = None) -> str | None:
    if element is None:
        return default
    child = element.find(W + name)
    if child is None:
        return default
    return child.get(W + "val", default)


def chinese_counting(n: int) -> str:
    """Word's chineseCounting: 1 → 一, 11 → 十一, 101 → 一百零一 (model.numerals); decimal beyond 0..9999."""
    return chinese_number(n) if 0 <= n <= 9999 else str(n)


def _letters(n: int, upper: bool) -> str:
    # Word: A … Z, AA … ZZ, AAA …
    base = "ABCDEFGHIJKLMNOPQRSTUVWXYZ" if upper else "abcdefghijklmnopqrstuvwxyz"
    return base[(n - 1) % 26] * ((n - 1) // 26 + 1) if n > 0 else str(n)


def _roman(n: int, upper: bool) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = ""
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += numeral
            n -= value
    return out if upper else out.lower()


def _cycle(signs: str):
    return lambda n: signs[(n - 1) % len(signs)] if n > 0 else str(n)


def _enclosed(first: int, count: int):
    return lambda n: chr(first + n - 1) if 0 < n <= count else str(n)


FULL_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"

# numFmt → formatter (one dict: the registry of formats this reader knows)
FORMATS = {
    "decimal": str,
    "decimalHalfWidth": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate(FULL_DIGITS),
    "decimalFullWidth2": lambda n: str(n).translate(FULL_DIGITS),
    "upperLetter": lambda n: _letters(n, True),
    "lowerLetter": lambda n: _letters(n, False),
    "upperRoman": lambda n: _roman(n, True),
    "lowerRoman": lambda n: _roman(n, False),
    "chineseCounting": chinese_counting,
    "chineseCountingThousand": chinese_counting,
    "japaneseCounting": chinese_counting,
    "taiwaneseCounting": chinese_counting,
    "taiwaneseCountingThousand": chinese_counting,
    "ideographDigital": write_digits,
    "taiwaneseDigital": write_digits,
    "chineseLegalSimplified": lambda n: "".join(LEGAL_DIGITS[int(d)] for d in str(n)) if n < 10 else chinese_counting(n).translate(str.maketrans("一二三四五六七八九十百千", "壹贰叁肆伍陆柒捌玖拾佰仟")),
    "ideographTraditional": _cycle("甲乙丙丁戊己庚辛壬癸"),
    "ideographZodiac": _cycle("子丑寅卯辰巳午未申酉戌亥"),
    "decimalEnclosedCircle": _enclosed(0x2460, 20),  # ① … ⑳
    "decimalEnclosedCircleChinese": _enclosed(0x2460, 20),
    "ideographEnclosedCircle": _enclosed(0x3280, 10),  # ㊀ … ㊉
    "decimalEnclosedParen": _enclosed(0x2474, 20),  # ⑴ … ⒇
    "decimalEnclosedFullstop": _enclosed(0x2488, 20),  # ⒈ … ⒛
    "none": lambda n: "",
}


def format_number(fmt: str, n: int) -> str:
    """The number ``n`` in Word's format ``fmt``; formats this reader does not know fall back to decimal."""
    return FORMATS.get(fmt, str)(n)


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # lvlRestart: restart after this level (1-based); None = any higher level
    legal: bool = False  # isLgl: every number in the pattern as decimal


def _level(element) -> Level:
    restart = _val(element, "lvlRestart")
    return Level(
        start=int(_val(element, "start", "1") or 1),
        fmt=_val(element, "numFmt", "decimal") or "decimal",
        text=_val(element, "lvlText", "") or "",
        restart=int(restart) if restart is not None and restart.isdigit() else None,
        legal=element.find(W + "isLgl") is not None and _val(element, "isLgl", "1") not in ("0", "false"),
    )


@dataclass
class _Num:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)  # startOverride per level
    levels: dict[int, Level] = field(default_factory=dict)  # full lvl overrides


class Numbering:
    """Stateful: ask ``label(numId, ilvl)`` for the numbered paragraphs in document order."""

    def __init__(self, numbering_root, styles_root) -> None:
        self.abstract: dict[str, dict[int, Level]] = {}
        self.style_links: dict[str, str] = {}  # abstractNumId → numStyleLink style id
        self.nums: dict[str, _Num] = {}
        self.styles: dict[str, object] = {}
        if styles_root is not None:
            for style in styles_root.iter(W + "style"):
                self.styles[style.get(W + "styleId")] = style
        if numbering_root is not None:
            for abstract in numbering_root.iter(W + "abstractNum"):
                key = abstract.get(W + "abstractNumId")
                self.abstract[key] = {int(lvl.get(W + "ilvl", "0")): _level(lvl) for lvl in abstract.iter(W + "lvl")}
                link = _val(abstract, "numStyleLink")
                if link:
                    self.style_links[key] = link
            for num in numbering_root.iter(W + "num"):
                entry = _Num(_val(num, "abstractNumId", "") or "")
                for override in num.iter(W + "lvlOverride"):
                    ilvl = int(override.get(W + "ilvl", "0"))
                    start = _val(override, "startOverride")
                    if start is not None and start.lstrip("-").isdigit():
                        entry.starts[ilvl] = int(start)
                    lvl = override.find(W + "lvl")
                    if lvl is not None:
                        entry.levels[ilvl] = _level(lvl)
                self.nums[num.get(W + "numId")] = entry
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[tuple[str, int]] = set()  # (numId, level) whose startOverride was applied

    def _style_numpr(self, style_id: str | None, seen: set[str] | None = None) -> tuple[str | None, int | None]:
        seen = seen or set()
        style = self.styles.get(style_id or "")
        if style is None or style_id in seen:
            return None, None
        seen.add(style_id)
        numpr = style.find(f"{W}pPr/{W}numPr")
        num_id = _val(numpr, "numId")
        ilvl = _val(numpr, "ilvl")
        if num_id is None:
            parent_id, parent_lvl = self._style_numpr(_val(style, "basedOn"), seen)
            return parent_id, int(ilvl) if ilvl is not None else parent_lvl
        return num_id, int(ilvl) if ilvl is not None else None

    def paragraph_label(self, p) -> str:
        """The number Word draws before paragraph ``p`` (a ``w:p`` element), or ""."""
        ppr = p.find(W + "pPr")
        numpr = ppr.find(W + "numPr") if ppr is not None else None
        num_id = _val(numpr, "numId")
        ilvl = _val(numpr, "ilvl")
        style_num, style_lvl = self._style_numpr(_val(ppr, "pStyle"))
        num_id = num_id if num_id is not None else style_num
        level = int(ilvl) if ilvl is not None else (style_lvl or 0)
        if num_id is None or num_id == "0":
            return ""
        return self.label(num_id, level)

    def _levels(self, num: _Num) -> dict[int, Level]:
        levels = self.abstract.get(num.abstract, {})
        link = self.style_links.get(num.abstract)
        if link and not levels:  # the abstractNum only points at a numbering style: follow it
            linked, _ = self._style_numpr(link)
            target = self.nums.get(linked or "")
            if target is not None and target.abstract != num.abstract:
                levels = self.abstract.get(target.abstract, {})
        return {**levels, **num.levels}

    def label(self, num_id: str, level: int) -> str:
        num = self.nums.get(num_id)
        if num is None:
            return ""
        levels = self._levels(num)
        lvl = levels.get(level)
        if lvl is None or lvl.fmt == "bullet":
            return ""
        counters = self.counters.setdefault(num.abstract, {})
        if level in num.starts and (num_id, level) not in self.started:
            self.started.add((num_id, level))
            counters[level] = num.starts[level]
        elif level in counters:
            counters[level] += 1
        else:
            counters[level] = lvl.start
        for deeper in [k for k in counters if k > level]:
            restart = levels.get(deeper, Level()).restart
            if restart is None or (restart > 0 and level < restart):
                del counters[deeper]
        text = lvl.text
        for k in range(9, 0, -1):  # %10 does not exist; replace %9 … %1 so "%1" never eats "%1x"
            marker = f"%{k}"
            if marker not in text:
                continue
            shown = levels.get(k - 1, Level())
            value = counters.get(k - 1, shown.start)
            fmt = "decimal" if lvl.legal and shown.fmt != "none" else shown.fmt
            text = text.replace(marker, format_number(fmt, value) if shown.fmt != "bullet" else "")
        return text

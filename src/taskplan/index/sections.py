"""The one reader of section specs, for ``list --section``/``section:`` and ``report --section``.

A spec names sections by

- number, in digits of either width or as a Chinese numeral: ``2``, ``２``, ``二``, with or without
  the heading's 、 (``二、``);
- a word of the title (width-insensitive): ``金融`` — the exact title wins, otherwise the word must be
  part of exactly one title;
- a range of either: ``2..4``, ``二..四``;
- a sub-section: ``3.1`` (sub-section 1 of section 3);
- several of these separated by commas (either width): ``2,5``, ``二，五``.

The result is a set of ``(section, sub-section or None)``.  A spec that names nothing the plan has
is a ``UsageError`` saying what exists.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Sequence

from taskplan.i18n import M_, names_list
from taskplan.errors import UsageError
from taskplan.model.numerals import read_number
from taskplan.model.text import name_key

Sections = Sequence[tuple[int, str]]  # (number, title) of every section, in plan order

_SUB = re.compile(r"^(\d+)\.(\d+)$")
_LIST = re.compile(r"[,，]")


def _clean(text: str) -> str:
    """NFKC (full-width digits, dots and commas fold), no white space, no heading 、 at the end."""
    return unicodedata.normalize("NFKC", text).strip().rstrip("、").strip()


def section_number(text: str, sections: Sections) -> int:
    """One section given as 2, 二, 二、 or a word of its title."""
    text = _clean(text)
    numbers = [n for n, _ in sections]
    number = read_number(text)
    if number is not None:
        if number not in numbers:
            span = M_("sections run {first}..{last}", first=numbers[0], last=numbers[-1]) if numbers else M_("the plan has no sections")
            raise UsageError(M_("no section {text} in this plan", text=text), hint=span)
        return number
    key = name_key(text)
    titles = dict(sections)
    exact = [n for n, title in titles.items() if key and key == name_key(title)]
    hits = exact or [n for n, title in titles.items() if key and key in name_key(title)]
    if len(hits) == 1:
        return hits[0]
    if hits:
        shown = names_list([f"{n} {titles[n]}" for n in hits])
        raise UsageError(M_("section \"{text}\" is ambiguous", text=text), hint=M_("it is part of {shown}; use the number", shown=shown))
    by_key = {name_key(t): n for n, t in titles.items()}
    close = difflib.get_close_matches(key, list(by_key), n=3, cutoff=0.3)
    hint = M_("did you mean {names}?", names=names_list([f"{by_key[k]} {titles[by_key[k]]}" for k in close])) if close else (
        M_("see 'taskplan sections'")
    )
    raise UsageError(M_("unknown section \"{text}\"", text=text), hint=hint)


def parse_sections(value: str, sections: Sections) -> set[tuple[int, int | None]]:
    """``2``, ``二、``, ``金融``, ``2..4``, ``2,5`` or ``3.1`` → {(section, sub-section or None)}."""
    out: set[tuple[int, int | None]] = set()
    for part in _LIST.split(value):
        part = part.strip()
        if not part:
            continue
        sub = _SUB.match(_clean(part))
        if sub:
            out.add((section_number(sub.group(1), sections), int(sub.group(2))))
            continue
        folded = _clean(part)
        if ".." in folded:
            lo_text, _, hi_text = folded.partition("..")
            lo, hi = section_number(lo_text, sections), section_number(hi_text, sections)
            if lo > hi:
                raise UsageError(M_("section range \"{part}\" runs backwards", part=part), hint=M_("write {hi}..{lo}", hi=hi, lo=lo))
            out.update((n, None) for n, _ in sections if lo <= n <= hi)
        else:
            out.add((section_number(part, sections), None))
    if not out:
        raise UsageError(M_("--section needs a value"), hint=M_("e.g. 2, 二, 金融 or 2..4"))
    return out


def selects(wanted: set[tuple[int, int | None]], section: int, subsection: int | None) -> bool:
    """Whether a task in ``section``/``subsection`` is among ``wanted``."""
    return (section, None) in wanted or (section, subsection) in wanted

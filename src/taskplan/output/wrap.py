"""Line breaking that a Chinese reader accepts (禁则处理), measured in display columns (CJK = 2).

A line may break between two CJK characters, or at a space; never inside a
run of Latin letters or digits (unless the run alone is wider than the line).
Closing punctuation (、，。；：！？）」』》〉 and their half-width forms) stays
on the line before it, an opening bracket on the line after it.  ``wrap_items``
keeps each item (a unit name) whole and breaks only after its separator.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from taskplan.model.text import LazyPattern, display_width

CLOSING = frozenset("、，。；：！？）」』》〉】〕］｝〗〙〛”’…‥・々ー—,.;:!?)]}%")
OPENING = frozenset("（「『《〈【〔［｛〖〘〚“‘([{")

# a run of spaces | a run of characters that are neither spaces nor wide | one wide character
_TOKEN = LazyPattern(r"[ \t]+|[^\s\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]+|\S", re.S)


def _atoms(text: str) -> list[tuple[str, bool]]:
    """(unbreakable piece, preceded by a space) pairs, with punctuation glued where 禁则 wants it."""
    atoms: list[list] = []
    space = False
    for m in _TOKEN.finditer(text):
        tok = m.group()
        if tok[0] in " \t":
            space = True
            continue
        if atoms and (
            tok[0] in CLOSING  # no line starts with a closing mark (even after a space: "(e.g. x …)")
            or atoms[-1][0][-1] in OPENING  # no line ends with an opening bracket
        ):
            atoms[-1][0] += (" " if space else "") + tok
        else:
            atoms.append([tok, space])
        space = False
    return [(a, s) for a, s in atoms]


def _bad_start(ch: str) -> bool:
    """Whether a line may not start with ``ch``: a closing mark, or the space before one."""
    return ch in CLOSING or ch == " "


def _split_long(atom: str, width: int) -> list[str]:
    """Cut a piece wider than ``width`` into pieces that fit, never leaving a closing mark at a line start."""
    pieces: list[str] = []
    current, used = "", 0
    for ch in atom:
        w = display_width(ch)
        if current and used + w > width:
            cut = len(current)  # move the cut back until the next line starts with no closing mark,
            # as long as what moves down still fits its line (so the cut never reaches the line's start)
            while _bad_start((current[cut:] + ch)[0]) and display_width(current[cut - 1:]) + w <= width:
                cut -= 1
            if _bad_start((current[cut:] + ch)[0]):  # no cut helps (a run of closing marks): fill the line
                cut = len(current)
            pieces.append(current[:cut])
            current = current[cut:]
            used = display_width(current)
        current += ch
        used += w
    if current:
        pieces.append(current)
    return pieces


def _fill(atoms: Iterable[tuple[str, bool]], width: int, first: int, rest: int) -> list[str]:
    """Greedy fill: ``first``/``rest`` are the columns the first/later lines already use (indents)."""
    lines: list[str] = []
    line, used, start = "", first, first
    for atom, space in atoms:
        w = display_width(atom)
        gap = 1 if space and line else 0
        if line and used + gap + w > width:
            lines.append(line)
            line, used, start = "", rest, rest
            gap = 0
        if not line and start + w > width:  # alone too wide for any line: cut it
            pieces = _split_long(atom, max(width - start, 1))
            for piece in pieces[:-1]:
                lines.append(piece)
                start = used = rest
            atom, w = pieces[-1], display_width(pieces[-1])
        line += (" " if gap else "") + atom
        used += gap + w
    if line or not lines:
        lines.append(line)
    return lines


def wrap(text: str, width: int, initial_indent: str = "", subsequent_indent: str = "") -> list[str]:
    """``text`` (one paragraph) as lines of at most ``width`` columns, indents included."""
    if display_width(initial_indent) + display_width(text) <= width:  # fits: as written (spacing kept)
        return [initial_indent + text]
    lines = _fill(_atoms(text), width, display_width(initial_indent), display_width(subsequent_indent))
    return [(initial_indent if i == 0 else subsequent_indent) + line for i, line in enumerate(lines)]


def wrap_items(items: Iterable[str], width: int, sep: str = "、") -> list[str]:
    """Items joined by ``sep``, broken only after a separator: no item is split unless it alone is too wide."""
    items = list(items)
    atoms = [(item + (sep if i < len(items) - 1 else ""), False) for i, item in enumerate(items)]
    return _fill(atoms, width, 0, 0)

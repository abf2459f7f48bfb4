"""落实措施 text → measures: per-unit parts, and numbered items within a part.

Per unit: ``公安局:(1)…发改局:…商务局:…`` is split where a prefix ``X:`` (at
the start, or after ``。`` ``;`` ``;``) names a unit.  Whether ``X`` names a
unit is the caller's decision (``is_unit``): a unit on the task or in the
registry.  ``目标:``, ``措施:``, ``食品方面:``, ``做到三有:`` are not units and
stay in the text.

Items: ``(1)…(2)…`` become separate items without the markers.  Numbers
must run 1, 2, 3 …; ``(2020年10月完成)`` or a stray ``(3)`` out of sequence is
text.  A lead-in sentence before ``(1)`` is the block's ``intro``: one unit
part is one block ``{unit, intro?, items}``, and "one item without intro =
plain text, otherwise a numbered list" lets the document be written back
exactly.
"""
from __future__ import annotations

import re
from typing import Callable

from taskplan.importer.punct import CLOSE, COLONS, COMMAS, ENUM, FULL_STOP, MARKS, OPEN, SEMICOLONS
from taskplan.importer.roles import depth_map

_NOT_IN_NAME = re.escape(FULL_STOP + SEMICOLONS + COLONS + COMMAS + ENUM + MARKS + OPEN + CLOSE + "\u201c\u201d\"")
BOUNDARY = FULL_STOP + SEMICOLONS + MARKS
# a name of 1 to 24 characters and a colon, at the start of the text or right after a boundary.
# The name may contain no boundary, so it is the whole run of name characters before the colon:
# a longer run is no prefix.  Anchoring at the boundary keeps the scan linear: unanchored, the
# pattern tried up to 24 characters at every position of every measure text.
PREFIX = re.compile(rf"(?:^|(?<=[{re.escape(BOUNDARY)}]))([^{_NOT_IN_NAME}\s]{{1,24}})[{COLONS}]")
MARKER = re.compile(rf"[{re.escape(OPEN)}]\s*(\d+)\s*[{re.escape(CLOSE)}]\s*")


def unit_prefixes(text: str, is_unit: Callable[[str], bool]) -> list[tuple[int, int, str]]:
    """(start, end-of-colon, unit) for each unit prefix in ``text``."""
    depth: list[int] | None = None  # mapped when a candidate needs it: most texts have none
    found = []
    for match in PREFIX.finditer(text):
        start = match.start(1)
        if depth is None:
            depth = depth_map(text)
        if depth[start]:
            continue
        name = match.group(1)
        if is_unit(name):
            found.append((start, match.end(), name))
    return found


def split_units(text: str, is_unit: Callable[[str], bool]) -> list[tuple[str | None, str]]:
    """[(unit or None, text)] in document order; text before the first prefix has unit None."""
    parts: list[tuple[str | None, str]] = []
    prefixes = unit_prefixes(text, is_unit)
    head_end = prefixes[0][0] if prefixes else len(text)
    if text[:head_end].strip():
        parts.append((None, text[:head_end]))
    for k, (_, colon_end, name) in enumerate(prefixes):
        stop = prefixes[k + 1][0] if k + 1 < len(prefixes) else len(text)
        parts.append((name, text[colon_end:stop]))
    return parts


def split_items(text: str) -> tuple[str | None, list[str]]:
    """One unit's text → (intro, items).

    ``前言:(1)甲;(2)乙。`` → (``前言:``, [``甲;``, ``乙。``]).  Only the first run of
    markers ``(1)(2)…`` is split, and only when it has at least two; a later
    run that starts again at ``(1)`` stays in the text of the last item, so
    one unit is one block and the document is written back exactly.
    """
    depth: list[int] | None = None  # mapped at the first marker: most texts have none
    markers = []
    expected = 1
    for match in MARKER.finditer(text):
        if depth is None:
            depth = depth_map(text)
        if depth[match.start()] != 1:
            continue  # a marker inside another parenthesis is text
        if int(match.group(1)) == expected:
            markers.append((match.start(), match.end()))
            expected += 1
        elif markers and int(match.group(1)) == 1:
            break  # numbering starts again: the rest is the last item's text
    if len(markers) < 2:
        return None, [text.strip()] if text.strip() else []
    intro = text[: markers[0][0]].strip() or None
    items = []
    for k, (_, end) in enumerate(markers):
        stop = markers[k + 1][0] if k + 1 < len(markers) else len(text)
        items.append(text[end:stop].strip())
    return intro, items


def split_measures(text: str, is_unit: Callable[[str], bool]) -> list[tuple[str | None, str | None, list[str]]]:
    """The measures of a task: [(unit or None, intro or None, items)], one block per unit part."""
    out = []
    for unit, part in split_units(text, is_unit):
        intro, items = split_items(part)
        if items:
            out.append((unit, intro, items))
    return out

"""Positions of findings: placed after the config has filtered them, one file at a time.

The fast loader keeps no positions, so a rule names *where* by a key path
such as ``("lead", 1)`` (``RuleContext.at`` leaves the finding unplaced).
The engine drops the findings the config disables first, then places the
rest file by file: one (key path → line:col) map per file, from the C
parser's node marks (store/positions.py), dropped once the file is done,
so memory does not grow with the plan.  Files without surviving findings
are never parsed twice.
"""
from __future__ import annotations

import dataclasses
from typing import Iterable, Sequence

from taskplan.findings import Finding
from taskplan.store.positions import Positions, locate_in, position_map


def spots(wheres: Iterable[tuple], text: str, positions: Positions | None = None) -> dict[tuple, tuple[int, int]]:
    """(line, col) of each ``where`` of unplaced findings (``Finding.where``) in ``text``."""
    out: dict[tuple, tuple[int, int]] = {}
    lines: list[str] | None = None
    for where in wheres:
        if where in out:
            continue
        if positions is None:
            positions = position_map(text)
        loc, key, find, find_offset = where
        line, col = locate_in(positions, loc, key=key)
        if find:  # the column of that text on the located line (e.g. the 。。 inside a long title)
            if lines is None:
                lines = text.split("\n")
            if 0 < line <= len(lines):
                idx = lines[line - 1].find(find, max(col - 1, 0))
                if idx >= 0:
                    col = idx + 1 + find_offset
        out[where] = (line, col)
    return out


def place(findings: list[Finding], text: str, positions: Positions | None = None) -> list[Finding]:
    """``findings`` of one file, each given its line and column (those already placed are kept)."""
    if not any(f.where is not None for f in findings):
        return findings
    at = spots((f.where for f in findings if f.where is not None), text, positions)
    return [f if f.where is None else dataclasses.replace(f, line=at[f.where][0], col=at[f.where][1], where=None)
            for f in findings]


class Locator:
    """Immediate positions for the few rules that need one in a message (maps kept per file)."""

    def __init__(self) -> None:
        self._maps: dict[str, Positions | None] = {}

    def locate(self, path: str, text: str, loc: Sequence[str | int], *, key: bool = False) -> tuple[int, int]:
        """1-based (line, col) of the value at ``loc`` in ``path`` (its key with ``key=True``)."""
        if path not in self._maps:
            self._maps[path] = position_map(text)
        return locate_in(self._maps[path], loc, key=key)

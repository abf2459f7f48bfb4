"""Positions of findings: computed with ruamel only for files that have findings.

The fast loader keeps no positions (NOTES.md: round-trip parsing is about
ten times slower), so a rule names *where* by a key path such as
``("lead", 1)`` and the Locator parses that one file round trip, once, to
turn the path into line:column (store/positions.py).  Files without
findings are never parsed twice.
"""
from __future__ import annotations

from typing import Any, Sequence

from taskplan.store.positions import locate_in, parse_positions


class Locator:
    def __init__(self) -> None:
        self._docs: dict[str, Any] = {}

    def locate(self, path: str, text: str, loc: Sequence[str | int], *, key: bool = False) -> tuple[int, int]:
        """1-based (line, col) of the value at ``loc`` in ``path`` (its key with ``key=True``)."""
        if path not in self._docs:
            self._docs[path] = parse_positions(text)
        return locate_in(self._docs[path], loc, key=key)

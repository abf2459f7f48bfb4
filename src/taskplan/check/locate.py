"""Positions of findings: computed with ruamel only for files that have findings.

The fast loader keeps no positions (NOTES.md: round-trip parsing is about
ten times slower), so a rule names *where* by a key path such as
``("lead", 1)`` and the Locator parses that one file round trip, once, to
turn the path into line:column.  Files without findings are never parsed
twice.
"""
from __future__ import annotations

from typing import Any, Sequence


class Locator:
    def __init__(self) -> None:
        self._docs: dict[str, Any] = {}

    def _doc(self, path: str, text: str) -> Any:
        if path not in self._docs:
            from ruamel.yaml import YAML

            try:
                self._docs[path] = YAML(typ="rt", pure=True).load(text)
            except Exception:  # noqa: BLE001 - the fast loader accepted it; stay lenient
                self._docs[path] = None
        return self._docs[path]

    def locate(self, path: str, text: str, loc: Sequence[str | int], *, key: bool = False) -> tuple[int, int]:
        """1-based (line, col) of the value at ``loc`` (its key with ``key=True``).

        A path that does not exist resolves to its deepest existing parent.
        Items of flow lists (``lead: [财政局, 财正局]``) get their own column.
        """
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        node = self._doc(path, text)
        if node is None or not hasattr(node, "lc"):
            return 1, 1
        pos = (node.lc.line + 1, node.lc.col + 1)
        for i, step in enumerate(loc):
            last = i == len(loc) - 1
            if isinstance(node, CommentedMap) and step in node:
                k_line, k_col = node.lc.key(step)
                v_line, v_col = node.lc.value(step)
                child = node[step]
                if last and key:
                    return k_line + 1, k_col + 1
                if isinstance(child, (CommentedMap, CommentedSeq)) and not last:
                    pos = (k_line + 1, k_col + 1)
                elif isinstance(child, CommentedSeq) and not child.fa.flow_style():
                    pos = (k_line + 1, k_col + 1)  # a block list: point at its key
                else:
                    pos = (v_line + 1, v_col + 1)
                node = child
            elif isinstance(node, CommentedSeq) and isinstance(step, int) and 0 <= step < len(node):
                line, col = node.lc.item(step)
                pos = (line + 1, col + 1)
                node = node[step]
            else:
                break
        return pos

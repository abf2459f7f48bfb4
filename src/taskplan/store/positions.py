"""Map a key path (pydantic's ``loc``, a rule's path) to a line and column of a YAML file.

Only called for files that have findings: it uses ruamel's round-trip
parser, which keeps positions but is about ten times slower than the fast
loader.  ruamel positions are 0-based; ours are 1-based.
"""
from __future__ import annotations

from typing import Any, Sequence


def parse_positions(text: str) -> Any:
    """The round-trip document of ``text`` (None if ruamel cannot read it)."""
    from ruamel.yaml import YAML

    try:
        return YAML(typ="rt", pure=True).load(text)
    except Exception:  # noqa: BLE001 - the fast loader accepted it; stay lenient
        return None


def locate_in(doc: Any, loc: Sequence[str | int], *, key: bool = False) -> tuple[int, int]:
    """1-based (line, col) of the value at ``loc`` in a round-trip ``doc`` (its key with ``key=True``).

    A path that does not exist (a missing field) resolves to its deepest
    existing parent: the finding points at the mapping that lacks it.  Items
    of flow lists (``lead: [财政局, 财正局]``) get their own column; a block
    list as a whole is pointed at by its key.
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    node = doc
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
            elif isinstance(child, CommentedSeq) and child.fa.flow_style() is False:  # None for `[]`
                pos = (k_line + 1, k_col + 1)
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

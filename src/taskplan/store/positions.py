"""Map a key path (pydantic's ``loc``, a rule's path) to a line and column of a YAML file.

Positions come from the C-backed parser the loader uses (libyaml's node
marks, ``yamlio.compose``): a file's (key path → position) map is built in
one walk of its node tree, and the tree is dropped.  Only files with
findings to place are mapped, and only once each; no round-trip parser is
involved.  Marks are 0-based; ours are 1-based.
"""
from __future__ import annotations

from array import array
from typing import Any, NamedTuple, Sequence

MAP, SEQ, SCALAR = 0, 1, 2
_STR = "tag:yaml.org,2002:str"

# path -> (kind, key position or None, value position, block sequence?)
Entry = tuple[int, "tuple[int, int] | None", "tuple[int, int]", bool]
Positions = dict[tuple, Entry]


def _pos(node: Any) -> tuple[int, int]:
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


def _kind(node: Any) -> int:
    return MAP if node.id == "mapping" else SEQ if node.id == "sequence" else SCALAR


def _key(node: Any) -> Any:
    if node.id == "scalar" and node.tag == "tag:yaml.org,2002:str":
        return node.value
    from taskplan.store.yamlio import _construct

    return _construct(node)  # an int, bool, date … key, as the loader builds it


def position_map(text: str) -> Positions | None:
    """The (key path → position) map of ``text``; None when the fast parser cannot read it."""
    from taskplan.store.yamlio import compose

    root = compose(text)
    if root is None:
        return None
    out: Positions = {(): (_kind(root), None, _pos(root), False)}
    todo = [((), root)]
    seen: set[int] = set()
    while todo:
        path, node = todo.pop()
        if id(node) in seen:  # an alias: the node is shared, and walking it again could explode (alias bombs)
            continue
        seen.add(id(node))
        if node.id == "mapping":
            for key_node, value_node in node.value:
                try:
                    step = _key(key_node)
                    hash(step)
                except Exception:  # noqa: BLE001 - a key the loader would reject: nothing to point at
                    continue
                child = path + (step,)
                if child in out:
                    continue  # a duplicate key: the first one is what a path names
                kind = _kind(value_node)
                out[child] = (kind, _pos(key_node), _pos(value_node), kind == SEQ and value_node.flow_style is False)
                if kind != SCALAR:
                    todo.append((child, value_node))
        elif node.id == "sequence":
            for i, item in enumerate(node.value):
                kind = _kind(item)
                out[path + (i,)] = (kind, None, _pos(item), kind == SEQ and item.flow_style is False)
                if kind != SCALAR:
                    todo.append((path + (i,), item))
    return out


class Marks(NamedTuple):
    """A file's (key path → position) map, compact enough to keep for every file of a large plan
    until its findings are placed (``check`` builds it while parsing: no second pass).

    ``shape`` lists (path, kind, block sequence?, has a key?) per node in walk order and is shared
    by every file of the same structure (interned); ``numbers`` holds four per node: key line, key
    column, value line, value column (1-based; 0 when there is no key).  ``directives``: the text
    holds ``taskplan:`` (an inline disable may be there: only then is its text read again).
    """

    shape: tuple
    numbers: array
    directives: bool


# One shape object per distinct structure (thousands of files share a few hundred), found by its
# signature: the root's kind, then (index of the parent node, key or item index, kind; -1 for a block
# sequence) per node in walk order.  A flat tuple of strings and small numbers is quick to build, hash
# and compare; the shape with its key paths is built only for a signature not seen before.
_SHAPES: dict[tuple, tuple] = {}
_MAX_SHAPES = 50_000  # a plan of files all different keeps no more than this many apart
_BLOCK = -1  # a block sequence, in a signature


def _kind_of(node_id: str) -> int:
    return MAP if node_id == "mapping" else SEQ if node_id == "sequence" else SCALAR


def marks_of(root: Any, text: str) -> Marks:
    """The Marks of the node tree ``root`` composed from ``text`` by a parse that succeeded.

    What position_map builds, packed, in a leaner walk: a tree the loader accepted has no alias
    (refused before composing) and no duplicate key (refused while constructing), so neither is
    looked for here.
    """
    mark = root.start_mark
    signature: list = [_kind_of(root.id)]
    numbers = [0, 0, mark.line + 1, mark.column + 1]
    todo = [(0, root)]
    count = 1  # nodes so far: the index of the next one
    while todo:
        parent, node = todo.pop()
        if node.id == "mapping":
            for key_node, value_node in node.value:
                if key_node.tag == _STR and key_node.id == "scalar":
                    step = key_node.value
                else:
                    try:
                        step = _key(key_node)
                        hash(step)
                    except Exception:  # noqa: BLE001 - a key the loader would reject: nothing to point at
                        continue
                key_mark, value_mark = key_node.start_mark, value_node.start_mark
                numbers += (key_mark.line + 1, key_mark.column + 1, value_mark.line + 1, value_mark.column + 1)
                value_id = value_node.id
                if value_id == "scalar":
                    signature += (parent, step, SCALAR)
                else:
                    signature += (parent, step, MAP if value_id == "mapping" else _BLOCK if value_node.flow_style is False else SEQ)
                    todo.append((count, value_node))
                count += 1
        elif node.id == "sequence":
            for i, item in enumerate(node.value):
                value_mark = item.start_mark
                numbers += (0, 0, value_mark.line + 1, value_mark.column + 1)
                item_id = item.id
                if item_id == "scalar":
                    signature += (parent, i, SCALAR)
                else:
                    signature += (parent, i, MAP if item_id == "mapping" else _BLOCK if item.flow_style is False else SEQ)
                    todo.append((count, item))
                count += 1
    key = tuple(signature)
    shape = _SHAPES.get(key)
    if shape is None:
        shape = _shape_of(key)
        if len(_SHAPES) < _MAX_SHAPES:
            _SHAPES[key] = shape
    return Marks(shape, array("L", numbers), "taskplan:" in text)


def _shape_of(signature: tuple) -> tuple:
    """The shape (path, kind, block sequence?, has a key?) per node that ``signature`` stands for."""
    shape: list[tuple] = [((), signature[0], False, False)]
    for j in range(1, len(signature), 3):
        parent, step, kind = signature[j], signature[j + 1], signature[j + 2]
        path, parent_kind = shape[parent][0], shape[parent][1]
        shape.append((path + (step,), SEQ if kind == _BLOCK else kind, kind == _BLOCK, parent_kind == MAP))
    return tuple(shape)


def pack_marks(marks: list[Marks | None]) -> tuple:
    """``marks`` (None for a file that did not parse) as three flat values, for another process: a list of
    Marks pickles each file's array on its own (~6 µs a file), one array of all the numbers as one block."""
    numbers = array("L")
    for m in marks:
        if m is not None:
            numbers += m.numbers
    return [None if m is None else m.shape for m in marks], numbers, [m is not None and m.directives for m in marks]


def unpack_marks(packed: tuple) -> list[Marks | None]:
    """The list of Marks ``pack_marks`` made ``packed`` from."""
    shapes, numbers, directives = packed
    out: list[Marks | None] = []
    at = 0
    for shape, directive in zip(shapes, directives, strict=True):
        if shape is None:
            out.append(None)
            continue
        end = at + 4 * len(shape)
        out.append(Marks(shape, numbers[at:end], directive))
        at = end
    if at != len(numbers):
        raise ValueError("packed marks: numbers left over")
    return out


def positions_of(marks: Marks) -> Positions:
    """The (key path → position) map ``marks`` packs: the same as position_map of the same text."""
    numbers = marks.numbers
    out: Positions = {}
    for i, (path, kind, block, has_key) in enumerate(marks.shape):
        j = 4 * i
        out[path] = (kind, (numbers[j], numbers[j + 1]) if has_key else None, (numbers[j + 2], numbers[j + 3]), block)
    return out


def locate_in(positions: Positions | None, loc: Sequence[str | int], *, key: bool = False) -> tuple[int, int]:
    """1-based (line, col) of the value at ``loc`` (its key with ``key=True``).

    A path that does not exist (a missing field) resolves to its deepest
    existing parent: the finding points at the mapping that lacks it.  Items
    of flow lists (``lead: [财政局, 财正局]``) get their own column; a block
    list as a whole is pointed at by its key.
    """
    root = positions.get(()) if positions else None
    if root is None or root[0] == SCALAR:
        return 1, 1
    kind, _, pos, _ = root
    path: tuple = ()
    for i, step in enumerate(loc):
        last = i == len(loc) - 1
        path = path + (step,)
        entry = positions.get(path)
        if entry is None:
            break
        child_kind, key_pos, value_pos, block = entry
        if kind == MAP and key_pos is not None:
            if last and key:
                return key_pos
            if child_kind != SCALAR and not last:
                pos = key_pos
            elif child_kind == SEQ and block:
                pos = key_pos
            else:
                pos = value_pos
        elif kind == SEQ and isinstance(step, int) and key_pos is None:
            pos = value_pos
        else:
            break
        kind = child_kind
    return pos

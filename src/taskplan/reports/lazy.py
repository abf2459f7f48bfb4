"""Per-task data made when it is read: a read-only sequence whose items are built on access and not kept.

A report's context describes every task several ways (``tasks``, each section's ``tasks``, the 台账
rows); built up front, one dict per task and one row per task took as much memory as the loaded
plan itself (half a gigabyte at 100,000 tasks).  ``Lazy`` keeps only the source (the task records,
which the loaded plan holds anyway) and a function that makes an item from a source item: an item
exists while a template or writer holds it, and is made again when read again.

To a template it is a list: ``len``/``|length``, indexing and slicing (a slice is lazy too),
iterating any number of times, ``|first``/``|last``/``|reverse``/``|groupby``/``|sort``/``|list``,
``in``, ``==`` against a list, ``+`` with a list (gives a list), ``|tojson`` (``json_default``) and
printing (as the list it stands for).  It has no method a template could use to change it, and
the sandbox's attribute rules apply to it as to any object (no ``_`` names).
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any


class Lazy(Sequence):  # type: ignore[type-arg]
    """``make(x)`` for each ``x`` of ``source``, made when read; ``source`` is a list (or a Lazy)."""

    __slots__ = ("_source", "_make")

    def __init__(self, source: Sequence[Any], make: Callable[[Any], Any]) -> None:
        self._source = source
        self._make = make

    def __len__(self) -> int:
        return len(self._source)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return Lazy(self._source[index], self._make)
        return self._make(self._source[index])

    def __iter__(self) -> Iterator[Any]:
        return map(self._make, self._source)

    def __reversed__(self) -> Iterator[Any]:
        return map(self._make, reversed(self._source))

    # what a list does in an expression: compare, concatenate, print
    def __eq__(self, other: object) -> bool:
        if isinstance(other, (list, tuple, Lazy)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # unhashable, like a list

    def __add__(self, other: Any) -> list[Any]:
        if isinstance(other, (list, Lazy)):
            return [*self, *other]
        return NotImplemented

    def __radd__(self, other: Any) -> list[Any]:
        if isinstance(other, list):
            return [*other, *self]
        return NotImplemented

    def __repr__(self) -> str:
        return repr(list(self))


def mapped(items: Lazy, then: Callable[[Any], Any]) -> Lazy:
    """``then(item)`` for each item of ``items``, still made when read: one source, several views of it.

    A function, not a method: a template reaches a Lazy's public attributes, and must not hand it a
    callable to run outside the sandbox's hooks.
    """
    make = items._make
    return Lazy(items._source, lambda x: then(make(x)))


def json_default(value: Any) -> Any:
    """``|tojson`` of a context value: a Lazy is written as the list it stands for."""
    if isinstance(value, Lazy):
        return list(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")

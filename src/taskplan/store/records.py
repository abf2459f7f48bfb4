"""Lean task records: what queries read, without building pydantic models.

A warm ``taskplan list`` on 10,000 tasks must finish in a few times the
time it takes to read the files (issue 3).  Validating every cached task
into a pydantic model again costs more than everything else together, and
is pointless when the cache already proved the file valid with the same
model code.  So the loader hands out ``TaskRecord``: the record fields
queries use (id, section, subsection, title, leader, lead, responsible,
measures) as plain attributes, read straight from the validated data.

Any other attribute (status, deadlines, progress, methods such as
``units()``) is answered by the full ``models.Task``, validated on first
use, so a record can stand in for a Task wherever one is read.
"""
from __future__ import annotations

from typing import Any, Callable


PROGRESS_KEYS = ("status", "deadlines", "progress", "extensions", "requests")


class MeasureRecord:
    __slots__ = ("unit", "items", "intro")

    def __init__(self, unit: str | None, items: list[str], intro: str | None = None) -> None:
        self.unit = unit
        self.items = items
        self.intro = intro

    def __repr__(self) -> str:
        return f"MeasureRecord(unit={self.unit!r}, items={self.items!r})"


class TaskRecord:
    __slots__ = ("id", "section", "subsection", "title", "leader", "lead", "responsible", "_data", "_body", "_model",
                 "_measures")

    def __init__(self, data: dict[str, Any], model: Any = None, *, body: Callable[[], Any] | None = None) -> None:
        # ``data`` has passed models.Task validation (strict): types are right, defaults as in the model.
        # With ``body``, data holds None for "measures" (at its place in the key order) and body()
        # fetches them (from the cache) on first use.
        self._data = data
        self._body = body
        self.id = data["id"]
        self.section = data["section"]
        self.subsection = data.get("subsection")
        self.title = data["title"]
        self.leader = data.get("leader", [])
        self.lead = data["lead"]
        self.responsible = data.get("responsible", [])
        self._measures: list[MeasureRecord] | None = None  # built on first use: many queries never look
        self._model = model

    @property
    def data(self) -> dict[str, Any]:
        """The task's data as in its file (measures included)."""
        if self._body is not None:
            self._data = {**self._data, "measures": self._body()}
            self._body = None
        return self._data

    @property
    def keys(self) -> tuple[str, ...]:
        """The file's top-level keys in the file's order (the measures are not read for it)."""
        return tuple(self._data)

    @property
    def tracks_progress(self) -> bool:
        """Whether the file has any progress field (status, deadlines, progress, extensions)."""
        return any(key in self._data for key in PROGRESS_KEYS)

    @property
    def measures(self) -> list[MeasureRecord]:
        if self._measures is None:
            self._measures = [MeasureRecord(m.get("unit"), m["items"], m.get("intro")) for m in self.data.get("measures", ())]
        return self._measures

    @property
    def model(self):
        """The full pydantic Task (validated once, on first use)."""
        if self._model is None:
            from taskplan.model.records import Task

            self._model = Task.model_validate(self.data)
        return self._model

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.model, name)

    def __repr__(self) -> str:
        return f"TaskRecord(id={self.id!r}, section={self.section!r}, title={self.title[:20]!r}…)"

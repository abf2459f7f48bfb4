"""What a rule sees: the loaded plan, a name resolver, file texts, and a way to say where."""
from __future__ import annotations

import os
import stat

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from taskplan.check.locate import Locator
from taskplan.check.rule import Rule, RuleContext
from taskplan.check.strings import record_blob, walk_strings
from taskplan.findings import Finding
from taskplan.i18n import Message
from taskplan.store.load import LoadedPlan


@dataclass
class CheckContext:
    """Shared by all rules of one run; reads each file's text at most once."""

    loaded: LoadedPlan
    options: dict[str, Any] = field(default_factory=dict)  # per-rule settings from config
    as_of: Any = None  # datetime.date for date-dependent rules; None skips them
    _texts: dict[str, str] = field(default_factory=dict)
    _locator: Locator = field(default_factory=Locator)
    _resolver: Any = None
    _canonical: dict[str, str | None] = field(default_factory=dict)
    _index: Any = None
    _strings: dict[str, list[tuple[tuple[Any, ...], str]]] | None = None
    _roles: list | None = None
    _blobs: dict[str, tuple[str, bool]] | None = None
    _progress: list | None = None
    # one object per distinct message and key path of the findings (RuleContext.at): a rule that compares
    # tasks says the same thing many times (TP207 on a plan of copied texts: 225,000 findings, a few
    # hundred distinct messages), and each finding is held until the run is printed
    _messages: dict[Any, str] = field(default_factory=dict)
    wheres: dict[tuple, tuple] = field(default_factory=dict)

    @property
    def root(self) -> Path:
        return self.loaded.root

    @property
    def resolver(self) -> Any:
        """A Resolver over units.yaml (None when units.yaml did not load)."""
        if self._resolver is None and self.loaded.registry is not None:
            from taskplan.model.registry import Resolver

            self._resolver = Resolver(self.loaded.registry)
        return self._resolver

    def canonical(self, name: str) -> str | None:
        """The registered name ``name`` resolves to (None if unknown); memoised, names repeat a lot."""
        try:
            return self._canonical[name]
        except KeyError:
            entry = self.resolver.resolve(name) if self.resolver is not None else None
            self._canonical[name] = entry.name if entry is not None else None
            return self._canonical[name]

    @property
    def index(self) -> Any:
        """The one role model (index/roles.py) over this plan: who owes a task in which role, via which group."""
        if self._index is None:
            from taskplan.index.roles import PlanIndex

            self._index = PlanIndex(self.loaded.plan, self.loaded.records, self.resolver)  # lean records
        return self._index

    def records(self) -> list[tuple[str, Any]]:
        """(path, record) of every record file that loaded: plan.yaml, units.yaml, tasks (lean records)."""
        loaded = self.loaded
        out: list[tuple[str, Any]] = []
        if loaded.plan is not None:
            out.append(("plan.yaml", loaded.plan))
        if loaded.registry is not None:
            out.append(("units.yaml", loaded.registry))
        out += [(loaded.task_paths[t.id], t) for t in loaded.records]
        return out

    def strings(self, path: str, model: Any) -> list[tuple[tuple[Any, ...], str]]:
        """(key path, text) of every string of one record, computed once for all rules."""
        if self._strings is None:
            self._strings = {}
        if path not in self._strings:
            data = getattr(model, "data", None)  # a lean TaskRecord keeps the parsed (validated) mapping
            if not isinstance(data, dict):
                data = model.model_dump(by_alias=True, exclude_unset=True)
            self._strings[path] = list(walk_strings(data))
        return self._strings[path]

    def blob(self, path: str, model: Any) -> str:
        """Every string of one record joined by NUL, with a NUL at each end (for one-regex pre-tests)."""
        if self._blobs is None:
            self._blobs = {}
        got = self._blobs.get(path)
        if got is None:
            got = self._blobs[path] = record_blob(model)
        return got[0]

    def nul_inside(self, path: str, model: Any) -> bool:
        """A string of this record holds a NUL itself (blob() cannot show it: NUL joins the strings there)."""
        self.blob(path, model)
        return self._blobs[path][1]  # type: ignore[index]

    def roles(self) -> list[tuple[str, Any, list[str | None], list[str | None], list[str | None]]]:
        """Per task: (path, task, canonical lead, canonical responsible, canonical measure units)."""
        if self._roles is None:
            c = self.canonical
            self._roles = [
                (self.loaded.task_paths[t.id], t, [c(n) for n in t.lead], [c(n) for n in t.responsible],
                 [c(m.unit) if m.unit is not None else None for m in t.measures])
                for t in self.loaded.records
            ]
        return self._roles

    def progress_tasks(self) -> list[tuple[str, Any]]:
        """(path, full Task) of the tasks that have progress fields, computed once for the TP6xx rules.

        Lean records tell without building the model, which on a large plan
        without progress data would be most of those rules' cost.
        """
        if self._progress is None:
            out = []
            for record in self.loaded.records:
                if getattr(record, "tracks_progress", True):
                    task = getattr(record, "model", record)  # a lean record's model; a Task is itself
                    out.append((self.loaded.task_paths[task.id], task))
            self._progress = out
        return self._progress

    def _read(self, path: str) -> str:
        try:
            # only a regular file: a pipe in tasks/ (TP009) would block the read forever
            if not stat.S_ISREG(os.stat(self.root / path).st_mode):
                return ""
            return (self.root / path).read_bytes().decode("utf-8-sig", "replace")
        except OSError:
            return ""

    def text(self, path: str) -> str:
        if path not in self._texts:
            self._texts[path] = self._read(path)
        return self._texts[path]

    def text_once(self, path: str) -> str:
        """The text of ``path``, kept only if a rule already asked for it (the engine reads every
        file with findings once: keeping them all would hold the plan's text in memory)."""
        text = self._texts.get(path)
        return self._read(path) if text is None else text

    def drop_records(self) -> None:
        """After the rules: let go of the records and of everything computed from them; the texts read
        and the loader's marks stay (placing the findings needs nothing else)."""
        self.loaded.drop_records()
        self._resolver = self._index = self._strings = self._roles = self._blobs = self._progress = None
        self._locator = Locator()
        self._canonical, self._messages, self.wheres = {}, {}, {}

    def interned(self, message: str) -> str:
        """``message``, or the equal one (the same text, template and values) met before in this run."""
        try:
            return self._messages.setdefault(_message_key(message), message)
        except TypeError:  # a value that is not hashable, or a message of another kind: kept as it is
            return message

    def locate(self, path: str, loc: Sequence[str | int], *, key: bool = False) -> tuple[int, int]:
        return self._locator.locate(path, self.text(path), loc, key=key)

    def for_rule(self, rule: Rule) -> RuleContext:
        return RuleContext(self, rule)


def _message_key(message: object) -> Any:
    """What makes two messages interchangeable: a text's characters; a Message's template and values,
    with their types (``1`` and ``"1"`` read alike, but are not the same value to translate).
    TypeError for anything else."""
    if type(message) is str:
        return message
    if type(message) is Message:
        return (message.template,
                tuple((k, _message_key(v) if isinstance(v, str) else (type(v), v)) for k, v in message.values.items()))
    raise TypeError(type(message).__name__)

"""What a rule sees: the loaded plan, a name resolver, file texts, and a way to say where."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from taskplan.check.locate import Locator
from taskplan.check.rule import Rule
from taskplan.findings import Finding
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

    @property
    def root(self) -> Path:
        return self.loaded.root

    @property
    def resolver(self) -> Any:
        """A Resolver over units.yaml (None when units.yaml did not load)."""
        if self._resolver is None and self.loaded.registry is not None:
            from taskplan.registry import Resolver

            self._resolver = Resolver(self.loaded.registry)
        return self._resolver

    def text(self, path: str) -> str:
        if path not in self._texts:
            try:
                self._texts[path] = (self.root / path).read_bytes().decode("utf-8-sig", "replace")
            except OSError:
                self._texts[path] = ""
        return self._texts[path]

    def locate(self, path: str, loc: Sequence[str | int], *, key: bool = False) -> tuple[int, int]:
        return self._locator.locate(path, self.text(path), loc, key=key)

    def for_rule(self, rule: Rule) -> RuleContext:
        return RuleContext(self, rule)


@dataclass
class RuleContext:
    """The context bound to one rule, so ``at`` knows the code and severity."""

    shared: CheckContext
    rule: Rule

    def __getattr__(self, name: str) -> Any:  # loaded, resolver, text, locate, root …
        return getattr(self.shared, name)

    @property
    def option(self) -> dict[str, Any]:
        return self.shared.options.get(self.rule.code, {})

    def at(
        self,
        path: str,
        loc: Sequence[str | int],
        message: str,
        *,
        key: bool = False,
        find: str | None = None,
        find_offset: int = 0,
        fix: Any = None,
    ) -> Finding:
        """A finding of this rule at key path ``loc`` of ``path``.

        ``find`` moves the column to the first occurrence of that text on the
        located line (e.g. the ``。。`` inside a long title), plus ``find_offset``.
        """
        line, col = self.shared.locate(path, loc, key=key)
        if find:
            lines = self.shared.text(path).split("\n")
            if 0 < line <= len(lines):
                idx = lines[line - 1].find(find, max(col - 1, 0))
                if idx >= 0:
                    col = idx + 1 + find_offset
        return Finding(path, line, col, self.rule.code, self.rule.severity, message, fix)

    def file(self, path: str, message: str, *, line: int = 1, col: int = 1, fix: Any = None) -> Finding:
        """A finding about the whole file (or a known line)."""
        return Finding(path, line, col, self.rule.code, self.rule.severity, message, fix)

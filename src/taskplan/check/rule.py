"""What a rule is: a stable code, a name, a default severity, a docstring.

A rule is a function ``check(ctx) -> Iterable[Finding]`` registered with
``@rule(code, name, severity)``.  Its docstring is its documentation:
``taskplan rules`` prints it and docs/rules.md is generated from it, so the
first paragraph says what the rule finds and the rest why it matters and
how to fix it.  Some codes are produced by the loader itself (broken YAML,
schema errors); they are registered with ``emitted_by_loader=True`` and
no check function, so they are documented, configurable and listed like
any other rule.
"""
from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Sequence

from taskplan.findings import SEVERITIES, Finding

CheckFunc = Callable[["RuleContext"], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: str
    doc: str
    func: CheckFunc | None = None
    fixable: bool = False  # a safe automatic fix exists (check --fix)
    family: str = ""
    # per_file: a task file's findings depend only on that file, plan.yaml and units.yaml (never on
    # other tasks), so the rule may run on any share of the tasks: check/engine.py runs it in the
    # loader's forked helper on the half it parsed.  Rules that compare tasks must leave it False.
    per_file: bool = False
    # every file the rule reads besides the records (plan-relative paths, files or folders): check's
    # cache of whole runs (check/cache.py) keys its results by their state, so an edit of one of them
    # is seen; a rule that reads a file it does not declare gets a stale answer from a warm check
    inputs: tuple[str, ...] = ()

    @property
    def summary(self) -> str:
        """The first line of the documentation."""
        return self.doc.split("\n", 1)[0].strip()


REGISTRY: dict[str, Rule] = {}


def _register(new: Rule) -> Rule:
    if new.code in REGISTRY:
        raise ValueError(f"rule code {new.code} registered twice")
    if new.severity not in SEVERITIES:
        raise ValueError(f"rule {new.code}: bad severity {new.severity}")
    REGISTRY[new.code] = new
    return new


def rule(code: str, name: str, severity: str, *, fixable: bool = False, per_file: bool = False,
         inputs: Sequence[str] = ()) -> Callable[[CheckFunc], Rule]:
    """Register ``func`` as the rule ``code``; its docstring is the rule's documentation.

    ``inputs``: the files (or folders) the rule reads besides the records, relative to the plan (Rule.inputs).
    """

    def wrap(func: CheckFunc) -> Rule:
        family = func.__module__.rsplit(".", 1)[-1]
        return _register(Rule(code, name, severity, inspect.cleandoc(func.__doc__ or ""), func, fixable, family, per_file,
                              tuple(inputs)))

    return wrap


def loader_rule(code: str, name: str, severity: str, doc: str, family: str) -> Rule:
    """Document a code the loader emits (no check function)."""
    return _register(Rule(code, name, severity, inspect.cleandoc(doc), None, False, family))


def all_rules() -> list[Rule]:
    """Every registered rule, by code (importing the rule modules registers them)."""
    import taskplan.check.rules  # noqa: F401 - registers

    return [REGISTRY[c] for c in sorted(REGISTRY)]


@dataclass
class RuleContext:
    """The context bound to one rule, so ``at`` knows the code and severity."""

    shared: Any  # check.context.CheckContext, shared by all rules of one run (not imported: the engine imports this)
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
        The finding is placed (line, col) by the engine, and only if the
        config keeps it (check/locate.py).
        """
        where = (tuple(loc), key, find, find_offset)
        shared = self.shared
        return Finding(path, 0, 0, self.rule.code, self.rule.severity, shared.interned(message), fix,
                       where=shared.wheres.setdefault(where, where))

    def file(self, path: str, message: str, *, line: int = 1, col: int = 1, fix: Any = None) -> Finding:
        """A finding about the whole file (or a known line)."""
        return Finding(path, line, col, self.rule.code, self.rule.severity, self.shared.interned(message), fix)

"""Safe fixes: what ``check --fix`` writes and ``check --diff`` shows.

A rule that can repair its finding safely attaches a Fix: a description and
a function that edits the round-trip document (ruamel CommentedMap), so
comments, key order and untouched formatting survive.  Fixes of one file are
applied together, then the file is written once, atomically.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

from taskplan.findings import Finding
from taskplan.store.write import update_file


@dataclass(frozen=True)
class Fix:
    path: str
    description: str
    apply: Callable[[Any], None]


@dataclass
class Change:
    path: str
    descriptions: list[str]
    old: str
    new: str

    def summary(self, display: Callable[[str], str]) -> str:
        from taskplan.i18n import _, translate

        return "".join(_("fixed {path}: {description}").format(path=display(self.path), description=translate(d)) + "\n"
                       for d in self.descriptions)

    def diff(self, display: Callable[[str], str]) -> str:
        name = display(self.path)
        lines = difflib.unified_diff(
            self.old.splitlines(keepends=True), self.new.splitlines(keepends=True), f"a/{name}", f"b/{name}"
        )
        return "".join(lines)


def apply_fixes(root: Path, findings: Iterable[Finding], *, write: bool) -> list[Change]:
    """Apply every safe fix among ``findings``; write the files only with ``write``."""
    by_path: dict[str, list[Fix]] = {}
    for finding in findings:
        if isinstance(finding.fix, Fix):
            by_path.setdefault(finding.fix.path, []).append(finding.fix)
    changes = []
    for path in sorted(by_path):
        fixes = by_path[path]
        edits = [f.apply for f in fixes]

        def mutate(doc: Any, edits: list = edits) -> None:
            for edit in edits:
                edit(doc)

        old, new = update_file(root / path, mutate, write=write)
        if new == old:
            continue
        changes.append(Change(path, [f.description for f in fixes], old, new))
    return changes

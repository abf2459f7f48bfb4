"""Run every enabled rule over a plan and return the findings, sorted.

The loader's own problems (broken YAML, wrong types, duplicate ids) are
findings like any other: a broken file is reported, never skipped.  The
engine never writes: it loads without the parse cache and applies no fix
(``check --fix`` is fixes.py, through the round-trip writer).
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from taskplan.check.config import CheckConfig, inline_disables
from taskplan.check.context import CheckContext
from taskplan.check.rule import REGISTRY, all_rules
from taskplan.findings import Finding
from taskplan.store.load import LoadedPlan, load_plan


@dataclass
class CheckResult:
    root: Path
    findings: list[Finding]
    files: int  # record files read
    config: CheckConfig = field(default_factory=CheckConfig)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def failed(self, strict: bool = False) -> bool:
        """Exit status 1: any error, or with ``strict`` any warning too."""
        bad = {"error", "warning"} if strict else {"error"}
        return any(f.severity in bad for f in self.findings)


def run_rules(loaded: LoadedPlan, config: CheckConfig) -> list[Finding]:
    """Every finding of every enabled rule plus the loader's, before filtering."""
    ctx = CheckContext(loaded, as_of=config.as_of)
    found: list[Finding] = list(loaded.problems)
    for rule in all_rules():
        if rule.func is None or not config.enabled(rule.code):
            continue
        found.extend(rule.func(ctx.for_rule(rule)))
    ctx_texts = ctx  # keep the texts read by rules for the inline-disable pass
    return _apply_config(found, config, ctx_texts)


def _apply_config(found: Iterable[Finding], config: CheckConfig, ctx: CheckContext) -> list[Finding]:
    out: list[Finding] = []
    disables: dict[str, tuple[set[str], dict[int, set[str]]]] = {}
    for f in found:
        if not config.enabled(f.code) or config.ignored_in(f.path, f.code):
            continue
        if f.path not in disables:
            disables[f.path] = inline_disables(ctx.text(f.path))
        whole, by_line = disables[f.path]
        if _matches(f.code, whole) or _matches(f.code, by_line.get(f.line, ())):
            continue
        rule = REGISTRY.get(f.code)
        severity = config.severity_of(f.code, rule.severity if rule else f.severity)
        if severity != f.severity:
            f = dataclasses.replace(f, severity=severity)
        out.append(f)
    return out


def _matches(code: str, prefixes: Iterable[str]) -> bool:
    return any(code.startswith(p) for p in prefixes)


def _under(path: str, wanted: Sequence[str]) -> bool:
    return any(path == w or path.startswith(w.rstrip("/") + "/") or w in ("", ".") for w in wanted)


def check_plan(root: Path, config: CheckConfig, paths: Sequence[str] = ()) -> CheckResult:
    """Check the plan in ``root``; with ``paths`` (relative to root) report only findings in them.

    Rules always see the whole plan (duplicate ids and unused units span files).
    """
    loaded = load_plan(root, use_cache=False)
    findings = run_rules(loaded, config)
    if paths:
        findings = [f for f in findings if _under(f.path, paths)]
    files = 2 + len(loaded.task_files)
    return CheckResult(root, sorted(set(findings)), files, config)

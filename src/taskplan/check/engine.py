"""Run every enabled rule over a plan and return the findings, sorted.

The loader's own problems (broken YAML, wrong types, duplicate ids) are
findings like any other: a broken file is reported, never skipped.  The
engine never writes a record and applies no fix (``check --fix`` is
fixes.py, through the round-trip writer); it reads and fills the parse
cache, which lives outside the plan tree (store/cache.py).
"""
from __future__ import annotations

import dataclasses
import gc
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Iterable, Sequence

from taskplan.check.config import CheckConfig, inline_disables
from taskplan.check.context import CheckContext
from taskplan.check.locate import place
from taskplan.check.rule import REGISTRY, all_rules
from taskplan.findings import Finding
from taskplan.store.discover import under
from taskplan.store.load import LoadedPlan, load_plan


@dataclass
class CheckResult:
    root: Path
    findings: list[Finding]
    files: int  # record files read
    config: CheckConfig = field(default_factory=CheckConfig)

    def failed(self, strict: bool = False) -> bool:
        """Exit status 1: any error, or with ``strict`` any warning too."""
        bad = {"error", "warning"} if strict else {"error"}
        return any(f.severity in bad for f in self.findings)


def run_rules(loaded: LoadedPlan, config: CheckConfig) -> list[Finding]:
    """Every finding of every enabled rule plus the loader's, before filtering.

    When the loader's two parsing processes already ran the per-file rules on
    their halves of the tasks (``loaded.share_results``, see per_file_findings),
    those rules run here only on the other tasks, plan.yaml and units.yaml.
    """
    ctx = CheckContext(loaded, as_of=config.as_of)
    found: list[Finding] = list(loaded.problems)
    local = ctx
    if loaded.share_results:
        present = set(loaded.task_paths.values())  # a duplicate id across the halves may have dropped a file
        kept: set[str] = set()
        for covered, shared in loaded.share_results:
            kept |= covered & present
            found += [f for f in shared if f.path in covered and f.path in present]
        rest = [r for r in loaded.records if loaded.task_paths[r.id] not in kept]
        local = CheckContext(_part(loaded, rest), as_of=config.as_of)
    was_enabled = gc.isenabled()
    gc.disable()  # rules allocate many short-lived objects and free nothing cyclic (as in load_plan)
    try:
        for rule in all_rules():
            if rule.func is None or not config.enabled(rule.code):
                continue
            found.extend(rule.func((local if rule.per_file else ctx).for_rule(rule)))
    finally:
        if was_enabled:
            gc.enable()
    return _apply_config(found, config, ctx)  # the context has the texts the inline-disable pass reads


def _part(loaded: LoadedPlan, records: list) -> LoadedPlan:
    paths = {r.id: loaded.task_paths[r.id] for r in records}
    return LoadedPlan(loaded.root, loaded.plan, loaded.registry, None, paths, list(paths.values()), [], records=records)


def per_file_findings(config: CheckConfig, part: LoadedPlan) -> list[Finding]:
    """The findings of the enabled per-file rules on ``part`` (run by each of the loader's parsing processes).

    Findings carrying a fix hold closures, which do not pickle: then the
    forked process's result is dropped and the parent runs these rules on its
    tasks again (``check --fix`` with fixable findings on a large plan is not the fast path).
    """
    ctx = CheckContext(part, as_of=config.as_of)
    found: list[Finding] = []
    for rule in all_rules():
        if rule.func is not None and rule.per_file and config.enabled(rule.code):
            found.extend(rule.func(ctx.for_rule(rule)))
    return found


def _apply_config(found: Iterable[Finding], config: CheckConfig, ctx: CheckContext) -> list[Finding]:
    """The findings the config keeps, placed and with their configured severity.

    Codes and paths are filtered first; only the survivors are placed
    (check/locate.py), file by file, before the inline disables, which are per line.
    """
    by_path: dict[str, list[Finding]] = {}
    for f in found:
        if config.enabled(f.code) and not config.ignored_in(f.path, f.code):
            by_path.setdefault(f.path, []).append(f)
    out: list[Finding] = []
    for path, items in by_path.items():
        text = ctx.text_once(path)
        whole, by_line = inline_disables(text)
        if whole:
            items = [f for f in items if not _matches(f.code, whole)]
        for f in place(items, text):
            if _matches(f.code, by_line.get(f.line, ())):
                continue
            rule = REGISTRY.get(f.code)
            severity = config.severity_of(f.code, rule.severity if rule else f.severity)
            if severity != f.severity:
                f = dataclasses.replace(f, severity=severity)
            out.append(f)
    return out


def _matches(code: str, prefixes: Iterable[str]) -> bool:
    return any(code.startswith(p) for p in prefixes)


def check_plan(root: Path, config: CheckConfig, paths: Sequence[str] = (), *, use_cache: bool = True) -> CheckResult:
    """Check the plan in ``root``; with ``paths`` (relative to root) report only findings in them.

    Rules always see the whole plan (duplicate ids and unused units span files).
    The parse cache is read and filled like any command's (keyed by content,
    so an edited file is parsed afresh; CI with a kept cache directory pays
    only for what changed).
    """
    all_rules()  # imported before the loader forks, so its helper finds the rules registered
    loaded = load_plan(root, use_cache=use_cache, share=partial(per_file_findings, config))
    findings = run_rules(loaded, config)
    if paths:
        findings = [f for f in findings if under(f.path, paths)]
    files = 2 + len(loaded.task_files)
    return CheckResult(root, sorted(set(findings)), files, config)

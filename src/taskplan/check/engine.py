"""Run every enabled rule over a plan and return the findings, sorted.

The loader's own problems (broken YAML, wrong types, duplicate ids) are
findings like any other: a broken file is reported, never skipped.  The
engine never writes a record and applies no fix (``check --fix`` is
fixes.py, through the round-trip writer); it reads and fills the parse
cache, which lives outside the plan tree (store/cache.py).
"""
from __future__ import annotations

import gc
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Iterable, Sequence

from taskplan import i18n
from taskplan.check.cache import Places, ResultCache, RunCache, fingerprint, run_key
from taskplan.check.config import CheckConfig, inline_disables
from taskplan.check.context import CheckContext
from taskplan.check.locate import spots
from taskplan.check.rule import REGISTRY, all_rules
from taskplan.findings import Finding
from taskplan.store.discover import PLAN_FILE, UNITS_FILE, under
from taskplan.store.load import LoadedPlan, load_plan, record_state
from taskplan.store.positions import positions_of


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


def run_rules(loaded: LoadedPlan, config: CheckConfig, results: ResultCache | None = None) -> list[Finding]:
    """The findings of every enabled rule plus the loader's that the config keeps: placed, with their
    configured severity, each once, sorted (Finding's order).

    The per-file rules (``Rule.per_file``) run only on the task files whose
    findings are not known already: from ``results`` (check/cache.py: the
    same path and bytes, under the same fingerprint) or from the loader's two
    parsing processes, which ran them on their halves (``loaded.share_results``,
    see per_file_findings).  They always run on plan.yaml and units.yaml; the
    cross-file rules always run on the whole plan.  What was computed here is
    stored in ``results`` for the next run.

    Once the rules have run, ``loaded`` lets go of its records (LoadedPlan.drop_records), and the
    findings are placed file by file, each file's unplaced ones dropped as its placed ones are
    made: at 100,000 tasks of copied texts (225,000 findings) the plan and two forms of every
    finding would otherwise be held at once.
    """
    ctx = CheckContext(loaded, as_of=config.as_of)
    by_path = _rule_findings(ctx, config, results)
    ctx.drop_records()
    return _apply_config(by_path, config, ctx, results)  # the context has the texts the inline-disable pass reads


def _rule_findings(ctx: CheckContext, config: CheckConfig, results: ResultCache | None) -> dict[str, list[Finding]]:
    """path -> the findings of the enabled rules and the loader in it that the config keeps, unplaced
    (run_rules); what the per-file rules computed here is stored in ``results``."""
    loaded = ctx.loaded
    found: list[Finding] = list(loaded.problems)
    present = set(loaded.task_paths.values())  # a duplicate id across the halves may have dropped a file
    known: dict[str, list[Finding]] = {}  # task path -> its per-file findings, not computed here
    if results is not None:
        for rel in present:
            got = results.findings(rel)
            if got is not None:
                known[rel] = got
    computed: dict[str, list[Finding]] = {}  # task path -> its per-file findings, to be stored
    for covered, shared in loaded.share_results:
        for rel in covered & present:
            if rel not in known:
                computed[rel] = []
        for f in shared:
            if f.path in computed:
                computed[f.path].append(f)
    local = ctx
    if known or computed:
        rest = [r for r in loaded.records if loaded.task_paths[r.id] not in known and loaded.task_paths[r.id] not in computed]
        local = CheckContext(_part(loaded, rest), as_of=config.as_of)
    for rel in local.loaded.task_paths.values():
        computed[rel] = []
    was_enabled = gc.isenabled()
    gc.disable()  # rules allocate many short-lived objects and free nothing cyclic (as in load_plan)
    try:
        for rule in all_rules():
            if rule.func is None or not config.enabled(rule.code):
                continue
            if not rule.per_file:
                found.extend(rule.func(ctx.for_rule(rule)))
                continue
            for f in rule.func(local.for_rule(rule)):
                mine = computed.get(f.path)
                if mine is not None:
                    mine.append(f)
                else:  # plan.yaml, units.yaml
                    found.append(f)
    finally:
        if was_enabled:
            gc.enable()
    by_path: dict[str, list[Finding]] = {}
    enabled: dict[str, bool] = {}  # per code: tens of thousands of findings share a few dozen codes

    def keep(items: list[Finding]) -> None:
        for f in items:
            on = enabled.get(f.code)
            if on is None:
                on = enabled[f.code] = config.enabled(f.code)
            if on and not config.ignored_in(f.path, f.code):
                by_path.setdefault(f.path, []).append(f)

    keep(found)
    for items in known.values():
        keep(items)
    for rel, items in computed.items():
        keep(items)
        if results is not None:
            results.put_findings(rel, items)
    return by_path


def _part(loaded: LoadedPlan, records: list) -> LoadedPlan:
    paths = {r.id: loaded.task_paths[r.id] for r in records}
    return LoadedPlan(loaded.root, loaded.plan, loaded.registry, None, paths, list(paths.values()), [], records=records)


def per_file_findings(config: CheckConfig, part: LoadedPlan) -> list[Finding]:
    """The findings of the enabled per-file rules on ``part`` (run by each of the loader's parsing processes).

    The forked process's result comes back pickled, fixes included (a rule's
    fix is a partial of a module function, never a closure); if it still
    does not pickle, it is dropped and the parent runs these rules on those tasks again.
    """
    ctx = CheckContext(part, as_of=config.as_of)
    found: list[Finding] = []
    for rule in all_rules():
        if rule.func is not None and rule.per_file and config.enabled(rule.code):
            found.extend(rule.func(ctx.for_rule(rule)))
    return found


def _apply_config(by_path: dict[str, list[Finding]], config: CheckConfig, ctx: CheckContext,
                  results: ResultCache | None = None) -> list[Finding]:
    """The findings of ``by_path`` (which this empties) placed, with their configured severity, each
    once, sorted.

    Only the findings the config keeps are here (_rule_findings); they are
    placed (check/locate.py) file by file, before the inline disables,
    which are per line.  ``results`` remembers both per file content, so an
    unchanged file is neither read nor mapped again.  Each file's unplaced
    findings are let go as its placed ones are made.
    """
    out: list[Finding] = []
    severity_of = config.severity_of
    for path in sorted(by_path):  # Finding's order starts with the path: each file's findings are sorted alone
        items = by_path.pop(path)
        whole, by_line, at = _places(path, items, ctx, results)
        placed: list[Finding] = []
        for f in items:
            if whole and _matches(f.code, whole):
                continue
            line, col = (f.line, f.col) if f.where is None else at[f.where]
            if by_line and _matches(f.code, by_line.get(line, ())):
                continue
            rule = REGISTRY.get(f.code)
            severity = severity_of(f.code, rule.severity if rule else f.severity)
            if f.where is None and severity == f.severity:
                placed.append(f)
            else:
                placed.append(Finding(f.path, line, col, f.code, severity, f.message, f.fix))
        del items
        out += sorted(dict.fromkeys(placed), key=_order)  # equal findings once: the first of them, as a set keeps
    return out


def _places(path: str, items: list[Finding], ctx: CheckContext, results: ResultCache | None) -> Places:
    """(codes disabled in the whole file, line -> codes disabled there, where -> (line, col)) for ``items``.

    Findings disabled for the whole file are never placed.
    """
    def wanted(whole: frozenset) -> set:
        return {f.where for f in items if f.where is not None and not (whole and _matches(f.code, whole))}

    kept = results.places(path) if results is not None else None
    if kept is not None and wanted(kept[0]) <= kept[2].keys():
        return kept
    at = dict(kept[2]) if kept is not None else {}
    marks = ctx.loaded.marks.pop(path, None)  # parsed in this run: its positions came with the parse
    if marks is None:
        text: str | None = ctx.text_once(path)
        whole, by_line = inline_disables(text)
        at.update(spots(wanted(frozenset(whole)) - at.keys(), text))
    else:  # the text is read again only for an inline disable or a column found in a line's text
        text = ctx.text_once(path) if marks.directives else None
        whole, by_line = inline_disables(text) if text is not None else (set(), {})
        todo = wanted(frozenset(whole)) - at.keys()
        if text is None and any(find for _, _, find, _ in todo):
            text = ctx.text_once(path)
        at.update(spots(todo, text or "", positions_of(marks)))
    got = (frozenset(whole), {line: frozenset(codes) for line, codes in by_line.items()}, at)
    if results is not None:
        results.put_places(path, text, got)
    return got


def _matches(code: str, prefixes: Iterable[str]) -> bool:
    return any(code.startswith(p) for p in prefixes)


def check_plan(root: Path, config: CheckConfig, paths: Sequence[str] = (), *, use_cache: bool = True,
               fixes: bool = False) -> CheckResult:
    """Check the plan in ``root``; with ``paths`` (relative to root) report only findings in them.

    Rules always see the whole plan (duplicate ids and unused units span files).
    The parse cache is read and filled like any command's (keyed by content,
    so an edited file is parsed afresh; CI with a kept cache directory pays
    only for what changed), and so are the per-file rules' findings and the
    places of findings (check/cache.py).  ``fixes``: the caller applies or
    shows the findings' fixes, which only a fresh run of the rules has.

    The garbage collector is paused throughout, as in load_plan: a check of a
    large plan holds millions of objects, none of them cyclic garbage, and
    each full collection would walk them all again (seconds on 10,000 tasks).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _check_plan(root, config, paths, use_cache, fixes)
    finally:
        if was_enabled:
            gc.enable()


def _check_plan(root: Path, config: CheckConfig, paths: Sequence[str], use_cache: bool, fixes: bool) -> CheckResult:
    rules = all_rules()  # imported before the loader forks, so its helper finds the rules registered
    runs = RunCache(root) if use_cache else None
    if runs is not None and not runs.disabled and not fixes:
        hit = _known_run(root, config, rules, runs)
        if hit is not None:  # nothing changed since a run with this key: no rule runs at all
            files, findings = hit
            return CheckResult(root, [f for f in findings if under(f.path, paths)] if paths else findings, files, config)
    # the parse cache is written by a forked process while the rules run (a large first run)
    loaded = load_plan(root, use_cache=use_cache, share=partial(per_file_findings, config), marks=True, save_behind=True)
    try:
        return _check_loaded(root, config, paths, rules, runs, loaded, use_cache, fixes)
    finally:
        loaded.saved()


def _check_loaded(root: Path, config: CheckConfig, paths: Sequence[str], rules: list, runs: RunCache | None,
                  loaded: LoadedPlan, use_cache: bool, fixes: bool) -> CheckResult:
    results = None
    if use_cache and loaded.digests:
        codes = [r.code for r in rules if r.func is not None and r.per_file and config.enabled(r.code)]
        key = fingerprint(root, loaded.digests, codes, config.as_of, {}, i18n.current())
        # with ``fixes`` nothing is read back (a stored finding has no fix to apply), only stored
        results = ResultCache(root, loaded.digests, key, reuse=not fixes)
    findings = run_rules(loaded, config, results)
    if results is not None:
        results.save()
        del results  # its shards: not held while the run is kept and printed
    files = 2 + len(loaded.task_files)
    if runs is not None and loaded.digests and _complete(loaded):
        runs.put(run_key(root, loaded.digests, loaded.strays, config, rules, i18n.current()), files, findings)
    if paths:
        findings = [f for f in findings if under(f.path, paths)]
    return CheckResult(root, findings, files, config)


def _known_run(root: Path, config: CheckConfig, rules: list, runs: RunCache) -> tuple[int, list[Finding]] | None:
    """The kept result of a run over exactly these files, settings and inputs (check/cache.py), or None."""
    if not runs.kept():
        return None  # the first run: hashing every file would only add to it
    state = record_state(root)  # every record file's digest, without parsing (stamps vouch for most)
    return None if state is None else runs.get(run_key(root, *state, config, rules, i18n.current()))


def _complete(loaded: LoadedPlan) -> bool:
    """Every record file was read with a digest (record_state's shape): else a run is not kept."""
    return all(name in loaded.digests for name in (PLAN_FILE, UNITS_FILE)) and all(
        rel in loaded.digests for rel in loaded.task_files)


def _order(f: Finding) -> tuple:
    """The order of Finding's own comparison (its compared fields in turn), as one fast key."""
    return (f.path, f.line, f.col, f.code, f.severity, f.message)

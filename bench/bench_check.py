"""Time `taskplan check` on a 10,000-task plan with no findings, against baselines of the same run.

    python bench/bench_check.py [--tasks N] [--repeat K] [--keep DIR] [--no-tools]

The plan is bench/synth.py's, made clean (the synthetic text repeats
measures, names a unit in two roles, pads file names …, all of which check
rightly reports): a check with findings also computes their positions, which
is not what "check on a healthy plan" measures.

Figures, each a fresh process on the same files, median of K runs:
  csafe-parse      PyYAML's C loader (CSafeLoader) parsing every file (the target)
  check            taskplan check with no parse cache present (every file parsed)
  check (warm)     taskplan check after another command left a parse cache (check reads it, never writes)
  yamllint         yamllint -d relaxed on the same files (pip-installed here if missing)
  check-jsonschema check-jsonschema against docs/schema/task.schema.json (idem)
Target (issue 4): check no slower than csafe-parse.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import build_plan  # noqa: E402

CSAFE = """
import os, sys, yaml
root = sys.argv[1]
load = lambda p: yaml.load(open(p, "rb").read().decode("utf-8"), Loader=yaml.CSafeLoader)
load(os.path.join(root, "plan.yaml")); load(os.path.join(root, "units.yaml"))
data = [load(e.path) for e in os.scandir(os.path.join(root, "tasks"))]
"""

TOOLS = {"yamllint": "yamllint>=1.35,<2", "check-jsonschema": "check-jsonschema>=0.28,<1"}


def make_clean(root: Path) -> None:
    """Rewrite the synthetic records so that check has nothing to say."""
    import yaml

    from taskplan.records.fmt import TASK_HEADER
    from taskplan.check.rules.text import clean_whitespace
    from taskplan.model.registry import Resolver
    from taskplan.model.records import Registry

    units = yaml.load((root / "units.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    seen: set[str] = set()
    for kind in ("units", "groups"):
        kept = []
        for entry in units.get(kind, []):
            if entry["name"] not in seen:
                seen.add(entry["name"])
                kept.append(entry)
        units[kind] = kept
    resolver = Resolver(Registry.model_validate(units))
    canon = lambda n: (resolver.resolve(n).name if resolver.resolve(n) else n)  # noqa: E731
    used: set[str] = set()
    for path in sorted((root / "tasks").glob("*.yaml")):
        task = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        tid = task["id"]
        lead, names = [], set()
        for n in task["lead"]:
            if canon(n) not in names:
                names.add(canon(n))
                lead.append(n)
        responsible = []
        for n in task.get("responsible", []):
            if canon(n) not in names:
                names.add(canon(n))
                responsible.append(n)
        task["lead"], task["responsible"] = lead, responsible
        measures = []
        for m in task.get("measures", []):
            if m.get("unit") is not None and canon(m["unit"]) not in names:
                continue
            m["items"] = [f"{clean_whitespace(item)}(任务{tid}之{j})" for j, item in enumerate(m["items"], 1)]
            measures.append(m)
        owners = {canon(m["unit"]) for m in measures if m.get("unit")}
        if owners:  # every lead gets a measure, as TP206 expects of split measures
            for n in lead:
                if canon(n) not in owners:
                    measures.append({"unit": n, "items": [f"落实牵头责任(任务{tid})。"]})
        task["measures"] = measures
        task["title"] = clean_whitespace(task["title"])
        used |= names | {canon(m["unit"]) for m in measures if m.get("unit")}
        text = yaml.dump(task, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=1 << 20)
        path.write_text(f"{TASK_HEADER}\n{text}", encoding="utf-8")  # key order kept: TP307 is satisfied
    for kind in ("units", "groups"):  # units no task names (directly or via a group) would be TP505
        members = {canon(m) for e in units["groups"] if e["name"] in used for m in e.get("members", [])}
        units[kind] = [e for e in units[kind] if e["name"] in used or e["name"] in members]
    for group in units["groups"]:
        group["members"] = [m for m in group.get("members", []) if canon(m) in {u["name"] for u in units["units"]}]
    (root / "units.yaml").write_text(yaml.dump(units, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=1 << 20), encoding="utf-8")


def timed(cmd: list[str], env: dict, ok=(0,)) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if proc.returncode not in ok:
        raise SystemExit(f"{' '.join(cmd[:4])} … failed ({proc.returncode}): {(proc.stdout + proc.stderr).decode()[-800:]}")
    return elapsed


def median(cmd: list[str], env: dict, repeat: int, ok=(0,)) -> float:
    return statistics.median(timed(cmd, env, ok) for _ in range(repeat))


def ensure_tool(name: str) -> str | None:
    exe = Path(sys.executable).parent / name
    if not exe.exists():
        print(f"  installing {TOOLS[name]} into this venv for the comparison (not a runtime dependency)")
        code = subprocess.call([sys.executable, "-m", "pip", "install", "-q", TOOLS[name]])
        if code or not exe.exists():
            print(f"  could not install {name}; skipped")
            return None
    return str(exe)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tasks", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--keep", type=Path, help="build the plan here and keep it (default: a temporary directory)")
    ap.add_argument("--no-tools", action="store_true", help="skip yamllint and check-jsonschema")
    args = ap.parse_args(argv)

    tmp = None
    root = args.keep if args.keep else Path(tempfile.mkdtemp(prefix="taskplan-bench-")) / "plan"
    tmp = None if args.keep else root.parent
    try:
        t0 = time.perf_counter()
        build_plan(root, args.tasks)
        make_clean(root)
        env = {k: v for k, v in os.environ.items() if k not in ("TASKPLAN_DEBUG", "GITHUB_ACTIONS")}
        env["TASKPLAN_NO_CACHE"] = "1"  # cold: every run parses (the warm figure below sets its own cache)
        py = sys.executable
        taskplan = [py, "-m", "taskplan", "-C", str(root)]
        subprocess.run(taskplan + ["schema"], env=env, check=True, stdout=subprocess.DEVNULL)
        print(f"clean synthetic plan: {args.tasks} tasks in {root} (built in {time.perf_counter() - t0:.1f} s)")
        out = subprocess.run(taskplan + ["check", "--strict"], env=env, capture_output=True, text=True)
        if out.returncode != 0 or not out.stdout.endswith("no problems\n"):
            print(out.stdout[-2000:])
            raise SystemExit("the bench plan is not clean; fix make_clean()")
        files = [str(root / "plan.yaml"), str(root / "units.yaml")]
        tasks = sorted(str(p) for p in (root / "tasks").glob("*.yaml"))

        timed([py, "-c", CSAFE, str(root)], env)  # warm the page cache
        figures = {
            "csafe-parse": median([py, "-c", CSAFE, str(root)], env, args.repeat),
            "check": median(taskplan + ["check"], env, args.repeat),  # no cache exists: parses every file
        }
        warm_env = {k: v for k, v in env.items() if k != "TASKPLAN_NO_CACHE"}
        warm_env["XDG_CACHE_HOME"] = str(root.parent / "bench-cache")
        subprocess.run(taskplan + ["show", "1"], env=warm_env, check=True, stdout=subprocess.DEVNULL)  # leaves a cache
        figures["check (warm cache, read-only)"] = median(taskplan + ["check"], warm_env, args.repeat)
        if not args.no_tools:
            slow = max(1, args.repeat // 5)
            if exe := ensure_tool("yamllint"):
                figures["yamllint -d relaxed"] = median([exe, "-d", "relaxed", *files, *tasks], env, slow, ok=(0, 1))
            if exe := ensure_tool("check-jsonschema"):
                schema = str(root / "docs/schema/task.schema.json")
                figures["check-jsonschema"] = median([exe, "--schemafile", schema, *tasks], env, slow)
        for name, secs in figures.items():
            print(f"  {name:32s} {secs * 1000:8.0f} ms")
        base = figures["csafe-parse"]
        ratio = figures["check"] / base
        print(f"  ratio check / csafe-parse            {ratio:6.2f}  (target <= 1.00)  {'ok' if ratio <= 1.0 else 'MISSED'}")
        warm = figures["check (warm cache, read-only)"] / base
        print(f"  ratio check warm cache / csafe-parse {warm:6.2f}  (for reference: after any other command)")
        for name in ("yamllint -d relaxed", "check-jsonschema"):
            if name in figures:
                print(f"  ratio {name} / check {' ' * (22 - len(name))}{figures[name] / figures['check']:6.2f}  (for reference)")
        return 0 if ratio <= 1.0 else 1
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

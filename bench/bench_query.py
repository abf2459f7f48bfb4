"""Time whole `taskplan list` processes on a synthetic plan against baselines of the same run.

    python bench/bench_query.py [--tasks N] [--repeat K] [--keep DIR]

Baselines, each a fresh Python process on the same files:
  read-bytes   a process that only reads every file's bytes (the floor for anything that looks at all files)
  import-typer python -c "import typer"
  csafe-parse  PyYAML's C loader (CSafeLoader) parsing every file
Targets (issue 3): a repeated `list --lead X` (warm cache) within 3.5x read-bytes; a first run with no
cache no slower than csafe-parse.  Each figure is the best (minimum) of K runs, as timeit does: on a
shared machine the slower runs measure the other processes, not this one.  The ratios are what to compare.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import build_plan  # noqa: E402

READ_BYTES = """
import os, sys
root = sys.argv[1]
n = 0
for name in ("plan.yaml", "units.yaml"):
    with open(os.path.join(root, name), "rb") as fh: n += len(fh.read())
tasks = os.path.join(root, "tasks")
for e in os.scandir(tasks):
    with open(e.path, "rb") as fh: n += len(fh.read())
"""

CSAFE = """
import os, sys, yaml
root = sys.argv[1]
load = lambda p: yaml.load(open(p, "rb").read().decode("utf-8"), Loader=yaml.CSafeLoader)
load(os.path.join(root, "plan.yaml")); load(os.path.join(root, "units.yaml"))
data = [load(e.path) for e in os.scandir(os.path.join(root, "tasks"))]
"""

CACHE_DIR = ".taskplan-cache"


def timed(cmd: list[str], env: dict, before=None) -> float:
    if before:
        before()
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr.decode()[:500]}")
    return elapsed


def best(cmd: list[str], env: dict, repeat: int, before=None) -> float:
    return min(timed(cmd, env, before) for _ in range(repeat))


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tasks", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--keep", type=Path, help="build the plan here and keep it (default: a temporary directory)")
    args = ap.parse_args(argv)

    tmp = None
    if args.keep:
        root = args.keep
    else:
        tmp = tempfile.mkdtemp(prefix="taskplan-bench-")
        root = Path(tmp) / "plan"
    try:
        t0 = time.perf_counter()
        build_plan(root, args.tasks)
        print(f"synthetic plan: {args.tasks} tasks in {root} (built in {time.perf_counter() - t0:.1f} s)")
        env = {k: v for k, v in os.environ.items() if k not in ("TASKPLAN_NO_CACHE", "TASKPLAN_DEBUG")}
        py = sys.executable
        lead = "财政局"
        taskplan = [py, "-m", "taskplan", "-C", str(root)]
        listing = taskplan + ["list", "--lead", lead, "--format", "ids"]
        table = taskplan + ["list", "--lead", lead]

        def drop_cache() -> None:
            shutil.rmtree(root / CACHE_DIR, ignore_errors=True)

        # warm the page cache once so every figure compares like with like
        timed([py, "-c", READ_BYTES, str(root)], env)
        figures = {
            "read-bytes": best([py, "-c", READ_BYTES, str(root)], env, args.repeat),
            "import-typer": best([py, "-c", "import typer"], env, args.repeat),
            "csafe-parse": best([py, "-c", CSAFE, str(root)], env, max(1, args.repeat // 2)),
            "list cold (no cache yet)": best(listing, env, max(1, args.repeat // 2), drop_cache),
            "list --no-cache": best(taskplan[:-2] + ["-C", str(root), "--no-cache", "list", "--lead", lead, "-f", "ids"],
                                      env, max(1, args.repeat // 2)),
        }
        timed(listing, env)  # make sure the cache is written
        figures["list warm (ids)"] = best(listing, env, args.repeat)
        figures["list warm (table)"] = best(table, env, args.repeat)
        figures["list warm (json)"] = best(taskplan + ["list", "--lead", lead, "-f", "json"], env, args.repeat)

        for name, secs in figures.items():
            print(f"  {name:26s} {secs * 1000:8.0f} ms")
        warm = figures["list warm (ids)"] / figures["read-bytes"]
        cold = figures["list cold (no cache yet)"] / figures["csafe-parse"]
        print(f"  ratio warm list / read-bytes   {warm:5.2f}  (target <= 3.50)  {'ok' if warm <= 3.5 else 'MISSED'}")
        print(f"  ratio cold list / csafe-parse  {cold:5.2f}  (target <= 1.00)  {'ok' if cold <= 1.0 else 'MISSED'}")
        print(f"  ratio warm list / import-typer {figures['list warm (ids)'] / figures['import-typer']:5.2f}  (for reference)")
        return 0 if warm <= 3.5 and cold <= 1.0 else 1
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

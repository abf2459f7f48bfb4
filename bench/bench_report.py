"""Time `taskplan report` in every format on a synthetic plan, next to loading the plan alone.

    python bench/bench_report.py [--tasks N] [--repeat K] [--keep DIR] [--formats md,html,…]

Baseline, a fresh Python process on the same files and the same (warm) cache:
  load   a process that imports taskplan and calls store.load.load_plan — what every command pays
Then one whole `taskplan report plan -f FMT -o FILE` process per format, and `report KIND -f md`
for the other kinds.  Each figure is the median of K runs; the ratio to `load` is what to compare
between machines.  There is no target (issue 5 asks for the figures); the script exits 0 unless a
report fails.
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

LOAD = """
import sys
from pathlib import Path
from taskplan.store.load import load_plan
loaded = load_plan(Path(sys.argv[1]))
assert loaded.tasks
"""
FORMATS = ["md", "text", "csv", "html", "xlsx", "docx"]
OTHER_KINDS = ["units", "matrix", "bulletin", "stats"]


def timed(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr.decode()[:500]}")
    return elapsed


def median(cmd: list[str], env: dict, repeat: int) -> float:
    return statistics.median(timed(cmd, env) for _ in range(repeat))


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tasks", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--keep", type=Path, help="build the plan here and keep it (default: a temporary directory)")
    ap.add_argument("--formats", default=",".join(FORMATS), help="comma-separated formats to time")
    args = ap.parse_args(argv)

    tmp = tempfile.mkdtemp(prefix="taskplan-bench-report-")
    root = args.keep or Path(tmp) / "plan"
    out = Path(tmp) / "out"
    out.mkdir()
    try:
        t0 = time.perf_counter()
        build_plan(root, args.tasks)
        print(f"synthetic plan: {args.tasks} tasks in {root} (built in {time.perf_counter() - t0:.1f} s)")
        env = dict(os.environ)
        env.pop("TASKPLAN_NO_CACHE", None)
        taskplan = [sys.executable, "-m", "taskplan", "-C", str(root)]
        timed([*taskplan, "report", "stats", "-f", "csv"], env)  # warm the page cache and the parse cache

        load = median([sys.executable, "-c", LOAD, str(root)], env, args.repeat)
        rows = [("load plan (baseline)", load, None)]
        for fmt in [f for f in args.formats.split(",") if f]:
            target = out / f"plan.{fmt}"
            t = median([*taskplan, "report", "plan", "-f", fmt, "-o", str(target), "--as-of", "2020-12-31"], env, args.repeat)
            rows.append((f"report plan -f {fmt}", t, target.stat().st_size))
        for kind in OTHER_KINDS:
            target = out / f"{kind}.md"
            t = median([*taskplan, "report", kind, "-f", "md", "-o", str(target), "--as-of", "2020-12-31"], env, args.repeat)
            rows.append((f"report {kind} -f md", t, target.stat().st_size))

        print(f"median of {args.repeat} whole processes, warm cache:")
        print(f"  {'what':<28}{'seconds':>9}{'× load':>9}{'output':>12}")
        for name, seconds, size in rows:
            size_text = f"{size / 1e6:.1f} MB" if size is not None else ""
            print(f"  {name:<28}{seconds:>9.2f}{seconds / load:>9.1f}{size_text:>12}")
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

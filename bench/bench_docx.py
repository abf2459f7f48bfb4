"""The Word report's speed against the HTML report of the same plan, measured in the same run.

    python bench/bench_docx.py [--tasks N] [--repeat K]

Times whole `taskplan report plan -f docx` and `-f html` processes on a synthetic
plan (warm cache, median of K runs) and prints docx / html.  Target (issue 13):
the docx writer costs at most 3× the HTML report; the script exits 1 above that.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_report import median, timed  # noqa: E402
from synth import build_plan  # noqa: E402

TARGET = 3.0


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tasks", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="taskplan-bench-docx-"))
    try:
        root = tmp / "plan"
        t0 = time.perf_counter()
        build_plan(root, args.tasks)
        print(f"synthetic plan: {args.tasks} tasks (built in {time.perf_counter() - t0:.1f} s)")
        env = dict(os.environ)
        env.pop("TASKPLAN_NO_CACHE", None)
        taskplan = [sys.executable, "-m", "taskplan", "-C", str(root)]
        timed([*taskplan, "report", "stats", "-f", "csv"], env)  # warm the page cache and the parse cache
        times = {}
        for fmt in ("html", "docx"):
            out = tmp / f"plan.{fmt}"
            times[fmt] = median([*taskplan, "report", "plan", "-f", fmt, "-o", str(out), "--as-of", "2020-12-31"], env, args.repeat)
            print(f"  report plan -f {fmt:<5} {times[fmt]:6.2f} s  {out.stat().st_size / 1e6:6.1f} MB")
        ratio = times["docx"] / times["html"]
        print(f"docx / html = {ratio:.2f} (target ≤ {TARGET:.0f})")
        return 0 if ratio <= TARGET else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

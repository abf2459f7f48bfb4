"""Run every bench/bench_*.py in turn (``make bench``); exit non-zero if any missed its target.

    python bench/run.py [--tasks N] [--repeat K]    (arguments are passed to every script)

A bench script is any bench/bench_*.py: it accepts --tasks N (default 10,000) and --repeat K, builds
its plan with synth.build_plan, times whole processes against baselines measured in the same run,
prints ratios, and exits non-zero when it misses its target.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    scripts = sorted(HERE.glob("bench_*.py"))
    failed = []
    for script in scripts:
        print(f"=== {script.name}", flush=True)
        code = subprocess.call([sys.executable, str(script), *argv])
        if code:
            failed.append(script.name)
        print(flush=True)
    if failed:
        print(f"missed target or failed: {', '.join(failed)}")
        return 1
    print(f"all {len(scripts)} benchmarks met their targets")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Time the progress commands on a synthetic plan against `taskplan list` in the same run.

    python bench/bench_progress.py [--tasks N] [--repeat K]

The plan comes from bench/synth.py; every task then gets a status, a dated
deadline (an extension on every 7th) and two progress entries.  Each figure is the best of
K interleaved runs, with the parse cache warm (the everyday case) and off.
Baselines: `list --format ids` and `list` (a table of every task).
Targets (issue 6): `list --overdue -f ids` within 1.5x `list -f ids`, and
`overdue` (a table of the overdue tasks, most of them here) within 1.5x
`list`: deriving every task's state must cost little next to reading it;
`deadlines --extract` (scans every title and measure) within 2.5x `list`.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import build_plan  # noqa: E402

STATUSES = ["未启动", "推进中", "推进中", "已完成", "已销号", "暂缓"]


def add_progress(root: Path) -> None:
    for i, path in enumerate(sorted((root / "tasks").glob("*.yaml")), start=1):
        status = STATUSES[i % len(STATUSES)]
        month = 1 + i % 12
        extra = (
            f"status: {status}\n"
            f"deadlines:\n  - date: 2020-{month:02d}-28\n    text: {month}月底前完成\n    source: extracted\n"
            f"progress:\n  - date: 2020-03-01\n    status: 推进中\n    note: 开始\n"
            f"  - date: 2020-0{1 + i % 9}-15\n    status: {status}\n    note: 进展{i}\n"
        )
        if i % 7 == 0:
            extra += f"extensions:\n  - from: 2020-{month:02d}-28\n    to: 2021-01-31\n    reason: 延期\n"
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(extra)


def run(args: list[str], root: Path, cache: bool) -> float:
    exe = str(Path(sys.executable).parent / "taskplan")
    env = dict(os.environ)
    if not cache:
        env["TASKPLAN_NO_CACHE"] = "1"
    start = time.perf_counter()
    proc = subprocess.run([exe, "-C", str(root), *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"taskplan {' '.join(args)} failed: {proc.stderr.decode()[:300]}")
    return elapsed


BASELINES = {
    "list -f ids": ["list", "--format", "ids"],
    "list (table)": ["list"],
}
# (label, command, baseline, target ratio or None)
CASES = [
    ("list --overdue --as-of D -f ids", ["list", "--overdue", "--as-of", "2020-12-01", "--format", "ids"], "list -f ids", 1.5),
    ("overdue --as-of D", ["overdue", "--as-of", "2020-12-01"], "list (table)", 1.5),
    ("units --as-of D", ["units", "--as-of", "2020-12-01"], "list (table)", None),
    ("deadlines --extract", ["deadlines", "--extract"], "list (table)", 2.5),
]


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tasks", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    missed = 0
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "plan"
        build_plan(root, args.tasks)
        add_progress(root)
        print(f"synthetic plan: {args.tasks} tasks with statuses, deadlines, progress and extensions")
        commands = {**BASELINES, **{label: cmd for label, cmd, _, _ in CASES}}
        for cache in (True, False):
            run(["list", "--format", "ids"], root, cache)  # fill the cache (or warm the page cache)
            times = {label: float("inf") for label in commands}
            for _ in range(args.repeat):  # interleaved, so drift on a shared machine hits every command alike
                for label, cmd in commands.items():
                    times[label] = min(times[label], run(cmd, root, cache))
            tag = "warm cache" if cache else "no cache  "
            for label in BASELINES:
                print(f"  [{tag}] {label:34s} {times[label]:6.2f} s  (baseline)")
            for label, _, base, target in CASES:
                ratio = times[label] / times[base]
                verdict = ""
                if target is not None:
                    ok = ratio <= target
                    missed += not ok
                    verdict = f"(target <= {target:.2f})  {'ok' if ok else 'MISSED'}"
                print(f"  [{tag}] {label:34s} {times[label]:6.2f} s  {ratio:4.2f}x {base:13s} {verdict}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

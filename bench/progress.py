"""Progress timings on a synthetic plan, as ratios against baselines measured in the same run.

    python bench/progress.py [N]      # N tasks (default 10000), built from the repo's 146 tasks

Each task gets a status, a deadline, an extension on every 7th task and two
progress entries.  Printed: wall time of whole processes (no cache) and the
ratio to ``taskplan list --format ids`` (the cheapest read-only command),
plus in-process times of extraction and state derivation against loading.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATUSES = ["未启动", "推进中", "推进中", "已完成", "已销号", "暂缓"]


def build(dest: Path, n: int) -> None:
    shutil.copy(ROOT / "plan.yaml", dest / "plan.yaml")
    shutil.copy(ROOT / "units.yaml", dest / "units.yaml")
    (dest / "tasks").mkdir()
    sources = sorted((ROOT / "tasks").glob("*.yaml"))
    texts = [p.read_text(encoding="utf-8") for p in sources]
    for i in range(1, n + 1):
        text = re.sub(r"^id: \d+$", f"id: {i}", texts[(i - 1) % len(texts)], count=1, flags=re.M)
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
        (dest / "tasks" / f"{i:05d}.yaml").write_text(text + extra, encoding="utf-8")


def run(args: list[str], cwd: Path) -> float:
    exe = Path(sys.executable).parent / "taskplan"
    env = dict(os.environ, TASKPLAN_NO_CACHE="1")
    start = time.perf_counter()
    subprocess.run([str(exe), *args], cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def best(fn, repeat: int = 3) -> float:
    return min(fn() for _ in range(repeat))


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    with tempfile.TemporaryDirectory() as tmp:
        plan = Path(tmp)
        build(plan, n)
        print(f"synthetic plan: {n} tasks")
        base = best(lambda: run(["list", "--format", "ids"], plan))
        print(f"  list --format ids (baseline)            {base:6.2f} s  1.00x")
        for label, args in [
            ("overdue --as-of 2020-12-01", ["overdue", "--as-of", "2020-12-01"]),
            ("list --overdue --as-of …  --format ids", ["list", "--overdue", "--as-of", "2020-12-01", "--format", "ids"]),
            ("units --as-of 2020-12-01", ["units", "--as-of", "2020-12-01"]),
            ("deadlines --extract", ["deadlines", "--extract"]),
        ]:
            t = best(lambda: run(args, plan))
            print(f"  {label:40s}{t:6.2f} s  {t / base:4.2f}x")

        import datetime as dt

        from taskplan.progress.deadlines import extract_plan
        from taskplan.progress.state import plan_states
        from taskplan.store.load import load_plan

        t0 = time.perf_counter()
        loaded = load_plan(plan, use_cache=False)
        t_load = time.perf_counter() - t0
        t_states = best(lambda: _timed(lambda: plan_states(loaded.tasks, dt.date(2020, 12, 1))))
        t_extract = best(lambda: _timed(lambda: extract_plan(loaded.tasks, 2020)))
        print(f"  in process: load {t_load:.2f} s; plan_states {t_states:.3f} s ({t_states / t_load:.2f}x load); "
              f"extract_plan {t_extract:.3f} s ({t_extract / t_load:.2f}x load)")


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


if __name__ == "__main__":
    main()

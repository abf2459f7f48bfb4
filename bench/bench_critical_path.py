"""The critical path of one ``taskplan check`` (or any command) in CPU seconds: what its wall time
would be on an idle machine with two free cores, measured on a loaded one.

    python bench/bench_critical_path.py PLAN [command args…]     # default: check

A cold ``check`` forks: a second parsing process (store/parallel.parse_files_with) and, on a
large first run, a process that writes the parse cache (store/parallel.in_background).  Each
process's CPU time hardly depends on the machine's load; its wall time does.  This runs the
command in-process, notes this process's CPU time at each fork and wait of its own children
and each child's CPU time (``os.wait4``), and prints

    before the fork + max(parent's parallel part, child) + after the join

(with the cache writer: + max(parent's work while it writes, the writer)), next to the CPU
time of the bench's CSafeLoader parse of the same plan, run as its own process.
Run it with a fresh ``XDG_CACHE_HOME`` for a cold run.
"""
from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_scale import CSAFE  # noqa: E402 - the baseline every ratio of bench_scale uses


def parse_cpu(plan: str) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-c", CSAFE, plan], check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    plan, args = sys.argv[1], sys.argv[2:] or ["check"]
    events: list[tuple] = []
    ours: set[int] = set()
    real_fork = os.fork
    real_waitpid = os.waitpid

    def fork() -> int:
        at = time.process_time()
        pid = real_fork()
        if pid:
            events.append(("fork", at))
            ours.add(pid)
        return pid

    def waitpid(pid: int, options: int):
        if pid not in ours:  # subprocess's own children (git)
            return real_waitpid(pid, options)
        events.append(("wait", time.process_time()))
        _, status, usage = os.wait4(pid, options)
        events.append(("reaped", time.process_time(), usage.ru_utime + usage.ru_stime))
        return pid, status

    os.fork, os.waitpid = fork, waitpid
    sys.argv = ["taskplan", "-C", plan, *args]
    from taskplan.cli.app import main as taskplan_main

    saved = sys.stdout
    sys.stdout = open(os.devnull, "w")
    try:
        taskplan_main()
    finally:
        sys.stdout = saved
    end = time.process_time()
    forks = [e[1] for e in events if e[0] == "fork"]
    waits = [e[1] for e in events if e[0] == "wait"]
    reaped = [(e[1], e[2]) for e in events if e[0] == "reaped"]
    baseline = parse_cpu(plan)
    if not forks:
        print(f"no fork: {end:.2f} s CPU, parse {baseline:.2f} s ({end / baseline:.2f}×)")
        return
    path = forks[0] + max(waits[0] - forks[0], reaped[0][1])
    parts = f"before the fork {forks[0]:.2f}, parallel: parent {waits[0] - forks[0]:.2f} / child {reaped[0][1]:.2f}"
    if len(forks) > 1:
        path += (forks[1] - reaped[0][0]) + max(waits[1] - forks[1], reaped[1][1]) + (end - reaped[1][0])
        parts += f", then {forks[1] - reaped[0][0]:.2f}, writer {reaped[1][1]:.2f} / parent meanwhile {waits[1] - forks[1]:.2f}, then {end - reaped[1][0]:.2f}"
    else:
        path += end - reaped[0][0]
        parts += f", after the join {end - reaped[0][0]:.2f}"
    print(f"critical path {path:.2f} s CPU ({parts}); parse {baseline:.2f} s: {path / baseline:.2f}×")


if __name__ == "__main__":
    main()

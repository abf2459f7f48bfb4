"""Time `taskplan import` of a 10,000-task document against `taskplan check` of the plan it writes.

    python bench/bench_import.py [--tasks N] [--repeat K] [--keep DIR]

The document is this repository's own source (sources/haicheng-2020.txt) grown
to N tasks: its front matter, its 16 section headings, and its 146 task blocks
repeated and renumbered so that numbers run on (every layout feature of the
seed — label lines, per-unit measures, (1)(2) items, continuation lines — is
in it).  Figures, each a fresh process, median of K runs:
  import  taskplan import DOC --into DIR --force (into a fresh directory each time)
  check   taskplan check in the imported plan, no parse cache (every file parsed)
The repetition makes every measure a duplicate of another task's (TP207) and
repeats the seed's own quirks (TP204, TP206, TP401, TP402) 69 times; a
.taskplan.toml skips those rules so that check runs on a plan with nothing to
report, as it would on a healthy plan (fewer rules also make check faster, so
the ratio is if anything pessimistic for import).
CPU time (user + system) is printed too: on a shared machine it varies less than wall time.
Target (issue 15): import no slower than 2 x check (wall time).
"""
from __future__ import annotations

import argparse
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "sources" / "haicheng-2020.txt"
SECTION = re.compile(r"^[一二三四五六七八九十]+、")
TASK = re.compile(r"^(\d+)\.(?!\d)")


def grow(n: int) -> str:
    """The seed document with ``n`` tasks (numbers running on across its 16 sections)."""
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    front: list[str] = []
    sections: list[tuple[str, list[list[str]]]] = []
    for line in lines:
        if SECTION.match(line) and (not sections or line != sections[-1][0]):
            sections.append((line, []))
        elif not sections:
            front.append(line)
        elif TASK.match(line) and int(TASK.match(line).group(1)) == sum(len(s[1]) for s in sections) + 1:
            sections[-1][1].append([TASK.sub("", line, count=1)])
        else:
            sections[-1][1][-1].append(line)
    blocks = [b for _, tasks in sections for b in tasks]
    per_section = -(-n // len(sections))
    out, number = list(front), 0
    for k, (heading, _) in enumerate(sections):
        out.append(heading)
        for _ in range(per_section):
            if number == n:
                break
            block = blocks[number % len(blocks)]
            number += 1
            out.append(f"{number}.{block[0]}")
            out.extend(block[1:])
    return "\n".join(out) + "\n"


def timed(cmd: list[str], cwd: Path | None = None, cpu: list[float] | None = None) -> float:
    """Wall time of one run; its CPU time (user + system) is appended to ``cpu``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if done.returncode:
        raise SystemExit(f"{' '.join(cmd[1:2])} exited {done.returncode}:\n{done.stdout[-2000:]}")
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if cpu is not None:
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return wall


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args(argv)
    taskplan = str(Path(sys.executable).with_name("taskplan"))
    work = Path(tempfile.mkdtemp(prefix="bench-import-"))
    try:
        doc = work / "plan.txt"
        doc.write_text(grow(args.tasks), encoding="utf-8")
        imports, checks, import_cpu, check_cpu = [], [], [], []
        for k in range(args.repeat):
            into = work / f"plan{k}"
            into.mkdir()
            shutil.copyfile(ROOT / "units.yaml", into / "units.yaml")
            imports.append(timed([taskplan, "import", str(doc), "--into", str(into), "--force"], cpu=import_cpu))
            (into / ".taskplan.toml").write_text('[check]\nignore = ["TP204", "TP206", "TP207", "TP401", "TP402"]\n', encoding="utf-8")
            shutil.rmtree(into / ".taskplan-cache", ignore_errors=True)
            checks.append(timed([taskplan, "check"], cwd=into, cpu=check_cpu))
            shutil.rmtree(into / ".taskplan-cache", ignore_errors=True)
        imp, chk = statistics.median(imports), statistics.median(checks)
        tasks = len(list((work / "plan0" / "tasks").glob("*.yaml")))
        print(f"document: {args.tasks} tasks ({doc.stat().st_size // 1024} KB); imported {tasks} task files")
        icpu, ccpu = statistics.median(import_cpu), statistics.median(check_cpu)
        print(f"  import  {imp:6.2f} s wall  {icpu:6.2f} s CPU")
        print(f"  check   {chk:6.2f} s wall  {ccpu:6.2f} s CPU")
        ratio = imp / chk
        print(f"  import / check = {ratio:.2f} wall, {icpu / ccpu:.2f} CPU (target: wall <= 2.00)")
        if args.keep:
            shutil.copytree(work / "plan0", args.keep, dirs_exist_ok=True)
        return 0 if ratio <= 2.0 else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

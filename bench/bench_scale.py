"""Scale: list, check and report on plans of N tasks copied from the real ones, as ratios to a parse.

    python bench/bench_scale.py [--tasks N] [--repeat K] [--kind repeated|unique|both] [--keep DIR] [--scale-from M]

Two plans are built by copying the repository's own tasks round-robin (ids renumbered):
"repeated" keeps their texts, so titles and measures repeat as in a real plan copied many times
(many cross-file findings); "unique" makes every title and item unique (few findings).

Every figure is the median over K rounds of a *paired* ratio: in each round the baseline (PyYAML
CSafeLoader parse of the same files, one process, "parse") runs right before the command, so a burst
of load from other processes hits both.  Peak memory is the command's own maximum resident set
(``resource.getrusage(RUSAGE_CHILDREN)`` read in a fresh wrapper process).  The cache lives in a
private $XDG_CACHE_HOME under the bench directory.

Cases: list cold (no cache) / warm / after touching one file / after a branch switch of half the
files and back; check cold / warm / after editing one file; ``report plan -f md/html/xlsx/docx``
and export sqlite (warm cache, --as-of a fixed day); the peers yamllint (-d relaxed) and check-jsonschema (the plan's task
schema) on the same files, when they are installed (the bench says so when one is not: pip install
yamllint check-jsonschema into the venv; they are not dependencies of taskplan); and, once, import
of the repository's source document grown to N tasks (bench/bench_import.py's) with a cold check of
the plan it wrote (the issue's target is import <= 2 x that check).

``--scale-from M`` first runs the same cases on M tasks (one round) and then prints, per case, the
N-task time over the M-task time (issue 13: <= 11 x for 10 x the tasks).  Prints the load average at
start and end: on a shared machine, quote it with the figures.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

CSAFE = """
import os, sys, yaml
root = sys.argv[1]
load = lambda p: yaml.load(open(p, "rb").read().decode("utf-8"), Loader=yaml.CSafeLoader)
load(os.path.join(root, "plan.yaml")); load(os.path.join(root, "units.yaml"))
data = [load(e.path) for e in os.scandir(os.path.join(root, "tasks"))]
"""

WRAP = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.call(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)
"""

_ID = re.compile(r"^id: *\d+", re.M)
_TITLE = re.compile(r"^(title: *)(?!['\"|>])(.*?)(。?)$", re.M)  # plain scalars only: quoted ones keep their quotes
_ITEM = re.compile(r"^(\s+- )(?!unit:|['\"|>])(.*?)(。?)$", re.M)


def build(dest: Path, n: int, unique: bool, reuse: bool = False) -> Path:
    """A plan of ``n`` tasks copied round-robin from the repository's tasks/.

    ``reuse``: keep a plan an earlier run built at ``dest`` from the same sources (its stamp file says
    how many tasks of which kind, and a hash of the sources), so that 100,000-task cases run one at a time
    do not rebuild it each time."""
    sources_hash = hashlib.blake2b(b"".join(p.read_bytes() for p in sorted((ROOT / "tasks").glob("*.yaml")))
                                   + (ROOT / "plan.yaml").read_bytes() + (ROOT / "units.yaml").read_bytes(),
                                   digest_size=8).hexdigest()
    stamp = f"{n} {'unique' if unique else 'repeated'} {sources_hash}\n"
    stamp_file = dest.parent / "built"
    if reuse and stamp_file.exists() and stamp_file.read_text(encoding="utf-8") == stamp:
        return dest
    stamp_file.unlink(missing_ok=True)
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "tasks").mkdir(parents=True)
    for name in ("plan.yaml", "units.yaml"):
        shutil.copyfile(ROOT / name, dest / name)
    sources = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tasks").glob("*.yaml"))]
    width = max(3, len(str(n)))
    for i in range(n):
        text = _ID.sub(f"id: {i + 1}", sources[i % len(sources)], count=1)
        if unique:
            text = _TITLE.sub(lambda m: f"{m.group(1)}{m.group(2)}第{i + 1}批{m.group(3)}", text, count=1)
            text = _ITEM.sub(lambda m: f"{m.group(1)}{m.group(2)}第{i + 1}批{m.group(3)}", text)
        (dest / "tasks" / f"{i + 1:0{width}d}.yaml").write_text(text, encoding="utf-8")
    old = time.time() - 60  # older than the cache's racy window, as a checked-out plan is
    for p in (dest / "tasks").iterdir():
        os.utime(p, (old, old))
    stamp_file.write_text(stamp, encoding="utf-8")
    return dest


def run(cmd: list[str], env: dict, ok=(0, 1)) -> tuple[float, int]:
    """(wall seconds, peak RSS in KiB) of one run of ``cmd``."""
    out = subprocess.run([sys.executable, "-c", WRAP, "--", *cmd], env=env, capture_output=True, text=True, check=True)
    wall, rss, code = out.stdout.split()
    if int(code) not in ok:
        raise SystemExit(f"{' '.join(cmd)} exited {code}")
    return float(wall), int(rss)


BATCH = """
import subprocess, sys
exe, schema, *files = sys.argv[1:]
code = 0
for i in range(0, len(files), 5000):  # argv has a size limit: 100,000 paths do not fit in one call
    code = max(code, subprocess.call([exe, "--schemafile", schema, *files[i:i + 5000]]))
sys.exit(code)
"""


def peer(name: str) -> str | None:
    """The peer's executable in this venv, or None (the bench says so and goes on)."""
    exe = Path(sys.executable).parent / name
    if exe.exists():
        return str(exe)
    print(f"  {name}: not installed in this venv (pip install {name}); its case is left out", flush=True)
    return None


def bench_plan(root: Path, kind: str, repeat: int, env: dict, with_import: bool = False) -> list[tuple[str, float, float, int]]:
    py = sys.executable
    cache_home = Path(env["XDG_CACHE_HOME"])
    tp = [py, "-m", "taskplan", "-C", str(root)]
    parse = [py, "-c", CSAFE, str(root)]
    tasks = sorted((root / "tasks").iterdir())
    one = tasks[len(tasks) // 3]
    half = tasks[::2]
    out_dir = root.parent / "out"
    out_dir.mkdir(exist_ok=True)

    def drop() -> None:
        shutil.rmtree(cache_home, ignore_errors=True)

    def warm() -> None:  # the warm-cache cases must not pay the parse when run alone (--only)
        run(tp + ["list", "-f", "ids"], env)

    def touch_one() -> None:
        os.utime(one)

    def switch_and_back() -> None:
        saved = {p: p.read_bytes() for p in half}
        for p in half:
            p.write_bytes(saved[p].replace("。".encode(), "；".encode(), 1))
        run(tp + ["list", "-f", "ids"], env)  # the other branch, parsed and cached
        for p, raw in saved.items():
            p.write_bytes(raw)
        old = time.time() - 60
        for p in half:
            os.utime(p, (old, old))  # (new inodes and ctimes all the same: the stamps no longer match)

    def edit_one() -> None:
        raw = one.read_bytes()
        a, b = "。".encode(), "；".encode()
        one.write_bytes(raw.replace(a, b, 1) if a in raw else raw.replace(b, a, 1))

    subprocess.run(tp + ["schema"], env=env, check=True, stdout=subprocess.DEVNULL)  # docs/schema for check-jsonschema
    cases = [  # (name, prepare, command)
        ("list cold", drop, tp + ["list", "-f", "ids"]),
        ("list warm", None, tp + ["list", "-f", "ids"]),
        ("list touch-one", touch_one, tp + ["list", "-f", "ids"]),
        ("list after-checkout", switch_and_back, tp + ["list", "-f", "ids"]),
        ("check cold", drop, tp + ["check"]),
        ("check warm", None, tp + ["check"]),
        ("check edit-one", edit_one, tp + ["check"]),
        # the reports the issue names (`report plan -f FMT`), on a warm cache, as of a fixed day
        *((f"report {fmt}", warm, tp + ["report", "plan", "-f", fmt, "-o", str(out_dir / f"r.{fmt}"), "--as-of", "2020-12-01"])
          for fmt in ("md", "html", "xlsx", "docx")),
        ("export sqlite", warm, tp + ["export", "sqlite", str(out_dir / "plan.db"), "--replace", "--as-of", "2020-12-01"]),
    ]
    if exe := peer("yamllint"):
        cases.append(("yamllint", None, [exe, "-d", "relaxed", str(root / "plan.yaml"), str(root / "units.yaml"), str(root / "tasks")]))
    if exe := peer("check-jsonschema"):
        cases.append(("check-jsonschema", None, [py, "-c", BATCH, exe, str(root / "docs/schema/task.schema.json"),
                                                  *(str(p) for p in tasks)]))
    if with_import:
        from bench_import import grow

        doc = root.parent / "source.txt"
        doc.write_text(grow(len(tasks)), encoding="utf-8")
        into = root.parent / "imported"

        def fresh() -> None:
            shutil.rmtree(into, ignore_errors=True)
            into.mkdir()
            shutil.copyfile(ROOT / "units.yaml", into / "units.yaml")

        def settle() -> None:  # as bench_import.py: the grown document repeats the seed's quirks by design
            (into / ".taskplan.toml").write_text('[check]\nignore = ["TP204", "TP206", "TP207", "TP401", "TP402"]\n', encoding="utf-8")
            drop()

        cases += [
            ("import", fresh, [py, "-m", "taskplan", "import", str(doc), "--into", str(into), "--force"]),
            ("check imported cold", settle, [py, "-m", "taskplan", "-C", str(into), "check"]),
        ]
    if ONLY:
        cases = [case for case in cases if any(word in case[0] for word in ONLY)]
        if not any(name == "import" for name, _, _ in cases):  # its check needs the plan the import wrote
            cases = [case for case in cases if case[0] != "check imported cold"]
    rows = []
    ratios: dict[str, list[float]] = {}
    walls: dict[str, list[float]] = {}
    peaks: dict[str, int] = {}
    for _ in range(repeat):
        for name, prepare, cmd in cases:
            if prepare is not None:
                prepare()
            base, _ = run(parse, env, ok=(0,))
            wall, rss = run(cmd, env, ok=(0, 1, 2) if name == "check-jsonschema" else (0, 1))
            ratios.setdefault(name, []).append(wall / base)
            walls.setdefault(name, []).append(wall)
            peaks[name] = max(peaks.get(name, 0), rss)
    for name, _, _ in cases:
        rows.append((f"{kind:8s} {name}", statistics.median(walls[name]), statistics.median(ratios[name]), peaks[name]))
    return rows


def findings_per_task(root: Path, env: dict) -> float:
    known = root.parent / "findings-per-task"  # a full check of 100,000 tasks takes minutes: once per built plan
    if known.exists() and (root.parent / "built").exists() and known.stat().st_mtime >= (root.parent / "built").stat().st_mtime:
        return float(known.read_text(encoding="utf-8"))
    out = subprocess.run([sys.executable, "-m", "taskplan", "-C", str(root), "--no-cache", "check", "-f", "json"],
                         env=env, capture_output=True, text=True)
    import json

    found = json.loads(out.stdout)["findings"]  # the envelope of docs/json.md
    per_task = len(found) / len(list((root / "tasks").iterdir()))
    known.write_text(f"{per_task}", encoding="utf-8")
    return per_task


ONLY: list[str] = []
REUSE = False  # --keep: reuse the plans an earlier run built there


def measure(base: Path, tasks: int, kinds: list[str], repeat: int) -> list[tuple[str, float, float, int]]:
    rows = []
    for kind in kinds:
        root = build(base / kind / "plan", tasks, unique=kind == "unique", reuse=REUSE)
        # PYTHONDONTWRITEBYTECODE (set on some CI and sandbox machines) would make every taskplan process
        # compile the package from source, about 0.1 s a start that an installed taskplan never pays
        # (pip writes the bytecode at install); the baseline's yaml has its bytecode in site-packages.
        drop = ("TASKPLAN_NO_CACHE", "TASKPLAN_DEBUG", "GITHUB_ACTIONS", "PYTHONDONTWRITEBYTECODE")
        env = {k: v for k, v in os.environ.items() if k not in drop}
        env["XDG_CACHE_HOME"] = str(base / kind / "cache")
        print(f"{kind}: {tasks} tasks, {findings_per_task(root, env):.2f} findings per task", flush=True)
        rows += bench_plan(root, kind, repeat, env, with_import=kind == kinds[0])
    return rows


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tasks", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--kind", choices=("repeated", "unique", "both"), default="both")
    ap.add_argument("--keep", type=Path, help="build the plans here and keep them; a later run with the same --keep reuses them")
    ap.add_argument("--scale-from", type=int, metavar="M", help="also run every case once on M tasks and print N-time / M-time")
    ap.add_argument("--only", metavar="WORDS", help="only the cases whose name contains one of these comma-separated words")
    args = ap.parse_args(argv)
    base = args.keep or Path(tempfile.mkdtemp(prefix="taskplan-scale-"))
    kinds = ["repeated", "unique"] if args.kind == "both" else [args.kind]
    ONLY[:] = [w.strip() for w in (args.only or "").split(",") if w.strip()]
    global REUSE
    REUSE = args.keep is not None
    print(f"load average at start: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
    try:
        small = {}
        if args.scale_from:
            print(f"-- {args.scale_from} tasks (one round, for the scaling column)", flush=True)
            small_rows = measure(base / "small", args.scale_from, kinds, 1)
            small = {name: wall for name, wall, _, _ in small_rows}
            for name, wall, ratio, rss in small_rows:  # the M-task figures themselves, for the record
                print(f"{name:30s} {wall:8.2f}s {ratio:7.2f}x {rss / 1024:7.0f} MB  ({args.scale_from} tasks)", flush=True)
            print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
            print(f"-- {args.tasks} tasks", flush=True)
        rows = measure(base, args.tasks, kinds, args.repeat)
        scale = f" {'÷ ' + str(args.scale_from):>10s}" if small else ""
        print(f"{'case':30s} {'median':>9s} {'÷ parse':>8s} {'peak RSS':>9s}{scale}")
        walls = {}
        for name, wall, ratio, rss in rows:
            walls[name] = wall
            grown = f" {wall / small[name]:9.1f}x" if name in small else ""
            print(f"{name:30s} {wall:8.2f}s {ratio:7.2f}x {rss / 1024:7.0f} MB{grown}")
        for kind in kinds:
            check = walls.get(f"{kind:8s} check cold")
            for name in ("yamllint", "check-jsonschema"):
                if f"{kind:8s} {name}" in walls and check:
                    print(f"{kind} {name} ÷ check cold: {walls[f'{kind:8s} {name}'] / check:.2f}x (target >= 5)")
        imp, chk = walls.get(f"{kinds[0]:8s} import"), walls.get(f"{kinds[0]:8s} check imported cold")
        if imp and chk:
            print(f"import ÷ check of the imported plan (cold): {imp / chk:.2f}x (target <= 2)")
        print(f"load average at end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        print(f"(median of {args.repeat} paired rounds; '÷ parse' is each round's command time over the parse run just before it)")
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

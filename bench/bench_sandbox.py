"""What the limits of user templates cost: the shipped templates rendered plain and in the limited sandbox.

    python bench/bench_sandbox.py [--tasks N] [--repeat K]

One process, one synthetic plan (bench/synth.py), one context per kind; each template is rendered
by the plain jinja2 Environment (the package's own templates) and by reports/sandbox.py's
LimitedSandbox (what a plan's templates/ or --template gets: sandbox, clock, size checks, every
loop wrapped).  Both must give the same text; the figure is the ratio sandbox / plain, best of K.
"""
from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import build_plan  # noqa: E402

from taskplan.reports.context import ReportOptions, build_context  # noqa: E402
from taskplan.reports.formats import RenderSettings  # noqa: E402
from taskplan.reports.render import SHIPPED, render_template, template_name  # noqa: E402
from taskplan.store.load import load_plan  # noqa: E402

CASES = [("plan", "md"), ("plan", "html"), ("units", "text"), ("bulletin", "md")]


def best(fn, repeat: int) -> tuple[float, str]:
    times, out = [], ""
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return min(times), out


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tasks", type=int, default=2_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="taskplan-bench-"))
    try:
        root = build_plan(tmp / "plan", args.tasks)
        loaded = load_plan(root)
        print(f"synthetic plan: {args.tasks} tasks; best of {args.repeat}")
        print(f"{'template':<20} {'plain':>8} {'sandbox':>8} {'ratio':>6}")
        for kind, fmt in CASES:
            context = build_context(kind, loaded, ReportOptions(as_of=dt.date(2020, 12, 31)))
            context["letterhead"] = {"name": "督查通报", "office": "", "issue": None, "date": "2020-12-31", "date_cn": "",
                                     "signature": "", "cc": "", "printed_by": "", "reply_days": 5}
            name = template_name(kind, fmt)
            plain_t, plain = best(lambda: render_template(fmt, kind, context, RenderSettings()), args.repeat)
            limited = RenderSettings(template=SHIPPED / name, template_timeout=1e5)  # a --template: the limited sandbox (no time limit here)
            sand_t, sand = best(lambda: render_template(fmt, kind, context, limited), args.repeat)
            assert sand == plain, f"{name}: the sandbox rendered something else"
            print(f"{name:<20} {plain_t:8.3f} {sand_t:8.3f} {sand_t / plain_t:6.2f}x")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

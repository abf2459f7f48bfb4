"""Golden files: md, text, csv and html of every report kind, on the real plan and on the mini fixture, and
the 通报 and 催办单 of the real plan with its fixed progress history (tests/reports/conftest.py).

The files under tests/golden/ were reviewed by eye.  After an intended change,
regenerate them with ``TASKPLAN_UPDATE_GOLDEN=1 make test``, read the diff
(`git diff tests/golden`), and commit it with the change (docs/reports.md).
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"
PLANS = {"real": ROOT, "mini": ROOT / "tests" / "fixtures" / "mini"}
from taskplan.reports.kinds import EVERY_FORMAT_KINDS as KINDS  # the one list of kinds (reminders: its own tests)
SUFFIX = {"md": "md", "text": "txt", "csv": "csv", "html": "html"}
AS_OF = "2020-12-31"
UPDATE = os.environ.get("TASKPLAN_UPDATE_GOLDEN") == "1"


@pytest.mark.parametrize("fmt", list(SUFFIX))
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("plan", list(PLANS))
def test_report_matches_golden_file(cli, plan, kind, fmt):
    r = cli("-C", str(PLANS[plan]), "report", kind, "--format", fmt, "--as-of", AS_OF)
    assert (r.code, r.err) == (0, "")
    compare(r.out, GOLDEN / plan / f"{kind}.{SUFFIX[fmt]}")


@pytest.mark.parametrize(("kind", "fmt"), [("bulletin", "md"), ("bulletin", "text"), ("bulletin", "html"),
                                           ("reminders", "md"), ("reminders", "html")])
def test_progress_reports_match_golden_files(cli, progress_repo_plan, kind, fmt):
    r = cli("-C", str(progress_repo_plan), "report", kind, "--format", fmt, "--as-of", "2021-01-15")  # conftest.AS_OF
    assert (r.code, r.err) == (0, "")
    compare(r.out, GOLDEN / "progress" / f"{kind}.{SUFFIX[fmt]}")


def compare(out: str, path: Path) -> None:
    if UPDATE and os.environ.get("CI"):  # rewriting the files first would make this test pass whatever the output
        pytest.fail("TASKPLAN_UPDATE_GOLDEN is for a developer's machine, never under CI")
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(out, encoding="utf-8", newline="\n")
    assert path.exists(), f"{path} missing: run TASKPLAN_UPDATE_GOLDEN=1 make test, review and commit it"
    assert out == path.read_text(encoding="utf-8")

"""reports/run.py without the CLI: which kind/format/-o combinations report accepts, where it writes, what."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from taskplan.errors import UsageError
from taskplan.reports.run import FILE, PER_UNIT, STDOUT, Skipped, report_document, report_target, write_reminders
from taskplan.store.load import load_plan

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
AS_OF = dt.date(2020, 12, 20)


def _refused(*args, **kwargs) -> str:
    with pytest.raises(UsageError) as err:
        report_target(*args, **kwargs)
    return str(err.value.message) + (f" ({err.value.hint})" if err.value.hint else "")


@pytest.mark.parametrize(("kind", "fmt", "output", "target"), [
    ("plan", "md", None, STDOUT),
    ("plan", "md", "r.md", FILE),
    ("units", "xlsx", "r.xlsx", FILE),
    ("reminders", "md", None, STDOUT),
    ("reminders", "md", "r.md", FILE),
    ("reminders", "docx", "out", PER_UNIT),  # no suffix: a directory to be
    ("forms", "xlsx", "forms", PER_UNIT),
])
def test_where_a_report_goes(tmp_path, kind, fmt, output, target):
    assert report_target(kind, fmt, None if output is None else tmp_path / output) == target


def test_an_existing_directory_takes_one_reminder_per_unit(tmp_path):
    (tmp_path / "out.d").mkdir()
    assert report_target("reminders", "md", tmp_path / "out.d") == PER_UNIT


def test_the_refusals(tmp_path):
    assert _refused("plan", "docx", None) == "--format docx writes a binary file (give an output file, e.g. -o report.docx)"
    assert _refused("plan", "md", None, by_unit=True).startswith("--by-unit applies to --format xlsx")
    assert _refused("plan", "csv", None, paper="A3") == "--paper applies to --format xlsx (the 台账's paper size)"
    assert report_target("plan", "xlsx", tmp_path / "r.xlsx", paper="A3") == FILE
    assert _refused("plan", "md", None, excel=True) == "--excel applies to --format csv (it adds the BOM Excel needs)"
    assert _refused("plan", "xlsx", tmp_path / "r.xlsx", template=tmp_path / "t.j2") == "--template renders text formats only, not xlsx"
    assert _refused("plan", "md", tmp_path).startswith(f'-o "{tmp_path}" is a directory')
    assert _refused("plan", "md", None, template=tmp_path / "none.md.j2") == f'template file "{tmp_path / "none.md.j2"}" not found'
    assert _refused("reminders", "csv", None) == "report reminders writes docx, md, html, not csv"
    assert _refused("reminders", "docx", None) == "--format docx writes a binary file (give -o DIR (one file per unit) or -o FILE)"
    assert _refused("forms", "csv", tmp_path) == "report forms writes Excel workbooks (pass -f xlsx -o DIR)"
    assert _refused("forms", "xlsx", None) == "report forms writes one workbook per unit into a directory (pass -o DIR)"
    (tmp_path / "a.xlsx").write_bytes(b"")
    assert _refused("forms", "xlsx", tmp_path / "a.xlsx").startswith("report forms writes one workbook per unit")


def test_csv_for_excel_starts_with_the_bom(tmp_path):
    plan = tmp_path / "mini"
    shutil.copytree(MINI, plan, ignore=shutil.ignore_patterns(".taskplan-cache"))
    loaded = load_plan(plan, use_cache=False).require_valid()
    plain = report_document(loaded, "plan", "csv", as_of=AS_OF)
    assert not plain.startswith("\ufeff")
    assert report_document(loaded, "plan", "csv", as_of=AS_OF, excel=True) == "\ufeff" + plain


def test_reminders_one_file_per_unit_and_the_tasks_without_a_lead_said(progress_repo_plan, tmp_path):
    plan = tmp_path / "plan"
    shutil.copytree(progress_repo_plan, plan)
    loaded = load_plan(plan, use_cache=False).require_valid()
    written = write_reminders(loaded, "md", tmp_path / "out", AS_OF, "教育局")
    assert written == [tmp_path / "out" / "催办单-教育局.md"]
    assert written[0].read_text(encoding="utf-8").startswith("# 催办单:海城市教育局\n")
    assert write_reminders(loaded, "md", tmp_path / "none", dt.date(2020, 1, 1)) == []
    # task 115 (overdue, led by 教育局) loses its lead unit: its 催办单 has nobody to go to, and says so
    task = plan / "tasks" / "115.yaml"
    text = task.read_text(encoding="utf-8")
    lead_line = next(line for line in text.splitlines() if line.startswith("lead:"))
    task.write_text(text.replace(lead_line, "lead: []"), encoding="utf-8")
    written = write_reminders(load_plan(plan, use_cache=False), "md", tmp_path / "all", AS_OF)
    assert Skipped("（无牵头单位）") in written
    assert not (tmp_path / "all" / "催办单-（无牵头单位）.md").exists()
    assert all(isinstance(w, Path) and w.exists() for w in written if not isinstance(w, Skipped))


def test_a_report_file_never_replaces_a_record(tmp_path):
    from taskplan.reports.run import check_not_in_records
    from taskplan.store.write import OutputError

    plan = tmp_path / "mini"
    shutil.copytree(MINI, plan, ignore=shutil.ignore_patterns(".taskplan-cache"))
    loaded = load_plan(plan, use_cache=False).require_valid()
    for record in ("units.yaml", "plan.yaml", "tasks/001.yaml", "tasks/new.md"):
        with pytest.raises(OutputError, match="it is one of the plan's records; name another file"):
            check_not_in_records(loaded, plan / record, FILE)
    check_not_in_records(loaded, plan / "report.md", FILE)
    check_not_in_records(loaded, None, STDOUT)


def test_one_reminder_per_unit_refuses_a_folder_under_a_file(tmp_path):
    from taskplan.store.write import OutputError

    (tmp_path / "r.md").write_text("", encoding="utf-8")
    with pytest.raises(OutputError):
        report_target("reminders", "md", tmp_path / "r.md" / "out")
    with pytest.raises(OutputError):
        report_target("forms", "xlsx", tmp_path / "r.md" / "forms")

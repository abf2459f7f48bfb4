"""taskplan collect: forms filled the way people fill them, read back exactly; nothing lost, nothing doubled."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import yaml
from openpyxl import load_workbook

from .conftest import FILES, write_plan

FORM = "财政局-填报表-2020-12-01.xlsx"


def _issue(cli, plan: Path, unit: str = "财政局") -> Path:
    r = cli("-C", str(plan), "report", "forms", "-f", "xlsx", "-o", str(plan / "out"), "--unit", unit, "--as-of", "2020-12-01")
    assert r.code == 0, r.err
    return plan / "out" / f"{unit}-填报表-2020-12-01.xlsx"


def _progress(plan: Path, task: int) -> list[dict]:
    data = yaml.safe_load((plan / "tasks" / f"{task:03d}.yaml").read_text(encoding="utf-8"))
    return data.get("progress", []), data.get("requests", []), data.get("status")


def _copy_row(ws, src: int, dest: int) -> None:
    """What a person does to report twice on one task: copy the row (the locked cells come along)."""
    for c in range(1, 7):
        ws.cell(dest, c).value = ws.cell(src, c).value


def _fill(path: Path, out: Path) -> Path:
    """财政局's form (rows 3: task 1, 4: task 3), filled with everything people do."""
    wb = load_workbook(path)
    ws = wb["填报"]
    # row 3, task 1: a typed date, full-width punctuation, an extension request typed as text
    ws["G3"], ws["H3"], ws["I3"], ws["J3"] = "推进中", "已清偿 95%；剩余（2家）协调中", dt.datetime(2020, 11, 20), "张三"
    ws["K3"], ws["L3"] = "2020/12/31", "两家企业破产清算"
    # row 4, task 3: the date as text with slashes, done with its evidence, half-width punctuation
    ws["G4"], ws["H4"], ws["I4"] = "已完成", "县人大常委会已批准(示人发[2020]5号)", "2020/11/25"
    # row 5 left empty; rows below added by hand
    _copy_row(ws, 3, 6)
    ws["G6"], ws["H6"], ws["I6"] = "推进中", "月度通报:已印发", "2020年11月28日"  # a second report on task 1
    _copy_row(ws, 3, 7)
    ws["G7"], ws["I7"] = "in-progress", "２０２０-１１-３０"  # English key, full-width digits, no note
    ws["A8"], ws["G8"], ws["I8"] = 2, "推进中", "2020-11-30"  # 发改局's task
    _copy_row(ws, 3, 9)
    ws["G9"], ws["I9"] = "完成了", "2020-11-30"  # not a status
    _copy_row(ws, 4, 10)
    ws["G10"], ws["I10"] = "已完成", "2020-11-30"  # done without evidence
    _copy_row(ws, 3, 11)
    ws["G11"], ws["H11"], ws["I11"] = "推进中", "提前写好", dt.datetime(2020, 12, 5)  # after --as-of
    _copy_row(ws, 3, 12)
    ws["B12"] = "保障中小企业款项支付（清欠）,12月底前清零。"  # a protected cell edited
    ws["G12"], ws["I12"] = "推进中", "2020-11-30"
    ws["A13"], ws["G13"], ws["I13"] = "９９", "推进中", "2020-11-30"  # no such task
    _copy_row(ws, 3, 14)
    ws["G14"], ws["I14"], ws["K14"] = "推进中", "2020-11-30", "2021-01-31"  # extension without a reason
    _copy_row(ws, 3, 15)
    ws["G15"], ws["I15"] = "推进中", "11月30日"  # a date without a year
    ws["A16"] = 3  # a task number alone is not a reply: skipped like an empty row
    ws["A17"], ws["G17"], ws["I17"] = 3, "推进中", "2020.11.10"  # a row added by hand: the number and the reply only
    wb.save(out)
    return out


REJECTED = [
    "填报:8: not taken: task 2 is not a task of 财政局 (lead: 发改局): it goes on that unit's form",
    '填报:9: not taken: 本期状态 "完成了" is not a status: choose one of 未启动、推进中、已完成、已销号、暂缓',
    "填报:10: not taken: 已完成 needs 进展情况 saying what shows it (the evidence)",
    "填报:11: not taken: 填报日期 2020-12-05 is in the future (after 2020-12-01)",
    "填报:12: not taken: the protected columns of task 1 were edited (编号、任务、本单位角色、本单位措施、时限、当前状态): write the reply in a fresh form",
    "填报:13: not taken: no task 99 in this plan",
    "填报:14: not taken: 申请延期至 needs 延期理由",
    '填报:15: not taken: 填报日期 "11月30日" is not a date: write it as 2020-12-01 or 2020年12月1日',
]


def test_a_filled_form_becomes_exactly_its_rows(cli, plan):
    filled = _fill(_issue(cli, plan), plan / "out" / "filled.xlsx")
    r = cli("-C", str(plan), "collect", str(filled), "--as-of", "2020-12-01")
    assert r.code == 1
    assert r.out == (
        f"{filled}:填报:3: task 1 推进中 2020-11-20 by 财政局, asks to extend to 2020-12-31 (pending) -> tasks/001.yaml\n"
        f"{filled}:填报:4: task 3 已完成 2020-11-25 by 财政局 -> tasks/003.yaml\n"
        f"{filled}:填报:6: task 1 推进中 2020-11-28 by 财政局 -> tasks/001.yaml\n"
        f"{filled}:填报:7: task 1 推进中 2020-11-30 by 财政局 -> tasks/001.yaml\n"
        f"{filled}:填报:17: task 3 推进中 2020-11-10 by 财政局 -> tasks/003.yaml\n"
        "added 5 progress report(s) and 1 extension request(s) to 2 task file(s) from 1 file; 8 row(s) not taken\n"
    )
    assert r.err == "".join(f"{filled}:{line}\n" for line in REJECTED)
    source = "form filled.xlsx"
    log, requests, status = _progress(plan, 1)
    assert log == [
        {"date": dt.date(2020, 10, 20), "status": "推进中", "note": "已清偿 80%", "unit": "财政局"},
        {"date": dt.date(2020, 11, 20), "status": "推进中", "note": "已清偿 95%；剩余（2家）协调中", "unit": "财政局", "reporter": "张三", "source": source},
        {"date": dt.date(2020, 11, 28), "status": "推进中", "note": "月度通报:已印发", "unit": "财政局", "source": source},
        {"date": dt.date(2020, 11, 30), "status": "推进中", "unit": "财政局", "source": source},
    ]
    assert requests == [{"date": dt.date(2020, 11, 20), "unit": "财政局", "to": dt.date(2020, 12, 31),
                         "reason": "两家企业破产清算", "source": source, "status": "pending"}]
    assert status == "推进中"
    log, requests, status = _progress(plan, 3)
    assert log == [
        {"date": dt.date(2020, 11, 10), "status": "推进中", "unit": "财政局", "source": source},
        {"date": dt.date(2020, 11, 25), "status": "已完成", "note": "县人大常委会已批准(示人发[2020]5号)", "unit": "财政局", "source": source},
    ]
    assert (requests, status) == ([], "已完成")
    # the request is pending, not an extension: the deadline has not moved
    assert "extensions" not in (plan / "tasks" / "001.yaml").read_text(encoding="utf-8")
    assert cli("-C", str(plan), "check", "--select", "TP0,TP1,TP6").code == 0


def test_the_same_file_twice_adds_nothing(cli, plan):
    filled = _fill(_issue(cli, plan), plan / "out" / "filled.xlsx")
    assert cli("-C", str(plan), "collect", str(filled), "--as-of", "2020-12-01").code == 1
    before = {p.name: p.read_bytes() for p in (plan / "tasks").iterdir()}
    copy = plan / "out" / "again.xlsx"  # the same replies under another name: still nothing new
    shutil.copy(filled, copy)
    r = cli("-C", str(plan), "collect", str(filled), str(copy), "--as-of", "2020-12-01")
    assert r.code == 1
    assert {p.name: p.read_bytes() for p in (plan / "tasks").iterdir()} == before
    assert r.out.endswith(
        f"{copy}:填报:17: task 3 推进中 2020-11-10 by 财政局: already recorded\n"
        "added 0 progress report(s) and 0 extension request(s) to 0 task file(s) from 2 files; 10 already recorded; 16 row(s) not taken\n"
    )


def test_a_clean_form_exits_0_and_a_late_report_takes_its_place_in_the_log(cli, plan):
    form = _issue(cli, plan)
    wb = load_workbook(form)
    wb["填报"]["G3"], wb["填报"]["I3"], wb["填报"]["J3"] = "暂缓", "2020-10-01", "李四"
    wb.save(form)
    r = cli("-C", str(plan), "collect", str(form), "--as-of", "2020-12-01")
    assert (r.code, r.err) == (0, "")
    assert r.out.endswith("added 1 progress report(s) and 0 extension request(s) to 1 task file(s) from 1 file; 0 row(s) not taken\n")
    log, _, status = _progress(plan, 1)
    assert [(e["date"], e["status"]) for e in log] == [(dt.date(2020, 10, 1), "暂缓"), (dt.date(2020, 10, 20), "推进中")]
    assert status == "推进中"  # the latest report still says 推进中


def test_dry_run_prints_the_writes_and_writes_nothing(cli, plan):
    form = _issue(cli, plan)
    wb = load_workbook(form)
    wb["填报"]["G4"], wb["填报"]["H4"], wb["填报"]["I4"] = "推进中", "草案已报", dt.datetime(2020, 11, 2)
    wb.save(form)
    before = (plan / "tasks" / "003.yaml").read_bytes()
    r = cli("-C", str(plan), "collect", str(form), "--dry-run", "--as-of", "2020-12-01")
    assert (r.code, r.err) == (0, "")
    assert r.out == (
        f"{form}:填报:4: task 3 推进中 2020-11-02 by 财政局 -> tasks/003.yaml\n"
        "--- a/tasks/003.yaml\n+++ b/tasks/003.yaml\n@@ -4,6 +4,13 @@\n"
        " lead: [县财政局, 发改局]\n responsible: []\n measures: []\n+status: 推进中\n deadlines:\n   - date: 2020-12-31\n     text: 年底前\n"
        "+progress:\n+  - date: 2020-11-02\n+    status: 推进中\n+    note: 草案已报\n+    unit: 财政局\n"
        f"+    source: form {FORM}\n"
        "would add 1 progress report(s) and 0 extension request(s) to 1 task file(s) from 1 file; 0 row(s) not taken\n"
    )
    assert (plan / "tasks" / "003.yaml").read_bytes() == before


def test_a_form_of_another_plan_is_refused_row_by_row(cli, plan, tmp_path):
    other = write_plan(tmp_path / "other", {**FILES, "plan.yaml": FILES["plan.yaml"].replace("示例县2020年", "示例县2021年")})
    form = _issue(cli, other)
    wb = load_workbook(form)
    wb["填报"]["G3"], wb["填报"]["I3"] = "推进中", "2020-11-30"
    wb.save(form)
    r = cli("-C", str(plan), "collect", str(form), "--as-of", "2020-12-01")
    assert r.code == 1
    assert r.err == f"{form}:填报:3: not taken: this form belongs to another plan (示例县2021年重点工作任务分解方案), not to 示例县2020年重点工作任务分解方案\n"
    assert _progress(plan, 1)[0] == [{"date": dt.date(2020, 10, 20), "status": "推进中", "note": "已清偿 80%", "unit": "财政局"}]


def test_an_edited_identity_sheet_and_files_that_are_no_form(cli, plan):
    form = _issue(cli, plan)
    wb = load_workbook(form)
    wb["填报"]["G4"], wb["填报"]["I4"] = "推进中", "2020-11-30"
    wb["_taskplan"]["B4"] = "发改局"  # someone re-labelled the form for another unit
    wb.save(form)
    text = plan / "out" / "notes.xlsx"
    text.write_text("not a workbook", encoding="utf-8")
    r = cli("-C", str(plan), "collect", str(form), str(text), str(plan / "out" / "missing.xlsx"), "--as-of", "2020-12-01")
    assert r.code == 1
    assert r.err == (
        f"{form}:填报:4: not taken: the \"_taskplan\" sheet was changed: its checksum does not match\n"
        f"{text}: not taken: not an Excel workbook (.xlsx) that can be read: BadZipFile\n"
        f"{plan / 'out' / 'missing.xlsx'}: not taken: no such file\n"
    )
    assert r.out == "added 0 progress report(s) and 0 extension request(s) to 0 task file(s) from 3 files; 3 row(s) not taken\n"


def test_extend_approves_the_pending_request(cli, plan):
    form = _issue(cli, plan)
    wb = load_workbook(form)
    ws = wb["填报"]
    ws["G3"], ws["I3"], ws["K3"], ws["L3"] = "推进中", "2020-11-30", "2020年12月31日", "企业清算"
    wb.save(form)
    assert cli("-C", str(plan), "collect", str(form), "--as-of", "2020-12-01").code == 0
    r = cli("-C", str(plan), "extend", "1", "--to", "2020-12-31", "--reason", "企业清算", "--approved-by", "分管副县长")
    assert (r.code, r.out) == (0, "tasks/001.yaml: task 1 deadline 2020-11-30 extended to 2020-12-31\n")
    data = yaml.safe_load((plan / "tasks" / "001.yaml").read_text(encoding="utf-8"))
    assert [q["status"] for q in data["requests"]] == ["approved"]
    assert data["extensions"] == [{"from": dt.date(2020, 11, 30), "to": dt.date(2020, 12, 31), "reason": "企业清算", "approved_by": "分管副县长"}]


def test_cells_with_bidi_controls_and_escapes_are_shown_not_obeyed(cli, plan):
    """A form comes back from someone else: what its cells say reaches the terminal as visible escapes."""
    form = _issue(cli, plan)
    wb = load_workbook(form)
    wb["填报"]["G3"], wb["填报"]["I3"] = "完\u202e成", "2020-11-30"
    wb.save(form)
    r = cli("-C", str(plan), "collect", str(form), "--as-of", "2020-12-01")
    assert (r.code, r.err) == (1, f'{form}:填报:3: not taken: 本期状态 "完\\u202e成" is not a status: '
                                  "choose one of 未启动、推进中、已完成、已销号、暂缓\n")

"""Deadline extraction on the repo's own 2020 plan, on a copy in tmp (the committed records are not touched).

Every expected date below was read off sources/haicheng-2020.txt by hand
(the task's line in the document is given), not produced by the extractor.
"""
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from taskplan.store.load import load_plan

ROOT = Path(__file__).resolve().parents[2]
D = dt.date
Y_END = D(2020, 12, 31)


@pytest.fixture
def real_plan(tmp_path) -> Path:
    if not (ROOT / "tasks" / "146.yaml").is_file():  # pragma: no cover - the records are part of the repo
        pytest.fail("the repo's tasks/ are missing")
    dest = tmp_path / "haicheng"
    dest.mkdir()
    for name in ("plan.yaml", "units.yaml"):
        shutil.copy(ROOT / name, dest / name)
    shutil.copytree(ROOT / "tasks", dest / "tasks")
    return dest


EXPECTED = {
    # source line 51-53: title 今年…缓缴政策; measure 年底前…缓缴
    14: [(Y_END, None, "今年对低收入人员实行社保费自愿缓缴政策"), (Y_END, None, "年底前对低收入人员实行社保费自愿缓缴")],
    # line 73: 工信局 and 财政局 measures with 6月末, 年底前, 11月底前, 上半年
    20: [
        (D(2020, 6, 30), "工信局", "6月末500万元以下无分歧账款清零"),
        (D(2020, 6, 30), "工信局", "6月末清除零清偿现象"),
        (Y_END, "工信局", "下步任务是年底前无分歧账款应清尽清"),
        (D(2020, 11, 30), "工信局", "确保11月底前完成无分歧账款应清尽清工作目标"),
        (D(2020, 6, 30), "财政局", "上半年对500万以下无分歧欠款“清零”"),
        (D(2020, 11, 30), "财政局", "11月底前无分歧的拖欠账款全部“清零”"),
    ],
    32: [(Y_END, "市场局", "年底前覆盖率达到90%")],  # line 114; 营商局's "7月9日对海城…调研" is history
    66: [(Y_END, None, "散煤替代至2020年底")],  # line 227
    77: [(Y_END, None, "到2020年底生猪存栏达到28.6万头")],  # line 271
    100: [(Y_END, None, "年底前完成16所乡镇卫生院运行")],  # line 359 (4)
    113: [(D(2020, 10, 31), None, "完成2020年初中学校提档升级工作(2020年10月完成)")],  # line 403
    115: [(D(2020, 9, 30), None, "9月末必保完成改造农村中小学旱厕15个")],  # line 411 (1)
    140: [(Y_END, None, "此项工作年底前完成")],  # line 500: three times the same clause, stored once
    146: [(Y_END, None, "年底前形成“十四五”规划纲要初稿")],  # line 522
}


def test_extract_write_on_the_real_plan(cli, real_plan):
    before = load_plan(real_plan, use_cache=False).require_valid()
    r = cli("-C", str(real_plan), "deadlines", "--extract", "--write")
    assert r.code == 0, r.err
    after = load_plan(real_plan, use_cache=False).require_valid()

    dated = {t.id: [(d.date, d.unit, d.text) for d in t.deadlines if not d.recurring] for t in after.tasks}
    for task_id, expected in EXPECTED.items():
        assert dated[task_id] == expected, task_id
    assert all(d.source == "extracted" for t in after.tasks for d in t.deadlines)

    recurring = {t.id: [d.text for d in t.deadlines if d.recurring] for t in after.tasks}
    assert recurring[100] == ["初步实现平战结合、物资保障常态化"]  # line 359 (2)
    assert recurring[32] == ["持续打造市场化、法治化、国际化营商环境"]  # line 112, the title
    assert recurring[26] == ["开展常态化就业创业服务"]  # line 93 (2)
    assert recurring[11] == []  # 中长期贷款 is not recurring work
    assert not any("中长期" in text for texts in recurring.values() for text in texts)

    # only deadlines were added: every other field is what the document says
    for old, new in zip(before.tasks, after.tasks):
        assert old.model_copy(update={"deadlines": []}) == new.model_copy(update={"deadlines": []})

    # a second run finds everything stored and writes nothing
    snapshot = {p.name: p.read_bytes() for p in (real_plan / "tasks").iterdir()}
    r = cli("-C", str(real_plan), "deadlines", "--extract", "--write")
    assert r.code == 0
    assert r.err.startswith("wrote 0 deadline(s) to 0 task file(s); ")
    assert {p.name: p.read_bytes() for p in (real_plan / "tasks").iterdir()} == snapshot


def test_import_with_extract_deadlines(cli, tmp_path):
    into = tmp_path / "fresh"
    r = cli("import", str(ROOT / "sources" / "haicheng-2020.txt"), "--into", str(into), "--extract-deadlines")
    assert r.code == 0, r.err
    line = [x for x in r.out.splitlines() if x.startswith("  deadlines: ")]
    assert len(line) == 1 and line[0].endswith("0 already stored")
    loaded = load_plan(into, use_cache=False).require_valid()
    dated = {t.id: [(d.date, d.unit, d.text) for d in t.deadlines if not d.recurring] for t in loaded.tasks}
    for task_id, expected in EXPECTED.items():
        assert dated[task_id] == expected, task_id


def test_overdue_on_the_real_plan_after_extraction(cli, real_plan):
    """Dated deadlines before November in the document: task 20 (6月末, 上半年; leads 工信局、财政局),
    115 (9月末) and 113 (2020年10月完成), both led by 教育局 (source lines 70-73, 401-411)."""
    assert cli("-C", str(real_plan), "deadlines", "--extract", "--write").code == 0
    r = cli("-C", str(real_plan), "overdue", "--as-of", "2020-11-01", "--format", "json")
    assert r.code == 0, r.err
    got = [(u["unit"], [t["id"] for t in u["tasks"]]) for u in json.loads(r.out)["units"]]
    # most overdue first; ties in the order the units first lead a task in the plan (财政局 leads task 1)
    assert got == [("教育局", [113, 115]), ("财政局", [20]), ("工信局", [20])]
    assert ids(cli, real_plan, "--overdue", "--as-of", "2020-07-01") == ["20"]
    assert ids(cli, real_plan, "--overdue", "--as-of", "2020-06-30") == []


def test_progress_commands_keep_the_canonical_layout(cli, real_plan):
    """What deadlines --write, update and extend write is what taskplan fmt would write."""
    assert cli("-C", str(real_plan), "deadlines", "--extract", "--write").code == 0
    assert cli("-C", str(real_plan), "update", "20", "--status", "推进中", "--note", "已清偿 80%",
               "--unit", "财政局", "--date", "2020-10-01").code == 0
    assert cli("-C", str(real_plan), "extend", "20", "--to", "2020-12-31", "--reason", "疫情影响").code == 0
    text = (real_plan / "tasks" / "020.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")  # the editor header survived
    r = cli("-C", str(real_plan), "fmt", "--check")
    assert (r.code, r.out) == (0, "0 files would reformat, 148 unchanged\n")


def ids(cli, root, *args):
    r = cli("-C", str(root), "list", *args, "--format", "ids")
    assert r.code == 0, r.err
    return r.out.split()

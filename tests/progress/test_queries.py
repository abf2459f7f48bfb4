"""progress/queries.py without the CLI: when list/units/overdue compute states and read the progress settings."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from taskplan.errors import UsageError
from taskplan.index.roles import PlanIndex
from taskplan.output.formats import render
from taskplan.progress.queries import list_view, overdue_listing, units_listing, uses_progress
from taskplan.query.select import Term
from taskplan.store.load import load_plan

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
DAY = dt.date(2020, 12, 1)
BAD_SETTINGS = "[progress]\nwarn-days = \"soon\"\n"  # the progress table refuses it (UsageError)


def _copy(tmp_path: Path, name: str) -> Path:
    dest = tmp_path / name
    shutil.copytree(FIXTURES / name, dest, ignore=shutil.ignore_patterns(".taskplan-cache"))
    return dest


def _index(root: Path) -> PlanIndex:
    return PlanIndex.of(load_plan(root, use_cache=False))


def _header(view) -> list[str]:
    return render(view, "table").splitlines()[0].split()


@pytest.mark.parametrize("name", ["status", "overdue", "due-before", "due-within", "light"])
def test_each_progress_filter_uses_progress(name):
    assert uses_progress([Term("lead", "财政局"), Term(name, "x")])
    assert uses_progress([Term(name, "x", negate=True)])


def test_the_selection_filters_do_not():
    assert not uses_progress([Term(n, "x") for n in ("lead", "unit", "responsible", "measure", "section", "id", "grep")])
    assert not uses_progress([])


def test_a_plain_list_neither_reads_the_settings_nor_shows_states(tmp_path):
    root = _copy(tmp_path, "progress")
    (root / ".taskplan.toml").write_text(BAD_SETTINGS, encoding="utf-8")
    view = list_view(_index(root), [Term("lead", "财政局")], root=root, as_of=DAY)
    assert view.ids == ["1", "3", "8"]  # tasks/00{1,3,8}.yaml name 财政局 as lead
    assert "as_of" not in view.body() and "progress" not in view.body()["tasks"][0]
    assert _header(view) == ["编号", "板块", "任务", "牵头单位", "责任单位", "匹配"]
    with pytest.raises(UsageError):  # with a progress filter the settings are read, and refused
        list_view(_index(root), [Term("overdue", "yes")], root=root, as_of=DAY)


def test_a_progress_filter_selects_as_of_and_shows_states(tmp_path):
    root = _copy(tmp_path, "progress")
    index = _index(root)
    assert list_view(index, [Term("overdue", "yes")], root=root, as_of=dt.date(2020, 11, 1)).ids == ["4"]
    view = list_view(index, [Term("overdue", "yes")], root=root, as_of=DAY)
    assert view.ids == ["1", "4"]
    assert view.body()["as_of"] == "2020-12-01"
    assert view.body()["tasks"][0]["progress"] == {
        "status": "推进中", "due": "2020-11-30", "original_due": "2020-11-30", "overdue": True, "days_left": -1, "light": "red"}
    assert _header(view)[-3:] == ["状态", "时限", "灯"]


def test_list_passes_groups_roles_sort_and_full_names(tmp_path):
    root = _copy(tmp_path, "mini")
    index = _index(root)
    assert list_view(index, [Term("unit", "西柳镇")], root=root, as_of=DAY).ids == ["1"]
    assert list_view(index, [Term("unit", "西柳镇")], root=root, as_of=DAY, groups=False).ids == []
    assert list_view(index, [Term("unit", "财政局")], root=root, as_of=DAY, roles=("responsible",)).ids == []
    assert list_view(index, [], root=root, as_of=DAY, sort="lead").ids == ["1", "2"]
    full = render(list_view(index, [Term("id", "2")], root=root, as_of=DAY, full_names=True), "table")
    assert "示例市市场监督管理局" in full


def test_units_without_progress_fields_get_no_progress_columns(tmp_path):
    root = _copy(tmp_path, "mini")
    index = _index(root)
    plain = units_listing(index, None, root=root, as_of=None, today=DAY)
    assert _header(plain) == ["名称", "类别", "全称", "别名", "牵头", "责任", "经由组", "措施"]
    asked = units_listing(index, None, root=root, as_of=DAY, today=dt.date(1999, 1, 1))
    assert _header(asked)[-3:] == ["状态", "逾期", "按时率"]
    assert asked.body()["as_of"] == "2020-12-01"  # the date asked for, not today


def test_units_of_a_plan_with_progress_as_of_today(tmp_path):
    root = _copy(tmp_path, "progress")
    view = units_listing(_index(root), None, root=root, as_of=None, today=DAY)
    assert view.body()["as_of"] == "2020-12-01"
    lines = render(view, "table").splitlines()
    # 财政局 leads 1, 3, 8: 推进中 1、已完成 1、未填报 1 · 1 overdue (task 1) · 50% on time
    assert lines[2].split()[0] == "财政局"
    assert lines[2].split()[-6:] == ["推进中", "1、已完成", "1、未填报", "1", "1", "50%"]


def test_one_unit_reached_through_its_group(tmp_path):
    root = _copy(tmp_path, "mini")
    index = _index(root)
    text = render(units_listing(index, "西柳镇", root=root, as_of=None, today=DAY), "table")
    assert text.rstrip().splitlines()[-1] == "西柳镇 (示例市西柳镇人民政府) · 镇(街道): 1 task in all"
    assert units_listing(index, "西柳镇", root=root, as_of=None, today=DAY, groups=False).ids == []
    with pytest.raises(UsageError):
        units_listing(index, "不存在局", root=root, as_of=None, today=DAY)


def test_overdue_by_lead_unit(tmp_path):
    root = _copy(tmp_path, "progress")
    index = _index(root)
    rows = render(overdue_listing(index, root=root, as_of=DAY), "table").splitlines()
    assert rows[0] == "截至 2020-12-01 逾期任务 2 项，涉及牵头单位 3 个。"
    assert [r.split()[:2] for r in rows[4:7]] == [["财政局", "1"], ["发改局", "1"], ["市场局", "4"]]
    only = render(overdue_listing(index, root=root, as_of=DAY, unit="市场监管局"), "table").splitlines()
    assert [r.split()[:2] for r in only[4:]] == [["市场局", "4"]]
    assert render(overdue_listing(index, root=root, as_of=dt.date(2020, 1, 1)), "ids") == ""

"""The repository's own plan with a fixed progress history, for layout tests of the office documents.

Built through the library the way a clerk would build it: the deadline phrases
of the text extracted and stored (56 deadlines in 39 tasks), a dozen progress
reports, two tasks done, two approved extensions (task 20's deadlines for both
its leads, task 113's single one) — then reports are rendered as of AS_OF.
"""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AS_OF = "2021-01-15"
D = dt.date

REPORTS = [
    (1, D(2020, 11, 21), "推进中", "已部署,按计划推进"),
    (2, D(2020, 11, 22), "推进中", "压减一般性支出 12%"),
    (3, D(2020, 11, 23), "推进中", "新增贷款 31 亿元(全年目标 40 亿元)"),
    (5, D(2020, 11, 25), "推进中", "保险保障覆盖率提升"),
    (12, D(2020, 11, 20), "推进中", "减税降费政策落实到位"),
    (22, D(2020, 12, 1), "推进中", "城镇新增就业 2300 人"),
    (48, D(2020, 12, 3), "推进中", "消费券发放三轮"),
    (60, D(2020, 12, 5), "推进中", "能耗指标按季度监测"),
    (77, D(2020, 12, 20), "推进中", "生猪存栏 25.1 万头"),
    (94, D(2020, 11, 24), "推进中", "专项债券申报 4 个项目"),
    (100, D(2020, 12, 10), "推进中", "11 所卫生院已运行"),
    (140, D(2020, 11, 25), "推进中", "已部署,按计划推进"),
    (16, D(2020, 12, 20), "已完成", "电价政策已执行到位"),
    (66, D(2021, 1, 5), "已完成", "散煤替代完成 32%"),
]
EXTENSIONS = [(20, D(2020, 12, 31), "疫情影响", "分管副市长"), (113, D(2020, 12, 20), "施工季调整", None)]


def build(dest: Path) -> Path:
    """A copy of the repository plan under ``dest`` with the progress above; returns its root."""
    from taskplan.progress.deadlines import extract_plan
    from taskplan.progress.edit import Update, extend_task, store_plan_deadlines, update_task
    from taskplan.store.load import load_plan

    dest.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "tasks", dest / "tasks")
    for name in ("plan.yaml", "units.yaml"):
        shutil.copy(ROOT / name, dest / name)
    loaded = load_plan(dest, use_cache=False).require_valid()
    store_plan_deadlines(dest, loaded.tasks, loaded.task_paths, extract_plan(loaded.tasks, 2020))
    loaded = load_plan(dest, use_cache=False).require_valid()
    for task_id, day, status, note in REPORTS:
        update_task(dest, loaded.task_paths[task_id], loaded.task(task_id), Update(status, note, None, day))
    loaded = load_plan(dest, use_cache=False).require_valid()
    for task_id, to, reason, approved_by in EXTENSIONS:
        extend_task(dest, loaded.task_paths[task_id], loaded.task(task_id), to, reason, approved_by)
    (dest / ".taskplan.toml").write_text(
        '[report]\noffice = "海城市人民政府督查室"\ncc = "市委办公室,市人大常委会办公室,市政协办公室。"\n', encoding="utf-8")
    return dest


@pytest.fixture(scope="session")
def progress_repo_plan(tmp_path_factory) -> Path:
    """The repository plan with the fixed progress history above (render as of AS_OF); do not modify it."""
    return build(tmp_path_factory.mktemp("real-progress") / "plan")

"""A small plan for the 填报表 tests: a group with members, measures per unit, a deadline, an earlier report."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

FILES = {
    "plan.yaml": """
        title: 示例县2020年重点工作任务分解方案
        issuer: 示例县人民政府
        date: 2020-07-24
        sections:
          - number: 1
            title: 稳增长
    """,
    "units.yaml": """
        units:
          - name: 财政局
            full_name: 示例县财政局
            kind: 县直部门
            aliases: [县财政局]
          - name: 发改局
            full_name: 示例县发展和改革局
            kind: 县直部门
          - name: 西柳镇
            full_name: 示例县西柳镇人民政府
            kind: 镇(街道)
          - name: 南台镇
            kind: 镇(街道)
        groups:
          - name: 镇(街道)
            aliases: [各镇(街道)]
            members: [西柳镇, 南台镇]
    """,
    "tasks/001.yaml": """
        id: 1
        section: 1
        title: 保障中小企业款项支付（清欠）,11月底前无分歧账款清零。
        lead: [财政局]
        responsible: [各镇(街道)]
        measures:
          - unit: 财政局
            items:
              - 建立清欠台账。
              - 每月通报进度。
          - unit: 各镇(街道)
            items:
              - 摸清本辖区欠款底数。
        status: 推进中
        deadlines:
          - date: 2020-11-30
            text: 11月底前无分歧账款清零
        progress:
          - date: 2020-10-20
            status: 推进中
            note: 已清偿 80%
            unit: 财政局
    """,
    "tasks/002.yaml": """
        id: 2
        section: 1
        title: 扩大有效投资:新开工项目30个。
        lead: [发改局]
        responsible: []
        measures: []
    """,
    "tasks/003.yaml": """
        id: 3
        section: 1
        title: 完成2020年预算调整。
        lead: [县财政局, 发改局]
        responsible: []
        measures: []
        deadlines:
          - date: 2020-12-31
            text: 年底前
    """,
}


def write_plan(dest: Path, files: dict[str, str] = FILES) -> Path:
    for rel, text in files.items():
        path = dest / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return dest


@pytest.fixture
def plan(tmp_path) -> Path:
    return write_plan(tmp_path / "plan")

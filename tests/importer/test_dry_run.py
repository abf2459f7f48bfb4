"""import --dry-run: how each line was read and why a line was not used, in both languages and both punctuation widths."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from office_builders import full_width, workbook  # noqa: E402

# a county plan with the parts a reader must account for: a letterhead, the title, the addressees, the
# first-listed rule, a section and a sub-section, labelled roles, a measure over two lines, a page
# number, a task whose roles sit in its own parenthesis, a part without tasks and an attachment line
DOCUMENT = """\
某县人民政府办公室文件
某县2022年重点工作任务分解方案
各乡镇人民政府,县直各部门:
列第一位的为牵头单位。
一、经济发展
(一)项目建设
1.加快园区建设,完善配套设施。
牵头单位:县发改局
责任单位:县财政局、县自然资源局
落实措施:(1)年底前完成园区规划。
(2)推进招商引资。
- 2 -
2.稳定粮食生产。(县农业农村局牵头,县财政局配合)
二、保障措施
加强组织领导,压实工作责任。
附件:任务清单
"""

ENGLISH = [
    "unused: front matter not recognised", "front matter: title", "front matter: addressees",
    "unused: reading rule (applied: the first-listed unit leads)", "section 1", "sub-section 1.1", "task 1",
    "task 1: 牵头单位", "task 1: 责任单位", "task 1: 落实措施", "task 1: 落实措施 (continued)", "unused: page number",
    "task 2", "unused: heading of a part without tasks", "unused: text between a heading and the first task",
    "unused: 附件 line",
]
CHINESE = [
    "未用上：无法识别的文首内容", "文首：方案标题", "文首：主送机关", "未用上：牵头认定规则（已采用：列第一位的单位为牵头单位）",
    "板块 1", "子板块 1.1", "任务 1", "任务 1：牵头单位", "任务 1：责任单位", "任务 1：落实措施", "任务 1：落实措施（续）",
    "未用上：页码", "任务 2", "未用上：没有任务的部分的标题", "未用上：标题与第一项任务之间的文字", "未用上：附件行",
]


@pytest.fixture(params=["en", "zh"])
def language(request):
    from taskplan import i18n

    before = i18n.current()
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language(before)


@pytest.mark.parametrize("width", ["half", "full"])
def test_every_line_is_accounted_for_in_the_users_language(cli, tmp_path, language, width):
    text = DOCUMENT if width == "half" else full_width(DOCUMENT)
    source = tmp_path / "方案.txt"
    source.write_text(text, encoding="utf-8")
    r = cli("import", str(source), "--into", str(tmp_path / "plan"), "--dry-run")
    assert r.code == 0 and not (tmp_path / "plan").exists()
    lines = r.out.splitlines()
    readings = ENGLISH if language == "en" else CHINESE
    assert lines[:16] == [f"{source}:{n}\t{reading}\t{line}" for n, (reading, line) in enumerate(zip(readings, text.splitlines()), 1)]
    summary = lines[16:]
    unused = [(1, 0), (4, 3), (12, 11), (14, 13), (15, 14), (16, 15)]  # (line, index of its reading)
    if language == "en":
        assert summary[:7] == [
            f"would import {source} into {tmp_path / 'plan'}", "  sections: 1 (1 sub-sections)", "  tasks: 2 (1 measures)",
            "  units named: 4", "  units.yaml: written with 4 unit(s)",
            "  not classified (kind 未分类, edit units.yaml): 县发改局、县财政局、县自然资源局、县农业农村局", "  unused lines: 6"]
        assert summary[7:13] == [f"  {source}:{n}: {ENGLISH[k].removeprefix('unused: ')}: {text.splitlines()[n - 1]}"
                                 for n, k in unused]
        assert summary[13:] == ["  every line was placed"]
    else:
        assert summary[:7] == [
            f"将把 {source} 导入 {tmp_path / 'plan'}", "  板块：1（1 个子板块）", "  任务：2（落实措施 1 条）", "  点名的单位：4",
            "  units.yaml：写入 4 个单位", "  未分类（类别 未分类，请编辑 units.yaml）：县发改局、县财政局、县自然资源局、县农业农村局",
            "  未用上的行：6"]
        assert summary[7:13] == [f"  {source}:{n}：{CHINESE[k].removeprefix('未用上：')}：{text.splitlines()[n - 1]}"
                                 for n, k in unused]
        assert summary[13:] == ["  每一行都已归位"]


def test_a_line_outside_any_task_is_flagged_as_task_text_in_chinese(cli, tmp_path, language):
    doc = tmp_path / "doc.txt"
    doc.write_text("某县重点任务分工方案\n牵头单位：县财政局\n一、发展\n1.抓项目。（牵头单位：县发改局）\n", encoding="utf-8")
    r = cli("import", str(doc), "--into", str(tmp_path / "plan"))
    assert r.code == 1
    expected = {"en": f"  {doc}:2: 牵头单位 line outside any task [task text?]: 牵头单位：县财政局",
                "zh": f"  {doc}:2：不属于任何任务的“牵头单位”行 [疑似任务内容？]：牵头单位：县财政局"}[language]
    assert expected in r.out.splitlines()


def test_a_spreadsheet_cell_is_named_in_the_users_language(cli, tmp_path, language):
    """Places without lines (a sheet's cell, with its column's header) and the reason a column is left out."""
    rows = [["序号", "工作任务", "牵头单位", "责任单位", "完成时限", "备注"],
            [1, "抓好项目建设。", "县发改局", "县财政局", "2022年12月底", "重点"]]
    book = workbook(tmp_path / "台账.xlsx", [("台账", rows, [])], header_row={"台账": 1})
    r = cli("import", str(book), "--into", str(tmp_path / "plan"), "--dry-run")
    assert r.code == 0, r.err
    note = [line for line in r.out.splitlines() if line.endswith("\t重点")]
    assert note == [{"en": f"{book}: sheet 台账, cell F2 (备注)\tunused: column 备注 has no field in the records\t重点",
                     "zh": f"{book}: 工作表 台账 单元格 F2（备注）\t未用上：“备注”列在记录中没有对应字段\t重点"}[language]]

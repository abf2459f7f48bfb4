"""taskplan report: options, filters, usage errors — exact output and exit codes."""
from __future__ import annotations

import collections
import re
from pathlib import Path

import pytest

from taskplan.reports.formats import FORMATS

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "sources" / "haicheng-2020.txt"


def source_roles() -> tuple[collections.Counter, collections.Counter, dict[int, str]]:
    """(lead counts, responsible counts, {task id: its 牵头单位 line}) read straight from the document."""
    lead: collections.Counter = collections.Counter()
    resp: collections.Counter = collections.Counter()
    lead_line: dict[int, str] = {}
    current = 0
    for line in SOURCE.read_text(encoding="utf-8").split("\n"):
        m = re.match(r"^(\d+)\.", line)
        if m and int(m.group(1)) == current + 1:
            current += 1
        if line.startswith("牵头单位:"):
            lead.update(set(line[5:].split("、")))
            lead_line[current] = line[5:]
        if line.startswith("责任单位:"):
            resp.update(set(line[5:].split("、")))
    return lead, resp, lead_line


def test_format_choices_come_from_the_registry():
    assert list(FORMATS) == ["md", "text", "csv", "html", "xlsx", "docx"]


def test_help_lists_kinds_and_formats(cli):
    r = cli("report", "--help")
    assert r.code == 0
    assert "kind <plan|units|matrix|bulletin|stats|reminders|forms>" in r.out
    assert "-f, --format <md|text|csv|html|xlsx|docx>" in r.out
    words = " ".join(r.out.split())  # the help is wrapped to the terminal
    assert "reminders (催办单 to each lead unit with overdue tasks or tasks due within warn-days as of --as-of, " \
           "with a reply-by date and a 回执; -f docx|md|html; -o DIR writes one file per unit, named by the unit)" in words
    assert "reminders and forms: -o DIR, one file per unit." in words
    assert "--paper <A4|A3>" in r.out


def test_default_is_the_plan_as_markdown_with_16_sections_and_146_tasks(cli):
    r = cli("-C", str(ROOT), "report")
    assert (r.code, r.err) == (0, "")
    assert len(re.findall(r"^## [一二三四五六七八九十]+、", r.out, re.M)) == 16
    assert [int(x) for x in re.findall(r"^\*\*(\d+)\.\*\* ", r.out, re.M)] == list(range(1, 147))  # tasks are paragraphs, not headings
    assert not re.search(r"^#+ \d", r.out, re.M)
    assert r.out.count("- **牵头单位**:") == 146
    assert "共 16 个板块、146 项任务。" in r.out


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_binary_formats_need_an_output_file(cli, mini, fmt):
    r = cli("-C", str(mini), "report", "--format", fmt)
    assert (r.code, r.out) == (2, "")
    assert r.err == f"taskplan: error: --format {fmt} writes a binary file (give an output file, e.g. -o report.{fmt})\n"


def test_unknown_unit_suggests(cli, mini):
    r = cli("-C", str(mini), "report", "--unit", "财政")
    assert (r.code, r.out) == (2, "")
    assert r.err == 'taskplan: error: unknown unit "财政" (did you mean 财政局?)\n'


def test_unknown_section(cli, mini):
    r = cli("-C", str(mini), "report", "--section", "9")
    assert (r.code, r.out) == (2, "")
    assert r.err == "taskplan: error: no section 9 in this plan (sections run 1..2)\n"  # as list says it


def test_bad_as_of(cli, mini):
    r = cli("-C", str(mini), "report", "bulletin", "--as-of", "2020-13-01")
    assert (r.code, r.out) == (2, "")
    assert r.err == "taskplan: error: --as-of: expected a date YYYY-MM-DD, got '2020-13-01'\n"  # as every command says it


def test_template_must_exist(cli, mini):
    r = cli("-C", str(mini), "report", "--template", str(mini / "nope.j2"))
    assert r.code == 2
    assert r.err == f'taskplan: error: template file "{mini / "nope.j2"}" not found\n'


def test_section_by_number_numeral_or_title_gives_the_same_report(cli, mini):
    outs = {cli("-C", str(mini), "report", "--format", "text", "--section", s).out for s in ("2", "二", "加大金融信贷支持力度", "金融信贷")}
    assert len(outs) == 1
    (out,) = outs
    assert out == (
        "示例市贯彻落实2020年《政府工作报告》任务分解和责任分工方案\n"
        "二、加大金融信贷支持力度\n"
        "2.稳健的货币政策要更加灵活适度。\n"
        "牵头单位:市场监督管理局\n"
        "落实措施:6月末完成摸底。\n"
    )


def test_unit_via_group_and_alias(cli, mini):
    # 西柳镇 is a member of the group 各镇(街道) named on task 1; 市场监管局 is an alias of 市场局 (task 2)
    r = cli("-C", str(mini), "report", "--format", "csv", "--unit", "西柳镇")
    assert [line.split(",")[0] for line in r.out.splitlines()] == ["编号", "1"]
    r = cli("-C", str(mini), "report", "--format", "csv", "--unit", "市场监管局")
    assert [line.split(",")[0] for line in r.out.splitlines()] == ["编号", "2"]


def test_output_file_is_written_and_reported_on_stderr(cli, mini, tmp_path):
    out = tmp_path / "sub" / "plan.md"
    r = cli("-C", str(mini), "report", "-o", str(out))
    assert (r.code, r.out, r.err) == (0, "", f"wrote {out}\n")
    assert out.read_text(encoding="utf-8") == cli("-C", str(mini), "report").out


def test_lead_filter_on_real_plan_matches_the_document(cli):
    lead, _, lead_line = source_roles()
    r = cli("-C", str(ROOT), "report", "--format", "csv", "--unit", "财政局")
    ids = [int(line.split(",")[0]) for line in r.out.splitlines()[1:]]
    led = [i for i, line in lead_line.items() if "财政局" in line.split("、")]
    assert len(led) == lead["财政局"] == 26
    # 责任单位 lines naming 财政局, or the group 市直部门 it belongs to (spellings as units.yaml registers them:
    # 市直部门, 市直各部门, 市直相关单位, 市直相关部门, 相关部门); its own measures are all in tasks it leads
    shizhi = {"市直部门", "市直各部门", "市直相关部门", "相关市直部门", "市直相关单位", "相关部门", "市政府各部门"}
    responsible = []
    current = 0
    for line in SOURCE.read_text(encoding="utf-8").split("\n"):
        m = re.match(r"^(\d+)\.", line)
        if m and int(m.group(1)) == current + 1:
            current += 1
        if line.startswith("责任单位:") and ({"财政局"} | shizhi) & set(line[5:].split("、")):
            responsible.append(current)
    assert ids == sorted(set(led) | set(responsible))
    assert len(ids) == 43


def test_matrix_totals_match_the_document(cli):
    lead, resp, _ = source_roles()
    r = cli("-C", str(ROOT), "report", "matrix", "--format", "csv")
    rows = {(row[0], row[1]): row for row in (line.split(",") for line in r.out.splitlines()[1:])}
    for unit in ("财政局", "发改局", "商务局", "人社局"):
        assert int(rows[(unit, "牵头")][-1]) == lead[unit], unit
        assert int(rows[(unit, "责任")][-1]) == resp[unit], unit
    # every task has at least one lead: the lead total is the number of (task, lead unit) pairs
    assert int(rows[("合计", "牵头")][-1]) == sum(lead.values())


def test_matrix_every_cell_matches_the_document(cli):
    """Every unit x section cell, counted from the document's 牵头单位/责任单位 lines; a name is mapped to its
    unit through units.yaml's names and aliases (NFKC, spaces dropped), read here with plain YAML."""
    import unicodedata

    import yaml

    def key(name: str) -> str:
        return unicodedata.normalize("NFKC", name).replace(" ", "")

    registry = yaml.safe_load((ROOT / "units.yaml").read_text(encoding="utf-8"))
    canonical = {key(n): entry["name"] for entry in registry["units"] + registry["groups"]
                 for n in [entry["name"], entry.get("full_name"), *(entry.get("aliases") or [])] if n}
    counts: dict[str, collections.Counter] = {"牵头": collections.Counter(), "责任": collections.Counter()}
    section = 0
    for line in SOURCE.read_text(encoding="utf-8").split("\n"):
        if re.match(r"^[一二三四五六七八九十]+、", line):
            section += 1
        for role, prefix in (("牵头", "牵头单位:"), ("责任", "责任单位:")):
            if line.startswith(prefix):
                for unit in {canonical[key(n)] for n in line[len(prefix):].split("、")}:
                    counts[role][(unit, section)] += 1
    assert section == 16
    r = cli("-C", str(ROOT), "report", "matrix", "--format", "csv")
    assert (r.code, r.err) == (0, "")
    rows = [line.split(",") for line in r.out.splitlines()]
    assert rows[0] == ["单位", "角色", *"一 二 三 四 五 六 七 八 九 十 十一 十二 十三 十四 十五 十六".split(), "合计"]
    units = [row for row in rows[1:] if row[0] != "合计"]
    assert {row[0] for row in units} == {unit for c in counts.values() for unit, _ in c}  # every named unit has rows
    for unit, role, *cells in units:
        expected = [counts[role][(unit, s)] for s in range(1, 17)]
        assert [int(c) for c in cells] == expected + [sum(expected)], (unit, role)


def test_bulletin_says_when_nothing_is_reported(cli):
    r = cli("-C", str(ROOT), "report", "bulletin", "--format", "text", "--as-of", "2020-12-31")
    assert "注意:全部146项任务均未填报状态(未填报)" in r.out
    assert "  未填报  146\n" in r.out


def test_bulletin_counts_overdue_by_lead_unit_and_on_time_rate(cli, mini):
    (mini / "tasks" / "001.yaml").write_text(
        (mini / "tasks" / "001.yaml").read_text(encoding="utf-8")
        + "status: 推进中\ndeadlines:\n  - date: 2020-06-30\n    text: 6月底前\n",
        encoding="utf-8",
    )
    (mini / "tasks" / "002.yaml").write_text(
        (mini / "tasks" / "002.yaml").read_text(encoding="utf-8")
        + "status: 已完成\ndeadlines:\n  - date: 2020-06-30\n    text: 6月末\n"
        + "progress:\n  - date: 2020-06-20\n    status: 已完成\n    note: 摸底完成\n",
        encoding="utf-8",
    )
    r = cli("-C", str(mini), "report", "bulletin", "--format", "text", "--as-of", "2020-07-01")
    assert r.code == 0, r.err
    assert r.out.split("四、")[1] == (
        "逾期任务(按牵头单位,共1项)\n"
        "  发改局(1项)\n"
        "    1.今年赤字率拟按3.6%以上安排。\n"
        "      原定时限2020-06-30,逾期1天;最近进展:未填报\n"
        "  财政局(1项)\n"
        "    1.今年赤字率拟按3.6%以上安排。\n"
        "      原定时限2020-06-30,逾期1天;最近进展:未填报\n"
        "\n"
        "五、红灯、黄灯任务\n"
        "  发改局 红灯1项:1.今年赤字率拟按3.6%以上安排。\n"
        "  财政局 红灯1项:1.今年赤字率拟按3.6%以上安排。\n"
        "\n"
        "六、按期完成率\n"
        "  50.0%(已办结或已逾期2项,其中按期办结1项)\n"
    )
    board = r.out.split("一、各单位推进情况\n")[1].split("\n\n")[0]
    assert board.split("\n") == [
        "  单位    牵头任务  已完成  推进中  逾期  按期完成率  排名",
        "  市场局         1       1       0     0  100.0%         1",
        "  发改局         1       0       1     1  0.0%           2",
        "  财政局         1       0       1     1  0.0%           2",
    ]
    assert "注意:" not in r.out


def test_by_unit_is_for_xlsx_only(cli, mini):
    r = cli("-C", str(mini), "report", "--by-unit")
    assert (r.code, r.out) == (2, "")
    assert r.err == (
        "taskplan: error: --by-unit applies to --format xlsx (one sheet per unit) "
        "(for the other formats use the units kind: taskplan report units)\n"
    )


def test_text_layout_with_subsections_and_leader(cli, mini):
    plan = mini / "plan.yaml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace(
            "  - number: 1\n    title: 全面落实积极财政政策\n",
            "  - number: 1\n    title: 全面落实积极财政政策\n    sections:\n      - number: 1\n        title: 财政政策\n",
        ),
        encoding="utf-8",
    )
    task = mini / "tasks" / "001.yaml"
    task.write_text(task.read_text(encoding="utf-8").replace("section: 1\n", "section: 1\nsubsection: 1\nleader: [张三, 李四]\n"), encoding="utf-8")
    r = cli("-C", str(mini), "report", "--format", "text", "--section", "1")
    assert (r.code, r.err) == (0, "")
    assert r.out.split("\n")[1:5] == ["一、全面落实积极财政政策", "(一)财政政策", "1.今年赤字率拟按3.6%以上安排。", "牵头领导:张三、李四"]
    r = cli("-C", str(mini), "report", "--format", "md", "--section", "1")
    assert "## 一、全面落实积极财政政策\n\n### (一)财政政策\n\n**1.** 今年赤字率拟按3.6%以上安排。\n\n- **牵头领导**:张三、李四\n" in r.out


def test_output_to_a_directory_is_a_usage_error(cli, mini, tmp_path):
    r = cli("-C", str(mini), "report", "-f", "xlsx", "-o", str(tmp_path))
    assert (r.code, r.out) == (2, "")
    assert r.err == f'taskplan: error: -o "{tmp_path}" is a directory (name a file, e.g. {tmp_path / "report.xlsx"})\n'


def test_excel_csv_starts_with_a_bom_and_is_csv_only(cli, mini, tmp_path):
    plain = cli("-C", str(mini), "report", "matrix", "-f", "csv")
    excel = cli("-C", str(mini), "report", "matrix", "-f", "csv", "--excel")
    assert (plain.code, excel.code) == (0, 0)
    assert excel.out == "\ufeff" + plain.out
    assert not plain.out.startswith("\ufeff")
    out = tmp_path / "m.csv"
    assert cli("-C", str(mini), "report", "matrix", "-f", "csv", "--excel", "-o", str(out)).code == 0
    assert out.read_bytes() == b"\xef\xbb\xbf" + plain.out.encode("utf-8")
    r = cli("-C", str(mini), "report", "-f", "md", "--excel")
    assert (r.code, r.out) == (2, "")
    assert r.err == "taskplan: error: --excel applies to --format csv (it adds the BOM Excel needs)\n"


def test_on_a_terminal_escapes_in_titles_show_and_the_excel_bom_stays_a_bom(cli, mini, monkeypatch):
    import sys

    task = mini / "tasks" / "001.yaml"
    task.write_text(task.read_text(encoding="utf-8").replace("title: 今年赤字率拟按3.6%以上安排。", 'title: "今年\\e]0;x\\a赤字率"'), encoding="utf-8")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    r = cli("-C", str(mini), "report", "-f", "csv", "--excel", "--section", "1", "--as-of", "2020-12-31")
    assert r.code == 0
    assert r.out.startswith("\ufeff编号,") and "今年\\x1b]0;x\\x07赤字率" in r.out and "\x1b" not in r.out
    monkeypatch.setattr(sys.stdout, "isatty", lambda: False)  # a pipe gets the document as it is
    r = cli("-C", str(mini), "report", "-f", "csv", "--excel", "--section", "1", "--as-of", "2020-12-31")
    assert r.out.startswith("\ufeff编号,") and "今年\x1b]0;x\x07赤字率" in r.out

"""report reminders (催办单): per lead unit with overdue or soon-due tasks, md/html/docx, -o DIR one file per unit."""
from __future__ import annotations

import docx

AS_OF = "2020-12-20"


def test_md_lists_overdue_and_soon_due_tasks_with_reply_date(cli, progress_repo_plan):
    r = cli("-C", str(progress_repo_plan), "report", "reminders", "--as-of", AS_OF, "-f", "md", "--unit", "教育局")
    assert (r.code, r.err) == (0, "")
    lines = r.out.splitlines()
    assert lines[0] == "# 催办单:海城市教育局"
    assert lines[2] == ("截至 2020年12月20日,你单位牵头的任务中逾期 1 项、15 天内到期 2 项。请于 **2020年12月25日** 前报送办理情况"
                        "(海城市人民政府督查室)。")
    rows = [line for line in lines if line.startswith("| 1")]
    assert rows[0].startswith("| 115 | 加强乡镇寄宿制学校") and rows[0].endswith("| 2020-09-30 | — | 逾期81天 | 未填报 |")
    assert rows[1] == "| 113 | 推动教育公平发展和质量提升。坚持立德树人。 | 2020-10-31 | 2020-12-20 | 今日到期 | 未填报 |"
    assert "| 办理单位 | 海城市教育局 |" in lines and "**回执**" in lines


def test_reply_days_come_from_the_settings(cli, progress_repo_plan, tmp_path):
    import shutil

    plan = tmp_path / "plan"
    shutil.copytree(progress_repo_plan, plan)
    (plan / ".taskplan.toml").write_text("[report]\nreply-days = 10\n", encoding="utf-8")
    r = cli("-C", str(plan), "report", "reminders", "--as-of", AS_OF, "-f", "md", "--unit", "教育局")
    assert "请于 **2020年12月30日** 前报送办理情况。" in r.out


def test_dir_output_writes_one_docx_per_unit_named_by_the_unit(cli, progress_repo_plan, tmp_path):
    out = tmp_path / "催办"
    r = cli("-C", str(progress_repo_plan), "report", "reminders", "--as-of", AS_OF, "-f", "docx", "-o", str(out))
    assert r.code == 0
    written = sorted(p.name for p in out.iterdir())
    assert "催办单-教育局.docx" in written and "催办单-财政局.docx" in written
    assert r.err.splitlines()[0] == f"wrote {out / '催办单-教育局.docx'}"  # most overdue first
    d = docx.Document(str(out / "催办单-教育局.docx"))
    texts = [p.text for p in d.paragraphs if p.text]
    assert texts[:2] == ["催办单", "海城市教育局:"]
    tasks, receipt = d.tables
    assert [c.text for c in tasks.rows[0].cells] == ["编号", "任务", "原定时限", "延期至", "逾期/剩余", "最近填报"]
    assert [r.cells[0].text for r in tasks.rows[1:]] == ["115", "113", "25"]
    assert [r.cells[0].text for r in receipt.rows[1:]] == ["办理单位", "联系人及电话", "办理情况", "预计完成时间", "单位负责人(签字)"]


def test_html_escapes_and_refuses_other_formats(cli, progress_repo_plan):
    r = cli("-C", str(progress_repo_plan), "report", "reminders", "--as-of", AS_OF, "-f", "html", "--unit", "教育局")
    assert r.code == 0 and "<h2>催办单:海城市教育局</h2>" in r.out and "今日到期" in r.out
    r = cli("-C", str(progress_repo_plan), "report", "reminders", "--as-of", AS_OF, "-f", "csv")
    assert (r.code, r.err) == (2, "taskplan: error: report reminders writes docx, md, html, not csv\n")


def test_nothing_due_says_so(cli, progress_repo_plan):
    r = cli("-C", str(progress_repo_plan), "report", "reminders", "--as-of", "2020-01-01", "-f", "md")
    assert (r.code, r.out) == (0, "# 催办单\n\n截至 2020年1月1日,没有逾期或 15 天内到期的任务。\n")


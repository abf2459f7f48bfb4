"""Markdown reports read by a real CommonMark parser (markdown-it-py, GFM tables on): what a reader's
viewer shows, not what the text looks like."""
from __future__ import annotations

import re
from pathlib import Path

from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parents[2]
AS_OF = "2021-01-15"


def parse(text: str):
    return MarkdownIt("commonmark").enable("table").parse(text)


def plain(inline) -> str:
    """The text a viewer shows for an inline token: escapes resolved, soft breaks as newlines, markup dropped."""
    return "".join(c.content if c.type in ("text", "code_inline") else "\n" if c.type == "softbreak" else ""
                   for c in inline.children)


def md(cli, plan: Path, kind: str, *extra: str) -> str:
    r = cli("-C", str(plan), "report", kind, "-f", "md", "--as-of", AS_OF, *extra)
    assert (r.code, r.err) == (0, "")
    return r.out


def test_bulletin_items_render_as_numbered_text_not_empty_bullets(cli, progress_repo_plan):
    tokens = parse(md(cli, progress_repo_plan, "bulletin"))
    # every list item holds a paragraph with its text; none holds a nested ordered list (the "- 113. …" bug)
    items = [i for i, t in enumerate(tokens) if t.type == "list_item_open"]
    assert len(items) > 20
    for i in items:
        assert tokens[i + 1].type == "paragraph_open" and tokens[i + 2].type == "inline" and plain(tokens[i + 2]).strip()
    assert not [t for t in tokens if t.type == "ordered_list_open"]
    overdue = [plain(tokens[i + 2]) for i in items if re.match(r"^\d+\. ", plain(tokens[i + 2]))]
    per_unit = [int(m) for m in re.findall(r"\((\d+) 项\)", " ".join(plain(tokens[i + 1]) for i, t in enumerate(tokens) if t.tag == "h3" and t.type == "heading_open"))]
    assert len(overdue) == sum(per_unit) == 26  # 17 tasks, each under every unit that leads it
    assert "20. 限期完成清偿政府机构、国有企业拖欠民营和中小企业款项的任务。\n原定时限 2020-06-30 → 延期至 2020-12-31,逾期 15 天;最近进展:未填报" in overdue
    assert "113. 推动教育公平发展和质量提升。坚持立德树人。\n原定时限 2020-10-31 → 延期至 2020-12-20,逾期 26 天;最近进展:未填报" in overdue


def test_bulletin_shows_summary_scoreboard_and_headings(cli, progress_repo_plan):
    text = md(cli, progress_repo_plan, "bulletin")
    tokens = parse(text)
    headings = [plain(tokens[i + 1]) for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag in ("h1", "h2")]
    assert headings == ["关于任务推进情况的通报", "一、各单位推进情况", "二、任务状态", "三、红黄绿灯", "四、逾期任务(按牵头单位,共 17 项)",
                        "五、红灯、黄灯任务", "六、按期完成率"]
    paragraphs = [plain(tokens[i + 1]) for i, t in enumerate(tokens) if t.type == "paragraph_open"]
    assert any(p.startswith("截至2021年1月15日,《海城市贯彻落实2020年国务院《政府工作报告》任务分解和责任分工方案》146项任务中,已完成2项,")
               and p.endswith("按期完成率5.3%。") for p in paragraphs)
    heads = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "th_open"]
    assert heads[:7] == ["单位", "牵头任务", "已完成", "推进中", "逾期", "按期完成率", "排名"]
    first_row = []
    for i, t in enumerate(tokens):
        if t.type == "td_open":
            first_row.append(tokens[i + 1].content)
            if len(first_row) == 7:
                break
    assert first_row == ["发改局", "22", "2", "2", "3", "20.0%", "1"]


def test_bulletin_for_a_unit_is_that_units(cli, progress_repo_plan):
    tokens = parse(md(cli, progress_repo_plan, "bulletin", "--unit", "财政局"))
    paragraphs = [plain(tokens[i + 1]) for i, t in enumerate(tokens) if t.type == "paragraph_open"]
    assert any("涉及海城市财政局的43项任务中" in p and "逾期7项,其中财政局牵头的4项。" in p for p in paragraphs)
    h3 = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h3"]
    assert h3 == ["财政局(4 项)"]


def test_plan_headings_are_sections_and_tasks_are_paragraphs(cli):
    tokens = parse(md(cli, ROOT, "plan"))
    headings = [(t.tag, tokens[i + 1].content) for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[0] == ("h1", "海城市贯彻落实2020年国务院《政府工作报告》任务分解和责任分工方案")
    assert [tag for tag, _ in headings[1:]] == ["h2"] * 16
    assert headings[1][1] == "一、全面落实积极财政政策" and headings[-1][1] == "十六、持续加强政府自身建设"
    tasks = [tokens[i + 1] for i, t in enumerate(tokens) if t.type == "paragraph_open"
             and re.match(r"^\*\*\d+\.\*\* ", tokens[i + 1].content)]
    assert [int(t.content[2:].split(".", 1)[0]) for t in tasks] == list(range(1, 147))
    first = [c for c in tasks[0].children if c.type != "text" or c.content]
    assert [c.type for c in first[:3]] == ["strong_open", "text", "strong_close"] and first[1].content == "1."
    assert plain(tasks[0]).startswith("1. 今年赤字率拟按3.6%以上安排")

"""Round trip (issue 2, item 6): `taskplan report --format text` reproduces the source document.

Every one of the 146 task blocks (task line, 牵头单位 / 责任单位 / 落实措施
lines) and every section heading of sources/haicheng-2020.txt must come out
exactly, and so must the front matter.  The source is normalised only by
the joins docs/reports.md documents (section "Round trip"):

* a line that continues the previous one (the document broke a task title
  or a list of measures over two lines) is joined to it;
* white space after a task number ``26. `` or a measure marker ``(3) `` is
  dropped (the records keep the text, not the spacing of the markers).

The rendered output is not normalised at all.
"""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "sources" / "haicheng-2020.txt"

HEADING = re.compile(r"^[一二三四五六七八九十]+、")
TASK = re.compile(r"^(\d+)\.")
STARTS = (HEADING, TASK, re.compile(r"^(牵头领导|牵头单位|责任单位|落实措施):"))


def starts_block_line(line: str) -> bool:
    return any(p.match(line) for p in STARTS)


def normalise_source(text: str) -> list[str]:
    lines: list[str] = []
    in_body = False
    for line in text.split("\n"):
        if HEADING.match(line):
            in_body = True
        if in_body and lines and not starts_block_line(line):
            lines[-1] += line  # a continuation line: the documented join
            continue
        lines.append(line)
    out = []
    for line in lines:
        line = re.sub(r"^(\d+)\.\s+", r"\1.", line)
        line = re.sub(r"\((\d+)\)\s+", r"(\1)", line)
        out.append(line)
    return out


def split(lines: list[str]) -> tuple[list[str], list[str], dict[int, list[str]]]:
    """(front matter lines, section headings, {task id: its block of lines})."""
    front: list[str] = []
    headings: list[str] = []
    blocks: dict[int, list[str]] = {}
    current: list[str] | None = None
    for line in lines:
        if HEADING.match(line):
            headings.append(line)
            current = None
            continue
        m = TASK.match(line)
        if m and headings:
            task_id = int(m.group(1))
            assert task_id not in blocks, f"task {task_id} twice"
            current = blocks[task_id] = [line]
            continue
        if current is None:
            if not headings:
                front.append(line)
            continue
        current.append(line)
    return front, headings, blocks


def test_text_report_reproduces_every_block_of_the_source(cli):
    r = cli("-C", str(ROOT), "report", "--format", "text")
    assert (r.code, r.err) == (0, "")
    assert r.out.endswith("\n") and not r.out.endswith("\n\n")
    expected_front, expected_headings, expected = split(normalise_source(SOURCE.read_text(encoding="utf-8")))
    got_front, got_headings, got = split(r.out.rstrip("\n").split("\n"))

    assert len(expected) == 146 and sorted(expected) == list(range(1, 147))
    assert len(expected_headings) == 16
    assert got_front == expected_front
    assert got_headings == expected_headings
    assert sorted(got) == sorted(expected)
    mismatched = [task_id for task_id in expected if got[task_id] != expected[task_id]]
    assert mismatched == [], "\n".join(
        f"task {i}:\n  source:   {expected[i]}\n  rendered: {got[i]}" for i in mismatched[:3]
    )


def test_the_normalisation_is_only_the_documented_joins():
    """The source needs exactly the joins the docs list — if the importer changes, this tells."""
    raw = SOURCE.read_text(encoding="utf-8").split("\n")
    body = raw[raw.index("一、全面落实积极财政政策"):]
    continuation = [line[:12] for line in body if not starts_block_line(line)]
    assert continuation == ["循市场原则和国际通行规则", "(3)将抚恤金及定期生活", "(4)督促指导各镇(街道"]
    assert [line[:6] for line in body if re.match(r"^\d+\.\s", line)] == ["26. 做好"]
    assert len(re.findall(r"\(\d+\)\s", "\n".join(body))) == 1


def test_measures_of_one_unit_split_by_the_importer_show_the_unit_once(cli):
    """Task 25: "人社局:preface(1)…(4)…" is stored as two 人社局 measures; the document names 人社局 once."""
    r = cli("-C", str(ROOT), "report", "--format", "text", "--section", "5")
    assert r.code == 0
    line = next(x for x in r.out.split("\n") if x.startswith("落实措施:人社局:做好回鞍来鞍"))
    assert line.count("人社局:") == 1
    assert "组织好毕业生就业专场招聘活动。(1)为来鞍回海高校毕业生" in line

"""Conservation: the text captured in the records plus the unused lines equals the source.

Compared as multisets of characters after removing what is *layout*, not text:
white space, punctuation and brackets, numbering markers (一、 （一） 1. （1）),
label words (牵头单位: …) and role words (牵头, 负责, 配合 …), which the records
express as fields.  The lists here are the test's own, not the importer's.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

import yaml

LABELS = (
    "牵头考核单位", "牵头单位", "牵头部门", "主办单位", "责任单位", "责任部门", "配合单位", "配合部门", "协办单位",
    "参与单位", "责任主体", "部门分工", "牵头领导", "责任领导", "分管领导", "分管省领导", "分管市领导", "完成时限",
    "时间节点", "完成时间", "落实措施", "工作措施", "具体措施",
)
ROLE_WORDS = ("按职责分工负责", "按职责分工配合", "会同有关部门", "等有关部门", "等和", "牵头", "负责", "配合", "参与", "会同", "等")
NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[.．、﹒])")
MARKERS = re.compile(r"[(（]\d+[)）]")
DATE_LINE = re.compile(r"^(?:\d{4}年\d{1,2}月\d{1,2}日|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]+月[一二三四五六七八九十]+日)$")


def _chars(text: str) -> Counter:
    text = MARKERS.sub("", text)
    for word in (*LABELS, *ROLE_WORDS):
        text = text.replace(word, "")
    return Counter(ch for ch in text if not ch.isspace() and not unicodedata.category(ch).startswith(("P", "S")))


def source_chars(path: Path, numbered: set[int]) -> Counter:
    """``numbered``: the lines read as headings or task starts, whose number is layout."""
    total: Counter = Counter()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or DATE_LINE.match(line):
            continue  # the date is stored as a date
        total += _chars(NUMBERING.sub("", line) if number in numbered else line)
    return total


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    if isinstance(value, dict):
        return [s for k, v in value.items() if k not in ("number", "date", "source", "recurring") for s in _strings(v)]
    return []


def captured_chars(into: Path, unused_texts: list[str]) -> Counter:
    plan = yaml.safe_load((into / "plan.yaml").read_text(encoding="utf-8"))
    texts = [t for t in unused_texts if not DATE_LINE.match(t)]  # date lines are left out of the source's count too
    texts += _strings({k: v for k, v in plan.items() if k not in ("date", "sections")})
    for section in plan["sections"]:
        if section["title"] != plan["title"]:  # an implicit section repeats the title
            texts += _strings(section)
    for path in sorted((into / "tasks").glob("*.yaml")):
        task = yaml.safe_load(path.read_text(encoding="utf-8"))
        texts += _strings({k: v for k, v in task.items() if k not in ("id", "section", "subsection")})
    total: Counter = Counter()
    for text in texts:
        total += _chars(text)
    return total


def assert_conserved(source: Path, into: Path, summary) -> None:
    """``summary``: of an import with ``readings=True`` (the numbered lines are told by their readings)."""
    assert summary.readings, "import with readings=True"
    starts = re.compile(r"^(?:section \d+|sub-section [\d.]+|task \d+)$")
    numbered = {line.number for line, reading in summary.readings if starts.match(reading)}
    have, want = captured_chars(into, [u.text for u in summary.unused]), source_chars(source, numbered)
    assert have == want, {"missing": dict(want - have), "extra": dict(have - want)}

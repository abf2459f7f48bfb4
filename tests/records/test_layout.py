"""The directly formatted task files are byte for byte what ruamel's dumper writes."""
from __future__ import annotations

from pathlib import Path

import pytest

from taskplan.importer.document import parse_document
from taskplan.records.layout import scalar
from taskplan.records.dump import task_text, task_text_ruamel
from taskplan.importer.source import read_lines
from taskplan.model.records import Deadline, Measure, Task

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = sorted((ROOT / "tests" / "data" / "importer").glob("*.txt")) + [ROOT / "sources" / "haicheng-2020.txt"]


@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda p: p.name)
def test_every_imported_task_file_equals_the_ruamel_dump(doc):
    parsed, _ = parse_document(read_lines(doc), str(doc))
    for task in parsed.tasks:
        assert task_text(task) == task_text_ruamel(task), task.id


AWKWARD = [
    "", " 前导空格", "尾随空格 ", "- 列表", "-负号开头", "?问", ":冒号", "目标: 空格", "末尾冒号:", "末尾冒号：", "井号 #注释", "井#号",
    "'单引号'", "\"双引号\"", "[方括号]", "{花括号}", "逗号,中间", "＆全角", "&锚", "*别名", "!标签", "|竖线", ">大于", "%百分", "@at", "`反引号",
    "2020", "null", "yes", "No", "1.5", "2020-01-01", "~", "abc", "ABC: d", "制表\t符", "\ufeffBOM", "换行\n符", "\x85下一行",
    "全角：冒号；分号（括号）", "数字121人才工程", "5G基站", "“引号”开头", "《书名》开头", "‘单’", "①圈码", "〔2020〕36号",
    "中文 ", "a中文", "中文a", "\u3000全角空格", "emoji😀", "\u2028分隔",
]


@pytest.mark.parametrize("text", AWKWARD)
def test_awkward_strings_are_written_as_ruamel_writes_them(text):
    task = Task(
        id=7, section=2, subsection=1, title=text or "x", leader=[text or "x"], lead=[text or "x", "财政局"], responsible=[text or "x"],
        measures=[Measure(unit=text or None, intro=text or None, items=[text or "x", "第二项"])],
        deadlines=[Deadline(text=text or "x", source="document", recurring=True), Deadline(text="年底前", source="document")],
    )
    assert task_text(task) == task_text_ruamel(task)
    assert scalar(None) == "null"

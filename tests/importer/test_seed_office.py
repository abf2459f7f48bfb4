"""The seed document as an office keeps it — a Word file in full-width punctuation with automatic
numbering, and an Excel 台账 with one row per task — imports to the same records as the text.

Both files are built here from sources/haicheng-2020.txt; the reference is the text import of the
same source.  Records are compared field by field with punctuation width folded (NFKC): the Word
and Excel copies are full-width, the text is half-width.
"""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
import yaml

from .office_builders import office_texts, seed_docx, seed_xlsx
from taskplan.importer import import_document

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "sources" / "haicheng-2020.txt"


def folded(value):
    if isinstance(value, str):
        return unicodedata.normalize("NFKC", value)
    if isinstance(value, list):
        return [folded(v) for v in value]
    if isinstance(value, dict):
        return {k: folded(v) for k, v in value.items()}
    return value


def records(plan_dir: Path) -> tuple[dict, dict[int, dict]]:
    plan = yaml.safe_load((plan_dir / "plan.yaml").read_text(encoding="utf-8"))
    tasks = {int(p.stem): yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((plan_dir / "tasks").glob("*.yaml"))}
    return plan, tasks


@pytest.fixture(scope="module")
def from_text(tmp_path_factory) -> tuple[dict, dict[int, dict]]:
    out = tmp_path_factory.mktemp("text")
    import_document(SOURCE, out)
    return records(out)


def test_seed_as_word_with_full_width_punctuation_and_automatic_numbering(from_text, tmp_path):
    path = seed_docx(SOURCE.read_text(encoding="utf-8"), tmp_path / "haicheng-2020.docx")
    import docx

    paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
    assert "1." not in "".join(p[:2] for p in paragraphs)  # the numbers are Word's, not in the text
    assert sum("，" in p for p in paragraphs) > 100 and not any("," in p for p in paragraphs)

    summary = import_document(path, tmp_path / "out")
    assert (summary.sections, summary.tasks) == (16, 146)
    plan, tasks = records(tmp_path / "out")
    text_plan, text_tasks = from_text
    assert sorted(tasks) == sorted(text_tasks) == list(range(1, 147))
    for number, task in tasks.items():
        expected = text_tasks[number]
        assert sorted(task) == sorted(expected), number
        for key in expected:
            assert folded(task[key]) == folded(expected[key]), (number, key)
    assert folded(plan) == folded(text_plan)


def test_seed_as_an_excel_ledger_with_one_row_per_task(from_text, tmp_path):
    path = seed_xlsx(SOURCE.read_text(encoding="utf-8"), tmp_path / "haicheng-2020.xlsx")
    import openpyxl

    sheet = openpyxl.load_workbook(path).active
    header = [c.value for c in sheet[7]]
    assert header == ["序号", "工作任务", "牵头单位", "责任单位", "落实措施"]
    assert sum(isinstance(c.value, int) for c in sheet["A"]) == 146  # one row per task

    summary = import_document(path, tmp_path / "out")
    assert (summary.sections, summary.tasks) == (16, 146)
    plan, tasks = records(tmp_path / "out")
    text_plan, text_tasks = from_text
    assert sorted(tasks) == sorted(text_tasks) == list(range(1, 147))
    for number, task in tasks.items():
        expected = text_tasks[number]
        assert sorted(task) == sorted(expected), number
        for key in expected:
            assert folded(task[key]) == folded(expected[key]), (number, key)
    assert folded(plan) == folded(text_plan)


def office_chars(texts: list[str]):
    from collections import Counter

    from .conservation import DATE_LINE, NUMBERING, _chars

    total: Counter = Counter()
    for text in texts:
        if not DATE_LINE.match(text):  # the date is stored as a date
            total += _chars(NUMBERING.sub("", text))  # 一、 and 1. are layout
    return total


def assert_office_conserved(path: Path, header: list[str], into: Path, summary, sheet: str | None = None) -> None:
    """Captured text + unused lines == every paragraph and cell of the file (labels and numbering aside)."""
    from .conservation import captured_chars

    have = captured_chars(into, [u.text for u in summary.unused])
    want = office_chars(office_texts(path, header, sheet))
    assert have == want, {"missing": dict(want - have), "extra": dict(have - want)}


def test_conservation_on_the_seed_as_word_and_as_excel(tmp_path):
    text = SOURCE.read_text(encoding="utf-8")
    for path, header in (
        (seed_docx(text, tmp_path / "seed.docx"), []),
        (seed_xlsx(text, tmp_path / "seed.xlsx"), ["序号", "工作任务", "牵头单位", "责任单位", "落实措施"]),
    ):
        out = tmp_path / path.suffix[1:]
        summary = import_document(path, out)
        assert_office_conserved(path, header, out, summary)

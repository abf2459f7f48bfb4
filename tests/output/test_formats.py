import json
import re

import pytest

from taskplan.errors import UsageError
from taskplan.output.formats import FORMATS, Column, FormatOptions, Part, View, render
from taskplan.model.text import display_width

COLS = [Column("id", "编号", numeric=True), Column("title", "任务", wrap=True), Column("lead", "牵头单位"),
        Column("extra", "措施", formats=frozenset({"csv"}))]
ROWS = [
    {"id": 1, "title": "稳就业|保民生", "lead": ["财政局", "发改局"], "extra": "a,b"},
    {"id": 12, "title": "Ab", "lead": [], "extra": 'say "hi"\nbye'},
]
VIEW = View([Part(COLS, ROWS)], {"tasks": [1, 12]}, ["1", "12"], footer="2 tasks")


def test_formats_registry():
    assert list(FORMATS) == ["table", "json", "csv", "md", "ids"]


def test_plain_table_aligns_by_display_width():
    assert render(VIEW, "table") == (
        "编号  任务           牵头单位\n"
        "----  -------------  --------------\n"
        "   1  稳就业|保民生  财政局、发改局\n"
        "  12  Ab\n"
        "\n"
        "2 tasks\n"
    )


def test_plain_table_empty_part():
    view = View([Part(COLS, [], title="牵头"), Part(COLS, [], empty=None)], {}, [], footer="0 tasks")
    assert render(view, "table") == "牵头\n(none)\n0 tasks\n"


def test_md_escapes_pipes_and_newlines():
    view = View([Part(COLS, ROWS, title="T")], {}, None, footer="2 tasks")
    assert render(view, "md") == (
        "### T\n\n"
        "| 编号 | 任务 | 牵头单位 |\n"
        "|---:|---|---|\n"
        "| 1 | 稳就业\\|保民生 | 财政局、发改局 |\n"
        "| 12 | Ab |  |\n"
        "\n2 tasks\n"
    )


def test_csv_quotes_and_bom():
    expected = '编号,任务,牵头单位,措施\n1,稳就业|保民生,财政局、发改局,"a,b"\n12,Ab,,"say ""hi""\nbye"\n'
    assert render(VIEW, "csv") == expected
    assert render(VIEW, "csv", FormatOptions(excel=True)) == "\ufeff" + expected
    two = View([Part(COLS[:1], ROWS[:1]), Part(COLS[:1], ROWS[1:])], {}, None)
    assert render(two, "csv") == "编号\n1\n\n编号\n12\n"


def test_json_envelope_keeps_chinese():
    text = render(VIEW, "json")
    assert json.loads(text) == {"schema_version": 1, "tasks": [1, 12]}
    assert "\\u" not in render(View([], {"名": "财政局"}), "json")


def test_ids():
    assert render(VIEW, "ids") == "1\n12\n"
    with pytest.raises(UsageError) as exc:
        render(View([], {}, None), "ids")
    assert str(exc.value) == "--format ids is not available here (use table, json, csv or md)"


def test_unknown_format():
    with pytest.raises(UsageError) as exc:
        render(VIEW, "xml")
    assert str(exc.value) == 'unknown format "xml" (use one of table, json, csv, md, ids)'


def test_terminal_table_wraps_long_titles_to_the_terminal():
    long = "一定要让市场主体和人民群众有真真切切的感受。" * 4
    view = View([Part(COLS, [{"id": 7, "title": long, "lead": ["财政局"]}])], {}, ["7"])
    text = render(view, "table", FormatOptions(terminal=True, width=60))
    plain = re.sub(r"\x1b\[[0-9;]*m", "", text)
    assert max(display_width(line) for line in plain.split("\n")) <= 60
    squeezed = re.sub(r"\s|-", "", plain)
    assert squeezed.startswith("编号任务牵头单位7")
    # the title wraps over several lines and loses no character
    assert squeezed.replace("编号任务牵头单位", "").replace("财政局", "") == "7" + long
    assert len(plain.strip("\n").split("\n")) >= 5


def test_display_width_agrees_with_rich_on_every_character_of_the_plan():
    from rich.cells import cell_len as cell_width  # the reference implementation

    from conftest import ROOT

    text = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "tasks").glob("*.yaml")))
    text += (ROOT / "units.yaml").read_text(encoding="utf-8") + (ROOT / "sources" / "haicheng-2020.txt").read_text(encoding="utf-8")
    chars = sorted(set(text) - {"\n", "\r", "\t"})
    assert len(chars) > 1000
    assert [c for c in chars if cell_width(c) != display_width(c)] == []
    assert cell_width("稳就业3.6%（一）") == display_width("稳就业3.6%（一）") == 16


def test_json_layout_one_element_per_line():
    view = View([], {"count": 2, "tasks": [{"id": 1, "lead": ["财政局"]}, {"id": 2, "lead": []}], "unit": {"name": "x"},
                     "empty": []})
    assert render(view, "json") == (
        "{\n"
        '  "schema_version": 1,\n'
        '  "count": 2,\n'
        '  "tasks": [\n'
        '    {"id": 1, "lead": ["财政局"]},\n'
        '    {"id": 2, "lead": []}\n'
        "  ],\n"
        '  "unit": {"name": "x"},\n'
        '  "empty": []\n'
        "}\n"
    )

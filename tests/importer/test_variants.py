"""Each layout the genre uses, on small documents written for the test (tests/data/importer/).

Every document exists twice: with half-width punctuation (``name.txt``) and
with full-width punctuation (``name.fw.txt``).  The expected records below
are written for the half-width text; ``fw()`` gives the full-width
expectation (the record keeps the document's own punctuation).
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from taskplan.importer import import_document
from taskplan.model.registry import Resolver
from taskplan.store.load import load_plan

DATA = Path(__file__).resolve().parents[1] / "data" / "importer"
WIDTHS = ["half", "full"]
_FULL = str.maketrans(",:;()", "\uff0c\uff1a\uff1b\uff08\uff09")


def fw(value):
    """The full-width twin of an expected value."""
    if isinstance(value, str):
        return value.translate(_FULL)
    if isinstance(value, list):
        return [fw(v) for v in value]
    if isinstance(value, dict):
        return {k: fw(v) for k, v in value.items()}
    return value


def source(name: str, width: str) -> Path:
    return DATA / (f"{name}.txt" if width == "half" else f"{name}.fw.txt")


def expect(value, width: str):
    return value if width == "half" else fw(value)


def run(tmp_path: Path, name: str, width: str, **kwargs):
    into = tmp_path / "plan"
    summary = import_document(source(name, width), into, **kwargs)
    return into, summary


def records(into: Path) -> tuple[dict, list[dict]]:
    plan = yaml.safe_load((into / "plan.yaml").read_text(encoding="utf-8"))
    tasks = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((into / "tasks").iterdir())]
    return plan, tasks


def test_full_width_documents_are_the_twins_of_the_half_width_ones():
    halves = [p for p in sorted(DATA.glob("*.txt")) if not p.name.endswith(".fw.txt")]
    assert halves and len(halves) == len(list(DATA.glob("*.fw.txt")))  # every document has its twin
    for half in halves:
        text = half.read_text(encoding="utf-8")
        twin = re.sub(r"(?m)^(\d+)\.(?!\d)", "\\1\uff0e", text.translate(_FULL))
        assert (DATA / f"{half.stem}.fw.txt").read_text(encoding="utf-8") == twin


# --- layout: front matter, page noise, headings, sub-headings, numbering, continuation lines

LAYOUT_PLAN = {
    "title": "示例市落实重点工作任务分工方案",
    "issuer": "示例市人民政府",
    "date": dt.date(2021, 3, 5),
    "addressees": "各镇人民政府、街道办事处,市政府各部门:",
    "preamble": "现将《示例市落实重点工作任务分工方案》印发给你们,请认真贯彻落实。",
    "note": "(此文件公开发布)",
    "sections": [
        {"number": 1, "title": "稳定经济运行", "sections": [{"number": 1, "title": "扩大有效投资"}, {"number": 2, "title": "促进消费"}]},
        {"number": 2, "title": "保障基本民生"},
    ],
}
LAYOUT_TASKS = [
    {
        "id": 1, "section": 1, "subsection": 1,
        "title": "加快重大项目建设,全年完成投资100亿元。",
        "lead": ["发改局"], "responsible": ["财政局", "各镇(街道)"],
        "measures": [{"unit": None, "items": ["建立项目库。", "每月调度一次。"]}],
    },
    {
        "id": 2, "section": 1, "subsection": 2, "title": "开展促消费活动。",
        "lead": ["商务局"], "responsible": [],
        "measures": [{"unit": None, "items": ["发放消费券。", "举办车展。"]}],
    },
    {
        "id": 3, "section": 2, "title": "做好就业工作。", "lead": ["人社局"], "responsible": [],
        # "5.31前…" starts a line but is not task 4: numbers must run on
        "measures": [{"unit": None, "items": ["全年新增就业1000人,5.31前完成摸底。"]}],
    },
    {"id": 4, "section": 2, "title": "做好社会救助。", "lead": ["民政局"], "responsible": [], "measures": []},
]


@pytest.mark.parametrize("width", WIDTHS)
def test_layout(tmp_path, width):
    into, summary = run(tmp_path, "layout", width)
    plan, tasks = records(into)
    assert plan == expect(LAYOUT_PLAN, width)
    assert tasks == expect(LAYOUT_TASKS, width)
    assert sorted(p.name for p in (into / "tasks").iterdir()) == ["001.yaml", "002.yaml", "003.yaml", "004.yaml"]
    # the letterhead line before the addressees is reported, not silently used
    assert summary.ignored_lines == [3]
    assert (summary.sections, summary.subsections, summary.tasks, summary.unclassified) == (2, 2, 4, [])


def test_task_file_layout_is_exact(tmp_path):
    into, _ = run(tmp_path, "layout", "half")
    assert (into / "tasks" / "001.yaml").read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../docs/schema/task.schema.json\n"
        "id: 1\n"
        "section: 1\n"
        "subsection: 1\n"
        "title: 加快重大项目建设,全年完成投资100亿元。\n"
        "lead: [发改局]\n"
        "responsible: [财政局, 各镇(街道)]\n"
        "measures:\n"
        "  - unit: null\n"
        "    items:\n"
        "      - 建立项目库。\n"
        "      - 每月调度一次。\n"
    )
    assert (into / "tasks" / "004.yaml").read_text(encoding="utf-8").endswith("responsible: []\nmeasures: []\n")


def test_fresh_units_yaml_from_the_builtin_table(tmp_path):
    into, summary = run(tmp_path, "layout", "half")
    assert (into / "units.yaml").read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=docs/schema/units.schema.json\n"
        "units:\n"
        "  - name: 发改局\n"
        "    full_name: 示例市发展和改革局\n"
        "    kind: 市直部门\n"
        "    aliases: [发展和改革局, 发展改革局, 市发改局]\n"
        "  - name: 财政局\n"
        "    full_name: 示例市财政局\n"
        "    kind: 市直部门\n"
        "    aliases: [市财政局]\n"
        "  - name: 商务局\n"
        "    full_name: 示例市商务局\n"
        "    kind: 市直部门\n"
        "    aliases: [市商务局]\n"
        "  - name: 人社局\n"
        "    full_name: 示例市人力资源和社会保障局\n"
        "    kind: 市直部门\n"
        "    aliases: [人力资源和社会保障局, 市人社局]\n"
        "  - name: 民政局\n"
        "    full_name: 示例市民政局\n"
        "    kind: 市直部门\n"
        "    aliases: [市民政局]\n"
        "groups:\n"
        "  - name: 镇(街道)\n"
        "    aliases: [各镇(街道), 各镇区(街道), 各属地镇(街道), 相关镇(街道), 各相关镇(街道), 各镇区]\n"
        "    members: []\n"
    )
    assert summary.units == ["发改局", "财政局", "各镇(街道)", "商务局", "人社局", "民政局"]


@pytest.mark.parametrize("width", WIDTHS)
def test_every_name_resolves_and_records_load(tmp_path, width):
    for name in ("layout", "roles_in_parentheses", "prose_roles", "first_listed", "per_unit_measures"):
        into = tmp_path / f"{name}-{width}"
        import_document(source(name, width), into)
        loaded = load_plan(into, use_cache=False)
        assert loaded.problems == []
        resolver = Resolver(loaded.registry)
        assert resolver.clashes == []
        for task in loaded.tasks:
            for _, unit in task.units():
                assert resolver.resolve(unit) is not None, (name, unit)


# --- roles in parentheses after the task; 配合单位 / 协办单位; names with parentheses; , ; separators

@pytest.mark.parametrize("width", WIDTHS)
def test_roles_in_parentheses(tmp_path, width):
    into, summary = run(tmp_path, "roles_in_parentheses", width)
    plan, tasks = records(into)
    assert plan == {
        "title": "示例市分解落实政府工作报告重点工作任务方案",
        "issuer": None, "date": None, "addressees": None, "preamble": None, "note": None,
        "sections": [{"number": 1, "title": "推动创新发展"}],
    }
    assert tasks == expect(
        [
            {"id": 1, "section": 1, "title": "加快科技成果转化。", "lead": ["市发改委", "经贸委"], "responsible": ["市科技局"], "measures": []},
            {"id": 2, "section": 1, "title": "培育新兴产业。", "lead": ["市财政局"], "responsible": ["市科技局", "各镇(街道)"], "measures": []},
            {
                "id": 3, "section": 1, "title": "清偿拖欠企业账款。", "lead": ["工信局", "财政局"],
                "responsible": ["市直欠款部门(含政府平台公司)", "各镇(街道)"], "measures": [],
            },
        ],
        width,
    )
    # names the importer cannot classify are listed, never guessed
    assert summary.unclassified == expect(["市发改委", "经贸委", "市科技局", "市直欠款部门(含政府平台公司)"], width)
    kinds = {u["name"]: u["kind"] for u in yaml.safe_load((into / "units.yaml").read_text(encoding="utf-8"))["units"]}
    assert kinds[expect("市直欠款部门(含政府平台公司)", width)] == "未分类"
    assert kinds["财政局"] == "市直部门"


# --- prose roles and leader lines

@pytest.mark.parametrize("width", WIDTHS)
def test_prose_roles_and_leaders(tmp_path, width):
    into, summary = run(tmp_path, "prose_roles", width)
    _, tasks = records(into)
    assert tasks == expect(
        [
            {"id": 1, "section": 1, "title": "稳就业。", "leader": ["王某某"], "lead": ["省发展改革委"], "responsible": ["各地", "各部门"], "measures": []},
            {
                "id": 2, "section": 1, "title": "稳金融。", "leader": ["李某某"],
                "lead": ["省财政厅", "省地方金融监管局"], "responsible": ["人民银行某某中心支行"],
                "measures": [{"unit": "省财政厅", "items": ["加大投放。"]}, {"unit": "省地方金融监管局", "items": ["防范风险。"]}],
            },
        ],
        width,
    )
    assert list((into / "tasks" / "001.yaml").read_text(encoding="utf-8").splitlines())[3:5] == ["title: 稳就业。", "leader: [王某某]"]


def test_prose_roles_without_a_role_word_are_reported_not_guessed(tmp_path, cli):
    doc = tmp_path / "doc.txt"
    doc.write_text("方案\n一、任务\n1.稳就业。\n部门分工:省发展改革委,各地。\n2.稳金融。\n牵头单位:省财政厅\n", encoding="utf-8")
    r = cli("import", str(doc), "--into", str(tmp_path / "out"))
    # the other task is imported; the text nobody could read is listed with its place; exit 1
    assert r.code == 1
    assert r.out.splitlines()[-5:] == [
        "  tasks without lead (written with lead: []): 1",
        "  unused lines: 2",
        f"  {doc}:4: task 1: role text not understood [task text?]: 省发展改革委",
        f"  {doc}:4: task 1: role text not understood [task text?]: 各地。",
        "  incomplete: text that looks like task content was left unused (marked [task text?]); task(s) 1 name no unit; "
        "the records were written, fix the document or the records",
    ]
    assert (tmp_path / "out" / "tasks" / "002.yaml").exists()


# --- only 责任单位 lines, with the rule "列第一位者为牵头…"

@pytest.mark.parametrize("width", WIDTHS)
def test_first_listed_unit_leads_when_the_document_says_so(tmp_path, width):
    into, _ = run(tmp_path, "first_listed", width)
    _, tasks = records(into)
    assert tasks == [
        {"id": 1, "section": 1, "title": "深化放管服改革。", "lead": ["县政务服务中心"], "responsible": ["县市场监管局"], "measures": []},
        {"id": 2, "section": 1, "title": "推进信用体系建设。", "lead": ["县发展改革局"], "responsible": [], "measures": []},
        {"id": 3, "section": 1, "title": "压减审批时限。", "lead": ["县政务服务中心"], "responsible": [], "measures": []},
    ]


@pytest.mark.parametrize("width", WIDTHS)
def test_without_the_rule_a_task_without_lead_is_kept_and_reported(tmp_path, cli, width):
    text = source("first_listed", width).read_text(encoding="utf-8")
    text = re.sub("[(\uff08]列第一位者为牵头或汇总单位[,\uff0c]下同[)\uff09]", "", text)
    doc = tmp_path / "no-rule.txt"
    doc.write_text(text, encoding="utf-8")
    r = cli("import", str(doc), "--into", str(tmp_path / "out"))
    # every task has units (responsible), so everything was placed: exit 0, one warning per task
    assert r.code == 0
    assert r.err.splitlines() == [
        f"{doc}:{line}:1: warning TP804 task {n} names no lead unit (lead: []); add 牵头单位 to the record, or state the rule 列第一位者为牵头单位"
        for n, line in ((1, 3), (2, 5), (3, 6))
    ]
    assert "  tasks without lead (written with lead: []): 1, 2, 3" in r.out.splitlines()
    _, tasks = records(tmp_path / "out")
    assert [(t["lead"], t["responsible"]) for t in tasks] == [
        ([], ["县政务服务中心", "县市场监管局"]), ([], ["县发展改革局"]), ([], ["县政务服务中心"]),
    ]
    r = cli("-C", str(tmp_path / "out"), "check", "--select", "TP208")
    assert r.code == 1 and r.out.count("error TP208") == 3


# --- per-unit measures: split only where the prefix is a unit

PER_UNIT_FRESH = [
    [
        {"unit": "财政局", "items": ["及时调整预算。", "保障资金。"]},
        {"unit": "人社局", "items": ["目标:降费1亿元。措施:做到三有:有方案、有台账、有督查。"]},
        # not on the task, but a unit the built-in table knows
        {"unit": "税务局", "items": ["严格执行政策。"]},
    ],
    # 科技局 is neither on the task nor known: not split
    [{"unit": None, "items": ["食品方面:开展抽检。药品方面:开展检查。社会宣传方面:发放手册。科技局:配合检查。"]}],
    [
        {"unit": "残联", "items": ["大力维护残疾人合法权益:依法维护。"]},
        {"unit": "营商局", "intro": "完成6项指标,6项指标内容分别是:", "items": ["开办企业;", "获得电力。"]},
    ],
]


@pytest.mark.parametrize("width", WIDTHS)
def test_per_unit_measures(tmp_path, width):
    into, _ = run(tmp_path, "per_unit_measures", width)
    _, tasks = records(into)
    assert [t["measures"] for t in tasks] == expect(PER_UNIT_FRESH, width)


REGISTRY = """\
units:
  - {name: 财政局, full_name: null, kind: 市直部门, aliases: []}
  - {name: 人社局, full_name: null, kind: 市直部门, aliases: []}
  - {name: 市场局, full_name: null, kind: 市直部门, aliases: []}
  - {name: 残联, full_name: null, kind: 群团组织, aliases: []}
  - {name: 科技局, full_name: 示例市科学技术局, kind: 市直部门, aliases: []}
groups: []
"""


@pytest.mark.parametrize("width", WIDTHS)
def test_per_unit_measures_with_the_directory_registry(tmp_path, width):
    into = tmp_path / "plan"
    into.mkdir()
    (into / "units.yaml").write_text(REGISTRY, encoding="utf-8")
    summary = import_document(source("per_unit_measures", width), into)
    _, tasks = records(into)
    measures = [t["measures"] for t in tasks]
    # the registry knows 科技局 (split) but not 税务局 / 营商局 (kept in the text)
    assert measures[1] == expect(
        [{"unit": None, "items": ["食品方面:开展抽检。药品方面:开展检查。社会宣传方面:发放手册。"]}, {"unit": "科技局", "items": ["配合检查。"]}],
        width,
    )
    assert measures[0][-1] == expect({"unit": "人社局", "items": ["目标:降费1亿元。措施:做到三有:有方案、有台账、有督查。税务局:严格执行政策。"]}, width)
    assert measures[2] == expect(
        [{"unit": "残联", "intro": "大力维护残疾人合法权益:依法维护。营商局:完成6项指标,6项指标内容分别是:", "items": ["开办企业;", "获得电力。"]}],
        width,
    )
    # the curated registry is kept as it was: nothing new to add
    assert summary.registry_kept and summary.added == []
    assert (into / "units.yaml").read_text(encoding="utf-8") == REGISTRY


def test_crlf_and_ideographic_indentation_are_layout(tmp_path):
    text = source("layout", "half").read_text(encoding="utf-8")
    doc = tmp_path / "crlf.txt"
    doc.write_bytes("\r\n".join("\u3000\u3000" + line + "  " for line in text.split("\n")).encode("utf-8"))
    import_document(doc, tmp_path / "plan")
    plan, tasks = records(tmp_path / "plan")
    assert (plan, tasks) == (LAYOUT_PLAN, LAYOUT_TASKS)

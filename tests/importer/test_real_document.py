"""The committed records of the repo's own plan against sources/haicheng-2020.txt.

Expected titles and roles come from a deliberately simple reading of the
source written here (line prefixes and 、), not from the importer.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from taskplan.model.registry import Resolver
from taskplan.store.load import load_plan
from taskplan.model.text import name_key

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "sources" / "haicheng-2020.txt"
CN = "一二三四五六七八九十"


def read_source() -> tuple[list[str], dict[int, dict]]:
    """(section titles, {id: {section, title, lead, responsible, measures}}) read straight from the text."""
    sections: list[str] = []
    tasks: dict[int, dict] = {}
    current = None
    field = None
    for line in SOURCE.read_text(encoding="utf-8").split("\n"):
        heading = re.match(rf"^([{CN}]+)、(.+)$", line)
        if heading:
            sections.append(heading.group(2))
            current = field = None
            continue
        task = re.match(r"^(\d+)\.\s*(.*)$", line)
        if task and int(task.group(1)) == len(tasks) + 1:
            current = {"section": len(sections), "title": task.group(2), "lead": [], "responsible": [], "measures": ""}
            tasks[int(task.group(1))] = current
            field = "title"
            continue
        if sections and current is None:
            continue
        if line.startswith("牵头单位:"):
            current["lead"] = line[len("牵头单位:"):].split("、")
            field = "lead"
        elif line.startswith("责任单位:"):
            current["responsible"] = line[len("责任单位:"):].split("、")
            field = "responsible"
        elif line.startswith("落实措施:"):
            current["measures"] = line[len("落实措施:"):]
            field = "measures"
        elif current is not None:
            assert field in ("title", "measures"), f"unexpected continuation of {field}: {line}"
            current[field] += line
    return sections, tasks


SECTIONS, EXPECTED = read_source()


@pytest.fixture(scope="module")
def loaded():
    plan = load_plan(ROOT, use_cache=False)
    assert plan.problems == []
    return plan


def test_source_reading_is_sane():
    # guards the reading above: the document states 146 tasks in 16 sections
    assert len(SECTIONS) == 16
    assert sorted(EXPECTED) == list(range(1, 147))


def test_one_file_per_task_named_by_id():
    names = sorted(p.name for p in (ROOT / "tasks").iterdir())
    assert names == [f"{i:03d}.yaml" for i in range(1, 147)]


def test_sections(loaded):
    assert [s.number for s in loaded.plan.sections] == list(range(1, 17))
    assert [s.title for s in loaded.plan.sections] == SECTIONS
    assert all(s.sections == [] for s in loaded.plan.sections)


def test_front_matter(loaded):
    plan = loaded.plan
    assert plan.title == "海城市贯彻落实2020年国务院《政府工作报告》任务分解和责任分工方案"
    assert plan.issuer == "海城市人民政府"
    assert plan.date.isoformat() == "2020-07-24"
    assert plan.addressees == "各开发区管委会,各镇人民政府、街道办事处,市政府各部门:"
    assert plan.preamble == "现将《海城市贯彻落实2020年国务院<政府工作报告>任务分解和责任分工方案》印发给你们,请认真贯彻落实。"
    assert plan.note == "(此文件公开发布)"


@pytest.mark.parametrize("task_id", range(1, 147))
def test_title_and_roles_equal_the_document(loaded, task_id):
    task = loaded.task(task_id)
    want = EXPECTED[task_id]
    assert task.section == want["section"]
    assert task.title == want["title"]
    assert task.lead == want["lead"]
    assert task.responsible == want["responsible"]
    assert task.leader == [] and task.subsection is None


@pytest.mark.parametrize("task_id", range(1, 147))
def test_measures_keep_every_character(loaded, task_id):
    """Writing the measures back (unit prefix, (n) markers) gives the document's 落实措施 text."""
    out, previous = "", object()
    for measure in loaded.task(task_id).measures:
        if measure.unit is not None and measure.unit != previous:
            out += measure.unit + ":"
        previous = measure.unit
        items = measure.items
        numbered = len(items) > 1 or measure.intro is not None
        out += (measure.intro or "") + ("".join(f"({i}){item}" for i, item in enumerate(items, 1)) if numbered else items[0])
    # the one liberty: white space right after a marker "(3) 全面…" belongs to the marker
    assert out == re.sub(r"(\(\d+\))\s+", r"\1", EXPECTED[task_id]["measures"])


def _units(task):
    return [(m.unit, m.items) for m in task.measures]


def test_task_4_measures_per_unit_and_doubled_full_stop(loaded):
    measures = _units(loaded.task(4))
    assert [unit for unit, _ in measures] == ["公安局", "发改局", "商务局"]
    assert len(measures[0][1]) == 2 and measures[0][1][0].startswith("加强与各银行机构点对点对接")
    assert measures[1][1] == ["积极协调各责任部门做好相关领域工作,有效防范化解经济领域和科技领域重大风险。"]
    # the record is the document: the doubled 。 stays
    assert measures[2][1] == ["完成上级下达的指标任务。。"]


def test_food_and_drug_are_not_units(loaded):
    assert _units(loaded.task(128)) == [
        (None, ["食品方面:工作方案、工作总结和相关工作统计表。药品方面:工作方案、工作总结、工作情况统计表。"])
    ]


def test_goal_and_measure_labels_are_not_units(loaded):
    (unit, items), = _units(loaded.task(82))
    assert unit is None
    assert items[0].startswith("目标:培育家庭农场100家。措施:登记在册农场") and items[0].count("目标:") == 2
    (unit, items), _ = _units(loaded.task(20))
    assert unit == "工信局" and "。措施:一是制定工作任务" in items[0]


def test_other_labels_stay_in_the_text(loaded):
    assert "做到三有:有疫情防控安全预案" in _units(loaded.task(114))[0][1][0]
    task117 = " ".join(i for _, items in _units(loaded.task(117)) for i in items)
    assert "社会宣传方面:加大电子显示屏" in task117 and "网络宣传方面:" in task117
    disabled = dict((u, i) for u, i in _units(loaded.task(137)))
    assert list(disabled) == ["妇联", "团市委", "残联", "卫健局"]
    assert disabled["残联"][0].startswith("大力维护残疾人合法权益:通过依托政府8890")
    yingshang = [m for m in loaded.task(32).measures if m.unit == "营商局"]
    assert len(yingshang) == 1
    assert yingshang[0].intro == "为营造便利化、国际化、法治化营商环境,配合鞍山市政府做好营商环境第三方评估工作,海城市需要高标准完成6项配合指标,6项指标内容分别是:"
    assert yingshang[0].items[:2] == ["开办企业;", "办理建筑许可;"]


def test_short_unit_names_in_measures(loaded, resolver):
    measures = _units(loaded.task(120))
    assert [u for u, _ in measures] == ["宣传部", "文旅局"]
    assert resolver.resolve("宣传部").name == "市委宣传部"
    assert [u for u, _ in _units(loaded.task(143))] == ["政府办", "司法局"]
    assert resolver.resolve("政府办").name == "市政府办"


def test_items_on_lines_of_their_own(loaded):
    assert _units(loaded.task(130)) == [
        (
            None,
            [
                "根据国家及省市有关要求,及时出台海城市提标文件,进一步提高全市各类优抚对象抚恤及定期生活补助标准。",
                "协调财政局落实提高标准所需资金。",
                "将抚恤金及定期生活补助金打入优抚对象个人账户。",
                "督促指导各镇(街道)退役军人服务站抓好优抚政策的落实。",
            ],
        )
    ]


def test_task_broken_over_two_lines_is_joined(loaded):
    assert loaded.task(93).title == "高质量共建“一带一路”。坚持共商共建共享,遵循市场原则和国际通行规则,发挥企业主体作用,开展互惠互利合作。"


def test_lead_in_before_numbered_items_is_the_intro_of_one_block(loaded):
    (block,) = loaded.task(93).measures
    assert block.intro == "借助市场采购贸易方式试点契机。发挥海城开放桥头堡作用,积极融入“一带一路”综合试验区建设,在国际疫情得到控制的前提下,"
    assert len(block.items) == 5


@pytest.mark.parametrize("task_id", [25, 32, 93, 96, 141])
def test_one_block_per_unit_in_the_tasks_that_had_several(loaded, task_id):
    units = [m.unit for m in loaded.task(task_id).measures]
    assert len(units) == len(set(units)), units
    assert any(m.intro for m in loaded.task(task_id).measures)


@pytest.fixture(scope="module")
def resolver(loaded):
    return Resolver(loaded.registry)


def test_every_unit_resolves_to_exactly_one_entry(loaded, resolver):
    assert resolver.clashes == []
    spellings: dict[str, str] = {}
    for entry in resolver.entries.values():
        for spelling in (entry.name, entry.full_name, *entry.aliases):
            if spelling:
                key = name_key(spelling)
                assert spellings.setdefault(key, entry.name) == entry.name, f"{spelling} names {spellings[key]} and {entry.name}"
    for task in loaded.tasks:
        for role, name in task.units():
            assert resolver.resolve(name) is not None, f"task {task.id}: {role} {name} is not in units.yaml"


def test_registry_is_curated(loaded, resolver):
    kinds = {u.name: u.kind for u in loaded.registry.units}
    assert "未分类" not in kinds.values()
    assert resolver.resolve("市场监督管理局").name == "市场局"
    assert resolver.resolve("市场监管局").name == "市场局"
    assert resolver.resolve("各镇区(街道)").name == "镇(街道)"
    assert resolver.resolve("各属地镇(街道)").name == "镇(街道)"
    assert resolver.resolve("各镇（街道）").name == "镇(街道)"
    assert resolver.resolve("中国人民银行海城支行").name == resolver.resolve("人民银行海城支行").name
    towns = resolver.resolve("镇(街道)").members
    # every 镇 / 街道 the document names is a member
    text = SOURCE.read_text(encoding="utf-8")
    for town in ("西柳镇", "南台镇", "牌楼镇", "牛庄镇", "毛祁镇", "中小镇", "英落镇", "验军街道"):
        assert town in text and town in towns
    assert kinds["西柳镇"] == "镇(街道)" and kinds["海城经济开发区"] == "开发区"
    assert kinds["团市委"] == "群团组织" and kinds["税务局"] == "中省直单位" and kinds["中国移动"] == "企业"


def test_reimport_reproduces_the_committed_records(tmp_path, cli):
    shutil.copy(ROOT / "units.yaml", tmp_path / "units.yaml")
    r = cli("import", str(SOURCE), "--into", str(tmp_path))
    assert r.code == 0, r.err
    for rel in ["plan.yaml", "units.yaml", *(f"tasks/{i:03d}.yaml" for i in range(1, 147))]:
        assert (tmp_path / rel).read_bytes() == (ROOT / rel).read_bytes(), rel
    assert sorted(p.name for p in (tmp_path / "tasks").iterdir()) == [f"{i:03d}.yaml" for i in range(1, 147)]


def test_make_import_source_keeps_the_curation(tmp_path, cli):
    """What `make import-source` does (--force over the existing records) changes nothing."""
    for rel in ("plan.yaml", "units.yaml", "tasks"):
        src = ROOT / rel
        (shutil.copytree if src.is_dir() else shutil.copy)(src, tmp_path / rel)
    r = cli("import", str(SOURCE), "--into", str(tmp_path), "--force")
    assert r.code == 0, r.err
    assert "units.yaml: kept the existing registry; added 0 new name(s)" in r.out
    assert (tmp_path / "units.yaml").read_bytes() == (ROOT / "units.yaml").read_bytes()
    assert (tmp_path / "tasks" / "093.yaml").read_bytes() == (ROOT / "tasks" / "093.yaml").read_bytes()


def test_files_are_plain_utf8_lf_unfolded():
    assert len(list((ROOT / "tasks").iterdir())) == 146
    for path in [ROOT / "plan.yaml", ROOT / "units.yaml", *sorted((ROOT / "tasks").iterdir())]:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
        assert "\r" not in text and "\\u" not in text and raw.endswith(b"\n"), path
        assert not raw.startswith(b"\xef\xbb\xbf"), path
    # the longest title is on one line
    longest = max(EXPECTED.values(), key=lambda t: len(t["title"]))["title"]
    assert any(line == f"title: {longest}" for p in (ROOT / "tasks").iterdir() for line in p.read_text(encoding="utf-8").splitlines())


def test_task_files_start_with_the_schema_line_and_keep_key_order():
    paths = sorted((ROOT / "tasks").iterdir())
    assert len(paths) == 146
    for path in paths:
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0] == "# yaml-language-server: $schema=../docs/schema/task.schema.json"
        keys = [line.split(":")[0] for line in lines[1:] if line and not line.startswith(" ")]
        assert keys == ["id", "section", "title", "lead", "responsible", "measures"], path

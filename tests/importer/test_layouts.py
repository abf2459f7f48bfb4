"""One document per layout of the genre (tests/data/importer/, half- and full-width twins):
the facts of each, and conservation (captured text + unused lines == source) on every document."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
import yaml

from taskplan.importer import import_document

sys.path.insert(0, str(Path(__file__).parent))
from conservation import assert_conserved  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "data" / "importer"
WIDTHS = ["half", "full"]
_FULL = str.maketrans(",:;()", "\uff0c\uff1a\uff1b\uff08\uff09")
DOCUMENTS = sorted(p.stem for p in DATA.glob("*.txt") if not p.name.endswith(".fw.txt"))


def fw(value):
    if isinstance(value, str):
        return value.translate(_FULL)
    if isinstance(value, list):
        return [fw(v) for v in value]
    if isinstance(value, dict):
        return {k: fw(v) for k, v in value.items()}
    return value


def run(tmp_path: Path, name: str, width: str):
    source = DATA / (f"{name}.txt" if width == "half" else f"{name}.fw.txt")
    into = tmp_path / "plan"
    summary = import_document(source, into, readings=True)  # the tests look at how lines were read
    plan = yaml.safe_load((into / "plan.yaml").read_text(encoding="utf-8"))
    tasks = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((into / "tasks").iterdir())]
    return source, into, summary, plan, tasks


def roles(tasks):
    return [(t["id"], t["section"], t.get("subsection"), t["title"], t.get("leader", []), t["lead"], t["responsible"]) for t in tasks]


def unused(summary):
    return [(u.line.number, u.text, u.task_like) for u in summary.unused]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", DOCUMENTS)
def test_conservation(tmp_path, name, width):
    source, into, summary, _, _ = run(tmp_path, name, width)
    assert_conserved(source, into, summary)


def test_conservation_on_the_seed_document(tmp_path):
    source, into, summary, _, _ = run(tmp_path, "../../../sources/haicheng-2020", "half")
    assert summary.unused == [] and summary.complete
    assert_conserved(source, into, summary)


@pytest.mark.parametrize("width", WIDTHS)
def test_state_council_unnumbered_tasks_rule_in_a_task_and_aside(tmp_path, width):
    _, _, summary, plan, tasks = run(tmp_path, "state_council", width)
    assert plan["title"] == "2019年重点工作部门分工方案"
    assert plan["date"] == dt.date(2019, 3, 20) and plan["issuer"] == "国务院办公厅"
    # the notice's own 一、二、三、 are front matter (preamble), then the paragraph after the title
    assert plan["preamble"].startswith(fw("为做好今年政府工作,") if width == "full" else "为做好今年政府工作,")
    assert "三、国务院办公厅将加强督促检查" in plan["preamble"]
    assert plan["preamble"].endswith(fw("政府工作报告提出的各项任务,分工如下:") if width == "full" else "政府工作报告提出的各项任务,分工如下:")
    assert [s["title"] for s in plan["sections"]] == ["稳定和扩大就业", "深化改革"]
    expected = [
        # the rule stated inside task 1 applies to it and to the tasks after it, never to a name
        (1, 1, 1, "稳定就业总量,城镇新增就业1100万人以上。", [], ["人力资源社会保障部"], ["发展改革委", "财政部"]),
        (2, 1, 1, "加强职业技能培训,今年使用失业保险基金结余1000亿元。", [], ["人力资源社会保障部"], ["财政部"]),
        (3, 1, 2, "支持多渠道灵活就业。", [], ["人力资源社会保障部"], []),
        (4, 2, None, "推进简政放权。", [], ["国务院办公厅"], ["各有关部门"]),
        (5, 2, None, "优化营商环境。", [], ["发展改革委"], ["市场监管总局", "各省级人民政府"]),
    ]
    assert roles(tasks) == [tuple(fw(v) if width == "full" else v for v in row) for row in expected]
    assert unused(summary) == [
        (1, "国务院办公厅关于印发落实重点工作部门分工意见的通知", False),
        (14, "排在第一位的部门为牵头部门", False),
        (14, "下同", False),
        (17, "专栏1 就业重点群体", False),
        (18, "高校毕业生、退役军人、农民工。", False),
    ]
    assert summary.complete


@pytest.mark.parametrize("width", WIDTHS)
def test_province_inline_groups_leaders_deadlines_and_a_part_without_units(tmp_path, width):
    _, _, summary, plan, tasks = run(tmp_path, "province_inline", width)
    assert plan["title"] == "某省2022年重点任务责任分工"
    assert [s["title"] for s in plan["sections"]] == ["扩大有效需求", "推进乡村振兴"]
    expected = [
        (1, 1, None, "抓好重大项目建设。全年完成投资2000亿元。", ["王副省长"], ["省发展改革委"], ["省财政厅", "省自然资源厅"]),
        (2, 1, None, "促进消费回补。", [], ["省商务厅", "省文化和旅游厅"], []),
        # brackets because the name holds parentheses
        (3, 1, None, "稳定粮食生产。", [], ["省农业农村厅(省粮食局)"], ["各市人民政府"]),
        (4, 2, None, "改善农村人居环境。", [], ["省农业农村厅"], ["省住房城乡建设厅"]),
        (5, 2, None, "发展县域经济。", ["分管副省长"], ["省发展改革委"], ["省工业和信息化厅"]),
    ]
    assert roles(tasks) == [tuple(fw(v) if width == "full" else v for v in row) for row in expected]
    assert tasks[1]["deadlines"] == [{"date": dt.date(2022, 6, 30), "text": "6月底前完成", "source": "document"}]
    assert tasks[3]["deadlines"] == [{"date": dt.date(2022, 12, 31), "text": "2022年底前", "source": "document"}]
    assert [(n, t) for n, t, _ in unused(summary)] == [
        (1, "首页 > 政务公开 > 通知公告"), (2, "【发布单位】某省人民政府办公厅"), (3, "朗读"),
        (4, "某省人民政府关于印发重点任务责任分工的通知"),
        (17, "三、保障措施"), (18, fw("(一)加强组织领导。各地各部门要高度重视。") if width == "full" else "(一)加强组织领导。各地各部门要高度重视。"),
        (19, fw("(二)强化督促检查。省政府督查室定期通报。") if width == "full" else "(二)强化督促检查。省政府督查室定期通报。"),
    ]
    assert summary.complete


@pytest.mark.parametrize("width", WIDTHS)
def test_county_label_lines_leaders_deadlines_restarting_numbers(tmp_path, width):
    _, _, summary, plan, tasks = run(tmp_path, "county_labels", width)
    assert plan["title"] == "某县2021年政府工作报告重点任务分解方案"
    assert [(t["id"], t["section"], t["title"], t.get("leader", []), t["lead"], t["responsible"]) for t in tasks] == [
        (1, 1, "加快工业园区建设。", ["张某某"], ["县工信局"], ["县发改局", "县自然资源局"]),
        (2, 1, "抓好招商引资。", ["李某某", "王某某"], ["县商务局"], ["各乡镇"]),
        (3, 2, "办好民生实事。", ["赵某某"], ["县民政局"], ["县财政局"]),
        (4, 2, "推进教育均衡发展。", [], ["县教育局"], ["县财政局"]),
    ]
    assert tasks[0]["deadlines"] == [{"date": dt.date(2021, 9, 30), "text": "2021年9月底前", "source": "document"}]
    assert tasks[1]["deadlines"] == [{"date": None, "text": "全年", "source": "document", "recurring": True}]
    assert tasks[2]["deadlines"] == [{"date": dt.date(2022, 3, 31), "text": "明年3月底前", "source": "document"}]
    assert tasks[1]["measures"] == [{"unit": None, "items": ["举办推介会。", "完善项目库。"]}]
    assert unused(summary) == [(1, "某县人民政府办公室文件", False)]


@pytest.mark.parametrize("width", WIDTHS)
def test_run_on_numbers_and_a_title_that_starts_with_digits(tmp_path, width):
    _, _, summary, _, tasks = run(tmp_path, "run_on_numbers", width)
    assert [t["id"] for t in tasks] == list(range(1, 13))
    assert [t["section"] for t in tasks] == [1] * 5 + [2] * 7
    assert tasks[10]["title"] == fw("121人才工程全面推进,年内引进人才500名。") if width == "full" else "121人才工程全面推进,年内引进人才500名。"
    assert tasks[11]["title"] == "5G基站建设提速。"
    assert tasks[9]["title"] == "实施技能提升行动。"  # not glued to task 11
    assert summary.unused == [] and summary.complete


@pytest.mark.parametrize("width", WIDTHS)
def test_unnumbered_tasks_and_headings(tmp_path, width):
    _, _, summary, plan, tasks = run(tmp_path, "unnumbered", width)
    assert plan["sections"] == [
        {"number": 1, "title": "城市建设", "sections": [{"number": 1, "title": "老旧小区改造"}, {"number": 2, "title": "背街小巷整治"}]},
        {"number": 2, "title": "民生保障"},
    ]
    expected = [
        (1, 1, 1, "完成老旧小区改造30个。", [], ["区住建局"], []),
        (2, 1, 1, "推进加装电梯。", [], ["区住建局"], ["各街道"]),
        # two sentences, each with its own parenthesis: both kept
        # (check reports the repeated lead as TP203; the record keeps what the document says)
        (3, 1, 2, "整治背街小巷20条。完善路灯照明。", [], ["区城管局", "区城管局"], ["区财政局"]),
        (4, 2, None, "新增养老床位500张。", [], ["区民政局"], []),
    ]
    assert roles(tasks) == expected
    assert summary.unused == [] and summary.complete


@pytest.mark.parametrize("width", WIDTHS)
def test_annex_restarts_the_numbering_and_holds_the_tasks(tmp_path, width):
    _, _, summary, plan, tasks = run(tmp_path, "annex", width)
    assert plan["title"] == "某县重点任务分工方案"
    assert [s["title"] for s in plan["sections"]] == ["重点任务", "民生任务"]
    assert roles(tasks) == [
        (1, 1, None, "推进农村公路建设。", [], ["县交通局"], ["县财政局"]),
        (2, 1, None, "实施河长制。", [], ["县水利局"], ["各乡镇"]),
        (3, 2, None, "改善学校办学条件。", [], ["县教育局"], []),
    ]
    assert [(n, r) for n, _, r in [(u.line.number, u.text, u.reason) for u in summary.unused]] == [
        (1, "the cover notice's title (plan.yaml keeps the plan's own title)"), (6, "front matter not recognised"), (13, "附件 line"),
        (17, "reading rule (applied: the first-listed unit leads)"), (23, "page number"),
    ]
    assert summary.complete


@pytest.mark.parametrize("width", WIDTHS)
def test_only_responsible_units_and_no_rule(tmp_path, cli, width):
    source = DATA / ("only_responsible.txt" if width == "half" else "only_responsible.fw.txt")
    r = cli("import", str(source), "--into", str(tmp_path / "plan"))
    assert r.code == 0  # every task names units: a finding, not a refusal
    assert r.err.splitlines() == [
        f"{source}:{line}:1: warning TP804 task {n} names no lead unit (lead: []); add 牵头单位 to the record, or state the rule 列第一位者为牵头单位"
        for n, line in ((1, 3), (2, 5))
    ]
    tasks = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((tmp_path / "plan" / "tasks").iterdir())]
    assert [(t["lead"], t["responsible"]) for t in tasks] == [([], ["镇综治办", "镇派出所"]), ([], ["镇信访办"])]


def test_dry_run_writes_nothing_and_prints_every_line(cli, tmp_path):
    source = DATA / "county_labels.txt"
    r = cli("import", str(source), "--into", str(tmp_path / "plan"), "--dry-run")
    assert r.code == 0 and not (tmp_path / "plan").exists()
    lines = r.out.splitlines()
    assert lines[:5] == [
        f"{source}:1\tunused: front matter not recognised\t某县人民政府办公室文件",
        f"{source}:2\tfront matter: title\t某县2021年政府工作报告重点任务分解方案",
        f"{source}:3\tsection 1\t一、经济发展",
        f"{source}:4\ttask 1\t1、加快工业园区建设。",
        f"{source}:5\ttask 1: 牵头领导\t牵头领导:张某某",
    ]
    assert f"{source}:14\ttask 2: 落实措施\t落实措施:(1)举办推介会。(2)完善项目库。" in lines
    assert lines[23] == f"would import {source} into {tmp_path / 'plan'}"


def test_task_text_left_unused_exits_1_and_the_records_are_written(cli, tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text("某县重点任务分工方案\n牵头单位:县财政局\n一、发展\n1.抓项目。(牵头单位:县发改局)\n", encoding="utf-8")
    r = cli("import", str(doc), "--into", str(tmp_path / "plan"))
    assert r.code == 1
    assert f"  {doc}:2: 牵头单位 line outside any task [task text?]: 牵头单位:县财政局" in r.out.splitlines()
    assert (tmp_path / "plan" / "tasks" / "001.yaml").exists()


@pytest.mark.parametrize("width", WIDTHS)
def test_tasks_numbered_1_in_parentheses_and_another_style_in_another_part(tmp_path, width):
    _, _, summary, plan, tasks = run(tmp_path, "mixed_numbering", width)
    assert [s["title"] for s in plan["sections"]] == ["经济发展", "社会治理"]
    expected = [
        (1, 1, 1, "全年引进项目10个。", [], ["街道经发办"], ["各社区"]),
        (2, 1, 1, "盘活闲置楼宇3栋。", [], ["街道经发办"], []),
        (3, 1, 2, "开展隐患排查整治。", [], ["街道应急办"], []),
        # 1﹒ (small full stop) in the second part: each item ends in its roles
        (4, 2, None, "完善网格管理。", [], ["街道综治中心"], []),
        (5, 2, None, "化解矛盾纠纷。", [], ["街道司法所"], []),
    ]
    assert roles(tasks) == expected
    assert summary.unused == [] and summary.complete


@pytest.mark.parametrize("width", WIDTHS)
def test_a_plan_published_as_an_opinion_signed_at_the_end(tmp_path, width):
    """…的意见 is the plan's title; the signature after the last 专栏 is plan metadata, 抄送/印发 are unused."""
    _, _, summary, plan, tasks = run(tmp_path, "opinion_signature", width)
    assert plan["title"] == "国务院关于加快推进城乡社区服务体系建设的意见"
    assert (plan["issuer"], plan["date"], plan["note"]) == ("国务院", dt.date(2024, 3, 1), fw("(此件公开发布)") if width == "full" else "(此件公开发布)")
    assert plan["addressees"] == (fw if width == "full" else str)("各省、自治区、直辖市人民政府,国务院各部委、各直属机构:")
    assert plan["preamble"] == (fw if width == "full" else str)("社区服务是基层治理的重要内容。为加快推进城乡社区服务体系建设,现提出以下意见。")
    assert roles(tasks) == [
        (1, 1, None, "推进综合服务设施全覆盖。", [], ["民政部"], ["住房城乡建设部"]),
        (2, 1, None, "改造老旧社区服务用房。", [], ["住房城乡建设部"], []),
        (3, 2, None, "培育社区社会组织。", [], ["民政部"], []),
        (4, 2, None, "发展社区志愿服务。", [], ["中央文明办", "民政部"], []),
    ]
    copied = "抄送:党中央各部门,全国人大常委会办公厅,全国政协办公厅。"
    assert [(u.line.number, u.reason, u.text) for u in summary.unused] == [
        (10, "boxed aside (专栏)", "专栏1 社区服务重点工程"),
        (11, "boxed aside (专栏)", "社区综合服务设施覆盖工程、社区服务人才培养工程。"),
        (15, "抄送/印发 line (how the printed copy was sent)", fw(copied) if width == "full" else copied),
        (16, "抄送/印发 line (how the printed copy was sent)", "国务院办公厅2024年3月4日印发"),
    ]
    readings = {line.number: reading for line, reading in summary.readings}
    assert [readings[n] for n in (1, 2, 3, 12, 13, 14)] == [
        "front matter: title", "front matter: addressees", "front matter: preamble",
        "back matter: issuer", "back matter: date", "back matter: note",
    ]
    assert summary.complete


@pytest.mark.parametrize("width", WIDTHS)
def test_unnumbered_tasks_between_numbered_ones_and_a_long_notice_title(tmp_path, width):
    """A sentence ending in its own role parenthesis between 2. and 3. is a task (3. still follows 2.);
    the printed numbers run on through the plan, so they stay the ids and the unnumbered tasks come after
    the highest (5 and 6, in reading order); the notice's title, longer than a line of preamble, is kept
    apart from the preamble."""
    _, _, summary, plan, tasks = run(tmp_path, "notice_points", width)
    w = fw if width == "full" else str
    assert plan["title"] == "某市2024年深化政务公开和全面优化政务服务工作要点"
    assert plan["preamble"] == w(
        "经市政府同意,现将《某市2024年深化政务公开和全面优化政务服务工作要点》印发给你们,请结合实际认真贯彻落实。\n"
        "为进一步提升政务公开和政务服务水平,结合我市实际,制定本工作要点。"
    )
    assert (plan["issuer"], plan["date"]) == ("某市人民政府办公室", dt.date(2024, 3, 1))
    assert roles(tasks) == [
        (1, 1, None, "做好惠企政策解读。", [], ["市发展改革委"], ["各区政府"]),
        (2, 1, None, "公开财政预决算信息。", [], ["市财政局"], []),
        (3, 1, None, "加强统计数据发布。", [], ["市统计局"], []),  # 3. in the document
        (4, 2, None, "推进政务服务一网通办。", [], ["市政务服务数据管理局"], []),
        (5, 1, None, w("结合实际细化公开举措,形成工作台账,按季度调度推进。"), [], ["市政府办公室"], []),
        (6, 2, None, "推行惠企政策免申即享。", [], ["市发展改革委", "市财政局"], []),
    ]
    assert [(f.line, f.code, f.severity) for f in summary.warnings] == [(12, "TP810", "warning"), (16, "TP810", "warning")]
    assert [(u.line.number, u.reason) for u in summary.unused] == [
        (1, "the cover notice's title (plan.yaml keeps the plan's own title)"),
    ]
    readings = {line.number: reading for line, reading in summary.readings}
    assert [readings[n] for n in (11, 12, 13, 16)] == ["task 2", "task 5", "task 3", "task 6"]
    assert summary.complete


@pytest.mark.parametrize("width", WIDTHS)
def test_a_notice_without_addressees_and_distribution_lines_after_a_part_without_units(tmp_path, width):
    _, _, summary, plan, tasks = run(tmp_path, "notice_no_addressees", width)
    w = fw if width == "full" else str
    assert plan["title"] == "某县农村人居环境整治提升五年行动实施方案"
    assert (plan["issuer"], plan["date"], plan.get("addressees")) == ("某县人民政府", dt.date(2024, 5, 10), None)
    # three paragraphs, none of them the notice's title
    assert plan["preamble"].split("\n") == [
        w("现将《某县农村人居环境整治提升五年行动实施方案》印发给你们,请认真组织实施。"),
        "各乡镇要结合实际抓好落实。",
        w("为持续改善农村人居环境,建设宜居宜业和美乡村,制定本方案。"),
    ]
    assert [(t["id"], t["title"], t["lead"], t["responsible"]) for t in tasks] == [
        (1, "推进农村厕所革命。", ["县农业农村局"], ["县卫生健康局"]),
        (2, "治理农村生活污水。", ["县生态环境局"], []),
        (3, "提升村容村貌。", ["各乡镇"], []),
    ]
    assert [(u.line.number, u.reason) for u in summary.unused] == [
        (1, "the cover notice's title (plan.yaml keeps the plan's own title)"),
        (12, "heading of a part without tasks"),
        (13, "a part without units (保障措施 …)"),
        (14, "抄送/印发 line (how the printed copy was sent)"),
        (15, "抄送/印发 line (how the printed copy was sent)"),
    ]
    assert summary.complete


@pytest.mark.parametrize("width", WIDTHS)
def test_a_second_signature_after_an_aside_does_not_replace_the_notices(tmp_path, width):
    _, _, summary, plan, tasks = run(tmp_path, "signed_twice", width)
    assert (plan["title"], plan["issuer"], plan["date"]) == ("某区2024年为民办实事项目责任分工", "某区人民政府", dt.date(2024, 2, 20))
    assert [t["title"] for t in tasks] == ["新建幼儿园3所。", "建设社区卫生服务站5个。"]
    assert [(u.line.number, u.reason, u.text) for u in summary.unused][1:] == [
        (10, "boxed aside (专栏)", "专栏 项目清单"),
        (11, "boxed aside (专栏)", "东城、西城、南城各新建幼儿园1所。"),
        (12, "signature (issuer): plan.yaml has the issuer of the front matter", "某区人民政府办公室"),
        (13, "signature (date): plan.yaml has the date of the front matter", "2024年2月21日"),
    ]


ASIDE_THEN_TASK = """某县2024年重点工作责任分工
一、产业发展
1.建设产业园区。(县发改局牵头,县财政局配合)
专栏1 园区建设重点
东部园区、西部园区。
引进规模以上企业10家。(县商务局负责)
2.培育龙头企业。(县工信局负责)
推广数字化改造,每季度通报进度。
3.发展现代农业。(县农业农村局负责)
"""


@pytest.mark.parametrize("width", WIDTHS)
def test_a_sentence_with_roles_after_a_box_ends_it_and_is_a_task(tmp_path, width):
    source = tmp_path / "doc.txt"
    text = ASIDE_THEN_TASK if width == "half" else fw(ASIDE_THEN_TASK)
    source.write_text(text, encoding="utf-8")
    summary = import_document(source, tmp_path / "plan", readings=True)
    tasks = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((tmp_path / "plan" / "tasks").iterdir())]
    w = fw if width == "full" else str
    assert [(t["id"], t["title"], t["lead"]) for t in tasks] == [
        (1, "建设产业园区。", ["县发改局"]),
        # 2. still follows 1.; an unnumbered line without roles of its own continues the task before it
        (2, w("培育龙头企业。推广数字化改造,每季度通报进度。"), ["县工信局"]),
        (3, "发展现代农业。", ["县农业农村局"]),
        (4, "引进规模以上企业10家。", ["县商务局"]),  # unnumbered: after the highest printed number
    ]
    assert [(u.line.number, u.reason) for u in summary.unused] == [(4, "boxed aside (专栏)"), (5, "boxed aside (专栏)")]
    assert_conserved(source, tmp_path / "plan", summary)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_notice_that_is_the_plan_itself(tmp_path, width):
    """关于做好…的通知 with its tasks in its own body: the notice's title is the plan's title, and its
    signature at the end fills plan.yaml."""
    _, _, summary, plan, tasks = run(tmp_path, "notice_as_plan", width)
    w = fw if width == "full" else str
    assert plan["title"] == "某县人民政府关于做好2024年防汛抗旱工作的通知"
    assert (plan["addressees"], plan["preamble"]) == (w("各乡镇人民政府,县直各部门:"), w("为做好今年防汛抗旱工作,现将有关事项通知如下:"))
    assert (plan["issuer"], plan["date"]) == ("某县人民政府", dt.date(2024, 4, 20))
    assert roles(tasks) == [
        (1, 1, None, "落实防汛责任制。", [], ["县应急局"], ["各乡镇"]),
        (2, 1, None, "开展隐患排查。", [], ["县水利局"], []),
        (3, 2, None, "储备防汛物资。", [], ["县应急局", "县粮食和物资储备局"], []),
    ]
    assert summary.unused == [] and summary.complete


FLATTENED = """某县2024年重点项目推进计划
一、交通项目
1.县城环线改造。
牵头单位:县交通局
完成时限:
2024年10月31日
2.农村公路提档。
牵头单位:县交通局
某县人民政府
2024年3月5日
"""


@pytest.mark.parametrize("width", WIDTHS)
def test_a_date_alone_amid_the_tasks_is_not_a_signature(tmp_path, width):
    """A table flattened one cell per line puts a deadline on a line of its own: it stays with its task;
    only the closing block (an issuer over a date, at the end) signs the document."""
    source = tmp_path / "doc.txt"
    source.write_text(FLATTENED if width == "half" else fw(FLATTENED), encoding="utf-8")
    summary = import_document(source, tmp_path / "plan")
    plan = yaml.safe_load((tmp_path / "plan" / "plan.yaml").read_text(encoding="utf-8"))
    tasks = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((tmp_path / "plan" / "tasks").iterdir())]
    assert (plan["issuer"], plan["date"]) == ("某县人民政府", dt.date(2024, 3, 5))
    assert tasks[0]["deadlines"] == [{"date": dt.date(2024, 10, 31), "text": "2024年10月31日", "source": "document"}]
    assert [t["title"] for t in tasks] == ["县城环线改造。", "农村公路提档。"]
    assert summary.unused == [] and summary.complete

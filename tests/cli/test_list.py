"""`taskplan list` on the repo's own plan (tasks/, units.yaml).

Expected ids are derived from the source document (sources/haicheng-2020.txt)
by reading its 牵头单位 / 责任单位 / 落实措施 lines, not from this program's
output; group spellings (各镇(街道) …) are those units.yaml registers.
"""
import json

import pytest

from conftest import ROOT

# 牵头单位 lines naming 财政局
FINANCE_LEADS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 18, 20, 24, 33, 34, 35, 36, 37, 59, 84, 85, 94, 129]
# 牵头单位 lines naming 市场局
MARKET_LEADS = [15, 21, 30, 32, 64, 128]
# 西柳镇 named directly (责任单位 of 46, 51, 89, 92, 93) …
XILIU_DIRECT = [46, 51, 89, 92, 93]
# … and every 责任单位 line naming the towns as a group (各镇(街道), 各属地镇(街道), 相关镇(街道), 各镇区 …)
TOWN_GROUP = [1, 4, 20, 27, 33, 47, 61, 62, 64, 65, 67, 69, 70, 71, 72, 74, 75, 76, 77, 79, 80, 82, 84, 86, 87, 88,
              90, 91, 95, 103, 109, 111, 115, 116, 117, 122, 134, 136, 138, 139, 140, 141, 143, 144]
# tasks with no 责任单位 line: 146 - 59
NO_RESPONSIBLE = [2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 24, 25, 26, 28, 30, 31, 32, 34,
                  35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 48, 49, 50, 52, 53, 54, 55, 56, 57, 58, 59, 60, 63, 66,
                  68, 73, 81, 83, 85, 94, 96, 98, 99, 100, 101, 104, 106, 107, 108, 110, 112, 113, 118, 120, 123, 124,
                  126, 127, 128, 129, 130, 131, 132, 133, 135, 137, 142, 145, 146]


@pytest.fixture
def tp(cli):
    def run(*args):
        return cli("-C", str(ROOT), *args)
    return run


def ids_of(r):
    assert (r.code, r.err) == (0, ""), r.err
    return [int(x) for x in r.out.split()]


def test_lead_finance(tp):
    assert ids_of(tp("list", "--lead", "财政局", "-f", "ids")) == FINANCE_LEADS


@pytest.mark.parametrize("spelling", [
    "市财政局",  # alias
    "海城市财政局",  # full name
    "财　政　局",  # ideographic spaces, as an IME may leave them
    " 财政局 ",
])
def test_lead_any_spelling_same_ids(tp, spelling):
    assert ids_of(tp("list", "--lead", spelling, "-f", "ids")) == FINANCE_LEADS


@pytest.mark.parametrize("spelling", ["市场局", "市场监督管理局", "市场监管局", "海城市市场监督管理局", "市市场局"])
def test_lead_market_every_spelling(tp, spelling):
    assert ids_of(tp("list", "--lead", spelling, "-f", "ids")) == MARKET_LEADS


def test_unit_via_group(tp):
    assert ids_of(tp("list", "--unit", "西柳镇", "-f", "ids")) == sorted(XILIU_DIRECT + TOWN_GROUP)
    assert ids_of(tp("list", "--unit", "西柳镇", "--no-groups", "-f", "ids")) == XILIU_DIRECT
    # the group itself, in full-width brackets
    assert ids_of(tp("list", "--unit", "各镇（街道）", "-f", "ids")) == TOWN_GROUP
    assert ids_of(tp("list", "responsible:镇（街道）", "-f", "ids")) == TOWN_GROUP


def test_unit_roles(tp):
    # 财政局: leads 26; 责任单位 names it in 97 105 115 116 125 140; "财政局:" measures in 1 12 13 20 24 33 84 94 129;
    # 市直部门 (a group it belongs to) is responsible in 1 29 61 95 103 117 121 136 138 141 143 144
    direct_resp = [97, 105, 115, 116, 125, 140]
    via = [1, 29, 61, 95, 103, 117, 121, 136, 138, 141, 143, 144]
    measures = [1, 12, 13, 20, 24, 33, 84, 94, 129]
    assert ids_of(tp("list", "-u", "财政局", "-r", "measure", "-f", "ids")) == measures
    assert ids_of(tp("list", "-u", "财政局", "-r", "responsible", "-f", "ids")) == sorted(direct_resp + via)
    assert ids_of(tp("list", "-u", "财政局", "-r", "responsible", "--no-groups", "-f", "ids")) == direct_resp
    assert ids_of(tp("list", "-u", "财政局", "-f", "ids")) == sorted(set(FINANCE_LEADS + direct_resp + via + measures))
    assert ids_of(tp("list", "measure:财政局", "-f", "ids")) == measures


def test_unit_table_shows_why(tp):
    r = tp("list", "--unit", "西柳镇", "--id", "40-52")
    assert (r.code, r.err) == (0, "")
    assert r.out == (
        (
            "id  section  task                                                                                                        lead units  responsible units                                       matched\n"
            "--  -------  ----------------------------------------------------------------------------------------------------------  ----------  ------------------------------------------------------  --------------------------------\n"
            "46        7  电商网购、在线服务等新业态在抗疫中发挥了重要作用,要继续出台支持政策,全面推进“互联网+”,打造数字经济新优势。  商务局      西柳镇、南台镇                                          responsible\n"
            "47        7  合理设定流动摊贩经营场所。                                                                                  执法局      公安局、市场监督管理局、建设局、应急局、各属地镇(街道)  responsible (via group 镇(街道))\n"
            "51        7  支持电商、快递进农村,拓展农村消费。                                                                         商务局      西柳镇                                                  responsible\n"
            "\n"
            "3 tasks\n"
        )
    )


@pytest.mark.parametrize("value, expected", [
    ("2", list(range(3, 12))),  # 二、加大金融信贷支持力度: tasks 3-11
    ("二", list(range(3, 12))),
    ("金融", list(range(3, 12))),
    ("2..4", list(range(3, 22))),  # 二 … 四、着力稳企业: 3-21
    ("二..四", list(range(3, 22))),
    ("十六", [143, 144, 145, 146]),
    ("政府自身建设", [143, 144, 145, 146]),
    ("1,13", [1, 2, 94, 95, 96]),
])
def test_section(tp, value, expected):
    assert ids_of(tp("list", "--section", value, "-f", "ids")) == expected


@pytest.mark.parametrize("args, message", [
    (["--section", "17"], "no section 17 in this plan (sections run 1..16)"),
    (["--section", "十七"], "no section 十七 in this plan (sections run 1..16)"),
    (["--section", "力度"], 'section "力度" is ambiguous (it is part of 2 加大金融信贷支持力度, 3 加大减税降费力度, '
                            '6 加大重点改革力度, 15 加大基本民生保障力度; use the number)'),
    (["--section", "金触"], 'unknown section "金触" (see \'taskplan sections\')'),
    (["--section", "加大金融支持"], 'unknown section "加大金融支持" (did you mean 2 加大金融信贷支持力度?)'),
    (["--lead", "财政"], 'unknown unit "财政" (did you mean 财政局?)'),
    (["--lead", "市场监管总局"], 'unknown unit "市场监管总局" (did you mean 市场局?)'),
    (["--unit", "西柳"], 'unknown unit "西柳" (did you mean 西柳镇?)'),
    (["--lead", "不存在的单位"], 'unknown unit "不存在的单位" (see \'taskplan units\' for the registered names)'),
    (["--id", "3-1"], 'id range "3-1" runs backwards (write 1-3)'),
    (["lead:财政局", "sektion:2"], 'unknown filter "sektion" in "sektion:2" (did you mean section?)'),
])
def test_usage_errors_exit_2(tp, args, message):
    r = tp("list", *args)
    assert (r.code, r.out) == (2, "")
    assert r.err == f"taskplan: error: {message}\n"


def test_grep_title_and_measures(tp):
    assert ids_of(tp("list", "--grep", "摸底", "-f", "ids")) == [38, 114]  # only in measures
    assert ids_of(tp("list", "--grep", "保险保障", "-f", "ids")) == [5, 132]  # titles: 强化保险保障功能, 失业保险保障范围
    # "3.6%" with full-width digits and percent sign still finds task 1
    assert ids_of(tp("list", "-g", "３．６％", "-f", "ids")) == [1]
    assert ids_of(tp("list", "-g", "摸底", "-g", "考试", "-f", "ids")) == [114]  # 摸底: 38 114; 考试: 114 115


def test_id_ranges(tp):
    assert ids_of(tp("list", "--id", "1-20,35", "-f", "ids")) == list(range(1, 21)) + [35]
    assert ids_of(tp("list", "--id", "140-200", "-f", "ids")) == list(range(140, 147))
    assert ids_of(tp("list", "--id", "146-99999999999999", "-f", "ids")) == [146]  # instant, no huge set


def test_expression(tp):
    # 财政局 leads, sections 二..四, and the towns are not responsible: 4 and 20 name 各镇(街道)
    r = tp("list", "lead:财政局 section:2..4 -responsible:各镇(街道)", "-f", "ids")
    assert ids_of(r) == [3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 18]
    # the same with options, and words split by the shell
    assert ids_of(tp("list", "--lead", "财政局", "section:2..4", "!responsible:各镇(街道)", "-f", "ids")) == [
        3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 18]
    assert ids_of(tp("list", "section:2..4 摸底", "-f", "ids")) == []
    # 卫健局 leads 98-102, 104-112 (section 14: 97-120) and 137
    assert ids_of(tp("list", "lead:卫健局 -section:14", "-f", "ids")) == [137]


def test_sort(tp):
    # leads: 3 财政局, 128 市场局, 20 工信局 — units.yaml lists 财政局, …, 市场局, 工信局 in that order
    assert ids_of(tp("list", "--id", "128,3,20", "--sort", "lead", "-f", "ids")) == [3, 128, 20]
    assert ids_of(tp("list", "--id", "128,3,20", "--sort", "section", "-f", "ids")) == [3, 20, 128]


def test_formats_small_selection(tp):
    r = tp("list", "--id", "5,11,15")
    assert (r.code, r.err) == (0, "")
    assert r.out == (
        (
            "id  section  task                        lead units  responsible units\n"
            "--  -------  --------------------------  ----------  -----------------\n"
            " 5        2  强化保险保障功能。          财政局\n"
            "11        2  大幅增加制造业中长期贷款。  财政局\n"
            "15        3  坚决整治涉企违规收费。      市场局\n"
            "\n"
            "3 tasks\n"
        )
    )
    r = tp("list", "--id", "5,11,15", "-f", "md")
    assert r.out == (
        (
            "| id | section | task | lead units | responsible units |\n"
            "|---:|---:|---|---|---|\n"
            "| 5 | 2 | 强化保险保障功能。 | 财政局 |  |\n"
            "| 11 | 2 | 大幅增加制造业中长期贷款。 | 财政局 |  |\n"
            "| 15 | 3 | 坚决整治涉企违规收费。 | 市场局 |  |\n"
            "\n"
            "3 tasks\n"
        )
    )
    r = tp("list", "--id", "15", "-f", "csv")
    assert r.out == "编号,板块,任务,牵头单位,责任单位,落实措施\n15,3,坚决整治涉企违规收费。,市场局,,按年度工作计划、工作方案积极组织落实。\n"
    r = tp("list", "--id", "15", "--excel")
    assert r.out.encode("utf-8").startswith(b"\xef\xbb\xbf\xe7\xbc\x96\xe5\x8f\xb7,")  # BOM, then 编号
    r = tp("list", "--id", "12", "-f", "csv")
    # measures keep their owners and (1)(2) numbering, as the document writes them
    assert r.out.endswith(',财政局、税务局,,"财政局:按照上级降费政策及时调整;\n'
                          '税务局:2019年5月1日开始,省税务局统一在社保征收系统将企业养老保险统筹部分缴费比例修改为16%。"\n')


def test_full_names(tp):
    r = tp("list", "--id", "97", "--full-names", "-f", "csv")
    assert r.out.split("\n")[1].split(",")[3:5] == [
        "海城市民政局、海城市教育局",
        "海城市财政局、海城市卫生健康局、海城市住房和城乡建设局、海城市市场监督管理局、海城市自然资源局、"
        "海城市公安局、海城市人力资源和社会保障局、海城市发展和改革局",
    ]


def test_json(tp):
    r = tp("list", "--unit", "西柳镇", "--id", "47", "-f", "json")
    assert (r.code, r.err) == (0, "")
    assert json.loads(r.out) == {
        "schema_version": 1,
        "query": ["unit:西柳镇", "id:47"],
        "count": 1,
        "tasks": [{
            "id": 47,
            "section": 7,
            "subsection": None,
            "title": "合理设定流动摊贩经营场所。",
            "leader": [],
            "lead": ["执法局"],
            "responsible": ["公安局", "市场监督管理局", "建设局", "应急局", "各属地镇(街道)"],
            "measures": [{"unit": None, "intro": None, "items": [
                "为进一步推动海城经济复苏,激发夜经济新活力。市执法局按照市委市政府的要求,制定了《关于深化城市活力建设发展地摊经济的实施方案》,"
                "结合市民消费需求,立足特色发展,合理划定经营区域,明确经营时间,明确管理标准,坚持放管结合,在海城城区、西柳镇开放了体育场、"
                "西柳义乌小商品城、开发区澄洲湖两侧、海昕明珠广场、普临门前、厝石山公园门前等6处夜市,全面推动海城经济复苏。"
                "并要求各属地分局、大队,做好统筹规划,强化规范管理,提高服务质量,打造精品摊位,建设特色的夜市经济。"]}],
            "matched": [{"unit": "西柳镇", "role": "responsible", "via": "镇(街道)"}],
        }],
    }
    assert "\\u" not in r.out


def test_no_tasks_without_responsible_count(tp):
    assert len(NO_RESPONSIBLE) == 146 - 59
    r = tp("list", "-f", "ids")
    assert ids_of(r) == list(range(1, 147))


def test_terminal_gets_a_wrapped_table(tp, monkeypatch):
    import re
    import sys

    from taskplan.model.text import display_width

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setenv("COLUMNS", "80")
    r = tp("list", "--id", "1,15")
    assert (r.code, r.err) == (0, "")
    plain = re.sub(r"\x1b\[[0-9;]*m", "", r.out)
    assert max(display_width(line) for line in plain.split("\n")) <= 80
    assert len(plain.split("\n")) > 8  # task 1's long title is wrapped over several lines
    squeezed = re.sub(r"\s|-", "", plain)
    assert "今年赤字率拟按3.6%" in squeezed and "决不允许截留挪用。" in squeezed and squeezed.endswith("2tasks")


@pytest.mark.parametrize("typed, suggestion", [
    ("海城市公安", "公安局"),  # part of a full name: only the unit that contains it
    ("发展改革委", "发改局"),  # close to the alias 发展改革局
    ("西柳", "西柳镇"),
    ("镇（街", "镇(街道)"),  # full-width, cut short
    ("宣传", "市委宣传部"),
])
def test_unknown_unit_suggestions(tp, typed, suggestion):
    r = tp("list", "--lead", typed)
    assert (r.code, r.out) == (2, "")
    assert r.err == f'taskplan: error: unknown unit "{typed}" (did you mean {suggestion}?)\n'


def test_terminal_too_narrow_for_whole_unit_names_prints_records(tp, monkeypatch):
    import re
    import sys

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setenv("COLUMNS", "80")
    r = tp("list", "--unit", "西柳镇", "--id", "4")
    plain = re.sub(r"\x1b\[[0-9;]*m", "", r.out)
    # title, unit lists and the 匹配 column cannot sit side by side in 80 cells without splitting a
    # unit name: each task is a record, labels on the left, values wrapped beside them
    lines = plain.split("\n")
    assert lines[:3] == [
        "id                 4",
        "section            2",
        "task               重大金融风险有效防控。加强金融等领域重大风险防控,坚决守住不发",
    ]
    assert "lead units         发改局、财政局、公安局、商务局" in lines
    assert any(line.startswith("responsible units  中国人民银行海城支行、") for line in lines)  # the name whole

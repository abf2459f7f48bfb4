"""`taskplan units`, `sections` and `stats` on the repo's own plan.

Counts come from the source document's 牵头单位 / 责任单位 / 落实措施 lines (names
mapped to units through units.yaml's aliases), checked by hand, not from this
program's output.
"""
import json

import pytest

from conftest import ROOT

GROUP_SHIZHI = [1, 29, 61, 95, 103, 117, 121, 136, 138, 141, 143, 144]  # 责任单位 naming 市直部门 (any spelling)


@pytest.fixture
def tp(cli):
    def run(*args):
        return cli("-C", str(ROOT), *args)
    return run


def test_units_counts(tp):
    r = tp("units", "-f", "csv")
    assert (r.code, r.err) == (0, "")
    rows = {line.split(",")[0]: line.split(",") for line in r.out.split("\n")[1:] if line}
    assert r.out.split("\n")[0] == "名称,类别,全称,别名,牵头,责任,经由组,措施"
    # name: (lead, responsible, via group only, measures)
    assert rows["财政局"][4:] == ["26", "6", "11", "9"]
    assert rows["市场局"][4:] == ["6", "6", "12", "2"]
    assert rows["国资局"][4:] == ["0", "1", "12", "0"]
    assert rows["西柳镇"][4:] == ["0", "5", "44", "0"]
    assert rows["镇(街道)"][1:] == ["组", "", "各镇(街道)、各镇区(街道)、各属地镇(街道)、相关镇(街道)、各相关镇(街道)、各镇区",
                                  "0", "44", "0", "0"]
    assert rows["市场局"][1:4] == ["市直部门", "海城市市场监督管理局", "市场监督管理局、市场监管局、市市场局"]
    assert tp("units").out.endswith("\n64 units, 6 groups\n")


def test_unit_responsibility_list_json(tp):
    r = tp("units", "市财政局", "-f", "json")
    assert (r.code, r.err) == (0, "")
    doc = json.loads(r.out)
    assert doc["schema_version"] == 1
    assert doc["unit"]["name"] == "财政局"
    assert [t["id"] for t in doc["lead"]] == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 18, 20, 24, 33, 34, 35, 36,
                                              37, 59, 84, 85, 94, 129]
    direct = [97, 105, 115, 116, 125, 140]
    assert [(t["id"], t["via"]) for t in doc["responsible"]] == sorted(
        [(i, None) for i in direct] + [(i, "市直部门") for i in GROUP_SHIZHI])
    # "财政局:" measures: 1 (two items), 12, 13, 20, 24, 33 (three items), 84, 94, 129
    assert [m["id"] for m in doc["measures"]] == [1, 1, 12, 13, 20, 24, 33, 33, 33, 84, 94, 129]
    assert doc["measures"][0] == {"id": 1, "item": "积极争取上级转移支付和资金。", "via": None}
    assert doc["measures"][-2] == {"id": 94, "item": "做好地方政府专项债券项目储备;在规定时限内及时完成债券资金转贷和拨付工作。", "via": None}


def test_unit_responsibility_list_ids_and_no_groups(tp):
    r = tp("units", "国资局", "-f", "ids")
    assert [int(x) for x in r.out.split()] == sorted([4] + GROUP_SHIZHI)
    r = tp("units", "国资局", "--no-groups", "-f", "ids")
    assert r.out == "4\n"


def test_unit_responsibility_list_table(tp):
    r = tp("units", "国资局")
    assert (r.code, r.err) == (0, "")
    assert r.out.startswith("Lead: 0\n(none)\n\nResponsible: 13\n\n id  section  task")
    lines = r.out.split("\n")
    assert lines[7].split()[:2] == ["1", "1"] and lines[7].endswith("  市直部门")
    assert lines[8].startswith("  4        2  重大金融风险有效防控。") and lines[8].endswith("底线。")  # named directly
    assert lines[-6:] == ["", "Measures: 0 tasks, 0 items", "(none)", "", "国资局 · 市直部门: 13 tasks in all", ""]


def test_unit_quotes_its_own_measures(tp):
    r = tp("units", "海城市财政局", "-f", "md")
    assert "### Measures: 9 tasks, 12 items\n" in r.out
    assert "| 12 | “按照上级降费政策及时调整;” |\n| 13 | “按照上级降费政策及时调整。” |\n" in r.out
    assert r.out.endswith("\n财政局 (海城市财政局) · 市直部门: 43 tasks in all\n")


def test_units_unknown(tp):
    r = tp("units", "财务局")
    assert (r.code, r.out) == (2, "")
    assert r.err == 'taskplan: error: unknown unit "财务局" (did you mean 财政局, 税务局, 商务局?)\n'


SECTIONS = """\
id  title                       tasks  task ids
--  --------------------------  -----  --------
1   一、全面落实积极财政政策        2  1-2
2   二、加大金融信贷支持力度        9  3-11
3   三、加大减税降费力度            4  12-15
4   四、着力稳企业                  6  16-21
5   五、千方百计稳定和扩大就业      7  22-28
6   六、加大重点改革力度           12  29-40
7   七、持续转变发展方式           13  41-53
8   八、更加注重创新驱动发展        6  54-59
9   九、守好改善生态环境生命线      7  60-66
10  十、坚决打赢脱贫攻坚战          5  67-71
11  十一、促进农业丰收农民增收     14  72-85
12  十二、推进更高水平对外开放      8  86-93
13  十三、全力扩大有效投资          3  94-96
14  十四、推动社会事业改革发展     24  97-120
15  十五、加大基本民生保障力度     22  121-142
16  十六、持续加强政府自身建设      4  143-146

16 sections, 146 tasks
"""


def test_sections(tp):
    r = tp("sections")
    assert (r.code, r.err, r.out) == (0, "", SECTIONS)
    r = tp("sections", "-f", "ids")
    assert r.out == "".join(f"{n}\n" for n in range(1, 17))
    doc = json.loads(tp("sections", "-f", "json").out)
    assert [s["tasks"] for s in doc["sections"]] == [2, 9, 4, 6, 7, 12, 13, 6, 7, 5, 14, 8, 3, 24, 22, 4]
    assert sum(s["tasks"] for s in doc["sections"]) == 146


def test_stats(tp):
    r = tp("stats", "-f", "json")
    assert (r.code, r.err) == (0, "")
    doc = json.loads(r.out)
    assert doc["tasks"] == 146
    assert len(doc["without_responsible"]) == 87  # 146 tasks, 59 of them with a 责任单位 line
    assert doc["without_responsible"][:5] == [2, 3, 5, 6, 7]
    assert sorted(doc["only_responsible"]) == sorted([
        "中国电信", "中国移动", "中国联通", "人民银行海城支行", "八里镇", "医保局", "南台镇", "各市场监督管理分局市场规范管理科",
        "国资局", "孤山镇", "市招考委各成员单位", "市政事务服务分中心", "市直欠款部门(含政府平台公司)", "市直部门", "开发区",
        "感王镇", "望台镇", "海城经济开发区", "消防大队", "温香镇", "烟草专卖局", "爱卫办", "王石镇", "综治办", "耿庄镇",
        "腾鳌经济开发区", "西四镇", "西柳镇", "镇(街道)", "高坨镇"])
    # by distinct tasks, then tasks led, then measures, then units.yaml order (教育局 and 民政局 tie: 8, 7, 3)
    assert doc["busiest"] == ["财政局", "发改局", "人社局", "商务局", "卫健局", "农业农村局", "市场局", "工信局", "自然资源局", "教育局"]
    assert doc["unused"] == []


def test_stats_table(tp):
    r = tp("stats")
    assert (r.code, r.err) == (0, "")
    assert "Tasks without responsible units: 87\n" in r.out
    assert "Units with only responsible roles: 30\n" in r.out
    assert " 1  财政局      市直部门    26            6         11        9     32\n" in r.out
    assert r.out.endswith("\n146 tasks, 16 sections, 64 units\n")
    r = tp("stats", "-f", "csv")
    parts = r.out.split("\n\n")
    assert len(parts) == 5
    assert parts[0].split("\n")[:3] == ["板块,标题,任务数", "1,全面落实积极财政政策,2", "2,加大金融信贷支持力度,9"]

"""The one role model (index/roles.py): every command that says what a unit owes agrees with it,
on a plan whose group (各镇(街道)) owns a measure and names a unit both directly and via the group."""
import csv
import io
import json
import re

import pytest

UNITS = """
units:
  - name: 财政局
    full_name: 示例市财政局
    kind: 市直部门
    aliases: []
  - name: 发改局
    full_name: 示例市发展和改革局
    kind: 市直部门
    aliases: [发展改革局]
  - name: 市场局
    full_name: 示例市市场监督管理局
    kind: 市直部门
    aliases: [市场监督管理局, 市场监管局]
  - name: 西柳镇
    full_name: 示例市西柳镇人民政府
    kind: 镇(街道)
    aliases: []
  - name: 东城街道
    full_name: 示例市东城街道办事处
    kind: 镇(街道)
    aliases: []
groups:
  - name: 镇(街道)
    aliases: [各镇(街道), 各镇区(街道)]
    members: [西柳镇, 东城街道]
"""

# task 2: the measure is written for the group (full-width brackets), so each town owns it via the group
TASK2 = """
id: 2
section: 2
title: 稳健的货币政策要更加灵活适度。
lead: [市场监督管理局]
responsible: [各镇（街道）]
measures:
  - unit: 市场局
    items:
      - 6月末完成摸底。
  - unit: 各镇（街道）
    items:
      - 建立辖区企业台账。
"""

# task 3: 东城街道 is named directly (responsible, and its own measure) and owns nothing via the group
TASK3 = """
id: 3
section: 2
title: 加大小微企业信贷投放。
lead: [财政局]
responsible: [东城街道]
measures:
  - unit: 财政局
    items:
      - 落实贴息政策。
  - unit: 东城街道
    items:
      - 摸清辖区小微企业融资需求。
"""

# what each unit owes, by task: the roles, each "role" or "role via group"
EXPECTED = {
    "西柳镇": {1: ["responsible via 镇(街道)"], 2: ["responsible via 镇(街道)", "measure via 镇(街道)"]},
    "东城街道": {1: ["responsible via 镇(街道)"], 2: ["responsible via 镇(街道)", "measure via 镇(街道)"],
                 3: ["responsible", "measure"]},
    "镇(街道)": {1: ["responsible"], 2: ["responsible", "measure"]},
    "财政局": {1: ["lead", "measure"], 3: ["lead", "measure"]},
}


@pytest.fixture
def plan(make_plan):
    return make_plan({"units.yaml": UNITS, "tasks/002.yaml": TASK2, "tasks/003.yaml": TASK3})


@pytest.mark.parametrize("unit", list(EXPECTED))
def test_list_unit(cli, plan, unit):
    r = cli("-C", str(plan), "list", "--unit", unit, "-f", "json")
    assert r.code == 0, r.err
    got = {t["id"]: [m["role"] + (f" via {m['via']}" if m["via"] else "") for m in t["matched"]] for t in json.loads(r.out)["tasks"]}
    assert got == EXPECTED[unit]


@pytest.mark.parametrize("unit", list(EXPECTED))
def test_units_one_unit(cli, plan, unit):
    body = json.loads(cli("-C", str(plan), "units", unit, "-f", "json").out)
    owed = EXPECTED[unit]
    assert {t["id"] for t in body["lead"]} == {i for i, roles in owed.items() if "lead" in roles}
    assert {t["id"]: t["via"] for t in body["responsible"]} == {
        i: (None if "responsible" in roles else "镇(街道)") for i, roles in owed.items() if any(r.startswith("responsible") for r in roles)}
    assert {m["id"] for m in body["measures"]} == {i for i, roles in owed.items() if any(r.startswith("measure") for r in roles)}
    assert cli("-C", str(plan), "units", unit, "-f", "ids").out.split() == [str(i) for i in sorted(owed)]
    footer = cli("-C", str(plan), "units", unit).out.splitlines()[-1]
    assert footer.endswith(f": {len(owed)} task{'s' if len(owed) != 1 else ''} in all")


def test_units_list_and_stats_count_alike(cli, plan):
    units = {u["name"]: u for u in json.loads(cli("-C", str(plan), "units", "-f", "json").out)["units"]}
    stats = {u["name"]: u for u in json.loads(cli("-C", str(plan), "stats", "-f", "json").out)["units"]}
    for unit, owed in EXPECTED.items():
        direct = {i for i, roles in owed.items() if any(" via " not in r for r in roles)}
        via_only = set(owed) - direct
        for counts in (units[unit], stats[unit]):
            assert counts["tasks"] == len(direct) and counts["via_group"] == len(via_only), unit
            assert counts["measure"] == sum(1 for roles in owed.values() if "measure" in roles), unit


@pytest.mark.parametrize("unit", list(EXPECTED))
def test_report_units(cli, plan, unit):
    r = cli("-C", str(plan), "report", "units", "--unit", unit, "-f", "csv", "--as-of", "2020-08-01")
    assert r.code == 0, r.err
    rows = list(csv.reader(io.StringIO(r.out)))[1:]
    assert sorted(int(row[3]) for row in rows) == sorted(EXPECTED[unit])
    # the unit's own measures include those written for its group
    text = cli("-C", str(plan), "report", "units", "--unit", unit, "-f", "text", "--as-of", "2020-08-01").out
    owns_via_group = any("measure via 镇(街道)" in roles for roles in EXPECTED[unit].values())
    assert ("任务2(经由镇(街道)):建立辖区企业台账。" in text) is owns_via_group


def test_report_plan_html_filters_by_the_same_roles(cli, plan):
    html = cli("-C", str(plan), "report", "plan", "-f", "html", "--as-of", "2020-08-01").out
    units = {int(i): json.loads(names.replace("&#34;", '"')) for i, names in
             re.findall(r'data-task="(\d+)"[^>]*data-units=\'([^\']*)\'', html)}
    for unit, owed in EXPECTED.items():
        assert {i for i, names in units.items() if unit in names} == set(owed), unit


TASK4 = """
id: 4
section: 2
title: 做好首贷续贷服务。
lead: [西柳镇]
responsible: [市场局, 各镇(街道)]
measures:
  - unit: 市场局
    items:
      - 开展银企对接。
  - unit: {owner}
    items:
      - 建立首贷服务中心。
"""


@pytest.mark.parametrize("owner, found", [
    ("各镇(街道)", "6 files checked, no problems\n"),  # the group's measure is the lead's own: nothing to say
    ("发改局", "tasks/004.yaml:4:8: info TP206 lead unit 西柳镇 has no measure of its own in task 4\n"
               "tasks/004.yaml:10:11: warning TP205 measure unit 发改局 is neither lead nor responsible for task 4\n"
               "1 warning, 1 info in 6 files\n"),
])
def test_check_counts_a_group_measure_as_the_members_own(cli, plan, owner, found):
    (plan / "tasks" / "004.yaml").write_text(TASK4.lstrip().format(owner=owner), encoding="utf-8")
    r = cli("-C", str(plan), "check", "--select", "TP205,TP206,TP505", cwd=plan)
    assert (r.code, r.out) == (0, found)


@pytest.mark.parametrize("unit", [u for u in EXPECTED if u != "镇(街道)"])  # a group gets no form of its own
def test_report_forms_rows_and_measures(cli, plan, unit):
    from openpyxl import load_workbook

    r = cli("-C", str(plan), "report", "forms", "-f", "xlsx", "-o", str(plan / "out"), "--as-of", "2020-08-01", "--unit", unit)
    assert r.code == 0, r.err
    rows = list(load_workbook(plan / "out" / f"{unit}-填报表-2020-08-01.xlsx")["填报"].iter_rows(min_row=3, values_only=True))
    assert [row[0] for row in rows] == sorted(EXPECTED[unit])
    # the measures column names the group by its registered name, as the role column does
    measures = {row[0]: row[3] for row in rows}
    owns_via_group = any("measure via 镇(街道)" in roles for roles in EXPECTED[unit].values())
    assert (measures.get(2) == "镇(街道):建立辖区企业台账。") is owns_via_group


def test_an_index_is_freed_as_soon_as_it_is_dropped_even_with_the_collector_off(plan):
    """check drops the plan after its rules ran, with the collector off: a cycle through the index's
    memoised lookups would keep every record alive until the end of the run."""
    import gc
    import weakref

    from taskplan.store.load import load_plan
    from taskplan.index.roles import PlanIndex

    loaded = load_plan(plan, use_cache=False)
    index = PlanIndex.of(loaded)
    unit = index.resolve("西柳镇")
    assert [t.id for t, _ in index.owed(unit)] == [1, 2]  # via the group: 各镇(街道), 各镇（街道）
    assert index.names_unit("各镇(街道)", unit) == ("镇(街道)",)  # half-width brackets too
    gone = weakref.ref(index)
    was = gc.isenabled()
    gc.disable()
    try:
        del index
        assert gone() is None
    finally:
        if was:
            gc.enable()

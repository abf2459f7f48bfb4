import pytest

from taskplan.errors import UsageError
from taskplan.index.roles import PlanIndex, RoleMatch
from taskplan.query.select import (
    FILTERS,
    QueryOptions,
    Term,
    parse_expression,
    parse_ids,
    register_filter,
    select,
)
from taskplan.store.load import load_plan


@pytest.fixture
def index(mini):
    return PlanIndex.of(load_plan(mini, use_cache=False))


def ids(index, *terms, **kw):
    return select(index, list(terms), QueryOptions(**kw)).ids


def ids_in(ranges):
    return sorted({i for r in ranges for i in r})


def test_parse_ids():
    assert ids_in(parse_ids("1-3,35")) == [1, 2, 3, 35]
    assert ids_in(parse_ids("5..7")) == [5, 6, 7]
    assert ids_in(parse_ids("1-3,2")) == [1, 2, 3]
    assert ids_in(parse_ids("1－3，8")) == [1, 2, 3, 8]  # full width, as typed on a Chinese keyboard
    assert parse_ids("1-999999999999") == [range(1, 1000000000000)]  # a range, never a billion numbers


@pytest.mark.parametrize("text, message", [
    ("x", 'bad id list "x" (write ids and ranges like 1-20,35)'),
    ("5-3", 'id range "5-3" runs backwards (write 3-5)'),
    (",", "--id needs a value (e.g. 1-20,35)"),
])
def test_parse_ids_errors(text, message):
    with pytest.raises(UsageError) as exc:
        parse_ids(text)
    assert str(exc.value) == message


def test_parse_expression():
    assert parse_expression("lead:财政局 section:2..4 -responsible:各镇(街道)") == [
        Term("lead", "财政局"), Term("section", "2..4"), Term("responsible", "各镇(街道)", negate=True)]
    assert parse_expression('资金 !lead:财政局 grep:"a b" LEAD:x') == [
        Term("grep", "资金"), Term("lead", "财政局", True), Term("grep", "a b"), Term("lead", "x")]
    assert parse_expression("lead:市场局") == [Term("lead", "市场局")]  # full-width colon
    assert parse_expression("") == []
    assert parse_expression("id:3:4") == [Term("id", "3:4")]


@pytest.mark.parametrize("text, message", [
    ("laed:财政局", 'unknown filter "laed" in "laed:财政局" (did you mean lead?)'),
    ("lead:", 'filter "lead:" has no value (write lead:VALUE)'),
    ('grep:"ab', "bad filter expression: No closing quotation (close the quote)"),
])
def test_parse_expression_errors(text, message):
    with pytest.raises(UsageError) as exc:
        parse_expression(text)
    assert str(exc.value) == message


@pytest.mark.parametrize("name", ["财政局", "示例市财政局", "财政局", " 财政局 "])
def test_lead_by_any_spelling(index, name):
    assert ids(index, Term("lead", name)) == [1]


def test_lead_by_alias(index):
    assert ids(index, Term("lead", "市场局")) == [2]  # task 2 writes 市场监督管理局
    assert ids(index, Term("lead", "市场监管局")) == [2]
    assert ids(index, Term("lead", "示例市市场监督管理局")) == [2]


def test_roles_and_groups(index):
    sel = select(index, [Term("unit", "西柳镇")])
    assert [(m.task.id, m.roles) for m in sel.matches] == [(1, (RoleMatch("responsible", "西柳镇", "镇(街道)"),))]
    assert sel.matches[0].roles[0].label == "responsible via 镇(街道)"
    assert ids(index, Term("unit", "西柳镇"), groups=False) == []
    assert ids(index, Term("responsible", "各镇区(街道)")) == [1]  # the group itself, by an alias
    sel = select(index, [Term("unit", "财政局")])
    assert sel.matches[0].roles == (RoleMatch("lead", "财政局"), RoleMatch("measure", "财政局"))
    assert ids(index, Term("unit", "财政局"), roles=("responsible",)) == []
    assert ids(index, Term("measure", "发改局")) == [1]
    assert ids(index, Term("measure", "市场局")) == []  # task 2's measure has no unit


def test_negation_and_and(index):
    assert ids(index, Term("responsible", "镇(街道)", negate=True)) == [2]
    assert ids(index, Term("lead", "财政局"), Term("section", "2")) == []
    assert ids(index, Term("lead", "财政局", negate=True), Term("section", "1..2")) == [2]
    # a negated unit term adds no "why"
    assert select(index, [Term("lead", "财政局", negate=True)]).matches[0].roles == ()


@pytest.mark.parametrize("value, expected", [
    ("1", [1]), ("二", [2]), ("2", [2]), ("1..2", [1, 2]), ("一..二", [1, 2]), ("1,2", [1, 2]),
    ("金融", [2]), ("财政", [1]), ("财政政策", [1]),
])
def test_section_values(index, value, expected):
    assert ids(index, Term("section", value)) == expected


@pytest.mark.parametrize("value, message", [
    ("4", "no section 4 in this plan (sections run 1..3)"),
    ("十六", "no section 十六 in this plan (sections run 1..3)"),
    ("0", "no section 0 in this plan (sections run 1..3)"),
    ("2..1", 'section range "2..1" runs backwards (write 1..2)'),
    ("金触信贷", 'unknown section "金触信贷" (did you mean 2 加大金融信贷支持力度?)'),
    ("力", 'section "力" is ambiguous (it is part of 2 加大金融信贷支持力度, 3 加大减税降费力度; use the number)'),
])
def test_section_errors(mini, value, message):
    plan = mini / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "  - number: 3\n    title: 加大减税降费力度\n", encoding="utf-8")
    index = PlanIndex.of(load_plan(mini, use_cache=False))
    with pytest.raises(UsageError) as exc:
        ids(index, Term("section", value))
    assert str(exc.value) == message


def test_grep_title_and_measures(index):
    assert ids(index, Term("grep", "赤字率")) == [1]
    assert ids(index, Term("grep", "摸底")) == [2]  # only in a measure
    assert ids(index, Term("grep", "3.6%")) == [1]  # full-width query, half-width text
    assert ids(index, Term("grep", "不存在")) == []


def test_unknown_unit_suggests(index):
    with pytest.raises(UsageError) as exc:
        ids(index, Term("lead", "财正局"))
    assert str(exc.value) == 'unknown unit "财正局" (did you mean 财政局?)'
    with pytest.raises(UsageError) as exc:
        ids(index, Term("lead", "市场监督局"))
    assert str(exc.value) == 'unknown unit "市场监督局" (did you mean 市场局?)'


def test_sort_by_lead_follows_registry_order(index):
    # units.yaml lists 财政局 before 市场局; task 2 (市场局) then task 1 (财政局) only if reversed
    assert select(index, [], sort="lead").ids == [1, 2]
    assert select(index, [], sort="section").ids == [1, 2]


def test_filters_are_pluggable(index):
    @register_filter("even", "even ids (test)")
    def _even(value, index, options):
        return lambda task: task.id % 2 == 0

    try:
        assert ids(index, *parse_expression("even:yes")) == [2]
        assert ids(index, *parse_expression("-even:yes")) == [1]
    finally:
        del FILTERS["even"]


def test_subsections(mini):
    plan = mini / "plan.yaml"
    text = plan.read_text(encoding="utf-8").replace(
        "    title: 全面落实积极财政政策\n",
        "    title: 全面落实积极财政政策\n    sections:\n      - number: 1\n        title: 财政\n      - number: 2\n        title: 赤字\n")
    plan.write_text(text, encoding="utf-8")
    task = mini / "tasks" / "001.yaml"
    task.write_text(task.read_text(encoding="utf-8").replace("section: 1\n", "section: 1\nsubsection: 2\n"), encoding="utf-8")
    index = PlanIndex.of(load_plan(mini, use_cache=False))
    assert ids(index, Term("section", "1.2")) == [1]
    assert ids(index, Term("section", "1.1")) == []
    assert ids(index, Term("section", "1")) == [1]  # a section holds its sub-sections
    from taskplan.output.views import sections_view
    from taskplan.output.formats import render
    from taskplan.query.stats import compute_stats

    assert render(sections_view(compute_stats(index)), "table") == (
        "编号  标题                      任务数  任务编号\n"
        "----  ------------------------  ------  --------\n"
        "1     一、全面落实积极财政政策       1  1\n"
        "1.1     (一)财政                     0\n"
        "1.2     (二)赤字                     1\n"
        "2     二、加大金融信贷支持力度       1  2\n"
        "\n2 sections, 2 tasks\n"
    )


def test_owing_roles_is_roles_of_for_every_unit_at_once(index):
    units = [e for e in index.resolver.entries.values() if not e.is_group]
    for task in index.tasks:
        each = {m for unit in units for m in index.roles_of(task, unit)}
        assert set(index.owing_roles(task)) == each
    assert index.owing_roles(index.tasks[0]) == (
        RoleMatch("lead", "财政局"), RoleMatch("lead", "发改局"), RoleMatch("responsible", "西柳镇", "镇(街道)"),
        RoleMatch("measure", "发改局"), RoleMatch("measure", "财政局"),
    )

import pytest

from taskplan.errors import UsageError
from taskplan.model.records import Registry
from taskplan.model.registry import Resolver
from taskplan.model.text import display_width, name_key
from taskplan.output.tables import pad

REG = Registry.model_validate(
    {
        "units": [
            {"name": "财政局", "full_name": "海城市财政局", "kind": "市直部门", "aliases": []},
            {"name": "市场局", "full_name": "海城市市场监督管理局", "kind": "市直部门", "aliases": ["市场监督管理局", "市场监管局"]},
            {"name": "市委宣传部", "full_name": "中共海城市委宣传部", "kind": "市直部门", "aliases": ["宣传部"]},
            {"name": "西柳镇", "full_name": None, "kind": "镇(街道)", "aliases": []},
        ],
        "groups": [{"name": "镇(街道)", "aliases": ["各镇(街道)", "各镇区(街道)"], "members": ["西柳镇"]}],
    }
)


def test_name_key_folds_width_and_spaces():
    assert name_key("镇（街道）") == name_key("镇(街道)") == name_key(" 镇( 街道 )\u3000")


@pytest.mark.parametrize("spelling", ["市场局", "市场监督管理局", "海城市市场监督管理局", "市场监管局", " 市场局 "])
def test_every_spelling_resolves_to_the_canonical_unit(spelling):
    assert Resolver(REG).resolve(spelling).name == "市场局"


def test_groups_resolve_full_width_and_know_members():
    r = Resolver(REG)
    assert r.resolve("各镇（街道）").name == "镇(街道)"
    assert r.resolve("各镇（街道）").is_group
    assert [g.name for g in r.groups_of("西柳镇")] == ["镇(街道)"]
    assert r.groups_of("财政局") == []


def test_unknown_name_suggests():
    r = Resolver(REG)
    assert r.resolve("财正局") is None
    with pytest.raises(UsageError) as info:
        r.require("财正局")
    assert str(info.value) == 'unknown unit "财正局" (did you mean 财政局?)'
    assert r.suggest("宣传") == ["市委宣传部"]


def test_clashing_spellings_are_recorded():
    reg = Registry.model_validate(
        {"units": [{"name": "财政局", "aliases": ["金融办"]}, {"name": "金融办", "aliases": []}]}
    )
    r = Resolver(reg)
    assert [(s, a.name, b.name) for s, a, b in r.clashes] == [("金融办", "财政局", "金融办")]


def test_display_width_and_pad():
    assert display_width("财政局") == 6
    assert display_width("ab财") == 4
    assert pad("财政", 6) + "|" == "财政  |"


# What mutation testing (make mutate MODULE=src/taskplan/model/registry.py) showed no test pinned.

GROUPED = Registry.model_validate(
    {
        "units": [
            {"name": "财政局", "full_name": "海城市财政局", "kind": "市直部门", "aliases": ["金融办"]},
            {"name": "金融办", "full_name": None, "kind": "市直部门", "aliases": ["地方金融监管局"]},
            {"name": "西柳镇", "full_name": None, "kind": "镇(街道)", "aliases": []},
        ],
        "groups": [{"name": "镇(街道)", "full_name": "海城市各镇（街道）", "aliases": ["各镇(街道)"], "members": ["西柳镇"]}],
    }
)


@pytest.mark.parametrize("spelling", ["海城市各镇（街道）", "海城市各镇(街道)"])
def test_a_group_resolves_by_its_full_name_in_either_width_and_is_a_group_of_kind_组(spelling):
    entry = Resolver(GROUPED).resolve(spelling)
    assert (entry.name, entry.is_group, entry.kind, entry.full_name) == ("镇(街道)", True, "组", "海城市各镇（街道）")
    assert entry.members == ("西柳镇",)


def test_a_unit_is_not_a_group_and_keeps_its_kind():
    entry = Resolver(GROUPED).resolve("海城市财政局")
    assert (entry.name, entry.is_group, entry.kind) == ("财政局", False, "市直部门")
    assert entry.is_group is False  # a bool, as the JSON outputs write it


def test_a_clashing_spelling_does_not_stop_the_entrys_other_spellings():
    r = Resolver(GROUPED)
    assert [(s, a.name, b.name) for s, a, b in r.clashes] == [("金融办", "财政局", "金融办")]
    assert r.resolve("地方金融监管局").name == "金融办"  # indexed although 金融办 itself clashed


def test_a_unit_registered_twice_is_a_clash_and_the_first_wins():
    reg = Registry.model_validate({"units": [{"name": "财政局", "kind": "市直部门"}, {"name": "财政局", "kind": "镇(街道)"}]})
    r = Resolver(reg)
    assert [(s, a.kind, b.kind) for s, a, b in r.clashes] == [("财政局", "市直部门", "镇(街道)")]
    assert r.resolve("财政局").kind == "市直部门"


def test_require_returns_the_entry_of_any_spelling():
    r = Resolver(REG)
    assert r.require("海城市市场监督管理局").name == "市场局"
    assert r.require("各镇（街道）").name == r.require("各镇(街道)").name == "镇(街道)"


def test_require_names_every_suggestion_or_points_to_the_unit_list():
    r = Resolver(REG)
    with pytest.raises(UsageError) as info:
        r.require("海城市")  # inside three units' full names
    assert str(info.value) == 'unknown unit "海城市" (did you mean 财政局, 市场局, 市委宣传部?)'
    with pytest.raises(UsageError) as info:
        r.require("完全陌生")
    assert str(info.value) == "unknown unit \"完全陌生\" (see 'taskplan units' for the registered names)"


def test_display_is_the_full_name_where_there_is_one_else_the_name_as_given():
    r = Resolver(REG)
    assert r.display("市场监管局") == "海城市市场监督管理局"
    assert r.display("西柳镇") == "西柳镇"  # no full name
    assert r.display("各镇（街道）") == "镇(街道)"  # a group without a full name: its canonical name
    assert r.display("未登记单位") == "未登记单位"


def test_suggest_finds_a_registered_name_inside_a_longer_one():
    r = Resolver(REG)
    assert r.suggest("海城市西柳镇人民政府") == ["西柳镇"]  # too dissimilar for difflib: only containment finds it
    assert r.suggest("公共财政") == ["财政局"]  # similar (0.57) though neither contains the other


def test_suggest_gives_three_names_by_default_in_registry_order():
    reg = Registry.model_validate({"units": [{"name": n, "kind": "市直部门"} for n in ("财政局", "公安局", "民政局", "司法局")]})
    assert Resolver(reg).suggest("局") == ["财政局", "公安局", "民政局"]
    assert Resolver(reg).suggest("局", n=4) == ["财政局", "公安局", "民政局", "司法局"]


def test_one_units_many_spellings_do_not_crowd_out_a_second_suggestion():
    reg = Registry.model_validate({"units": [
        {"name": "市场局", "full_name": "海城市市场监督管理局", "kind": "市直部门", "aliases": ["市场监督管理局", "市场监管局"]},
        {"name": "城市管理局", "kind": "市直部门"},
    ]})
    # the three closest spellings are 市场局's; 城市管理局 (0.6) is the fourth
    assert Resolver(reg).suggest("市场监管理") == ["市场局", "城市管理局"]


@pytest.mark.parametrize(("typed", "spelling"), [
    ("市场监管局", None),  # already a registered spelling
    ("市场监管 局", "市场监管局"),  # the alias it equals up to spaces
    ("各镇（街道）", "各镇(街道)"),  # full-width brackets: the group's alias as registered
    ("镇（街道）", "镇(街道)"),
    ("财政 局", "财政局"),
    ("气象台", None),  # no such unit
])
def test_registered_spelling(typed, spelling):
    from taskplan.model.registry import registered_spelling

    assert registered_spelling(Resolver(REG), typed) == spelling


def test_registered_spelling_never_proposes_an_unclean_one():
    from taskplan.model.registry import registered_spelling

    reg = Registry.model_validate({"units": [{"name": "财政局", "full_name": None, "kind": "市直部门", "aliases": ["财政\u200b局", "财政 局 "]}],
                                   "groups": []})
    assert registered_spelling(Resolver(reg), "财政\u3000局") == "财政局"
    reg = Registry.model_validate({"units": [{"name": "财政局 ", "full_name": None, "kind": "市直部门", "aliases": []}], "groups": []})
    assert registered_spelling(Resolver(reg), "财政局") is None  # only 财政局 + a space is registered: a finding in units.yaml

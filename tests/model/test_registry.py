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

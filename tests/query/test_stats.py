from taskplan.query.stats import compute_stats
from taskplan.store.load import load_plan


def test_stats_on_mini(mini):
    stats = compute_stats(load_plan(mini, use_cache=False))
    assert stats.tasks == 2
    assert [(s.number, s.title, s.tasks, s.first_id, s.last_id) for s in stats.sections] == [
        (1, "全面落实积极财政政策", 1, 1, 1),
        (2, "加大金融信贷支持力度", 1, 2, 2),
    ]
    rows = {u.name: (u.kind, u.lead, u.responsible, u.via_group, u.measure, u.tasks) for u in stats.units}
    assert rows == {
        "财政局": ("市直部门", 1, 0, 0, 1, 1),
        "发改局": ("市直部门", 1, 0, 0, 1, 1),
        "市场局": ("市直部门", 1, 0, 0, 0, 1),  # task 2 names it by its alias 市场监督管理局
        "西柳镇": ("镇(街道)", 0, 0, 1, 0, 0),  # only through 各镇(街道)
        "镇(街道)": ("组", 0, 1, 0, 0, 1),
    }
    assert stats.without_responsible == [2]
    assert [u.name for u in stats.only_responsible] == ["镇(街道)"]
    assert [u.name for u in stats.busiest] == ["财政局", "发改局", "市场局"]
    assert [u.name for u in stats.unused] == []


def test_stats_counts_unregistered_names(mini):
    path = mini / "tasks" / "002.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("responsible: []", "responsible: [无名局]"), encoding="utf-8")
    stats = compute_stats(load_plan(mini, use_cache=False))
    assert stats.unit("无名局").kind == "未登记"
    assert stats.unit("无名局").responsible == 1
    assert stats.without_responsible == []
    assert [u.name for u in stats.only_responsible] == ["镇(街道)", "无名局"]

"""taskplan fmt: canonical layout, idempotent, comments kept, --check for CI."""
from __future__ import annotations

from pathlib import Path

from taskplan.records.fmt import format_text
from taskplan.store.write import TASK_HEADER

ROOT = Path(__file__).resolve().parents[2]

MESSY = (
    "# 财政任务: keep me\n"
    "section: 1\n"
    "id: 1\n"
    "title: 今年赤字率拟按3.6%以上安排,财政赤字规模比去年增加1万亿元,同时发行1万亿元抗疫特别国债。这是特殊时期的特殊举措。上述2万亿元全部转给地方。\n"
    "lead:\n"
    "- 财政局\n"
    "- 发改局   # two leads\n"
    "responsible: [各镇(街道)]\n"
    "measures:\n"
    "- items:\n"
    "  - 密切跟踪政策方案。\n"
    "  unit: 发改局\n"
)

CANONICAL = (
    f"{TASK_HEADER}\n"
    "# 财政任务: keep me\n"
    "id: 1\n"
    "section: 1\n"
    "title: 今年赤字率拟按3.6%以上安排,财政赤字规模比去年增加1万亿元,同时发行1万亿元抗疫特别国债。这是特殊时期的特殊举措。上述2万亿元全部转给地方。\n"
    "lead: [财政局, 发改局]  # two leads\n"  # an item's comment moves to the line
    "responsible: [各镇(街道)]\n"
    "measures:\n"
    "  - unit: 发改局\n"
    "    items:\n"
    "      - 密切跟踪政策方案。\n"
)


def test_format_text_canonical_layout():
    assert format_text(MESSY, "tasks/001.yaml") == CANONICAL


def test_format_is_idempotent():
    once = format_text(MESSY, "tasks/001.yaml")
    assert format_text(once, "tasks/001.yaml") == once
    paths = sorted((ROOT / "tasks").glob("*.yaml"))[:20]
    assert len(paths) == 20
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert format_text(format_text(text, "tasks/x.yaml"), "tasks/x.yaml") == format_text(text, "tasks/x.yaml")


def test_fmt_check_lists_files_and_exits_1(cli, make_plan):
    root = make_plan({"tasks/001.yaml": MESSY})
    before = (root / "tasks/001.yaml").read_text(encoding="utf-8")
    r = cli("fmt", "--check", cwd=root)
    assert (r.code, r.err) == (1, "")
    assert r.out == (
        "would reformat tasks/001.yaml\n"
        "would reformat tasks/002.yaml\n"
        "2 files would reformat, 2 unchanged\n"
    )
    assert (root / "tasks/001.yaml").read_text(encoding="utf-8") == before


def test_fmt_writes_then_is_clean(cli, make_plan):
    root = make_plan({"tasks/001.yaml": MESSY})
    r = cli("fmt", "tasks/001.yaml", cwd=root)
    assert (r.code, r.out) == (0, "reformatted tasks/001.yaml\n1 file reformatted, 0 unchanged\n")
    assert (root / "tasks/001.yaml").read_text(encoding="utf-8") == CANONICAL
    r = cli("fmt", "--check", "tasks/001.yaml", cwd=root)
    assert (r.code, r.out) == (0, "0 files would reformat, 1 unchanged\n")


def test_fmt_adds_the_header_to_a_task_and_strips_a_bom(cli, make_plan):
    root = make_plan()
    (root / "tasks/002.yaml").write_bytes(b"\xef\xbb\xbf" + (root / "tasks/002.yaml").read_bytes())
    r = cli("fmt", cwd=root)
    assert r.code == 0
    text = (root / "tasks/002.yaml").read_bytes().decode("utf-8")
    assert text.startswith(TASK_HEADER + "\nid: 2\nsection: 2\n")
    assert not (root / "tasks/002.yaml").read_bytes().startswith(b"\xef\xbb\xbf")


def test_fmt_reports_broken_files_and_leaves_them(cli, make_plan):
    root = make_plan({"tasks/003.yaml": "id: [\n"})
    r = cli("fmt", cwd=root)
    assert r.code == 1
    assert r.err == "tasks/003.yaml:2:1: error TP001 YAML syntax: did not find expected node content\n"
    assert (root / "tasks/003.yaml").read_text(encoding="utf-8") == "id: [\n"


def test_repo_plan_is_fmt_clean(cli):
    r = cli("fmt", "--check", cwd=ROOT)
    assert (r.code, r.out) == (0, "0 files would reformat, 148 unchanged\n")


def test_fmt_keeps_inline_disables_working(cli, make_plan):
    root = make_plan({"tasks/002.yaml": (
        "lead: [市场监督管理局]\n"
        "id: 2\n"
        "section: 2\n"
        "title: 稳健的货币政策要更加灵活适度。。  # taskplan: disable=TP401 (as in the document)\n"
    )})
    assert cli("fmt", cwd=root).code == 0
    text = (root / "tasks/002.yaml").read_text(encoding="utf-8")
    assert "title: 稳健的货币政策要更加灵活适度。。  # taskplan: disable=TP401 (as in the document)\n" in text
    r = cli("check", "--strict", cwd=root)
    assert (r.code, r.out) == (0, "4 files checked, no problems\n")


def test_fmt_keeps_the_modelines_of_plan_and_units(cli, make_plan):
    # taskplan init / import write them; fmt reorders keys below them and never drops them
    plan_header = "# yaml-language-server: $schema=docs/schema/plan.schema.json\n"
    units_header = "# yaml-language-server: $schema=docs/schema/units.schema.json\n"
    root = make_plan()
    plan_body = (root / "plan.yaml").read_text(encoding="utf-8")
    (root / "plan.yaml").write_text(plan_header + "sections: []\n" + plan_body.replace("sections:", "old_sections:", 1).split("old_sections:")[0], encoding="utf-8")
    (root / "units.yaml").write_text(units_header + (root / "units.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    r = cli("-C", str(root), "fmt")
    assert r.code == 0, r.err
    plan = (root / "plan.yaml").read_text(encoding="utf-8")
    assert plan.startswith(plan_header + "title: ")  # sections moved after the title, the modeline stayed first
    assert plan.rstrip().endswith("sections: []")
    assert (root / "units.yaml").read_text(encoding="utf-8").startswith(units_header)
    assert cli("-C", str(root), "fmt", "--check").code == 0


OLD_LEADER = (
    "id: 1\n"
    "section: 1\n"
    "title: 今年赤字率拟按3.6%以上安排。\n"
    "leader: {leader}  # 分管领导\n"
    "lead: [财政局, 发改局]\n"
    "responsible: [各镇(街道)]\n"
    "measures: []\n"
    "status: 推进中\n"
)


def test_an_older_records_leader_string_is_read_as_the_list_and_fmt_writes_the_list(cli, make_plan):
    """`leader: 张三` (the form before leader became a list): every command reads it, fmt rewrites it."""
    cases = (("张副县长", ["张副县长"]), ("张三、李四", ["张三", "李四"]), ("张三，李四", ["张三", "李四"]), ("张三, 李四", ["张三", "李四"]))
    for k, (written, names) in enumerate(cases):
        root = make_plan({"tasks/001.yaml": OLD_LEADER.format(leader=written)}, name=f"plan{k}")
        r = cli("check", "--select", "TP1", cwd=root)
        assert (r.code, r.out) == (0, "4 files checked, no problems\n"), r.out
        r = cli("list", "-f", "json", cwd=root)
        import json

        assert json.loads(r.out)["tasks"][0]["leader"] == names
        r = cli("update", "1", "--status", "推进中", "--note", "已开工", "--date", "2020-09-01", cwd=root)
        assert r.code == 0, r.err  # the edit validates the file as read: the old form is no obstacle
        r = cli("fmt", "--check", cwd=root)
        assert (r.code, r.out.splitlines()[0]) == (1, "would reformat tasks/001.yaml")
        r = cli("fmt", "tasks/001.yaml", cwd=root)
        text = (root / "tasks/001.yaml").read_text(encoding="utf-8")
        assert f"\nleader: [{', '.join(names)}]" in text and "# 分管领导" in text and "note: 已开工" in text
        assert cli("fmt", "--check", "tasks/001.yaml", cwd=root).code == 0


# --------------------------------------------------------------------------- format_plan, without the CLI


def test_format_plan_check_only_reports(make_plan, monkeypatch):
    from taskplan.records.fmt import format_plan

    root = make_plan({"tasks/001.yaml": MESSY})
    before = (root / "tasks/001.yaml").read_bytes()
    run = format_plan(root, write=False)
    assert run.files == ["plan.yaml", "units.yaml", "tasks/001.yaml", "tasks/002.yaml"]
    assert (run.changed, run.problems, run.unchanged) == (["tasks/001.yaml", "tasks/002.yaml"], [], 2)
    assert run.exit_code() == 1  # --check: a file out of layout fails
    assert (root / "tasks/001.yaml").read_bytes() == before


def test_format_plan_writes_and_narrows_to_paths(make_plan, monkeypatch):
    from taskplan.records.fmt import format_plan

    root = make_plan({"tasks/001.yaml": MESSY})
    monkeypatch.chdir(root / "tasks")  # paths are as typed, relative to the current directory
    run = format_plan(root, [Path("001.yaml")], write=True)
    assert (run.files, run.changed, run.exit_code()) == (["tasks/001.yaml"], ["tasks/001.yaml"], 0)
    assert (root / "tasks/001.yaml").read_text(encoding="utf-8") == CANONICAL
    assert format_plan(root, [Path(".")], write=False).files == ["tasks/001.yaml", "tasks/002.yaml"]


def test_format_plan_a_broken_file_fails_even_when_writing(make_plan):
    from taskplan.records.fmt import format_plan

    root = make_plan({"tasks/003.yaml": "id: [\n"})
    run = format_plan(root, write=True)
    assert [f.path for f in run.problems] == ["tasks/003.yaml"]
    assert run.unchanged == len(run.files) - len(run.changed) - 1
    assert run.exit_code() == 1

"""TP307 key order, and check --fix / --diff through the round-trip writer."""
from __future__ import annotations

MESSY = """
    # 财政任务 (a comment that must survive)
    section: 1
    id: 1
    title: 今年赤字率拟按3.6%以上安排。
    lead: [财政局, 发改局]
    responsible: [各镇\uff08街道\uff09]   # as the office wrote it
    measures:
      - items:
          - 密切跟踪政策方案,全力争取抗疫特别国债。
        unit: 发改局
      - unit: 财政局
        items:
          - "积极争取上级转移支付和资金。 "
    """


def test_tp307_key_order(found, make_plan):
    root = make_plan({"tasks/001.yaml": MESSY})
    assert found(root, "TP307") == ['tasks/001.yaml:3:1: warning TP307 "id" should come before "section"; run taskplan fmt']
    assert found(make_plan(name="ok"), "TP307") == []


def test_nested_key_order_is_reported_too(found, make_plan):
    root = make_plan({"tasks/001.yaml": MESSY.replace("section: 1\n    id: 1", "id: 1\n    section: 1")})
    # the top level is in order; the measure's "items" before "unit" is not a top-level finding,
    # but fmt and --fix put it right (see below)
    assert found(root, "TP307") == []


def test_diff_shows_the_safe_fixes_and_writes_nothing(cli, make_plan):
    root = make_plan({"tasks/001.yaml": MESSY})
    before = (root / "tasks/001.yaml").read_text(encoding="utf-8")
    r = cli("check", "--diff", cwd=root)
    assert r.err == ""
    assert r.out == (
        "--- a/tasks/001.yaml\n"
        "+++ b/tasks/001.yaml\n"
        "@@ -1,13 +1,13 @@\n"
        " # 财政任务 (a comment that must survive)\n"
        "+id: 1\n"
        " section: 1\n"
        "-id: 1\n"
        " title: 今年赤字率拟按3.6%以上安排。\n"
        " lead: [财政局, 发改局]\n"
        "-responsible: [各镇\uff08街道\uff09]   # as the office wrote it\n"
        "+responsible: [各镇(街道)]   # as the office wrote it\n"
        " measures:\n"
        "-  - items:\n"
        "+  - unit: 发改局\n"
        "+    items:\n"
        "       - 密切跟踪政策方案,全力争取抗疫特别国债。\n"
        "-    unit: 发改局\n"
        "   - unit: 财政局\n"
        "     items:\n"
        '-      - "积极争取上级转移支付和资金。 "\n'
        '+      - "积极争取上级转移支付和资金。"\n'  # the user's quotes are kept
    )
    assert r.code == 0
    assert (root / "tasks/001.yaml").read_text(encoding="utf-8") == before


def test_fix_writes_lists_and_leaves_a_clean_plan(cli, make_plan):
    root = make_plan({"tasks/001.yaml": MESSY})
    r = cli("check", "--fix", cwd=root)
    assert r.out == (
        "fixed tasks/001.yaml: put the fields in the usual order\n"
        'fixed tasks/001.yaml: "各镇\uff08街道\uff09" -> "各镇(街道)"\n'
        "fixed tasks/001.yaml: removed white space at the start or end of measures[1].items[0]\n"
        "4 files checked, no problems\n"
    )
    assert r.code == 0
    assert (root / "tasks/001.yaml").read_text(encoding="utf-8") == (
        "# 财政任务 (a comment that must survive)\n"
        "id: 1\n"
        "section: 1\n"
        "title: 今年赤字率拟按3.6%以上安排。\n"
        "lead: [财政局, 发改局]\n"
        "responsible: [各镇(街道)]   # as the office wrote it\n"
        "measures:\n"
        "  - unit: 发改局\n"
        "    items:\n"
        "      - 密切跟踪政策方案,全力争取抗疫特别国债。\n"
        "  - unit: 财政局\n"
        "    items:\n"
        '      - "积极争取上级转移支付和资金。"\n'
    )
    r = cli("check", "--fix", cwd=root)
    assert r.out == "4 files checked, no problems\n"  # nothing left to fix


def test_fix_leaves_unsafe_findings_and_still_fails(cli, make_plan):
    root = make_plan({"tasks/001.yaml": MESSY.replace("lead: [财政局, 发改局]", "lead: [财正局, 发改局]")})
    r = cli("check", "--fix", "--select", "TP201,TP202", cwd=root)
    assert r.out == (
        'fixed tasks/001.yaml: "各镇\uff08街道\uff09" -> "各镇(街道)"\n'
        'tasks/001.yaml:5:8: error TP201 unknown unit "财正局" (did you mean 财政局?)\n'
        "1 error in 4 files\n"
    )
    assert r.code == 1


def test_fix_and_diff_exclude_each_other(cli, mini):
    r = cli("check", "--fix", "--diff", cwd=mini)
    assert (r.code, r.err) == (2, "taskplan: error: --fix and --diff exclude each other (--diff shows what --fix would write)\n")


def test_two_fixes_on_one_value_compose(cli, make_plan):
    root = make_plan({"tasks/001.yaml": MESSY.replace("[各镇\uff08街道\uff09]", "['各镇\uff08街道\uff09 ']")})
    r = cli("check", "--fix", "--select", "TP202,TP402", cwd=root)
    assert (r.code, r.out.splitlines()[-1]) == (0, "4 files checked, no problems")
    text = (root / "tasks/001.yaml").read_text(encoding="utf-8")
    assert "responsible: ['各镇(街道)']    # as the office wrote it\n" in text  # ruamel keeps the comment's column


def test_fix_keeps_crlf_line_ends(cli, make_plan):
    # --fix goes through store.write.update_file, which keeps a file's line ends as they are
    root = make_plan({"tasks/001.yaml": MESSY})
    path = root / "tasks/001.yaml"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert cli("check", "--fix", cwd=root).code == 0
    raw = path.read_bytes()
    assert raw.count(b"\r\n") == 13 and b"\n" not in raw.replace(b"\r\n", b"")
    assert raw.decode("utf-8").splitlines()[1:3] == ["id: 1", "section: 1"]

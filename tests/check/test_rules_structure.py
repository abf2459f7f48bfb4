"""TP3xx structure rules: failing and passing fixtures with exact findings."""
from __future__ import annotations

TASK3 = """
    id: 3
    section: 2
    title: 第三项任务。
    lead: [财政局]
    responsible: []
    """


def test_mini_plan_has_no_structure_findings(found, mini):
    assert found(mini, "TP3") == []


def test_tp301_file_name_does_not_match_id(found, make_plan):
    root = make_plan({"tasks/004.yaml": TASK3})
    assert found(root, "TP301") == [
        "tasks/004.yaml:1:5: error TP301 file name 004.yaml does not match id 3; rename the file to 003.yaml"
    ]
    assert found(make_plan({"tasks/003.yaml": TASK3}, name="ok"), "TP301") == []


def test_tp301_unpadded_name(found, make_plan):
    root = make_plan({"tasks/3.yaml": TASK3})
    assert found(root, "TP301") == ["tasks/3.yaml:1:5: error TP301 file name 3.yaml does not match id 3; rename the file to 003.yaml"]


def test_tp302_duplicate_id(found, make_plan):
    root = make_plan({"tasks/003.yaml": TASK3.replace("id: 3", "id: 2")})
    assert found(root, "TP302") == [
        "tasks/003.yaml:1:1: error TP302 task id 2 is already used by tasks/002.yaml; give this task a new id"
    ]


def test_tp303_id_gap(found, make_plan):
    root = make_plan({"tasks/005.yaml": TASK3.replace("id: 3", "id: 5")})
    assert found(root, "TP303") == ["tasks/005.yaml:1:5: warning TP303 task ids jump to 5 after 2; 3–4 missing"]
    root = make_plan({"tasks/001.yaml": None}, name="nofirst")
    assert found(root, "TP303") == ["tasks/002.yaml:1:5: warning TP303 task ids jump to 2 at the start; 1 missing"]
    assert found(make_plan({"tasks/003.yaml": TASK3}, name="ok"), "TP303") == []


def test_tp304_unknown_section_and_subsection(found, make_plan):
    root = make_plan({
        "tasks/003.yaml": TASK3.replace("section: 2", "section: 7"),
        "tasks/004.yaml": TASK3.replace("id: 3", "id: 4").replace("section: 2", "section: 2\n    subsection: 1"),
    })
    assert found(root, "TP304") == [
        "tasks/003.yaml:2:10: error TP304 section 7 is not in plan.yaml (sections: 1, 2)",
        "tasks/004.yaml:3:13: error TP304 subsection 1 is not in section 2 of plan.yaml (subsections: none)",
    ]


def test_tp305_section_order(found, make_plan):
    root = make_plan({"tasks/003.yaml": TASK3.replace("section: 2", "section: 1")})
    assert found(root, "TP305") == [
        "tasks/003.yaml:2:10: warning TP305 task 3 is in section 1, but task 2 before it is in section 2"
    ]
    assert found(make_plan({"tasks/003.yaml": TASK3}, name="ok"), "TP305") == []


def test_tp306_section_numbering(found, make_plan):
    plan = (make_plan().joinpath("plan.yaml")).read_text(encoding="utf-8").replace("number: 2", "number: 3")
    root = make_plan({"plan.yaml": plan}, name="gap")
    assert found(root, "TP306") == [
        "plan.yaml:10:13: warning TP306 section number 3 should be 2 (sections are numbered 1, 2, 3 … in order)"
    ]

"""A hostile corpus: each broken file gives the right code at the right line, exit 1, no traceback.

The files live in tests/fixtures/hostile/; each is dropped into a copy of
the mini plan (as tasks/003.yaml unless the table says otherwise).
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

HOSTILE = Path(__file__).resolve().parent.parent / "fixtures" / "hostile"
T = "tasks/003.yaml"
ANCHOR = "YAML anchors and aliases (&name, *name) are not allowed in records; write the value out"

EXPECTED = {
    # file: (where it goes, the first finding exactly)
    "syntax-unclosed-flow.yaml": (T, "5:12: error TP001 YAML syntax: did not find expected ',' or ']'"),
    "syntax-tab-indent.yaml": (T, "7:1: error TP001 YAML syntax: found character that cannot start any token"),
    "syntax-unclosed-quote.yaml": (T, "5:1: error TP001 YAML syntax: found unexpected end of stream"),
    "syntax-bad-indent.yaml": (T, "2:10: error TP001 YAML syntax: mapping values are not allowed in this context"),
    "syntax-nul-byte.yaml": (T, "3:10: error TP001 YAML syntax: control character U+0000 is not allowed; remove it"),
    "syntax-complex-key.yaml": (T, "6:3: error TP001 YAML syntax: a mapping key must be a plain value"),
    "syntax-two-documents.yaml": (T, "6:1: error TP001 YAML syntax: but found another document"),
    "syntax-python-tag.yaml": (T, "3:8: error TP001 YAML syntax: could not determine a constructor for the tag 'tag:yaml.org,2002:python/object:os.system'"),
    "syntax-deep-nesting.yaml": (T, "3:1007: error TP001 YAML syntax: exceeded maximum nesting depth"),
    "syntax-bad-date.yaml": (T, "7:11: error TP001 invalid date '2020-13-01' (month must be in 1..12); write YYYY-MM-DD"),
    "encoding-gbk.yaml": (T, "3:8: error TP002 file is not UTF-8 (it looks like GBK/GB18030); re-save it as UTF-8"),
    "encoding-utf16.yaml": (T, "1:1: error TP002 file is not UTF-8; re-save it as UTF-8"),
    "encoding-latin1-byte.yaml": (T, "6:10: error TP002 file is not UTF-8; re-save it as UTF-8"),
    "bom-with-unknown-field.yaml": (T, "6:1: error TP102 unknown field \"responsable\" (did you mean responsible?)"),
    "duplicate-key.yaml": (T, '6:1: error TP004 duplicate key "lead" (first defined on line 4); keep one of them'),
    "duplicate-nested-key.yaml": (T, '8:5: error TP004 duplicate key "unit" (first defined on line 7); keep one of them'),
    "anchor-alias.yaml": (T, f"4:7: error TP005 {ANCHOR}"),
    "alias-bomb.yaml": (T, f"5:5: error TP005 {ANCHOR}"),
    "merge-key.yaml": (T, f"1:7: error TP005 {ANCHOR}"),
    "empty.yaml": (T, "1:1: error TP006 file is empty; write the record or delete the file"),
    "whitespace-only.yaml": (T, "1:1: error TP006 file is empty; write the record or delete the file"),
    "comments-only.yaml": (T, "1:1: error TP006 file has no record, only comments; write the record or delete the file"),
    "top-level-list.yaml": (T, "1:1: error TP008 expected a mapping of fields (key: value), found list"),
    "top-level-scalar.yaml": (T, "1:1: error TP008 expected a mapping of fields (key: value), found str"),
    "missing-id.yaml": (T, '1:1: error TP101 missing required field "id"; add it'),
    "unknown-field.yaml": (T, '6:1: error TP102 unknown field "responsable" (did you mean responsible?)'),
    "id-as-string.yaml": (T, "1:5: error TP103 \"id\": Input should be a valid integer, got '003'"),
    "id-as-float.yaml": (T, '1:5: error TP103 "id": Input should be a valid integer, got 3.0'),
    "section-zero.yaml": (T, '2:10: error TP103 "section": Input should be greater than or equal to 1, got 0'),
    "lead-empty.yaml": (T, '4:7: error TP208 task 3 has no lead unit; write the 牵头单位 into lead'),
    "lead-as-string.yaml": (T, "4:7: error TP103 \"lead\": Input should be a valid list, got '财政局'"),
    "responsible-as-bool.yaml": (T, '5:14: error TP103 "responsible": Input should be a valid list, got True'),
    "title-blank.yaml": (T, "3:8: error TP103 \"title\": Value error, must not be empty, got '  '"),
    "status-unknown.yaml": (T, "6:9: error TP103 \"status\": Input should be '未启动', '推进中', '已完成', '已销号' or '暂缓', got '完成'"),
    "measure-items-empty.yaml": (T, '8:12: error TP103 "measures[0].items": List should have at least 1 item after validation, not 0, got list'),
    "measure-unknown-field.yaml": (T, '7:5: error TP101 missing required field "measures[0].items"; add it'),
    "duplicate-id.yaml": (T, "1:1: error TP302 task id 1 is already used by tasks/001.yaml; give this task a new id"),
    "file-name-mismatch.yaml": (T, "1:5: error TP301 file name 003.yaml does not match id 7; rename the file to 007.yaml"),
    "unknown-unit.yaml": (T, '4:13: error TP201 unknown unit "财正局" (did you mean 财政局?)'),
    "unknown-section.yaml": (T, "2:10: error TP304 section 9 is not in plan.yaml (sections: 1, 2)"),
    "units-missing-name.yaml": ("units.yaml", '2:5: error TP101 missing required field "units[0].name"; add it'),
    "plan-section-title-number.yaml": ("plan.yaml", '4:12: error TP103 "sections[0].title": Input should be a valid string, got 123'),
}


def test_the_corpus_is_complete():
    assert sorted(p.name for p in HOSTILE.iterdir()) == sorted(EXPECTED)
    assert len(EXPECTED) >= 30


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_file(cli, mini, name):
    target, first = EXPECTED[name]
    shutil.copyfile(HOSTILE / name, mini / target)
    r = cli("check", cwd=mini)
    assert r.err == ""
    errors = [line for line in r.out.splitlines() if ": error " in line]
    assert errors[0] == f"{target}:{first}"
    assert r.code == 1


def test_bom_is_a_warning_as_well(cli, mini):
    shutil.copyfile(HOSTILE / "bom-with-unknown-field.yaml", mini / T)
    r = cli("check", cwd=mini)
    assert r.out.splitlines()[0] == f"{T}:1:1: warning TP003 file starts with a UTF-8 byte order mark; save it as UTF-8 without BOM"
    assert r.code == 1  # the unknown field in the same file is still an error


def test_huge_file(cli, mini):
    (mini / T).write_bytes(b"id: 3\ntitle: " + "长".encode() * 400_000 + b"\n")
    r = cli("check", cwd=mini)
    assert r.out.splitlines()[0] == f"{T}:1:1: error TP007 file is 1,200,014 bytes; record files are limited to 1,048,576 bytes"
    assert r.code == 1


def test_missing_units_file(cli, mini):
    (mini / "units.yaml").unlink()
    r = cli("check", cwd=mini)
    assert r.out == "units.yaml:0:0: error TP104 units.yaml is missing; every plan needs one\n1 error in 4 files\n"
    assert r.code == 1


def test_many_broken_files_all_reported(cli, mini):
    """A broken file is reported, never skipped: every one of them appears."""
    for i, name in enumerate(sorted(n for n, (t, _) in EXPECTED.items() if t == T), start=3):
        shutil.copyfile(HOSTILE / name, mini / "tasks" / f"{i:03d}.yaml")
    r = cli("check", cwd=mini)
    reported = {line.split(":")[0] for line in r.out.splitlines() if ": error " in line}
    broken = {f"tasks/{i:03d}.yaml" for i in range(3, 3 + sum(1 for t, _ in EXPECTED.values() if t == T))}
    assert reported == broken
    assert r.code == 1

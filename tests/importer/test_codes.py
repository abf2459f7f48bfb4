"""The TP8xx codes of taskplan import: registered with the rules (taskplan rules lists and documents
them), written once (importer/codes.py), and each with its exact output."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from taskplan.check.rule import all_rules

SRC = Path(__file__).resolve().parents[2] / "src" / "taskplan"

# full-width and half-width punctuation: the same findings
NO_TEXT = {
    "full": "一、财政政策\n1. 今年赤字率拟按3.6%以上安排。（牵头单位：财政局；责任单位：发改局）\n2. （牵头单位：财政局）\n",
    "half": "一、财政政策\n1. 今年赤字率拟按3.6%以上安排。(牵头单位:财政局;责任单位:发改局)\n2. (牵头单位:财政局)\n",
}


@pytest.mark.parametrize("width", ["full", "half"])
def test_tp805_and_tp807_exact_output(cli, tmp_path, width):
    doc = tmp_path / "plan.txt"
    doc.write_text(NO_TEXT[width], encoding="utf-8")
    r = cli("import", str(doc), "--into", str(tmp_path / "out"))
    assert r.code == 0
    assert r.err == (
        f"{doc}:3:1: warning TP805 task 2 has no text of its own\n"
        f"{doc}:1:1: warning TP807 no title found before the first task; plan.yaml gets the first heading\n"
    )
    assert "title: (无标题)" in (tmp_path / "out" / "tasks" / "002.yaml").read_text(encoding="utf-8")
    # with a title line before the first task, only the task without text is reported
    doc.write_text("关于印发示例市任务分解方案的通知\n" + NO_TEXT[width], encoding="utf-8")
    r = cli("import", str(doc), "--into", str(tmp_path / "out2"))
    assert r.err == f"{doc}:4:1: warning TP805 task 2 has no text of its own\n"


def test_taskplan_rules_lists_the_import_codes(cli):
    ids = cli("rules", "-f", "ids").out.split()
    assert [c for c in ids if c.startswith("TP8")] == ["TP801", "TP802", "TP803", "TP804", "TP805", "TP807", "TP810", "TP811"]
    lines = cli("rules").out.splitlines()
    assert "TP804  warning        import-no-lead-unit         An imported task names no lead unit (written with “lead: []”)." in lines
    assert [r.family for r in all_rules() if r.code.startswith("TP8")] == ["importer"] * 8
    assert "## Import (TP8xx, reported by taskplan import)" in cli("rules", "-f", "md").out


def test_rules_shows_an_import_code(cli):
    r = cli("rules", "tp804")
    assert (r.code, r.err) == (0, "")
    assert r.out == (
        "TP804 import-no-lead-unit (warning)\n\n"
        "An imported task names no lead unit (written with ``lead: []``).\n\n"
        "The records are still written, so the rest of the plan can be used; the\n"
        "task shows as （无牵头单位） until its 牵头单位 is added, and ``check``\n"
        "reports it as TP208.  Often the document lists only 责任单位 and states no\n"
        "rule such as 列第一位者为牵头单位: add the rule to the document and import\n"
        "again, or write the lead unit into the record.\n"
    )


def test_rules_code_in_a_fresh_process():
    # the rule modules register on first use: looking up one code must load them (it once did not)
    out = subprocess.run([sys.executable, "-m", "taskplan", "rules", "TP201"], capture_output=True, text=True)
    assert (out.returncode, out.stderr) == (0, "")
    assert out.stdout.startswith("TP201 unknown-unit (error)\n\n")


def test_listing_the_rules_does_not_load_the_importer():
    probe = ("import sys\nfrom taskplan.check.rule import all_rules\nall_rules()\n"
             "print(sorted(m for m in sys.modules if m.startswith('taskplan.importer')))\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out == "['taskplan.importer', 'taskplan.importer.codes']\n"


def test_each_import_code_is_written_once():
    pattern = re.compile(r"""["']TP8\d\d["']""")
    holders = sorted(str(p.relative_to(SRC)) for p in SRC.rglob("*.py") if pattern.search(p.read_text(encoding="utf-8")))
    assert holders == ["importer/codes.py"]


# one document per TP8xx code (TP804 and TP807 share one), each in both punctuation widths
EMITTING = {
    "TP801": "一、财政政策\n1. 加强财政预算管理。（牵头单位：财政局）\n".encode("gb18030"),
    "TP802": b"",
    "TP803": "一、总体要求\n坚持稳中求进，推动高质量发展。\n".encode(),
    "TP804": "一、财政政策\n1. 加强财政预算管理。（责任单位：财政局、发改局）\n".encode(),
    "TP805": "关于印发示例方案的通知\n一、财政政策\n1. 加强财政预算管理。（牵头单位：财政局）\n2. （牵头单位：财政局）\n".encode(),
    "TP810": ("关于印发示例方案的通知\n一、财政政策\n1. 加强财政预算管理。（牵头单位：财政局）\n"
              "做好减税降费工作。（牵头单位：税务局）\n").encode(),
    "TP811": ("关于印发示例方案的通知\n一、财政政策\n1. 加强财政预算管理。（牵头单位：财政局）\n"
              "3. 做好减税降费工作。（牵头单位：税务局）\n").encode(),
}
HALF = str.maketrans("，：；（）", ",:;()")


@pytest.mark.parametrize("width", ["full", "half"])
def test_every_emitted_import_finding_has_its_registered_severity(cli, tmp_path, width):
    from taskplan.importer.codes import CODES

    registered = {c.code: c.severity for c in CODES}
    assert registered == {"TP801": "error", "TP802": "error", "TP803": "error", "TP804": "warning",
                          "TP805": "warning", "TP807": "warning", "TP810": "warning", "TP811": "warning"}
    emitted: dict[str, set[str]] = {}
    for name, raw in EMITTING.items():
        doc = tmp_path / f"{name}.txt"
        doc.write_bytes(raw.decode("gb18030").translate(HALF).encode("gb18030") if width == "half" and name == "TP801"
                        else raw.decode().translate(HALF).encode() if width == "half" else raw)
        r = cli("import", str(doc), "--into", str(tmp_path / f"out-{name}"))
        for line in r.err.splitlines():
            match = re.search(r": (\w+) (TP8\d\d) ", line)
            assert match, line
            emitted.setdefault(match[2], set()).add(match[1])
        assert name in r.err, (name, r.err)
    assert emitted == {code: {severity} for code, severity in registered.items()}


def test_no_call_site_states_a_severity_of_its_own():
    # the severity of a TP8xx code is written once, in importer/codes.py (call sites build findings with
    # import_finding(code, …), which looks it up); that of a store code (TP0xx, TP1xx, TP302) once, in
    # store/codes.py: the loader and the importer (TP103 when units.yaml is not a mapping) write SEVERITIES[code]
    from taskplan.importer import codes
    from taskplan.store import codes as store_codes

    names = "|".join(n for module in (codes, store_codes) for n in dir(module) if n.startswith("CODE_"))
    stated = re.compile(rf"""\b({names})\b[^()]{{0,80}}["'](error|warning|info)["']""")
    sources = [p for folder in ("importer", "store") for p in sorted((SRC / folder).rglob("*.py")) if p.name != "codes.py"]
    assert len(sources) > 20
    offenders = [f"{p.relative_to(SRC)}: {m[0]}" for p in sources for m in stated.finditer(p.read_text(encoding="utf-8"))]
    assert offenders == []
    # the scan finds what it is for: a severity written after a code, on the line or the next
    assert stated.search('Finding(UNITS_FILE, 1, 1, CODE_BAD_VALUE, "error", M_("…"))')
    assert stated.search('Finding(path, 1, 1, CODE_BOM,\n    "warning", M_("…"))')


def test_store_codes_are_registered_with_the_severity_of_store_codes():
    from taskplan.check.rule import all_rules
    from taskplan.store.codes import SEVERITIES

    files = {r.code: r.severity for r in all_rules() if r.family in ("files", "structure") and r.func is None}
    assert files == SEVERITIES
    assert SEVERITIES["TP103"] == "error" and SEVERITIES["TP003"] == "warning" and SEVERITIES["TP010"] == "warning"


def test_importer_reports_a_units_file_that_is_no_mapping_with_the_store_severity_of_tp103(tmp_path):
    # reached when units.yaml is replaced by a list between reading the curated registry and appending to it
    from taskplan.errors import DataError
    from taskplan.importer.write import _append_units

    (tmp_path / "units.yaml").write_text("- 财政局\n- 发改委\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        _append_units(tmp_path / "units.yaml", ["教育局"])
    [finding] = caught.value.findings
    assert (finding.path, finding.line, finding.code, finding.severity) == ("units.yaml", 1, "TP103", "error")

"""The repository's own plan passes check; every finding .taskplan.toml ignores is in the document."""
from __future__ import annotations

import re
from pathlib import Path

from taskplan.check.config import CheckConfig, load_config
from taskplan.check.engine import check_plan

ROOT = Path(__file__).resolve().parents[2]
SOURCE = (ROOT / "sources" / "haicheng-2020.txt").read_text(encoding="utf-8")


def test_real_plan_passes_strict(cli):
    r = cli("check", "--strict", cwd=ROOT)
    assert r.err == ""
    # task 4: 牵头单位 发改局、财政局、公安局、商务局, but 落实措施 only for 公安局, 发改局, 商务局 (source line 22)
    assert r.out == (
        "tasks/004.yaml:5:13: info TP206 lead unit 财政局 has no measure of its own in task 4\n"
        "1 info in 148 files\n"
    )
    assert r.code == 0


def _value_on_line(path: str, line: int) -> str:
    text = (ROOT / path).read_text(encoding="utf-8").split("\n")[line - 1]
    return re.sub(r"^\s*(- |[a-z_]+: )", "", text)


def _block(task_id: int) -> str:
    """The source lines of task ``task_id``, up to the next task."""
    match = re.search(rf"^{task_id}\.(.*?)(?=^{task_id + 1}\.|\Z)", SOURCE, re.S | re.M)
    assert match, task_id
    return match.group(1)


def test_every_ignored_finding_is_in_the_document():
    ignored = load_config(ROOT).per_file_ignores
    everything = check_plan(ROOT, CheckConfig()).findings
    hits = [f for f in everything if any(f.code.startswith(c) for c in ignored.get(f.path, []))]
    assert ignored and hits  # .taskplan.toml ignores findings: with none, the loop below would prove nothing
    assert sorted({f.path for f in hits}) == sorted(ignored)  # no stale ignore
    for f in hits:
        task_id = int(Path(f.path).stem)
        if f.code in ("TP401", "TP402"):
            assert _value_on_line(f.path, f.line) in SOURCE, f.format()
        elif f.code == "TP204":
            unit = f.message.split(" ")[0]
            block = _block(task_id)
            lead = re.search(r"牵头单位:(.*)", block).group(1)
            responsible = re.search(r"责任单位:(.*)", block).group(1)
            assert unit in lead.split("、") and unit in responsible.split("、"), f.format()
        elif f.code == "TP207":
            item = _value_on_line(f.path, f.line)
            other = int(f.message.rsplit(" ", 1)[1])
            assert item.rstrip("。") in _block(task_id) and item.rstrip("。") in _block(other), f.format()
        else:  # pragma: no cover - a new kind of ignore needs its own proof here
            raise AssertionError(f"no proof for ignored {f.format()}")

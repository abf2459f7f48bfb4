"""The cache is invisible: every read command answers with a warm cache exactly as with --no-cache,
before and after each writing command (update, extend, deadlines --write, fmt, check --fix, new, import)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from taskplan.cli.app import main
from taskplan.store import cache as cache_mod

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SOURCE = Path(__file__).resolve().parents[1] / "data" / "importer" / "roles_in_parentheses.fw.txt"

READS = [
    ("list", "-f", "json"),
    ("list", "--grep", "台账", "-f", "csv"),
    ("show", "1"),
    ("units",),
    ("units", "财政局", "-f", "json"),
    ("sections",),
    ("stats", "-f", "json"),
    ("list", "--lead", "财政局", "--status", "推进中", "-f", "csv"),
    ("report", "-f", "md"),
    ("report", "units", "-f", "html"),
    ("report", "bulletin", "--as-of", "2020-12-31", "-f", "text"),
    ("check", "--as-of", "2020-12-31"),
    ("check", "--as-of", "2020-12-31", "-f", "json"),
    ("overdue", "--as-of", "2020-12-31"),
    ("deadlines", "--extract"),
    ("deadlines",),
    ("report", "stats", "-f", "csv"),
    ("fmt", "--check"),
]

WRITES = [
    ("update", "1", "--status", "推进中", "--note", "已清偿90%", "--unit", "财政局", "--date", "2020-11-10"),
    ("extend", "4", "--to", "2021-03-31", "--reason", "资金未到位"),
    ("deadlines", "--extract", "--write"),
    ("fmt",),
    ("check", "--fix"),
    ("new", "新增一项任务,压减一般性支出。", "-s", "2", "-l", "财政局", "-r", "发改局"),
    ("import", str(SOURCE), "--into", ".", "--force"),
]


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    """The progress fixture (fields after measures, comments), with a key out of order and an unknown unit."""
    root = tmp_path / "plan"
    shutil.copytree(FIXTURES / "progress", root)
    task = root / "tasks" / "003.yaml"
    text = task.read_text(encoding="utf-8")
    lines = text.split("\n")
    title = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    section = next(i for i, line in enumerate(lines) if line.startswith("section:"))
    lines[title], lines[section] = lines[section], lines[title]  # TP307, fixable
    task.write_text("\n".join(lines).replace("lead: [", "lead: [财正局, ", 1), encoding="utf-8")
    return root


def run(capsys, monkeypatch, root: Path, *args: str) -> tuple[int, str, str]:
    monkeypatch.delenv("TASKPLAN_NO_CACHE", raising=False)
    monkeypatch.chdir(root)
    capsys.readouterr()
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("trust_stamps", [False, True], ids=["racy-window", "stamps-trusted"])
def test_warm_cache_answers_equal_no_cache_after_every_write(plan, capsys, monkeypatch, trust_stamps):
    if trust_stamps:  # the fast path: a file is not re-read when its stat stamp matches
        monkeypatch.setattr(cache_mod, "RACY_NS", -10**12)
    reads = READS if trust_stamps else READS[::2]  # keep the suite quick: every command is read in one of the two
    for write in [None, *WRITES]:
        if write is not None:
            code, out, err = run(capsys, monkeypatch, plan, *write)
            assert code in (0, 1), (write, out, err)
        for read in reads:
            warm = run(capsys, monkeypatch, plan, *read)  # the cache still holds what the write replaced
            cold = run(capsys, monkeypatch, plan, "--no-cache", *read)
            assert warm == cold, (write, read)
        for read in reads[:3]:  # and from the entries those runs left
            assert run(capsys, monkeypatch, plan, *read) == run(capsys, monkeypatch, plan, "--no-cache", *read), (write, read)


def test_check_after_report_has_no_false_key_order_warnings(plan, capsys, monkeypatch):
    """Measures kept apart in the cache once came back last, so every task with status after its
    measures looked out of order (TP307) to a check after any other command."""
    cold = run(capsys, monkeypatch, plan, "--no-cache", "check", "--select", "TP307")
    assert cold == (0, "tasks/003.yaml:3:1: warning TP307 \"section\" should come before \"title\"; run taskplan fmt\n"
                       "1 warning in 10 files\n", "")
    assert run(capsys, monkeypatch, plan, "report", "-f", "md")[0] == 0
    assert run(capsys, monkeypatch, plan, "check", "--select", "TP307") == cold

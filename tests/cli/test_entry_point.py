"""`python -m taskplan` (run()) leaves without interpreter teardown: output must still be complete, codes right."""
from __future__ import annotations

import subprocess
import sys



def _run(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "taskplan", *args], capture_output=True, text=True, cwd=cwd)


def test_output_and_code_are_those_of_main(mini, cli):
    for args in (("-C", str(mini), "list"), ("-C", str(mini), "show", "1"), ("-C", str(mini), "check")):
        proc = _run(*args)
        expected = cli(*args)
        assert (proc.returncode, proc.stdout, proc.stderr) == (expected.code, expected.out, expected.err)


def test_findings_exit_1_and_reach_stdout(mini):
    (mini / "tasks" / "002.yaml").write_text("id: [\n", encoding="utf-8")
    proc = _run("--no-cache", "check", cwd=mini)
    assert proc.returncode == 1
    assert proc.stdout.startswith("tasks/002.yaml:2:1: error TP001 ")
    assert proc.stdout.endswith("1 error, 1 warning in 4 files\n")


def test_usage_error_exits_2_with_its_message(mini):
    proc = _run("show", "999", cwd=mini)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr.startswith("taskplan: error: no task 999 in this plan")


def test_closed_pipe_is_not_an_error(mini):
    proc = subprocess.run(f'"{sys.executable}" -m taskplan -C "{mini}" rules | head -c 10', shell=True,
                          capture_output=True, text=True)
    assert (len(proc.stdout), proc.stderr) == (10, "")



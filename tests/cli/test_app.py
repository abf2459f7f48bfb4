import subprocess
import sys

from taskplan import __version__


def test_version(cli):
    r = cli("--version")
    assert (r.code, r.out, r.err) == (0, f"taskplan {__version__}\n", "")


def test_no_plan_dir_is_usage_error(cli, tmp_path):
    r = cli("show", "1", cwd=tmp_path)
    assert r.code == 2
    assert r.out == ""
    assert r.err == (
        f"taskplan: error: no plan.yaml in {tmp_path} or any parent directory "
        "(run inside a plan repository, use -C DIR, or create one with 'taskplan import')\n"
    )


def test_explicit_dir_without_plan(cli, tmp_path):
    r = cli("-C", str(tmp_path), "show", "1")
    assert r.code == 2
    assert r.err == f"taskplan: error: {tmp_path}: no plan.yaml here (point -C at a plan directory)\n"


def test_unknown_option_is_usage_error(cli, mini):
    r = cli("-C", str(mini), "show", "--bogus")
    assert (r.code, r.out) == (2, "")
    assert r.err == "Usage: taskplan show [OPTIONS] {N}\nTry 'taskplan show -h' for help.\n\nError: No such option: --bogus\n"


def test_unknown_command_is_usage_error(cli, mini):
    r = cli("-C", str(mini), "shwo")
    assert (r.code, r.out) == (2, "")
    assert r.err == "Usage: taskplan [OPTIONS] COMMAND [ARGS]...\nTry 'taskplan -h' for help.\n\nError: No such command 'shwo'. Did you mean 'show'?\n"


def test_internal_error_is_exit_2_without_traceback(cli, mini, monkeypatch):
    import taskplan.output.show as show_mod

    def boom(*a, **k):
        raise RuntimeError("kaputt")

    monkeypatch.setattr(show_mod, "task_lines", boom)
    r = cli("-C", str(mini), "show", "1")
    assert r.code == 2
    assert r.err == "taskplan: internal error: RuntimeError: kaputt (run with --debug for the traceback and report it)\n"
    assert "Traceback" not in r.err
    r = cli("--debug", "-C", str(mini), "show", "1")
    assert r.code == 2
    assert "Traceback (most recent call last)" in r.err


def test_the_collector_paused_for_start_up_is_on_again_for_the_caller(mini):
    probe = (
        "import gc\n"
        "import taskplan.cli.app as app\n"
        "imported = gc.isenabled()\n"
        f"code = app.main(['-C', {str(mini)!r}, '--no-cache', 'units'])\n"
        "print(imported, code, gc.isenabled())\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[-1] == "True 0 True"  # after the import and after a command (which pauses it itself)

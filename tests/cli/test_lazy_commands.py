"""main() imports only the module of the command it runs; help and unknown commands still see every command."""
from __future__ import annotations

import os
import subprocess
import sys

from taskplan.cli.app import COMMANDS, _command_in


def _modules_after(*args: str) -> list[str]:
    probe = (
        "import sys\n"
        "from taskplan.cli.app import main\n"
        f"main({list(args)!r})\n"
        "print(sorted(m.rsplit('.', 1)[1] for m in sys.modules if m.startswith('taskplan.cli.') and m.rsplit('.', 1)[1] in "
        f"{COMMANDS!r}))\n"
    )
    return subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split("\n")[-2:]


def test_a_command_imports_only_its_own_module(mini):
    assert _modules_after("-C", str(mini), "--no-cache", "check")[0] == "['check']"
    assert _modules_after("-C", str(mini), "list", "-f", "ids")[0] == "['list_cmd']"


def test_help_imports_every_command(mini):
    assert _modules_after("--help")[0] == str(sorted(COMMANDS))


def test_command_found_after_global_options():
    assert _command_in(["-C", "x", "--debug", "check", "--strict"]) == "check"
    assert _command_in(["-Cx", "--no-cache", "list"]) == "list"
    assert _command_in(["--directory=x", "show", "1"]) == "show"
    assert _command_in(["--help"]) is None
    assert _command_in(["--version", "check"]) is None
    assert _command_in(["-C"]) is None
    assert _command_in([]) is None


def test_help_order_is_the_commands_order_after_other_runs(cli, mini):
    assert cli("-C", str(mini), "stats").code == 0  # registers stats first in this process
    out = cli("--help").out
    listed = [line.split()[0] for line in out.split("Commands:\n", 1)[1].splitlines() if line.startswith("  ") and not line.startswith("   ")]
    assert listed == [name.removesuffix("_cmd").replace("_", "-") for name in COMMANDS]


def test_unknown_command_still_suggests(cli):
    r = cli("chek")
    assert r.code == 2
    assert "No such command 'chek'. Did you mean 'check'" in r.err


# What `check` must not load: the renderers, writers and readers of other commands, and the help formatter.
NOT_FOR_CHECK = ("jinja2", "openpyxl", "docx", "xlsxwriter", "ruamel", "rich", "babel", "lxml", "sqlite3", "markdown_it",
                 "jsonschema", "taskplan.reports", "taskplan.export", "taskplan.forms", "taskplan.query",
                 "taskplan.output.show", "taskplan.output.views", "taskplan.cli.helpformat", "taskplan.cli.formatting")


def test_check_starts_without_the_other_commands_machinery(mini, tmp_path):
    """A cold ``check`` (cache and all) loads none of NOT_FOR_CHECK, nothing of the importer but its codes (TP8xx
    are documented rules), and compiles neither the display-width nor the line-breaking pattern (big CJK classes:
    milliseconds each at every start); --help still has them."""
    (mini / "tasks" / "002.yaml").write_text(
        (mini / "tasks" / "002.yaml").read_text(encoding="utf-8").replace("title: ", "title: 多余的空格 ", 1), encoding="utf-8")
    probe = (
        "import os, sys\n"
        "from taskplan.cli.app import main\n"
        f"code = main(['-C', {str(mini)!r}, 'check'])\n"
        "import taskplan.model.text as text, taskplan.output.wrap as wrap\n"
        f"print(code, sorted(m for m in sys.modules if m.startswith({NOT_FOR_CHECK!r})"
        " or m.startswith('taskplan.importer.') and m != 'taskplan.importer.codes'),"
        " text._WIDE.compiled, wrap._TOKEN.compiled)\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=env).stdout
    assert "TP402" in out  # the plan has a finding: the reporter and placing ran
    assert out.splitlines()[-1] == "0 [] None None"
    helped = subprocess.run([sys.executable, "-c", "import sys\nfrom taskplan.cli.app import main\nmain(['check', '--help'])\n"
                             "print('taskplan.cli.helpformat' in sys.modules)"], capture_output=True, text=True, check=True, env=env)
    assert helped.stdout.startswith("Usage: taskplan check [OPTIONS] [PATH]...\n")
    assert helped.stdout.endswith("\nTrue\n")

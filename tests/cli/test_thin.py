"""The CLI stays thin: each command module has a plain run() holding the command's steps, and
register(app) only declares the options (Typer needs the decorated function) and calls it."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from taskplan.cli.app import COMMANDS

CLI = Path(__file__).resolve().parents[2] / "src" / "taskplan" / "cli"


def _is_run_call(node: ast.AST) -> bool:
    """``run(...)`` or ``exit_with(run(...))``."""
    if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
        return False
    if node.func.id == "run":
        return True
    return node.func.id == "exit_with" and len(node.args) == 1 and _is_run_call(node.args[0])


def thin_problems(source: str) -> list[str]:
    tree = ast.parse(source)
    top = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
    problems = [name for name in ("run", "register") if name not in top]
    if problems:
        return [f"no {name}()" for name in problems]
    commands = [n for n in top["register"].body if isinstance(n, ast.FunctionDef)]
    if len(commands) != 1:
        return [f"register() declares {len(commands)} commands"]
    body = commands[0].body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]  # the docstring is the command's help
    if len(body) != 1 or not isinstance(body[0], ast.Expr) or not _is_run_call(body[0].value):
        return [f"the command {commands[0].name}() does more than call run()"]
    return []


@pytest.mark.parametrize("module", COMMANDS)
def test_each_command_is_a_plain_run_function(module):
    assert thin_problems((CLI / f"{module}.py").read_text(encoding="utf-8")) == []


def test_the_check_sees_a_fat_command():
    fat = (
        "def run(ctx):\n    pass\n\n"
        "def register(app):\n"
        "    @app.command()\n"
        "    def hello(ctx):\n"
        '        """Help."""\n'
        "        if ctx:\n"
        "            run(ctx)\n"
    )
    assert thin_problems(fat) == ["the command hello() does more than call run()"]
    assert thin_problems("def register(app):\n    pass\n") == ["no run()"]
    thin = fat.replace("        if ctx:\n            run(ctx)\n", "        exit_with(run(ctx))\n")
    assert thin_problems(thin) == []

"""Babel's extraction method for the CLI modules (``make catalog``; see locale/babel.cfg).

Besides the usual markers it collects what ``app.register_commands`` translates
without a marker: each command's docstring (its help) and every string literal
given as ``help=`` to typer.Option/typer.Argument.  A command module then needs
no ``_()`` around its help, and a new option's help cannot slip past the catalog.
"""
from __future__ import annotations

import ast
import inspect

from taskplan.i18n import babel_extractor


def _is_command(decorator: ast.expr) -> bool:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    return isinstance(target, ast.Attribute) and target.attr == "command"


def help_strings(source: str) -> list[tuple[int, str]]:
    """(line, text) of command docstrings (cleaned as typer shows them) and help= string literals."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef) and any(_is_command(d) for d in node.decorator_list):
            doc = ast.get_docstring(node, clean=False)
            if doc:
                found.append((node.body[0].lineno, inspect.cleandoc(doc)))
        elif isinstance(node, ast.Call):
            for kw in node.keywords:
                if kw.arg == "help" and isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, str):
                    found.append((kw.value.lineno, kw.value.value))
    return found


extract = babel_extractor(help_strings)  # the name locale/babel.cfg names

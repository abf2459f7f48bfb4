"""Babel's extraction method for the rule modules (``make catalog``; see locale/babel.cfg).

A rule's docstring is its English documentation (``taskplan rules CODE``,
docs/rules.md), as in yamllint; its first line is the summary ``taskplan rules``
shows in the user's language.  Besides the usual markers this collects that
first line from every ``@rule(...)`` function and every ``loader_rule(code, name,
severity, doc, …)`` or ``import_code(code, name, severity, doc)`` call, so a new rule's summary cannot slip past the catalog
and the docstring needs no marker (``check/docs.py`` translates it with ``_``).
"""
from __future__ import annotations

import ast
import inspect

from taskplan.i18n import babel_extractor


def _first_line(doc: str) -> str:
    return inspect.cleandoc(doc).split("\n", 1)[0].strip()


# calls whose fourth argument is a code's documentation: a loader's code, and the importer's TP8xx
# codes (plain data in importer/codes.py, registered by check/rules/importer.py)
DOCUMENTED_CALLS = frozenset({"loader_rule", "import_code"})


def _is_rule_decorator(decorator: ast.expr) -> bool:
    return (isinstance(decorator, ast.Call) and isinstance(decorator.func, ast.Name)
            and decorator.func.id == "rule")


def rule_summaries(source: str) -> list[tuple[int, str]]:
    """(line, summary) of each rule defined in ``source``: the first line of its documentation."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef) and any(_is_rule_decorator(d) for d in node.decorator_list):
            doc = ast.get_docstring(node, clean=False)
            if doc:
                found.append((node.body[0].lineno, _first_line(doc)))
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in DOCUMENTED_CALLS
              and len(node.args) >= 4 and isinstance(node.args[3], ast.Constant)
              and isinstance(node.args[3].value, str)):
            found.append((node.args[3].lineno, _first_line(node.args[3].value)))
    return sorted(found)


extract = babel_extractor(rule_summaries)  # the name locale/babel.cfg names

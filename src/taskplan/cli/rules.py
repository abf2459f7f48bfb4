"""taskplan rules [CODE]: the rules of check, with their documentation."""
from __future__ import annotations

import enum
from typing import Optional

import typer

from taskplan.check.docs import RULE_FORMATS
from taskplan.errors import UsageError

RulesFormat = enum.Enum("RulesFormat", {name: name for name in RULE_FORMATS}, type=str)  # type: ignore[misc]


def register(app: typer.Typer) -> None:
    @app.command()
    def rules(
        code: Optional[str] = typer.Argument(None, metavar="[CODE]", help="Show the full documentation of one rule (e.g. TP201)."),
        fmt: RulesFormat = typer.Option("text", "--format", "-f", help="text: one line per rule; md: the docs/rules.md page."),
    ) -> None:
        """List the rules of 'taskplan check': code, default severity, safe fix, name, what it finds."""
        from taskplan.check.docs import rule_text
        from taskplan.check.rule import REGISTRY, all_rules

        every = all_rules()
        if code is None:
            typer.echo(RULE_FORMATS[fmt.value](every), nl=False)
            return
        rule = REGISTRY.get(code.strip().upper())
        if rule is None:
            raise UsageError(f'no rule "{code}"', hint="'taskplan rules' lists them")
        typer.echo(rule_text(rule), nl=False)

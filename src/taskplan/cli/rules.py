"""taskplan rules [CODE]: the rules of check, with their documentation."""
from __future__ import annotations

from typing import Optional

import typer

from taskplan.i18n import M_
from taskplan.cli.formatting import FormatName, emit, excel_option, format_option
from taskplan.errors import UsageError


def register(app: typer.Typer) -> None:
    @app.command()
    def rules(
        code: Optional[str] = typer.Argument(None, metavar="[CODE]", help="Show the full documentation of one rule (e.g. TP201)."),
        fmt: Optional[FormatName] = format_option(),
        excel: bool = excel_option(),
    ) -> None:
        """List the rules of 'taskplan check': code, default severity, safe fix, name, what it finds.

        --format md prints the docs/rules.md page (each rule with its documentation).
        """
        from taskplan.check.docs import rule_text, rules_view
        from taskplan.check.rule import REGISTRY

        if code is None:
            emit(rules_view(), fmt, excel)
            return
        rule = REGISTRY.get(code.strip().upper())
        if rule is None:
            raise UsageError(M_("no rule \"{code}\"", code=code), hint=M_("'taskplan rules' lists them"))
        typer.echo(rule_text(rule), nl=False)

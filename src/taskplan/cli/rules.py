"""taskplan rules [CODE]: the rules of check, with their documentation."""
from __future__ import annotations

from typing import Optional

import typer

from taskplan.cli.formatting import FormatName, emit, excel_option, format_option


def run(ctx: typer.Context, code: Optional[str], fmt: Optional[FormatName], excel: bool) -> None:
    """rules: the table of every rule, or one rule's documentation (library: check/docs.py)."""
    from taskplan.check.docs import rule_by_code, rule_text, rules_view

    if code is None:
        emit(rules_view(), fmt, excel, ctx)
        return
    typer.echo(rule_text(rule_by_code(code)), nl=False)


def register(app: typer.Typer) -> None:
    @app.command()
    def rules(
        ctx: typer.Context,
        code: Optional[str] = typer.Argument(None, metavar="[CODE]", help="Show the full documentation of one rule (e.g. TP201)."),
        fmt: Optional[FormatName] = format_option(),
        excel: bool = excel_option(),
    ) -> None:
        """List the rules of 'taskplan check': code, default severity, safe fix, name, what it finds.

        --format md prints the docs/rules.md page (each rule with its documentation).
        """
        run(ctx, code, fmt, excel)

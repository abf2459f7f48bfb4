"""taskplan check [PATH…]: every rule over the plan; findings for editors, humans and CI."""
from __future__ import annotations

import enum
import gc
import os
from pathlib import Path
from typing import List, Optional

import typer

from taskplan.escape import visible
from taskplan.cli.display import paint_findings

from taskplan.check.reporters import REPORTERS
from taskplan.cli.common import display_path, exit_with, formula_guard, plan_dir, use_cache
from taskplan.cli.dates import parse_day

Format = enum.Enum("Format", {name: name for name in REPORTERS}, type=str)  # type: ignore[misc]


def run(ctx: typer.Context, paths: list[Path], fmt: Optional[str], strict: bool, select: Optional[str], ignore: Optional[str],
        fix: bool, diff: bool, as_of: Optional[str]) -> int:
    """check: parse the dates, run the check (library), print the fixes and the findings; the exit code."""
    from taskplan.check.run import report_text, reporter_name, run_check, write_step_summary
    from taskplan.output.formats import FormatOptions

    root = plan_dir(ctx)
    if gc.isenabled():  # as for the query commands (cli/formatting.load_index): a short run, no cyclic garbage
        gc.disable()
        ctx.call_on_close(gc.enable)  # in-process callers (tests) get their collector back
    outcome = run_check(
        root, paths=paths, select=select, ignore=ignore, as_of=None if as_of is None else parse_day(as_of), today=parse_day(None),
        fix=fix, diff=diff, use_cache=use_cache(ctx),
    )
    display = display_path(root)
    for change in outcome.changes:
        typer.echo(visible(change.diff(display) if diff else change.summary(display)), nl=False)
    if outcome.result is None:  # --diff: the fixes were the answer
        return 0
    name = reporter_name(fmt, os.environ)
    text = report_text(outcome.result, name, display, FormatOptions(formula_guard=formula_guard(ctx)))
    # severities coloured when colour is on (--color, NO_COLOR, a terminal); color=True: echo must not strip them
    typer.echo(paint_findings(text) if name == "text" else text, nl=False, color=True)
    write_step_summary(outcome.result, name, display, os.environ)
    return outcome.exit_code(strict)


def register(app: typer.Typer) -> None:
    @app.command()
    def check(
        ctx: typer.Context,
        paths: Optional[List[Path]] = typer.Argument(None, metavar="PATH", help="Report only findings in these files or directories (every rule still sees the whole plan)."),
        fmt: Optional[Format] = typer.Option(None, "--format", "-f", help="Output format (default: text; github when GITHUB_ACTIONS is set). json, csv and md are those of every tabular command (docs/json.md); github and gitlab are CI annotations."),
        strict: bool = typer.Option(False, "--strict", help="Warnings fail the check too (exit 1)."),
        select: Optional[str] = typer.Option(None, "--select", help="Only these codes or prefixes, comma-separated (overrides the config)."),
        ignore: Optional[str] = typer.Option(None, "--ignore", help="Skip these codes or prefixes, comma-separated (added to the config)."),
        fix: bool = typer.Option(False, "--fix", help="Apply the fixes rules declare safe, through the round-trip writer, and list them."),
        diff: bool = typer.Option(False, "--diff", help="Show the safe fixes as a unified diff; write nothing."),
        as_of: Optional[str] = typer.Option(None, "--as-of", metavar="YYYY-MM-DD", help="Date for date-dependent rules (TP605); default: the check setting as-of, else the date of the HEAD commit."),
    ) -> None:
        """Check the plan: YAML, schema, ids, sections, unit names, text hygiene, units.yaml.

        Prints every finding as path:line:col: severity CODE message, sorted by
        file and line.  Exit 0 when clean, 1 when there are errors (or warnings
        with --strict), 2 on usage or internal errors.  Never writes records,
        except with --fix.
        """
        exit_with(run(ctx, paths or [], fmt.value if fmt is not None else None, strict, select, ignore, fix, diff, as_of))

"""taskplan check [PATH…]: every rule over the plan; findings for editors, humans and CI."""
from __future__ import annotations

import enum
import os
from pathlib import Path
from typing import List, Optional

import typer

from taskplan.escape import visible

from taskplan.i18n import M_
from taskplan.check.reporters import REPORTERS
from taskplan.cli.common import plan_dir
from taskplan.cli.dates import parse_day
from taskplan.errors import UsageError

Format = enum.Enum("Format", {name: name for name in REPORTERS}, type=str)  # type: ignore[misc]


def display_path(root: Path) -> "callable":
    """Plan-relative path -> path relative to the current directory (what editors and CI open)."""
    cwd = Path.cwd().resolve()
    try:
        prefix = os.path.relpath(root, cwd)
    except ValueError:  # another drive on Windows
        prefix = str(root)
    if prefix == ".":
        return lambda p: p
    prefix = prefix.replace(os.sep, "/")
    return lambda p: f"{prefix}/{p}"


def plan_relative(root: Path, paths: list[Path]) -> list[str]:
    out = []
    for p in paths:
        full = p.resolve()
        if not full.exists():
            raise UsageError(M_("{p}: no such file or directory", p=p))
        try:
            rel = full.relative_to(root)
        except ValueError:
            raise UsageError(M_("{p}: not inside the plan directory {root}", p=p, root=root)) from None
        out.append(rel.as_posix())
    return out


def check_day(root: Path, option: str | None, setting):
    """The day date-dependent rules judge as of: --as-of, the as-of setting, HEAD's commit date, today.

    Not today first: the same commit must get the same verdict on any day (a
    pull request that touches nothing must not fail because time passed).
    Today only outside a git repository, where there is no commit to pin.
    """
    if option is not None:
        return parse_day(option)
    if setting is not None:
        return setting
    from taskplan.store.gitrev import head_date

    return head_date(root) or parse_day(None)


def register(app: typer.Typer) -> None:
    @app.command()
    def check(
        ctx: typer.Context,
        paths: Optional[List[Path]] = typer.Argument(None, metavar="PATH", help="Report only findings in these files or directories (every rule still sees the whole plan)."),
        fmt: Optional[Format] = typer.Option(None, "--format", "-f", help="Output format (default: text; github when GITHUB_ACTIONS is set)."),
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
        from taskplan.check.config import load_config, parse_codes
        from taskplan.check.engine import check_plan
        from taskplan.check.reporters import step_summary

        root = plan_dir(ctx)
        use_cache = not getattr(ctx.find_root().obj, "no_cache", False)
        config = load_config(root)
        config.as_of = check_day(root, as_of, config.as_of)
        if select is not None:
            config.select = parse_codes(select, "--select")
        if ignore is not None:
            config.ignore = config.ignore + parse_codes(ignore, "--ignore")
        wanted = plan_relative(root, paths or [])
        display = display_path(root)
        if fix or diff:
            from taskplan.check.fixes import apply_fixes

            if fix and diff:
                raise UsageError(M_("--fix and --diff exclude each other"), hint=M_("--diff shows what --fix would write"))
            result = check_plan(root, config, wanted, use_cache=use_cache, fixes=True)
            changes = apply_fixes(root, result.findings, write=fix)
            for change in changes:
                typer.echo(visible(change.diff(display) if diff else change.summary(display)), nl=False)
            if fix:
                result = check_plan(root, config, wanted, use_cache=use_cache)
            else:
                return
        else:
            result = check_plan(root, config, wanted, use_cache=use_cache)
        name = fmt.value if fmt is not None else ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
        typer.echo(REPORTERS[name](result, display), nl=False)
        summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
        if name == "github" and summary_file:
            from taskplan.store.write import append_output

            append_output(Path(summary_file), step_summary(result, display), "the step summary ($GITHUB_STEP_SUMMARY)")
        if result.failed(strict or config.strict):
            raise typer.Exit(1)

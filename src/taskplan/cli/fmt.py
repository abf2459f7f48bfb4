"""taskplan fmt [PATH…] [--check]: write the records in the canonical layout."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from taskplan.i18n import _, ngettext

from taskplan.escape import visible

from taskplan.cli.common import plan_dir


def register(app: typer.Typer) -> None:
    @app.command()
    def fmt(
        ctx: typer.Context,
        paths: Optional[List[Path]] = typer.Argument(None, metavar="PATH", help="Files or directories to format (default: every record file)."),
        check: bool = typer.Option(False, "--check", help="Write nothing; list the files that would change and exit 1 if there are any."),
    ) -> None:
        """Put record files in the canonical layout: editor header, key order, flow lists for lead/responsible, indentation.

        Comments are kept.  Running it twice changes nothing the second time.
        """
        from taskplan.check.engine import under
        from taskplan.records.fmt import format_files, record_files
        from taskplan.check.reporters import finding_line
        from taskplan.cli.check import display_path, plan_relative

        root = plan_dir(ctx)
        every = record_files(root)
        if paths:
            wanted = plan_relative(root, paths)
            every = [p for p in every if under(p, wanted)]
        changed, problems = format_files(root, every, write=not check)
        display = display_path(root)
        for finding in problems:
            typer.echo(finding_line(finding, display), err=True)
        for rel in changed:
            typer.echo(visible((_("would reformat {path}") if check else _("reformatted {path}")).format(path=display(rel))))
        unchanged = len(every) - len(changed) - len(problems)
        if check:
            summary = ngettext("{n} file would reformat, {unchanged} unchanged", "{n} files would reformat, {unchanged} unchanged", len(changed))
        else:
            summary = ngettext("{n} file reformatted, {unchanged} unchanged", "{n} files reformatted, {unchanged} unchanged", len(changed))
        typer.echo(summary.format(n=len(changed), unchanged=unchanged))
        if problems or (check and changed):
            raise typer.Exit(1)

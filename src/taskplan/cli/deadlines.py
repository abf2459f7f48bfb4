"""taskplan deadlines: the stored deadlines, or proposals read from the text (--extract [--write])."""
from __future__ import annotations

from typing import List, Optional

import typer

from taskplan.i18n import M_
from taskplan.cli.common import load
from taskplan.errors import UsageError
from taskplan.progress.deadlines import extract_task
from taskplan.cli.formatting import FormatName, emit, excel_option, format_option
from taskplan.progress.render import deadlines_view, proposals_view
from taskplan.progress.snapshot import plan_year


def register(app: typer.Typer) -> None:
    @app.command()
    def deadlines(
        ctx: typer.Context,
        extract: bool = typer.Option(False, "--extract", help="Read deadline phrases (年底前, 6月末, 三季度 …) from titles and measures."),
        write: bool = typer.Option(False, "--write", help="With --extract: store new proposals as 'source: extracted'."),
        ids: Optional[List[str]] = typer.Option(None, "--id", metavar="IDS", help="Only these tasks: 1-20,35 (repeatable)."),
        year: Optional[int] = typer.Option(None, "--year", help="Year of phrases without one (default: plan.yaml's date)."),
        fmt: Optional[FormatName] = format_option(),
        excel: bool = excel_option(),
    ) -> None:
        """List stored deadlines with their extensions; --extract proposes dates read from the text."""
        if write and not extract:
            raise UsageError(M_("--write stores extracted deadlines; use it with --extract"))
        loaded = load(ctx)
        if ids:
            from taskplan.query.select import parse_ids

            ranges = [r for text in ids for r in parse_ids(text)]
            for r in ranges:  # a single unknown id is an error, not an empty table
                if len(r) == 1:
                    loaded.task(r.start)
            tasks = [t for t in loaded.tasks if any(t.id in r for r in ranges)]
        else:
            tasks = loaded.tasks
        if not extract:
            emit(deadlines_view(tasks), fmt, excel)
            return
        from taskplan.progress.edit import new_proposals, store_plan_deadlines  # the writer: only here

        the_year = plan_year(loaded, year)
        proposals, fresh = [], set()
        for task in tasks:
            found = extract_task(task, the_year)
            proposals += found
            fresh |= {(p.task_id, p.key()) for p in new_proposals(task, found)}
        emit(proposals_view(proposals, fresh), fmt, excel)
        if not write:
            return
        result = store_plan_deadlines(loaded.root, tasks, loaded.task_paths, proposals)
        typer.echo(result.line(), err=True)

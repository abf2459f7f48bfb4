"""taskplan units [UNIT]: the registry with counts, or what one unit owes."""
from __future__ import annotations

from typing import Optional

import typer

from taskplan.cli.formatting import FormatName, emit, excel_option, format_option, load_index
from taskplan.output.views import unit_view, units_view
from taskplan.cli.dates import as_of_option, parse_day


def register(app: typer.Typer) -> None:
    @app.command()
    def units(
        ctx: typer.Context,
        name: Optional[str] = typer.Argument(None, metavar="[UNIT]", help="One unit or group (any spelling): its full responsibility list."),
        no_groups: bool = typer.Option(False, "--no-groups", help="With UNIT: leave out tasks that reach it only through a group."),
        fmt: Optional[FormatName] = format_option(),
        excel: bool = excel_option(),
        as_of: Optional[str] = as_of_option(),
    ) -> None:
        """List every unit and group with kind, aliases and task counts; or, given UNIT, what it owes.

        Counts are distinct tasks: 牵头 (leads), 责任 (named responsible), 经由组 (reached only
        through a group such as 各镇(街道)), 措施 (owns measures).  With UNIT: the tasks it
        leads, the tasks it is responsible for (directly or via a group), and its own
        measures quoted per task; --format ids prints every task id it appears in.
        When the plan tracks progress (or --as-of is given) the list also shows, for the
        tasks each unit leads as of --as-of, the status counts (状态), overdue tasks (逾期)
        and the on-time rate (按时率: done by the deadline, out of the tasks done or overdue).
        """
        from taskplan.progress.render import has_progress_fields
        from taskplan.query.stats import compute_stats  # not at module level: `list` never needs it

        index = load_index(ctx)
        entry = index.resolver.require(name) if name is not None else None
        stats = compute_stats(index)
        if entry:
            view = unit_view(entry, stats, index, groups=not no_groups)
        else:
            view = units_view(stats, index)
            # a plan that tracks no progress gets no empty progress columns (unless --as-of asks)
            if as_of is not None or any(has_progress_fields(t) for t in index.tasks):
                from taskplan.cli.common import plan_dir
                from taskplan.progress.snapshot import index_lead_units, index_states
                from taskplan.progress.units_view import add_progress

                day = parse_day(as_of)
                leads = index_lead_units(index, index_states(plan_dir(ctx), index, day))
                view = add_progress(view, leads, day.isoformat())
        emit(view, fmt, excel, ctx)

"""taskplan units [UNIT]: the registry with counts, or what one unit owes."""
from __future__ import annotations

from typing import Optional

import typer

from taskplan.cli.common import plan_dir
from taskplan.cli.formatting import FormatName, emit, excel_option, format_option, load_index
from taskplan.cli.dates import as_of_option, parse_day


def run(ctx: typer.Context, name: Optional[str], no_groups: bool, fmt: Optional[FormatName], excel: bool, as_of: Optional[str]) -> None:
    """units: the view (library: progress.queries.units_listing), printed."""
    from taskplan.progress.queries import units_listing

    day = None if as_of is None else parse_day(as_of)
    view = units_listing(load_index(ctx), name, root=plan_dir(ctx), as_of=day, today=parse_day(None), groups=not no_groups)
    emit(view, fmt, excel, ctx)


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
        run(ctx, name, no_groups, fmt, excel, as_of)

"""taskplan list: the tasks that match filters, with why they matched."""
from __future__ import annotations

import enum
from typing import List, Optional

import typer

from taskplan.i18n import M_, N_
from taskplan.cli.formatting import FormatName, emit, excel_option, format_option, load_index
from taskplan.errors import UsageError
from taskplan.cli.common import plan_dir
from taskplan.cli.dates import parse_day
from taskplan.index.roles import ROLES
from taskplan.progress.queries import list_view
from taskplan.query.select import SORTS, Term, parse_expression
from taskplan.cli import list_progress  # registers the progress filters (status, overdue, light …)

RoleName = enum.StrEnum("RoleName", {r: r for r in ROLES})
SortName = enum.StrEnum("SortName", {s: s for s in SORTS})

HELP = N_("""List tasks. Filters combine with AND; with none, every task is listed.

\b
Units are matched by canonical name, alias or full name, in any width:
市场局 = 市场监督管理局 = 海城市市场监督管理局; 镇(街道) = 镇（街道）.
A unit also matches tasks addressed to a group it belongs to (各镇(街道)
for 西柳镇), shown as "responsible via 镇(街道)"; --no-groups turns that off.

\b
EXPRESSION: filters as words, e.g.
  taskplan list 'lead:财政局 section:2..4 -responsible:各镇(街道)'
  name:value   lead, responsible, measure, unit (any role), section, id, grep
  -name:value  negated (tasks that do NOT match); also !name:value
  word         same as grep:word
  "..."        quote a value with spaces: grep:"资金 支持"
Quote the whole expression; if it starts with "-", put "--" before it.

\b
Sections: 2, 二, 十六, a unique part of the title (金融), ranges 2..4, lists 2,5.
Ids: 1-20,35.  An unknown unit or section exits 2 with suggestions.
""")


def run(ctx: typer.Context, expression: list[str], lead: list[str], unit: list[str], role: list[str], no_groups: bool,
        section: list[str], grep: list[str], ids: Optional[str], sort: str, progress_terms: list[Term], as_of: Optional[str],
        full_names: bool, fmt: Optional[FormatName], excel: bool) -> None:
    """list: options → terms, the query (library), the view printed."""
    if role and not unit:
        raise UsageError(M_("--role narrows --unit"), hint=M_("add --unit UNIT, or use --lead / lead: / responsible: / measure:"))
    terms: list[Term] = parse_expression(" ".join(expression))
    terms += [Term("lead", u) for u in lead]
    terms += [Term("unit", u) for u in unit]
    terms += [Term("section", s) for s in section]
    terms += [Term("grep", g) for g in grep]
    if ids is not None:
        terms.append(Term("id", ids))
    terms += progress_terms
    day = parse_day(as_of)
    view = list_view(load_index(ctx), terms, root=plan_dir(ctx), as_of=day, groups=not no_groups,
                     roles=tuple(role) if role else ROLES, sort=sort, full_names=full_names)
    emit(view, fmt, excel, ctx)


def register(app: typer.Typer) -> None:
    @app.command("list", help=HELP)
    def list_(
        ctx: typer.Context,
        expression: Optional[List[str]] = typer.Argument(None, metavar="EXPRESSION", help="Filter expression (see above)."),
        lead: Optional[List[str]] = typer.Option(None, "--lead", "-l", metavar="UNIT", help="UNIT leads the task (牵头单位)."),
        unit: Optional[List[str]] = typer.Option(None, "--unit", "-u", metavar="UNIT", help="UNIT has any role: lead, responsible or measure owner."),
        role: Optional[List[RoleName]] = typer.Option(None, "--role", "-r", help="Narrow --unit to these roles (repeatable)."),
        no_groups: bool = typer.Option(False, "--no-groups", help="Match only units named directly, not through a group."),
        section: Optional[List[str]] = typer.Option(None, "--section", "-s", metavar="S", help="Section: 2, 二, part of its title, 2..4."),
        grep: Optional[List[str]] = typer.Option(None, "--grep", "-g", metavar="TEXT", help="TEXT in the title or the measures."),
        ids: Optional[str] = typer.Option(None, "--id", metavar="IDS", help="Task ids: 1-20,35."),
        sort: SortName = typer.Option(SortName.id, "--sort", help="Order: id, section, or lead (registry order of the first lead unit)."),
        status: Optional[List[str]] = list_progress.status_option(),
        overdue: bool = list_progress.overdue_option(),
        due_before: Optional[str] = list_progress.due_before_option(),
        due_within: Optional[str] = list_progress.due_within_option(),
        light: Optional[List[str]] = list_progress.light_option(),
        as_of: Optional[str] = list_progress.as_of_option(),
        full_names: bool = typer.Option(False, "--full-names", help="Show units by their full names (海城市财政局)."),
        fmt: Optional[FormatName] = format_option(),
        excel: bool = excel_option(),
    ) -> None:
        run(ctx, expression or [], lead or [], unit or [], [r.value for r in role or []], no_groups, section or [], grep or [],
            ids, sort.value, list_progress.terms(status, overdue, due_before, due_within, light), as_of, full_names, fmt, excel)

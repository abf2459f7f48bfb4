"""taskplan list: the tasks that match filters, with why they matched."""
from __future__ import annotations

import enum
from typing import List, Optional

import typer

from taskplan.i18n import M_, N_
from taskplan.cli.formatting import FormatName, emit, excel_option, format_option, load_index
from taskplan.errors import UsageError
from taskplan.output.views import task_view
from taskplan.query.select import ROLES, SORTS, QueryOptions, Term, parse_expression, select
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
        if role and not unit:
            raise UsageError(M_("--role narrows --unit"), hint=M_("add --unit UNIT, or use --lead / lead: / responsible: / measure:"))
        terms: list[Term] = parse_expression(" ".join(expression or []))
        terms += [Term("lead", u) for u in lead or []]
        terms += [Term("unit", u) for u in unit or []]
        terms += [Term("section", s) for s in section or []]
        terms += [Term("grep", g) for g in grep or []]
        if ids is not None:
            terms.append(Term("id", ids))
        terms += list_progress.terms(status, overdue, due_before, due_within, light)
        index = load_index(ctx)
        options = QueryOptions(groups=not no_groups, roles=tuple(r.value for r in role) if role else ROLES,
                               **list_progress.query_options(terms, as_of, ctx, index))
        selection = select(index, terms, options, sort=sort.value)
        view = list_progress.with_progress(task_view(selection, index, full_names=full_names), terms, index, options)
        emit(view, fmt, excel)

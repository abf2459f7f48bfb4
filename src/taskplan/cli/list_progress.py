"""The progress options of ``taskplan list`` (--status --overdue --due-before --due-within --light --as-of).

Kept out of list_cmd.py so the list command stays about selection; the
filters themselves live in taskplan.progress.filters, and when states are
computed in taskplan.progress.queries.
"""
from __future__ import annotations

from typing import List, Optional

import typer

import taskplan.progress.filters  # noqa: F401 - registers the filters in the query registry
from taskplan.i18n import N_
from taskplan.cli import dates
from taskplan.query.select import Term


def status_option() -> Optional[List[str]]:
    return typer.Option(None, "--status", metavar="S", help="Status as of --as-of: 推进中 / in-progress …, 未填报 / unreported (repeatable).")


def overdue_option() -> bool:
    return typer.Option(False, "--overdue", help="Deadline passed and not 已完成/已销号, as of --as-of.")


def due_before_option() -> Optional[str]:
    return typer.Option(None, "--due-before", metavar="DATE", help="Open tasks whose (extended) deadline is before DATE.")


def due_within_option() -> Optional[str]:
    return typer.Option(None, "--due-within", metavar="DAYS", help="Open tasks due within DAYS of --as-of (30d, 2w).")


def light_option() -> Optional[List[str]]:
    return typer.Option(None, "--light", metavar="L", help="Traffic light as of --as-of: red, yellow, green, none (无时限) (repeatable).")


def as_of_option() -> Optional[str]:
    return dates.as_of_option(N_("Date for the progress filters; default today."))


def terms(status, overdue, due_before, due_within, light) -> list[Term]:
    # repeated --status / --light mean "any of these", like the comma lists of the expression form
    out = [Term("status", ",".join(status))] if status else []
    if overdue:
        out.append(Term("overdue", "yes"))
    if due_before is not None:
        out.append(Term("due-before", due_before))
    if due_within is not None:
        out.append(Term("due-within", due_within))
    if light:
        out.append(Term("light", ",".join(light)))
    return out

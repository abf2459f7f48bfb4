"""Exceptions that the CLI layer turns into exit codes (see cli/app.py).

Library code raises these; it never prints or exits.  Exit code 1 means
"the data has a problem", 2 means "the command was used wrongly" (or an
internal error, which is not one of these classes).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from taskplan.findings import Finding


class TaskplanError(Exception):
    """Base class: a message for the user and the exit code it deserves."""

    exit_code = 2

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message} ({self.hint})"


class UsageError(TaskplanError):
    """The user asked for something impossible: unknown unit, missing file, bad option."""

    exit_code = 2


class DataError(TaskplanError):
    """The records (or an imported document) are wrong; carries the findings."""

    exit_code = 1

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        from taskplan.i18n import M_

        first = findings[0].format() if findings else M_("invalid data")
        super().__init__(M_("{first} (and {n} more)", first=first, n=len(findings) - 1) if len(findings) > 1 else first)

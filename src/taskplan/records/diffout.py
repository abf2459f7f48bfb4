"""How ``taskplan diff`` prints a PlanDiff: one name -> formatter dict (text, md).

Kept apart from plandiff.py so that the CLI can list the format names
without importing the comparison code.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:  # pragma: no cover
    from taskplan.records.diff import PlanDiff


def as_text(diff: PlanDiff, width: int | None = None) -> str:
    """One line per change; with ``width`` (a terminal, COLUMNS) lines wrap under a hanging indent."""
    from taskplan.i18n import _, translate
    from taskplan.output.show import hanging

    lines = hanging("", _("plan changes {base} → {head}: {headline}").format(base=diff.base, head=translate(diff.head), headline=diff.headline()), width, "  ")
    for c in diff.changes:
        lines += hanging("", _("{subject}: {summary}").format(subject=translate(c.subject), summary=translate(c.summary)), width, "  ")
        for t in c.old:
            lines += hanging("  - ", t, width)
        for t in c.new:
            lines += hanging("  + ", t, width)
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    for ch in "\\`*_[]<>|#":
        text = text.replace(ch, "\\" + ch)
    return text


def as_markdown(diff: PlanDiff) -> str:
    from taskplan.i18n import _, translate

    lines = [_("### Plan changes `{base}` → `{head}`").format(base=diff.base, head=translate(diff.head)), "", _md(diff.headline())]
    if diff.changes:
        lines.append("")
    for c in diff.changes:
        lines.append(f"- **{_md(translate(c.subject))}**: {_md(translate(c.summary))}")
        lines += [f"  - ~~{_md(t)}~~" for t in c.old] + [f"  - {_md(t)}" for t in c.new]
    return "\n".join(lines) + "\n"


DIFF_FORMATS: dict[str, Callable[[PlanDiff], str]] = {"text": as_text, "md": as_markdown}

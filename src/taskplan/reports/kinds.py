"""The report kinds, by name: the one list ``report``'s CLI (its choices in --help), the context
builders (``reports/context.py``: ``<kind>_context``) and the golden tests all use.  Each kind's
one-line description is what ``taskplan report --help`` says of it (``kinds_help``), translated.

A module of its own so that ``taskplan report --help`` does not import jinja2 or the contexts.
``forms`` is not listed: it is no context kind but writes one 填报表 per unit (taskplan.forms).
"""
from __future__ import annotations

from taskplan.i18n import N_, _

KINDS: dict[str, str] = {
    "plan": N_("the document's layout"),
    "units": N_("责任清单 per unit"),
    "matrix": N_("units × sections"),
    "bulletin": N_("督办通报 as of --as-of"),
    "stats": N_("the figures of `taskplan stats`"),
    "reminders": N_("催办单 to each lead unit with overdue tasks or tasks due within warn-days as of --as-of, "
                    "with a reply-by date and a 回执; -f docx|md|html; -o DIR writes one file per unit, named by the unit"),
}
KIND_NAMES: tuple[str, ...] = tuple(KINDS)
# what ``taskplan report`` accepts: the kinds and forms (taskplan.forms)
REPORT_CHOICES: dict[str, str] = KINDS | {
    "forms": N_("one 填报表 per unit to fill in and return; -f xlsx -o DIR; read back with `taskplan collect`"),
}


def kinds_help() -> str:
    """``taskplan report``'s KIND help in the user's language: every choice with its description."""
    entries = (_("{kind} ({description})").format(kind=kind, description=_(text)) for kind, text in REPORT_CHOICES.items())
    return _("{kinds}.").format(kinds=_(", ").join(entries))

# kinds that render in some formats only (the others render in every format of reports/formats.py)
ONLY_FORMATS: dict[str, tuple[str, ...]] = {"reminders": ("docx", "md", "html")}
EVERY_FORMAT_KINDS: tuple[str, ...] = tuple(k for k in KINDS if k not in ONLY_FORMATS)

"""The report kinds, by name: the one list ``report``'s CLI (its choices in --help), the context
builders (``reports/context.py``: ``<kind>_context``) and the golden tests all use.  (The
descriptions are for readers of this file; --help's sentence is translated text of its own.)

A module of its own so that ``taskplan report --help`` does not import jinja2 or the contexts.
``forms`` is not listed: it is no context kind but writes one 填报表 per unit (taskplan.forms).
"""
from __future__ import annotations

KINDS: dict[str, str] = {
    "plan": "the document's layout",
    "units": "责任清单 per unit",
    "matrix": "units × sections",
    "bulletin": "督办通报 as of --as-of",
    "stats": "the figures of `taskplan stats`",
    "reminders": "催办单 per unit as of --as-of; -f docx|md|html, -o DIR for one file per unit",
}
KIND_NAMES: tuple[str, ...] = tuple(KINDS)

# kinds that render in some formats only (the others render in every format of reports/formats.py)
ONLY_FORMATS: dict[str, tuple[str, ...]] = {"reminders": ("docx", "md", "html")}
EVERY_FORMAT_KINDS: tuple[str, ...] = tuple(k for k in KINDS if k not in ONLY_FORMATS)

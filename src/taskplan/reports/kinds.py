"""The report kinds, by name, with their help: the one list ``report``'s CLI, its --help, the
context builders (``reports/context.py``: ``<kind>_context``) and the golden tests all use.

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
}
KIND_NAMES: tuple[str, ...] = tuple(KINDS)

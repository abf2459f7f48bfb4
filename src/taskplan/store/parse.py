"""One record file's bytes → (data, findings): the parse every reader shares.

The loader, the forked parser (store/parallel.py) and the cache
(store/cache.py) all call ``parse_bytes``; keeping it here, below all three,
is what lets them import it without a cycle.  The findings about a file as
a whole (missing, vanished while loading) live here too.
"""
from __future__ import annotations

from typing import Any, Callable

from taskplan.i18n import M_
from taskplan.findings import Finding
from taskplan.store.codes import CODE_MISSING_FILE, SEVERITIES



def parse_bytes(raw: bytes, rel: str, on_node: Callable[[Any, str], Any] | None = None) -> tuple[Any, list[Finding]]:
    """(data, warnings) of one file, or (None, [the finding that stops it]); ``on_node``: yamlio.parse's."""
    # imported here: a run answered from the cache never needs the YAML parser (~13 ms of imports)
    from taskplan.store.yamlio import ParseProblem, parse

    try:
        return parse(raw, rel, on_node=on_node)
    except ParseProblem as problem:
        return None, [problem.finding]


def missing(rel: str) -> Finding:
    """A record file every plan needs (plan.yaml, units.yaml) is not there."""
    return Finding(rel, 0, 0, CODE_MISSING_FILE, SEVERITIES[CODE_MISSING_FILE], M_("{rel} is missing; every plan needs one", rel=rel))


def vanished(rel: str) -> Finding:
    """A task file listed in tasks/ that was deleted before it could be read."""
    return Finding(rel, 0, 0, CODE_MISSING_FILE, SEVERITIES[CODE_MISSING_FILE], M_("{rel} disappeared while loading", rel=rel))

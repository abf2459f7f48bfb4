"""The strings of a record, as the text rules and the engine walk them (key path, text).

Here, not in a rule module, so that the engine's context (check/context.py) and the
rules (check/rules/text.py) both import it and neither imports the other.
"""
from __future__ import annotations

from typing import Any, Iterator

Loc = tuple[Any, ...]


def walk_strings(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """(key path, text) of every string in a dumped record, in file order."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from walk_strings(item, (*loc, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from walk_strings(item, (*loc, i))


_TASK_FIELDS_JOINED = ("id", "section", "subsection", "title", "leader", "lead", "responsible", "measures")


def record_blob(model: Any) -> tuple[str, bool]:
    """(All strings of a record joined by NUL, NUL at both ends; whether a string itself holds a NUL).

    Without a model dump for tasks.  The flag says what the joined text cannot:
    a NUL there is a separator unless a string holds one (a YAML escape "\\0").
    """
    data = getattr(model, "data", None)  # a lean TaskRecord: the parsed mapping, in file order
    if isinstance(data, dict):
        parts = [model.title, *model.leader, *model.lead, *model.responsible]
        for m in model.measures:
            parts.append(m.unit or "")
            parts.append(m.intro or "")
            parts.extend(m.items)
        for key, value in data.items():  # fields beyond the common ones (progress …): the generic walk
            if key not in _TASK_FIELDS_JOINED and value:
                parts.extend(v for _, v in walk_strings(value))
    else:
        parts = [v for _, v in walk_strings(model.model_dump(by_alias=True, exclude_unset=True))]
    blob = "\0" + "\0".join(parts) + "\0"
    return blob, blob.count("\0") != len(parts) + 1

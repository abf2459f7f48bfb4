"""Task files in the fixed record layout, formatted directly (no YAML dumper).

An import writes thousands of task files whose layout is fixed (the keys, the
flow lists, indentation 2/4/2 of docs/format.md); building a ruamel document
and dumping it costs about 20 ms per file.  This module writes the same bytes
with string formatting.  Only the *scalars* need YAML's judgement (plain,
single- or double-quoted): ``scalar`` writes a string plain when it is
certainly safe — text of the genre, which is not ASCII-only, holds no
indicator at its start, no ``: `` / `` #``, no trailing ``:`` or space and no
character YAML escapes — and otherwise asks ruamel for that one scalar
(cached).  tests/importer/test_layout.py checks byte equality with the ruamel
dump on every record of the test documents and on strings chosen to be
awkward.
"""
from __future__ import annotations

import datetime as dt
import io
import re
from functools import lru_cache

from taskplan.model.records import Deadline, Measure, Task

_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
_FLOW_SPECIAL = set(",[]{}")
# characters YAML writes escaped or treats as line breaks (everything but printable ASCII and
# the Unicode ranges an allow_unicode emitter writes as they are; not BOM, U+2028, U+2029)
_ESCAPED = re.compile("[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010fffe]")


def _plain_safe(text: str, flow: bool) -> bool:
    if not text or text.isascii() or text[0] in _INDICATORS or text[0] == " " or text[-1] in " :":
        return False
    if ": " in text or " #" in text:
        return False
    if flow and (_FLOW_SPECIAL & set(text)):
        return False
    return _ESCAPED.search(text) is None


@lru_cache(maxsize=4096)
def _ruamel_scalar(text: str, flow: bool) -> str:
    """How ruamel writes ``text`` as a block mapping value (or a flow sequence item)."""
    from taskplan.store.write import flow_list, rt_yaml

    buf = io.StringIO()
    rt_yaml().dump({"k": flow_list([text]) if flow else text}, buf)
    out = buf.getvalue()
    body = out[len("k: ") :].rstrip("\n")
    if len(body.splitlines()) > 1:  # \n, and \x85 \u2028 \u2029 that YAML also breaks at
        raise ValueError("multi-line scalar")  # its indentation depends on the place: the caller dumps the whole file
    return body[1:-1] if flow else body


def scalar(text: str | None, flow: bool = False) -> str:
    if text is None:
        return "null"
    return text if _plain_safe(text, flow) else _ruamel_scalar(text, flow)


def _flow(names: list[str]) -> str:
    return "[" + ", ".join(scalar(n, flow=True) for n in names) + "]"


def _date(value: dt.date | None) -> str:
    return "null" if value is None else value.isoformat()


def _measure(m: Measure) -> list[str]:
    out = [f"  - unit: {scalar(m.unit)}"]
    if m.intro is not None:
        out.append(f"    intro: {scalar(m.intro)}")
    out.append("    items:")
    out += [f"      - {scalar(item)}" for item in m.items]
    return out


def _deadline(d: Deadline) -> list[str]:
    out = [f"  - date: {_date(d.date)}", f"    text: {scalar(d.text)}"]
    if d.unit is not None:
        out.append(f"    unit: {scalar(d.unit)}")
    out.append(f"    source: {d.source}")
    if d.recurring:
        out.append("    recurring: true")
    return out


def format_task(task: Task, header: str) -> str:
    """The task file as the importer writes it (the keys it fills, in the record order).

    Raises ValueError for a value this direct formatter cannot write; the caller
    (``records.task_text``) then falls back to ruamel's dumper.
    """
    lines = [header, f"id: {task.id}", f"section: {task.section}"]
    if task.subsection is not None:
        lines.append(f"subsection: {task.subsection}")
    lines.append(f"title: {scalar(task.title)}")
    if task.leader:
        lines.append(f"leader: {_flow(task.leader)}")
    lines.append(f"lead: {_flow(task.lead)}")
    lines.append(f"responsible: {_flow(task.responsible)}")
    if task.measures:
        lines.append("measures:")
        for m in task.measures:
            lines += _measure(m)
    else:
        lines.append("measures: []")
    if task.deadlines:
        lines.append("deadlines:")
        for d in task.deadlines:
            lines += _deadline(d)
    return "\n".join(lines) + "\n"

"""TP0xx and TP1xx: problems the loader finds while reading a file.

These codes are emitted by the loader (store/yamlio.py, store/load.py)
before any rule runs; they are registered here so that they are listed,
documented and configurable like every other rule.  Their severities are
written once, in store/codes.py.
"""
from __future__ import annotations

from taskplan.check.rule import loader_rule
from taskplan.store.codes import SEVERITIES  # the severity of each store code, written once

_F = "files"

loader_rule("TP001", "yaml-syntax", SEVERITIES["TP001"], """
    The file is not valid YAML (or holds an impossible date such as 2020-13-01).

    The message quotes the parser's complaint and points at the line where it
    gave up; the mistake is often on the line before (an unclosed quote or
    bracket, a tab used for indentation, a missing space after a colon).
    """, _F)
loader_rule("TP002", "encoding", SEVERITIES["TP002"], """
    The file is not UTF-8 (often GBK/GB18030 saved by an older editor).

    Re-save the file as UTF-8.  The finding points at the first byte that is
    not UTF-8, so a single pasted character can be found too.
    """, _F)
loader_rule("TP003", "byte-order-mark", SEVERITIES["TP003"], """
    The file starts with a UTF-8 byte order mark.

    Some Windows editors write one; git diffs and other tools show it as junk.
    Save the file as "UTF-8" rather than "UTF-8 with BOM".
    """, _F)
loader_rule("TP004", "duplicate-key", SEVERITIES["TP004"], """
    The same key appears twice in one mapping.

    YAML parsers silently keep one of the two values, so half of the edit
    would be lost; the message names the line of the first occurrence.
    """, _F)
loader_rule("TP005", "anchor-alias", SEVERITIES["TP005"], """
    The file uses a YAML anchor or alias (``&name`` / ``*name``).

    Records never need them, and nested aliases ("billion laughs") can blow a
    small file up to gigabytes when it is read.  Write the value out.
    """, _F)
loader_rule("TP006", "empty-file", SEVERITIES["TP006"], """
    The file is empty (or only white space and comments).

    Write the record or delete the file.
    """, _F)
loader_rule("TP007", "file-too-large", SEVERITIES["TP007"], """
    The file is larger than the record size limit (1 MiB).

    Real task files are a few kilobytes; a huge file is almost certainly a
    mistake (a pasted document, a generated dump) and is not parsed at all.
    """, _F)
loader_rule("TP008", "not-a-mapping", SEVERITIES["TP008"], """
    The file's top level is not a mapping of fields (``key: value``).

    A record is one mapping; a list or a bare string at the top level is not.
    """, _F)
loader_rule("TP009", "stray-entry", SEVERITIES["TP009"], """
    An entry of tasks/ that is not a task file: a folder, a pipe or a broken link.

    Nothing in it is read.  ``tasks/2021/147.yaml`` is never read (task
    files live directly in tasks/), nor is a folder or pipe named like a task
    file (``tasks/999.yaml/``): a task the author meant to add would be
    missing from every answer.  Move the files into tasks/, or remove the
    entry.  ``.yml`` files are read like ``.yaml`` files.
    """, _F)
loader_rule("TP010", "stray-file", SEVERITIES["TP010"], """
    A file in tasks/ that is not a task file (not ``*.yaml``), so it is not read.

    ``notes.txt``, ``147.yaml.bak``, or a temporary file left behind by an
    interrupted write: move it out of tasks/, rename it if it is a task, or
    delete it.  Only ``.gitkeep`` is passed over in silence.
    """, _F)
loader_rule("TP101", "missing-field", SEVERITIES["TP101"], """
    A required field is missing (``id``, ``section``, ``title``, ``lead`` …).

    The finding points at the mapping that lacks the field.  docs/format.md
    lists the fields of each record.
    """, _F)
loader_rule("TP102", "unknown-field", SEVERITIES["TP102"], """
    The record has a field the format does not know (with a "did you mean").

    Unknown fields are refused rather than ignored, so a typo such as
    ``responsable`` cannot silently drop a whole role.
    """, _F)
loader_rule("TP103", "bad-value", SEVERITIES["TP103"], """
    A field has the wrong type or an invalid value.

    Types are strict: ``id: "001"`` is a string, not the number 1; ``lead``
    must be a list with at least one unit; a status must be one of the
    statuses the format defines.  The finding points at the value.
    """, _F)
loader_rule("TP104", "missing-file", SEVERITIES["TP104"], """
    plan.yaml or units.yaml is missing from the plan directory.

    Every plan needs both; ``taskplan import`` creates them.
    """, _F)
loader_rule("TP302", "duplicate-id", SEVERITIES["TP302"], """
    Two task files carry the same ``id``.

    The second file (in file-name order) is reported and left out of every
    other command until it gets its own id.
    """, "structure")

"""The codes of the problems the store finds while reading files (TP0xx, TP1xx, TP302), and the severity of each.

The severity of a store code is written here once: the loader builds its findings with
``SEVERITIES[code]``, ``check`` registers the codes with it (check/rules/files.py, where their
documentation lives), and a module above the store that reports a store code (the importer, when
units.yaml is not a mapping) takes it from here too.  A module of its own, below load/parse/yamlio,
so each of them imports it without a cycle.
"""
from __future__ import annotations

CODE_SYNTAX = "TP001"
CODE_ENCODING = "TP002"
CODE_BOM = "TP003"
CODE_DUPLICATE_KEY = "TP004"
CODE_ALIAS = "TP005"
CODE_EMPTY = "TP006"
CODE_TOO_LARGE = "TP007"
CODE_NOT_MAPPING = "TP008"
CODE_STRAY_ENTRY = "TP009"
CODE_STRAY_FILE = "TP010"
CODE_MISSING_FIELD = "TP101"
CODE_UNKNOWN_FIELD = "TP102"
CODE_BAD_VALUE = "TP103"
CODE_MISSING_FILE = "TP104"
CODE_DUPLICATE_ID = "TP302"

SEVERITIES: dict[str, str] = {
    CODE_SYNTAX: "error",
    CODE_ENCODING: "error",
    CODE_BOM: "warning",  # the file is still read
    CODE_DUPLICATE_KEY: "error",
    CODE_ALIAS: "error",
    CODE_EMPTY: "error",
    CODE_TOO_LARGE: "error",
    CODE_NOT_MAPPING: "error",
    CODE_STRAY_ENTRY: "error",
    CODE_STRAY_FILE: "warning",  # a left-over file, not a task the author meant
    CODE_MISSING_FIELD: "error",
    CODE_UNKNOWN_FIELD: "error",
    CODE_BAD_VALUE: "error",
    CODE_MISSING_FILE: "error",
    CODE_DUPLICATE_ID: "error",
}

"""Which rules run, at which severity, where: from .taskplan.toml or pyproject.toml.

Read by ``taskplan.settings`` (the one reader of ``.taskplan.toml`` / ``pyproject.toml``: table
``[check]`` or ``[tool.taskplan.check]``) and validated here::

    [tool.taskplan.check]
    select = ["TP"]            # code prefixes to run (default: all)
    ignore = ["TP404"]         # code prefixes to skip
    strict = false             # warnings fail the run too (same as --strict)
    as-of = 2020-12-01         # the day date-dependent rules (TP605) judge as of
                               # (default: the date of the HEAD commit; --as-of overrides)

    [tool.taskplan.check.severity]
    TP403 = "error"            # per-rule severity: error, warning, info

    [tool.taskplan.check.per-file-ignores]
    "tasks/022.yaml" = ["TP401"]   # glob (relative to the plan dir) -> code prefixes

Inline, in a record: ``# taskplan: disable=TP401,TP402`` at the end of a
line silences those codes on that line; on a line of its own it silences
them for the whole file.  A configuration error is a usage error (exit 2).
"""
from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from taskplan.i18n import M_
from taskplan.errors import UsageError
from taskplan.findings import SEVERITIES
from taskplan.model.dates import parse_date
from taskplan.settings import feature_table

KEYS = {"select", "ignore", "strict", "severity", "per-file-ignores", "as-of"}
_CODE = re.compile(r"^TP\d{0,3}$")
_INLINE = re.compile(r"#\s*taskplan:\s*disable=([A-Za-z0-9, ]+)")


@dataclass
class CheckConfig:
    select: list[str] = field(default_factory=lambda: ["TP"])
    ignore: list[str] = field(default_factory=list)
    strict: bool = False
    severity: dict[str, str] = field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    source: str | None = None  # the file the settings came from
    as_of: Any = None  # datetime.date for date-dependent rules (TP605): --as-of, the setting as-of, or HEAD's date

    def enabled(self, code: str) -> bool:
        """A code runs when the longest matching select prefix beats the longest ignore prefix."""
        sel = max((len(p) for p in self.select if code.startswith(p)), default=-1)
        ign = max((len(p) for p in self.ignore if code.startswith(p)), default=-1)
        return sel >= 0 and sel > ign

    def severity_of(self, code: str, default: str) -> str:
        return self.severity.get(code, default)

    def ignored_in(self, path: str, code: str) -> bool:
        for pattern, codes in self.per_file_ignores.items():
            if fnmatch.fnmatchcase(path, pattern) and any(code.startswith(c) for c in codes):
                return True
        return False


def _codes(value: Any, where: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UsageError(M_("{where}: expected a list of rule codes such as [\"TP401\"]", where=where))
    out = [v.strip().upper() for v in value]
    for code in out:
        if not _CODE.match(code):
            raise UsageError(M_("{where}: \"{code}\" is not a rule code (TP followed by up to three digits)", where=where, code=code))
    return out


def _day(value: Any, where: str) -> Any:
    import datetime as dt

    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value  # a TOML date
    return parse_date(value if isinstance(value, str) else repr(value), where)


def parse_codes(text: str, where: str) -> list[str]:
    """Codes from a command-line value such as ``TP401,TP402``."""
    return _codes([c for c in text.split(",") if c.strip()], where)


def from_table(table: Any, source: str) -> CheckConfig:
    if not isinstance(table, dict):
        raise UsageError(M_("{source}: the check settings must be a table", source=source))
    unknown = sorted(set(table) - KEYS)
    if unknown:
        raise UsageError(M_("{source}: unknown check setting \"{value1}\"", source=source, value1=unknown[0]), hint=M_("known: {keys}", keys=", ".join(sorted(KEYS))))
    cfg = CheckConfig(source=source)
    if "select" in table:
        cfg.select = _codes(table["select"], f"{source}: select")
    if "ignore" in table:
        cfg.ignore = _codes(table["ignore"], f"{source}: ignore")
    if "strict" in table:
        if not isinstance(table["strict"], bool):
            raise UsageError(M_("{source}: strict must be true or false", source=source))
        cfg.strict = table["strict"]
    if "as-of" in table:
        cfg.as_of = _day(table["as-of"], f"{source}: as-of")
    severity = table.get("severity", {})
    if not isinstance(severity, dict):
        raise UsageError(M_("{source}: severity must be a table of CODE = \"error\"|\"warning\"|\"info\"", source=source))
    for code, level in severity.items():
        _codes([code], f"{source}: severity")
        if level not in SEVERITIES:
            raise UsageError(M_("{source}: severity of {code} must be one of {value1}, not \"{level}\"", source=source, code=code, value1=", ".join(SEVERITIES), level=level))
        cfg.severity[code.upper()] = level
    pfi = table.get("per-file-ignores", {})
    if not isinstance(pfi, dict):
        raise UsageError(M_("{source}: per-file-ignores must be a table of \"glob\" = [codes]", source=source))
    for pattern, codes in pfi.items():
        cfg.per_file_ignores[pattern] = _codes(codes, f"{source}: per-file-ignores \"{pattern}\"")
    return cfg


def load_config(root: Path) -> CheckConfig:
    """The check settings of the plan in ``root`` (defaults when there are none)."""
    table, source = feature_table(root, "check")
    return CheckConfig() if source is None else from_table(table, source)


def inline_disables(text: str) -> tuple[set[str], dict[int, set[str]]]:
    """(codes disabled for the whole file, line -> codes disabled on that line)."""
    whole: set[str] = set()
    lines: dict[int, set[str]] = {}
    if "taskplan:" not in text:
        return whole, lines
    for number, line in enumerate(text.split("\n"), start=1):
        match = _INLINE.search(line)
        if not match:
            continue
        codes = {c.strip().upper() for c in match.group(1).split(",") if c.strip()}
        if line.lstrip().startswith("#"):
            whole |= codes
        else:
            lines.setdefault(number, set()).update(codes)
    return whole, lines

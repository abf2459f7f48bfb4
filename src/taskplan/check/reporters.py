"""Reporters turn a CheckResult into text: one name -> reporter dict.

``--format`` choices are the keys of REPORTERS.  Every reporter is a pure
function ``(result, display_path) -> str`` (the CLI prints what it
returns); ``display_path`` maps a plan-relative path to the path the reader
needs (relative to the current directory, so editors and CI can open it).
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import TYPE_CHECKING, Callable

from taskplan.check.rule import REGISTRY
from taskplan.findings import Finding
from taskplan.output.tables import Column, render_markdown

if TYPE_CHECKING:  # pragma: no cover - every command imports this module for the format names: keep it light
    from taskplan.check.engine import CheckResult

PathMap = Callable[[str], str]


def _english(singular: str, plural: str, n: int) -> str:
    return singular if n == 1 else plural


def summary_line(result: CheckResult, *, translated: bool = False) -> str:
    """``2 errors, 1 warning in 148 files`` / ``148 files checked, no problems``.

    English for the machine formats (github); ``translated`` for a person, in their language
    (``2 个错误，1 个警告（共 148 个文件）``).
    """
    from taskplan.i18n import _, ngettext as translated_ngettext

    ngettext = translated_ngettext if translated else _english
    files = result.files
    if not result.findings:
        return ngettext("{n} file checked, no problems", "{n} files checked, no problems", files).format(n=files)
    counts = Counter(f.severity for f in result.findings)
    words = {
        "error": ngettext("{n} error", "{n} errors", counts["error"]),
        "warning": ngettext("{n} warning", "{n} warnings", counts["warning"]),
        "info": ngettext("{n} info", "{n} infos", counts["info"]),
    }
    problems = _("{list}, {item}") if translated else "{list}, {item}"
    text = ""
    for severity in ("error", "warning", "info"):
        if counts[severity]:
            item = words[severity].format(n=counts[severity])
            text = problems.format(list=text, item=item) if text else item
    return ngettext("{problems} in {n} file", "{problems} in {n} files", files).format(problems=text, n=files)


def _rule_name(code: str) -> str:
    rule = REGISTRY.get(code)
    return rule.name if rule else code


def finding_line(finding: Finding, display: PathMap) -> str:
    """Finding.format() with the path as the reader needs it."""
    return finding.format(display(finding.path))


def text(result: CheckResult, display: PathMap) -> str:
    """path:line:col: severity CODE message — one per line, then a summary line.

    Finding.format's line, with each distinct path mapped once (a large plan has tens of
    thousands of findings in a few thousand files).
    """
    shown: dict[str, str] = {}
    lines = []
    for f in result.findings:
        path = shown.get(f.path)
        if path is None:
            path = shown[f.path] = display(f.path)
        lines.append(f.format(path))
    lines.append(summary_line(result, translated=True))
    return "\n".join(lines) + "\n"


def as_json(result: CheckResult, display: PathMap) -> str:
    """A JSON array of findings (path, line, col, code, rule, severity, message, fixable)."""
    items = [
        {
            "path": display(f.path),
            "line": f.line,
            "col": f.col,
            "code": f.code,
            "rule": _rule_name(f.code),
            "severity": f.severity,
            "message": f.message,
            "fixable": f.fix is not None,
        }
        for f in result.findings
    ]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def _gh_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(value: str) -> str:
    return _gh_data(value).replace(":", "%3A").replace(",", "%2C")


_GH_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}
_ORDER = {"error": 0, "warning": 1, "info": 2}


def errors_first(findings: list[Finding]) -> list[Finding]:
    """GitHub shows only the first 10 errors and 10 warnings of a step: errors go first."""
    return sorted(findings, key=lambda f: (_ORDER.get(f.severity, 3), f))


def github(result: CheckResult, display: PathMap) -> str:
    """GitHub Actions workflow commands (``::error file=…,line=…,col=…,title=…::message``)."""
    lines = []
    for f in errors_first(result.findings):
        props = [f"file={_gh_prop(display(f.path))}"]
        if f.line:
            props.append(f"line={f.line}")
        if f.col:
            props.append(f"col={f.col}")
        props.append(f"title={_gh_prop(f'{f.code} {_rule_name(f.code)}')}")
        lines.append(f"::{_GH_LEVEL.get(f.severity, 'warning')} {','.join(props)}::{_gh_data(f.message)}")
    lines.append(summary_line(result))
    return "\n".join(lines) + "\n"


def step_summary(result: CheckResult, display: PathMap) -> str:
    """The full list as markdown, for $GITHUB_STEP_SUMMARY (annotations are capped)."""
    out = ["## taskplan check", "", summary_line(result), ""]
    if result.findings:
        columns = [Column("path", "file"), Column("line", "line", numeric=True), Column("severity", "severity"),
                   Column("code", "code"), Column("message", "message")]
        rows = [[display(f.path), f.line, f.severity, f.code, f.message] for f in errors_first(result.findings)]
        out.append(render_markdown(columns, rows))
    return "\n".join(out) + "\n"


_GL_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def gitlab(result: CheckResult, display: PathMap) -> str:
    """GitLab Code Quality JSON; fingerprints are unique and survive line moves."""
    seen: Counter[tuple[str, str, str]] = Counter()
    items = []
    for f in result.findings:
        path = display(f.path)
        key = (path, f.code, f.message)
        seen[key] += 1
        raw = "\x1f".join((*key, str(seen[key])))
        items.append(
            {
                "description": f"{f.code} {f.message}",
                "check_name": f"{f.code} {_rule_name(f.code)}",
                "fingerprint": hashlib.sha256(raw.encode("utf-8")).hexdigest(),
                "severity": _GL_SEVERITY.get(f.severity, "minor"),
                "location": {"path": path, "lines": {"begin": max(f.line, 1)}},
            }
        )
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


REPORTERS: dict[str, Callable[[CheckResult, PathMap], str]] = {
    "text": text,
    "json": as_json,
    "github": github,
    "gitlab": gitlab,
}

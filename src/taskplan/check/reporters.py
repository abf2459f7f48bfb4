"""Reporters turn a CheckResult into text: one name -> reporter dict.

``--format`` choices and the dispatch are the keys of REPORTERS, which joins two kinds:

- check's own lint and CI formats: ``text`` (``path:line:col: severity CODE message``), ``github``
  (workflow annotations) and ``gitlab`` (Code Quality JSON) — formats other tools define;
- every format of the one output path (``output.formats.FORMATS``: json, csv, md) over the
  findings as a ``View`` (``findings_view``), so ``check -f json`` has the envelope
  (``schema_version``) of ``list -f json`` and ``check -f csv`` the one CSV writer.

Every reporter is a pure function ``(result, display_path, options) -> str`` (the CLI prints
what it returns); ``display_path`` maps a plan-relative path to the path the reader needs
(relative to the current directory, so editors and CI can open it).
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from functools import partial
from typing import TYPE_CHECKING, Callable

from taskplan.check.rule import REGISTRY, all_rules
from taskplan.findings import Finding, severity_word
from taskplan.i18n import N_, _, translate
from taskplan.output.formats import FILE_ONLY, FORMATS, TEXT_ONLY, FormatOptions, Part, View, render
from taskplan.output.tables import Column, render_markdown

if TYPE_CHECKING:  # pragma: no cover - every command imports this module for the format names: keep it light
    from taskplan.check.engine import CheckResult

PathMap = Callable[[str], str]
Reporter = Callable[["CheckResult", PathMap, FormatOptions], str]  # CheckResult: only for type checkers (see above)
PLAIN = FormatOptions()


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
    """The rule's name (``unknown-unit``); the code itself for a code no rule has.

    The engine registered the rules before it made the result; a result made by other means
    (a library caller, a test) has them registered here (``all_rules`` imports the rule modules).
    """
    rule = REGISTRY.get(code) or next((r for r in all_rules() if r.code == code), None)
    return rule.name if rule else code


def finding_line(finding: Finding, display: PathMap) -> str:
    """Finding.format() with the path as the reader needs it."""
    return finding.format(display(finding.path))


def text(result: CheckResult, display: PathMap, options: FormatOptions = PLAIN) -> str:
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


FINDING_COLUMNS = [
    Column("path", N_("file")), Column("line", N_("line"), numeric=True), Column("col", N_("column"), numeric=True),
    Column("code", N_("code")), Column("rule", N_("rule")),
    Column("severity", N_("severity"), formats=FILE_ONLY), Column("severity_shown", N_("severity"), formats=TEXT_ONLY),
    # csv is data: the message as the JSON has it (English, whatever the language); md is read: translated
    Column("message", N_("message"), formats=FILE_ONLY), Column("shown", N_("message"), formats=TEXT_ONLY),
    Column("fixable", N_("fix"), formats=FILE_ONLY), Column("fix_shown", N_("fix"), formats=TEXT_ONLY),
]


def finding_record(finding: Finding, display: PathMap) -> dict[str, object]:
    """One finding as the JSON has it: path (as the reader opens it), line, col, code, rule, severity,
    message (English: programs read it), fixable."""
    return {
        "path": display(finding.path),
        "line": finding.line,
        "col": finding.col,
        "code": finding.code,
        "rule": _rule_name(finding.code),
        "severity": finding.severity,
        "message": str(finding.message),
        "fixable": finding.fix is not None,
    }


def findings_view(result: CheckResult, display: PathMap) -> View:
    """The findings as a view of the one output path: a row per finding, the JSON body
    ``{"files": N, "findings": [...]}``, the summary line under a Markdown table.  Rows and body
    are built only for the format that shows them."""

    def rows() -> list[Part]:
        return [Part(FINDING_COLUMNS, [{**finding_record(f, display), "shown": translate(f.message),
                                         "severity_shown": severity_word(f.severity),  # md: the word a person reads
                                         "fixable": "fix" if f.fix is not None else "",
                                         "fix_shown": _("fix") if f.fix is not None else ""} for f in result.findings])]

    def body() -> dict[str, object]:
        return {"files": result.files, "findings": [finding_record(f, display) for f in result.findings]}

    return View(rows, body, footer=summary_line(result, translated=True))


def through_view(fmt: str, result: CheckResult, display: PathMap, options: FormatOptions = PLAIN) -> str:
    """Output format ``fmt`` of the one format registry over the findings' view (REPORTERS binds ``fmt``)."""
    return render(findings_view(result, display), fmt, options)


def _gh_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(value: str) -> str:
    return _gh_data(value).replace(":", "%3A").replace(",", "%2C")


_GH_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}
_ORDER = {"error": 0, "warning": 1, "info": 2}


def errors_first(findings: list[Finding]) -> list[Finding]:
    """GitHub shows only the first 10 errors and 10 warnings of a step: errors go first."""
    return sorted(findings, key=lambda f: (_ORDER.get(f.severity, 3), f))


def github(result: CheckResult, display: PathMap, options: FormatOptions = PLAIN) -> str:
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


def gitlab(result: CheckResult, display: PathMap, options: FormatOptions = PLAIN) -> str:
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


# formats of the output path that mean nothing for findings: the table of a person is check's
# own ``text`` line (editors parse it), and findings have no ids to pipe
NOT_FOR_FINDINGS = frozenset({"table", "ids"})

REPORTERS: dict[str, Reporter] = {
    "text": text,
    **{name: partial(through_view, name) for name in FORMATS if name not in NOT_FOR_FINDINGS},
    "github": github,
    "gitlab": gitlab,
}

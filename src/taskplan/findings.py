"""A finding is a plain value: where, which rule, how bad, what to do.

Everything that detects a problem (loader, rules, importer) produces these;
only reporters turn them into text.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from taskplan.escape import visible  # a file name or message holding ESC or a newline stays one inert line
from taskplan.i18n import N_, _, translate

SEVERITIES = ("error", "warning", "info")
# What a person reads for each severity (docs/glossary.md: 错误 警告 提示); machine formats keep SEVERITIES.
SEVERITY_WORDS = {"error": N_("error"), "warning": N_("warning"), "info": N_("info")}


def severity_word(severity: str) -> str:
    """``severity`` in the user's language (``错误``), for text meant for a person."""
    word = SEVERITY_WORDS.get(severity)
    return _(word) if word else severity


@dataclass(frozen=True, order=True)
class Finding:
    path: str  # relative to the plan directory, with forward slashes
    line: int  # 1-based; 0 when the finding concerns the whole file
    col: int  # 1-based; 0 when unknown
    code: str
    severity: str
    message: str
    fix: object | None = field(default=None, compare=False, hash=False)
    # a rule's finding before it is placed: (key path, key?, find, find offset) for check/locate.py,
    # with line and col 0; placed only if it survives the config (check/engine.py)
    where: tuple | None = field(default=None, compare=False, hash=False, repr=False)
    # a place in a file without lines (a Word table cell, a spreadsheet cell), with line and col 0:
    # ``方案.docx: table 1, row 3, column 2 (工作任务): warning TP804 …``
    place: str = field(default="", compare=False, hash=False)

    @classmethod
    def placed(cls, path: str, line: int, col: int, code: str, severity: str, message: str, fix: object | None) -> Finding:
        """The same as ``Finding(path, line, col, code, severity, message, fix)``, built about twice as fast
        (a warm ``check`` rebuilds every finding of the plan from its cache: 22,000 on a large plan)."""
        made = object.__new__(cls)
        made.__dict__.update(path=path, line=line, col=col, code=code, severity=severity, message=message, fix=fix,
                             where=None, place="")  # the frozen dataclass's __init__ sets each field through a call
        return made

    def format(self, path: str | None = None) -> str:
        """The one-line form editors and humans read: path:line:col: severity CODE message.

        The message and the severity word are in the user's language (``错误 TP201 …``,
        docs/language.md); the code stays as it is.  Machine formats (json, github,
        gitlab) use ``severity`` and ``message`` themselves.
        ``path`` is shown instead of the finding's own (the path as the reader opens it).
        """
        path = visible(self.path if path is None else path, newlines=False)
        message = visible(translate(self.message), newlines=False)
        if self.place:
            return f"{path}: {visible(translate(self.place), newlines=False)}: {severity_word(self.severity)} {self.code} {message}"
        return f"{path}:{self.line}:{self.col}: {severity_word(self.severity)} {self.code} {message}"

"""The importer: an official plan document (text, Word or Excel) → plan.yaml, units.yaml, tasks/.

``import_document(source, into, force=False)`` is the library entry point;
the CLI (``taskplan import``) only calls it and prints the summary it returns.
Modules, in the order a document flows through them:

* source.py      bytes → lines: text (UTF-8; GBK, empty and missing files refused), or through
                 formats.py (what kind of file; .doc/.xls/.pdf refused with the conversion) to
                 docx_reader.py + numbering.py (Word) and xlsx_reader.py (Excel), whose tables
                 become text-layout lines in tabular.py
* structure.py   lines → front matter, section headings, task blocks
* frontmatter.py addressees, preamble, issuer, date, note, title
* roles.py       牵头单位 / 责任单位 lines, parenthesised and prose roles, name lists
* measures.py    落实措施 → per-unit measures and numbered items
* classify.py    unit names → registry entries (curated units.yaml, built-in table, 未分类)
* document.py    all of the above → Plan and Task models
* write.py       --force, plan.yaml and units.yaml, the summary;  taskfiles.py: the task files,
                 written as each record is complete, put in place when the whole document was read
* codes.py       the TP8xx finding codes, documented (``taskplan rules`` lists them)
"""
from __future__ import annotations

from typing import Any

__all__ = ["ImportSummary", "import_document"]


def __getattr__(name: str) -> Any:
    # imported on first use: ``taskplan rules`` and ``check`` read importer/codes.py and must not
    # load the whole importer with it
    if name in __all__:
        from taskplan.importer import write

        return getattr(write, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

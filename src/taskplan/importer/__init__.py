"""The importer: an official plan document (plain text) → plan.yaml, units.yaml, tasks/.

``import_document(source, into, force=False)`` is the library entry point;
the CLI (``taskplan import``) only calls it and prints the summary it returns.
Modules, in the order a document flows through them:

* source.py      bytes → lines (UTF-8 only; GBK, empty and missing files refused)
* structure.py   lines → front matter, section headings, task blocks
* frontmatter.py addressees, preamble, issuer, date, note, title
* roles.py       牵头单位 / 责任单位 lines, parenthesised and prose roles, name lists
* measures.py    落实措施 → per-unit measures and numbered items
* classify.py    unit names → registry entries (curated units.yaml, built-in table, 未分类)
* document.py    all of the above → Plan and Task models
* records.py     models → record text;  write.py: files, --force, the summary
"""
from taskplan.importer.write import ImportSummary, import_document

__all__ = ["ImportSummary", "import_document"]

"""TP7xx: generated files that no longer match the records."""
from __future__ import annotations

from typing import Iterator

from taskplan.i18n import M_
from taskplan.check.rule import RuleContext
from taskplan.check.rule import rule
from taskplan.records.schema import SCHEMA_DIR, SCHEMAS, schema_texts
from taskplan.findings import Finding


@rule("TP701", "schema-out-of-date", "warning", inputs=(SCHEMA_DIR, *(f"{SCHEMA_DIR}/{name}" for name in SCHEMAS)))
def schema_out_of_date(ctx: RuleContext) -> Iterator[Finding]:
    """A committed JSON Schema in docs/schema/ no longer matches the models, units.yaml or plan.yaml.

    Editors complete unit names and flag unknown ones from these schemas;
    after a unit, alias or section is added, a stale schema marks correct
    records as wrong (or misses wrong ones).  Run ``taskplan schema`` and
    commit the result.  Plans without a docs/schema/ directory are not
    checked.
    """
    directory = ctx.root / SCHEMA_DIR
    if not directory.is_dir() or ctx.loaded.registry is None or ctx.loaded.plan is None:
        return  # no schemas kept, or the records they derive from are broken (reported already)
    for name, text in schema_texts(ctx.loaded.plan, ctx.loaded.registry).items():
        path = directory / name
        rel = f"{SCHEMA_DIR}/{name}"
        if not path.is_file():
            yield ctx.file(rel, M_("{rel} is missing; run taskplan schema", rel=rel), line=0, col=0)
        elif path.read_text(encoding="utf-8", errors="replace") != text:
            yield ctx.file(rel, M_("{rel} is out of date; run taskplan schema and commit it", rel=rel))

"""TP307: the layout of record files (what ``taskplan fmt`` normalises)."""
from __future__ import annotations

import re
from functools import partial
from typing import Any, Iterator

from taskplan.i18n import M_
from taskplan.check.rule import RuleContext
from taskplan.records.fmt import key_order as key_order_of, model_for, out_of_order, reorder
from taskplan.check.rule import rule
from taskplan.findings import Finding
from taskplan.store.records import TaskRecord

_TOP_KEY = re.compile(r"^([A-Za-z_]+):", re.M)


def _reorder(model: Any, doc: Any) -> Any:
    return reorder(doc, model)


@rule("TP307", "key-order", "warning", fixable=True, per_file=True)
def key_order(ctx: RuleContext) -> Iterator[Finding]:
    """A task file's fields are not in the usual order (id, section, title, lead, responsible, measures …).

    Every task reads the same way when the fields come in one order, and
    diffs between tasks line up.  ``check --fix`` (and ``taskplan fmt``)
    reorders the fields; comments move with the field they belong to.
    """
    from taskplan.check.fixes import Fix

    from taskplan.model.records import Task

    order = {k: i for i, k in enumerate(key_order_of(Task))}
    # the parsed dicts keep the file's key order (store/records.py): no file is read again
    key_orders = {r.id: r.keys for r in ctx.loaded.records if isinstance(r, TaskRecord)}
    for task in ctx.loaded.records:
        path = ctx.loaded.task_paths[task.id]
        keys = key_orders.get(task.id)
        if keys is None:  # a LoadedPlan built from models, without the parsed data: read the file
            keys = tuple(_TOP_KEY.findall(ctx.text(path)))
        ranks = [order[k] for k in keys if k in order]
        if ranks == sorted(ranks):
            continue  # in order: the common case
        model = model_for(path)
        pair = out_of_order(keys, model)
        if pair is None:
            continue
        key, after = pair
        fix = Fix(path, "put the fields in the usual order", partial(_reorder, model))  # pickles: see text._clean_at
        yield ctx.at(path, (key,), M_("\"{key}\" should come before \"{after}\"; run taskplan fmt", key=key, after=after), key=True, fix=fix)

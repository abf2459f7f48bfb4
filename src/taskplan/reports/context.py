"""Kind → context: the plain data every report template and writer receives.

A context is a dict of plain values (str, int, bool, None, lists and dicts),
never models: templates of a plan repo run in a sandbox and should see data,
not objects with methods.  docs/reports.md documents the keys of each kind;
keep it in step with this module.

Everything is computed "as of" ``ReportOptions.as_of`` — nothing here reads
the clock, so a report of a given date is reproducible.
"""
from __future__ import annotations

from typing import Any, Callable

from taskplan.errors import UsageError
from taskplan.progress.state import UNREPORTED
from taskplan.model.registry import Entry
from taskplan.reports.base import LEDGER_HEADER, LIGHTS, Base, ReportOptions, ledger_row, unit_dict
from taskplan.store.load import LoadedPlan
from taskplan.model.numerals import chinese_number


# ---------------------------------------------------------------- kinds


def plan_context(base: Base) -> dict[str, Any]:
    ctx = base.common("plan", base.plan.title)
    sections = base.sections()
    lead_counts: dict[str, int] = {}
    for t in base.tasks:
        for name in t["lead"]:
            entry = base.resolver.resolve(name)
            key = entry.name if entry else name
            lead_counts[key] = lead_counts.get(key, 0) + 1
    ctx.update(
        sections=sections,
        tasks=base.tasks,
        lead_counts=sorted(lead_counts.items(), key=lambda kv: (-kv[1], kv[0])),
        tables=ledger_tables(base),
    )
    return ctx


def ledger_tables(base: Base) -> list[dict[str, Any]]:
    """The 台账: one table of all selected tasks; with --unit the unit's only; with --by-unit one more per unit."""
    def table(name: str, title: str, tasks: list[dict[str, Any]]) -> dict[str, Any]:
        return {"name": name, "title": title, "header": LEDGER_HEADER, "rows": [ledger_row(t) for t in tasks]}

    if base.unit is not None:
        return [table(base.unit.name, f"{base.unit.display}任务台账", base.tasks)]
    tables = [table("台账", f"{base.plan.title}任务台账", base.tasks)]
    if base.options.by_unit:
        for entry in base.roles.entries():
            mine = base.roles.of(entry)
            tasks = [t for t in base.tasks if t["id"] in mine]
            if tasks:
                tables.append(table(entry.name, f"{entry.display}任务台账", tasks))
    return tables


def _chapter(base: Base, entry: Entry, by_id: dict[int, dict[str, Any]]) -> dict[str, Any]:
    lead, responsible, measures = [], [], []
    for task_id, roles in sorted(base.roles.of(entry).items()):
        task = by_id.get(task_id)
        if task is None:  # filtered out by --section
            continue
        vias = [via for role, via in roles if role != "measure"]
        direct = None in vias
        if any(role == "lead" for role, _ in roles):
            lead.append({"task": task, "via": None if direct else next((v for v in vias if v), None)})
        elif any(role == "responsible" for role, _ in roles):
            via = None if any(r == "responsible" and v is None for r, v in roles) else next((v for v in vias if v), None)
            responsible.append({"task": task, "via": via})
        own = [m for m in task["measures"] if m["unit"] and base.resolver.resolve(m["unit"]) is entry]
        for m in own:
            measures.append({"task": task, "unit": m["unit"], "intro": m["intro"], "points": m["points"], "text": m["text"]})
    return {**unit_dict(entry), "lead": lead, "responsible": responsible, "measures": measures,
            "task_count": len(lead) + len(responsible)}


def units_context(base: Base) -> dict[str, Any]:
    ctx = base.common("units", "责任清单")
    by_id = {t["id"]: t for t in base.tasks}
    entries = [base.unit] if base.unit is not None else base.roles.entries()
    chapters = [_chapter(base, e, by_id) for e in entries]
    chapters = [c for c in chapters if c["task_count"] or c["measures"]]
    header = ["单位", "角色", "经由", *LEDGER_HEADER[:3], "本单位落实措施"]
    tables = []
    for c in chapters:
        rows = []
        own = {}
        for m in c["measures"]:
            own.setdefault(m["task"]["id"], []).append(m["text"])
        for role, items in (("牵头", c["lead"]), ("责任", c["responsible"])):
            for item in items:
                t = item["task"]
                rows.append([c["name"], role, item["via"] or "", t["id"], t["section_heading"], t["title"], "".join(own.get(t["id"], []))])
        tables.append({"name": c["name"], "title": f"{c['full_name']}责任清单", "header": header, "rows": rows})
    ctx.update(chapters=chapters, tasks=base.tasks, tables=tables)
    return ctx


def matrix_context(base: Base) -> dict[str, Any]:
    """Units × sections: how many tasks each unit leads / is responsible for (direct naming only)."""
    ctx = base.common("matrix", "单位与板块任务矩阵")
    sections = base.sections()
    numbers = [s["number"] for s in sections]
    by_id = {t["id"]: t for t in base.tasks}
    rows = []
    for entry in ([base.unit] if base.unit is not None else base.roles.entries()):
        cells = {n: {"lead": 0, "responsible": 0} for n in numbers}
        for task_id, roles in base.roles.of(entry).items():
            task = by_id.get(task_id)
            if task is None or task["section"] not in cells:
                continue
            direct = {role for role, via in roles if via is None}
            if "lead" in direct:
                cells[task["section"]]["lead"] += 1
            if "responsible" in direct:
                cells[task["section"]]["responsible"] += 1
        total = {"lead": sum(c["lead"] for c in cells.values()), "responsible": sum(c["responsible"] for c in cells.values())}
        if total["lead"] or total["responsible"]:
            rows.append({"unit": unit_dict(entry), "cells": [cells[n] for n in numbers], "total": total})
    col_totals = [
        {"lead": sum(r["cells"][i]["lead"] for r in rows), "responsible": sum(r["cells"][i]["responsible"] for r in rows)}
        for i in range(len(numbers))
    ]
    grand = {"lead": sum(c["lead"] for c in col_totals), "responsible": sum(c["responsible"] for c in col_totals)}
    header = ["单位", "角色", *[s["numeral"] for s in sections], "合计"]
    table_rows = []
    for r in rows:
        for role, label in (("lead", "牵头"), ("responsible", "责任")):
            table_rows.append([r["unit"]["name"], label, *[c[role] for c in r["cells"]], r["total"][role]])
    for role, label in (("lead", "牵头"), ("responsible", "责任")):
        table_rows.append(["合计", label, *[c[role] for c in col_totals], grand[role]])
    ctx.update(
        sections=[{k: s[k] for k in ("number", "numeral", "title", "heading")} | {"task_count": len(s["tasks"])} for s in sections],
        rows=rows,
        column_totals=col_totals,
        total=grand,
        tables=[{"name": "矩阵", "title": "单位与板块任务矩阵(牵头/责任任务数)", "header": header, "rows": table_rows}],
    )
    return ctx


def bulletin_context(base: Base) -> dict[str, Any]:
    """督办通报: counts by status, overdue tasks grouped by lead unit, lights, on-time rate."""
    ctx = base.common("bulletin", "督办通报")
    states = [base.states[t["id"]] for t in base.tasks]
    counts = {s: 0 for s in ctx["statuses"]}
    lights = {k: 0 for k in LIGHTS}
    for st in states:
        counts[st.status] = counts.get(st.status, 0) + 1
        lights[st.light] = lights.get(st.light, 0) + 1
    unreported = counts.get(UNREPORTED, 0)
    overdue_groups: dict[str, list[dict[str, Any]]] = {}
    for t in base.tasks:
        if t["state"]["overdue"]:
            for name in t["lead"]:
                entry = base.resolver.resolve(name)
                overdue_groups.setdefault(entry.name if entry else name, []).append(t)
    overdue = [
        {"unit": name, "full_name": base.resolver.display(name), "tasks": tasks}
        for name, tasks in sorted(overdue_groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    ]
    # whether each task kept its deadline is progress/state.py's rule (None while not judged)
    judged = [st.on_time for st in states if st.on_time is not None]
    kept = sum(1 for j in judged if j)
    rate = f"{100 * kept / len(judged):.1f}%" if judged else None
    total = len(base.tasks)
    status_rows = [[s, counts[s]] for s in ctx["statuses"]]
    light_rows = [[LIGHTS[k], lights[k]] for k in LIGHTS]
    overdue_rows = [
        [g["unit"], t["id"], t["title"], t["state"]["due"], t["state"]["status"]] for g in overdue for t in g["tasks"]
    ]
    ctx.update(
        tasks=base.tasks,
        sections=base.sections(),
        total=total,
        status_counts=[{"status": s, "count": counts[s]} for s in ctx["statuses"]],
        unreported=unreported,
        all_unreported=total > 0 and unreported == total,
        lights=[{"light": k, "name": LIGHTS[k], "count": lights[k]} for k in LIGHTS],
        overdue=overdue,
        with_due=sum(1 for t in base.tasks if t["state"]["due"]),
        overdue_count=sum(1 for t in base.tasks if t["state"]["overdue"]),
        on_time={"judged": len(judged), "on_time": kept, "rate": rate},
        tables=[
            {"name": "状态", "title": "按状态统计", "header": ["状态", "任务数"], "rows": status_rows},
            {"name": "灯", "title": "红黄绿灯", "header": ["灯", "任务数"], "rows": light_rows},
            {"name": "逾期", "title": "逾期任务(按牵头单位)", "header": ["牵头单位", "编号", "任务内容", "完成时限", "状态"], "rows": overdue_rows},
        ],
    )
    return ctx


def stats_context(base: Base) -> dict[str, Any]:
    """The figures of ``taskplan stats`` (stats.compute_stats) over the selected tasks."""
    from dataclasses import asdict

    from taskplan.query.select import PlanIndex
    from taskplan.query.stats import compute_stats

    ctx = base.common("stats", "统计")
    selected = {t["id"] for t in base.tasks}
    stats = compute_stats(PlanIndex(base.plan, [t for t in base.all_tasks if t.id in selected], base.resolver))
    sections = [asdict(s) | {"heading": f"{chinese_number(s.number)}、{s.title}"} for s in stats.sections]
    if base.section_numbers is not None:
        sections = [s for s in sections if s["number"] in base.section_numbers]
    units = [asdict(u) | {"full_name": u.full_name or u.name} for u in stats.units if u.tasks or u.via_group]
    unit_header = ["单位", "类别", "牵头", "责任", "经由组", "落实措施", "任务数"]
    ctx.update(
        tasks=base.tasks,
        total=stats.tasks,
        sections=sections,
        units=units,
        without_responsible=stats.without_responsible,
        only_responsible=[u.name for u in stats.only_responsible],
        busiest=[asdict(u) for u in stats.busiest],
        unused=[u.name for u in stats.unused],
        tables=[
            {"name": "板块", "title": "各板块任务数", "header": ["板块", "任务数", "起", "止"],
             "rows": [[s["heading"], s["tasks"], s["first_id"], s["last_id"]] for s in sections]},
            {"name": "单位", "title": "各单位任务数", "header": unit_header,
             "rows": [[u["name"], u["kind"], u["lead"], u["responsible"], u["via_group"], u["measure"], u["tasks"]] for u in units]},
        ],
    )
    return ctx


KINDS: dict[str, Callable[[Base], dict[str, Any]]] = {
    "plan": plan_context,
    "units": units_context,
    "matrix": matrix_context,
    "bulletin": bulletin_context,
    "stats": stats_context,
}


def build_context(kind: str, loaded: LoadedPlan, options: ReportOptions) -> dict[str, Any]:
    try:
        builder = KINDS[kind]
    except KeyError:
        raise UsageError(f'unknown report kind "{kind}"', hint=f"choose one of {', '.join(KINDS)}") from None
    return builder(Base(loaded, options))

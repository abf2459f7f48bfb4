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

from taskplan.i18n import M_
from taskplan.errors import UsageError
from taskplan.progress.state import LIGHTS
from taskplan.progress.status import UNREPORTED
from taskplan.progress.summary import lead_groups
from taskplan.model.registry import Entry
from taskplan.reports.kinds import KIND_NAMES
from taskplan.model.dates import cn_date
from taskplan.model.records import Task
from taskplan.reports.base import LEDGER_HEADER, LIGHTS, Base, ReportOptions, ledger_row, state_dict, unit_dict
from taskplan.reports.lazy import Lazy, mapped
from taskplan.store.load import LoadedPlan
from taskplan.model.numerals import section_heading


# ---------------------------------------------------------------- kinds


def plan_context(base: Base) -> dict[str, Any]:
    ctx = base.common("plan", base.plan.title)
    sections = base.sections()
    lead_counts: dict[str, int] = {}
    for t in base.records:
        for name in lead_groups(t.lead):
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
    def table(name: str, title: str, tasks: Lazy) -> dict[str, Any]:
        return {"name": name, "title": title, "header": LEDGER_HEADER, "rows": mapped(tasks, ledger_row)}  # rows made when read

    if base.unit is not None:
        return [table(base.unit.name, f"{base.unit.display}任务台账", base.tasks)]
    tables = [table("台账", f"{base.plan.title}任务台账", base.tasks)]
    if base.options.by_unit:
        for entry in base.entries():
            mine = base.owed(entry)
            tasks = base.subset(lambda t: t.id in mine)
            if tasks:
                tables.append(table(entry.name, f"{entry.display}任务台账", tasks))
    return tables


def _chapter(base: Base, entry: Entry, by_id: dict[int, dict[str, Any]]) -> dict[str, Any]:
    """What ``entry`` owes, by the one role model (index/roles.py): tasks it leads, tasks it is responsible
    for, tasks where it only owns measures, and its measures (a group's measures are its members' too)."""
    lead, responsible, measure_only, measures = [], [], [], []
    for task_id, roles in sorted(base.owed(entry).items()):
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
        else:
            measure_only.append({"task": task, "via": None if any(v is None for _, v in roles) else roles[0][1]})
        for m in task["measures"]:
            hit = base.index.names_unit(m["unit"], entry) if m["unit"] else None
            if hit is not None:
                measures.append({"task": task, "unit": m["unit"], "via": hit[0], "intro": m["intro"],
                                 "points": m["points"], "text": m["text"]})
    return {**unit_dict(entry), "lead": lead, "responsible": responsible, "measure_only": measure_only,
            "measures": measures, "task_count": len(lead) + len(responsible) + len(measure_only)}


def units_context(base: Base) -> dict[str, Any]:
    ctx = base.common("units", "责任清单")
    by_id = {t["id"]: t for t in base.tasks}
    entries = [base.unit] if base.unit is not None else base.entries()
    chapters = [_chapter(base, e, by_id) for e in entries]
    chapters = [c for c in chapters if c["task_count"] or c["measures"]]
    header = ["单位", "角色", "经由", *LEDGER_HEADER[:3], "本单位落实措施"]
    tables = []
    for c in chapters:
        rows = []
        own = {}
        for m in c["measures"]:
            own.setdefault(m["task"]["id"], []).append(m["text"])
        for role, items in (("牵头", c["lead"]), ("责任", c["responsible"]), ("措施", c["measure_only"])):
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
    by_id = {t.id: t for t in base.records}
    rows = []
    for entry in ([base.unit] if base.unit is not None else base.entries()):
        cells = {n: {"lead": 0, "responsible": 0} for n in numbers}
        for task_id, roles in base.owed(entry).items():
            task = by_id.get(task_id)
            if task is None or task.section not in cells:
                continue
            direct = {role for role, via in roles if via is None}
            if "lead" in direct:
                cells[task.section]["lead"] += 1
            if "responsible" in direct:
                cells[task.section]["responsible"] += 1
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
    # its figures read the records and states; a task dict is made only for a task the 通报 lists (overdue)
    states = [base.states[t.id] for t in base.records]
    made = OverdueDicts(base)
    counts = {s: 0 for s in ctx["statuses"]}
    lights = {k: 0 for k in LIGHTS}
    for st in states:
        counts[st.status] = counts.get(st.status, 0) + 1
        lights[st.light] = lights.get(st.light, 0) + 1
    unreported = counts.get(UNREPORTED, 0)
    overdue_groups: dict[str, list[dict[str, Any]]] = {}
    for rec in base.records:
        if base.states[rec.id].overdue:
            for name in lead_groups(rec.lead):
                entry = base.resolver.resolve(name)
                if base.unit is not None and entry is not base.unit:  # --unit: that unit's overdue tasks only
                    continue
                overdue_groups.setdefault(entry.name if entry else name, []).append(made.of(rec))
    overdue = [
        {"unit": name, "full_name": base.resolver.display(name), "tasks": tasks}
        for name, tasks in sorted(overdue_groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    ]
    # whether each task kept its deadline is progress/state.py's rule (None while not judged)
    judged = [st.on_time for st in states if st.on_time is not None]
    kept = sum(1 for j in judged if j)
    rate = f"{100 * kept / len(judged):.1f}%" if judged else None
    total = len(base.tasks)
    status_table = {"name": "状态", "title": "按状态统计", "header": ["状态", "任务数"], "rows": [[s, counts[s]] for s in ctx["statuses"]]}
    light_table = {"name": "灯", "title": "红黄绿灯", "header": ["灯", "任务数"], "rows": [[LIGHTS[k], lights[k]] for k in LIGHTS]}
    ctx.update(bulletin_figures(base, states, counts, lights, rate, made))
    ctx.update(
        tasks=base.tasks,
        sections=base.sections(),
        total=total,
        status_counts=[{"status": s, "count": counts[s]} for s in ctx["statuses"]],
        unreported=unreported,
        all_unreported=total > 0 and unreported == total,
        lights=[{"light": k, "name": LIGHTS[k], "count": lights[k]} for k in LIGHTS],
        overdue=overdue,
        with_due=sum(1 for st in states if st.due),
        overdue_count=sum(1 for st in states if st.overdue),
        on_time={"judged": len(judged), "on_time": kept, "rate": rate},
        status_table=status_table,
        light_table=light_table,
    )
    ctx["tables"] = bulletin_tables(base, ctx, status_table, light_table)
    ctx["figures_data"] = bulletin_data(base, ctx)
    return ctx


def bulletin_data(base: Base, ctx: dict[str, Any]) -> dict[str, Any]:
    """What the HTML 通报's script recomputes every figure from when a unit, role or other filter is picked:
    per task its state, whether it kept its deadline, its lead units as the scoreboard groups them, and the
    units it involves per role (as the filters match them)."""
    from taskplan.model.records import DONE_STATUSES

    tasks = []
    for t in base.records:
        st = base.states[t.id]
        leads = []
        for name in dict.fromkeys(lead_groups(t.lead)):
            entry = base.resolver.resolve(name)
            leads.append(entry.name if entry else name)
        tasks.append({"id": t.id, "title": t.title, "section": t.section, "status": st.status, "light": st.light,
                      "overdue": st.overdue, "on_time": st.on_time, "done": st.status in DONE_STATUSES, "lead": leads,
                      "units": base.unit_names(t), "lead_units": base.index.task_units(t, "lead"),
                      "responsible_units": base.index.task_units(t, "responsible")})
    return {"tasks": tasks, "title": base.plan.title, "as_of_cn": ctx["report"]["as_of_cn"],
            "statuses": ctx["statuses"], "lights": LIGHTS, "done": list(DONE_STATUSES), "unreported": UNREPORTED,
            "full_names": {e.name: e.display for e in base.entries()}}


class OverdueDicts:
    """Task id → its task dict, made once: the 通报 lists an overdue task under each of its lead units."""

    def __init__(self, base: Base) -> None:
        self.base = base
        self.made: dict[int, dict[str, Any]] = {}

    def of(self, record: Task) -> dict[str, Any]:
        made = self.made.get(record.id)
        if made is None:
            made = self.made[record.id] = self.base.task(record)
        return made


BULLETIN_TASK_HEADER = ["编号", "板块", "任务内容", "牵头单位", "状态", "完成时限", "原定时限", "逾期", "剩余天数", "灯", "最近填报"]


def bulletin_tables(base: Base, ctx: dict[str, Any], status_table: dict[str, Any], light_table: dict[str, Any]) -> list[dict[str, Any]]:
    """The 通报 as sheets: the scoreboard under the 截至 date, rate and summary; every task's state (the CSV's
    columns: bulletin.csv renders this table); overdue tasks with 原定时限 → 延期至; red and yellow tasks; counts."""
    on_time = ctx["on_time"]
    rate = (f"按期完成率:{on_time['rate']}(已办结或已逾期{on_time['judged']}项,其中按期办结{on_time['on_time']}项)"
            if on_time["rate"] else "按期完成率:尚无已办结或逾期的任务,暂不计算")
    board = {"name": "通报", "title": ctx["bulletin_title"], "header": SCOREBOARD_HEADER,
             "rows": [b["row"] for b in ctx["scoreboard"]],
             "lead": [ctx["bulletin_title"], f"截至{ctx['report']['as_of_cn']}", rate, ctx["summary"]]}
    tasks = {"name": "任务", "title": "任务状态", "header": BULLETIN_TASK_HEADER, "rows": mapped(base.tasks, lambda t: [
        t["id"], t["section_heading"], t["title"], "、".join(t["lead"]), t["state"]["status"], t["state"]["due"],
        t["state"]["original_due"], "是" if t["state"]["overdue"] else "否", t["state"]["days_left"], t["state"]["light_cn"],
        t["state"]["last_report"]])}  # made when read
    overdue = {"name": "逾期", "title": "逾期任务(按牵头单位)",
               "header": ["牵头单位", "编号", "任务内容", "原定时限", "延期至", "逾期天数", "最近进展"],
               "rows": [[g["unit"], e["task"]["id"], e["task"]["title"], e["original_due"], e["due"] or "", e["days_overdue"],
                         e["note"] or "未填报"] for g in ctx["overdue_entries"] for e in g["entries"]]}
    by_id = {t.id: t for t in base.records}
    warned = {"name": "红黄灯", "title": "红灯、黄灯任务(按牵头单位)", "header": ["牵头单位", "灯", "编号", "任务内容", "完成时限"],
              "rows": [[w["unit"], light, i, by_id[i].title, state_dict(base.states[i])["due"]]
                       for w in ctx["warnings"] for key in ("red", "yellow")
                       for light, ids in ((LIGHTS[key].removesuffix("灯"), w[key]),) for i in ids]}
    return [board, tasks, overdue, warned, status_table, light_table]


SCOREBOARD_HEADER = ["单位", "牵头任务", "已完成", "推进中", "逾期", "按期完成率", "排名"]
OVERDUE_HEADER = ["任务", "原定时限", "延期至", "逾期天数", "最近进展"]


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bulletin_figures(base: Base, states: list[Any], counts: dict[str, int], lights: dict[str, int], rate: str | None,
                     made: OverdueDicts) -> dict[str, Any]:
    """The 通报's own figures: the per-unit scoreboard, overdue entries, red/yellow lists, one summary paragraph.

    Lead units are canonical names; with --unit only that unit is scored and
    listed, so every figure is the unit's own.
    """
    from taskplan.model.records import DONE_STATUSES

    units: dict[str, list[Task]] = {}  # the records: a unit's scoreboard counts need no task dict
    for t in base.records:
        for name in dict.fromkeys(lead_groups(t.lead)):
            entry = base.resolver.resolve(name)
            key = entry.name if entry else name
            if base.unit is not None and entry is not base.unit:
                continue
            units.setdefault(key, []).append(t)
    board = []
    for name, tasks in units.items():
        done = sum(1 for t in tasks if base.states[t.id].status in DONE_STATUSES)
        going = sum(1 for t in tasks if base.states[t.id].status == "推进中")
        late = sum(1 for t in tasks if base.states[t.id].overdue)
        judged = [base.states[t.id].on_time for t in tasks if base.states[t.id].on_time is not None]
        unit_rate = sum(1 for j in judged if j) / len(judged) if judged else None
        board.append({"unit": name, "lead": len(tasks), "done": done, "in_progress": going, "overdue": late, "rate": unit_rate})
    # rank: higher on-time rate first, then fewer overdue, more done; units with nothing judged after, unranked
    ranked = sorted((b for b in board if b["rate"] is not None), key=lambda b: (-b["rate"], b["overdue"], -b["done"], b["unit"]))
    unranked = sorted((b for b in board if b["rate"] is None), key=lambda b: (b["overdue"], -b["lead"], b["unit"]))
    place = 0
    previous = None
    for i, b in enumerate(ranked, 1):
        key = (b["rate"], b["overdue"], b["done"])
        place = place if key == previous else i
        previous = key
        b["rank"] = place
    for b in unranked:
        b["rank"] = None
    scoreboard = ranked + unranked
    for b in scoreboard:
        b["rate_text"] = f"{100 * b['rate']:.1f}%" if b["rate"] is not None else "—"
        b["row"] = [b["unit"], b["lead"], b["done"], b["in_progress"], b["overdue"], b["rate_text"], b["rank"] or "—"]

    overdue = []
    for name, tasks in units.items():
        late = sorted((made.of(t) for t in tasks if base.states[t.id].overdue), key=lambda t: t["state"]["days_left"])
        if not late:
            continue
        entries = []
        for t in late:
            st = t["state"]
            extended = st["original_due"] != st["due"]
            entry = {"task": t, "original_due": st["original_due"], "due": st["due"] if extended else None,
                     "days_overdue": -st["days_left"], "note": t["progress_note"]}
            entry["row"] = [f"{t['id']}.{_short(t['title'], 30)}", st["original_due"], entry["due"] or "—",
                            entry["days_overdue"], t["progress_note"] or "未填报"]
            entries.append(entry)
        overdue.append({"unit": name, "full_name": base.resolver.display(name), "tasks": late, "entries": entries})
    overdue.sort(key=lambda g: (-len(g["tasks"]), g["unit"]))

    warnings = []
    for name, tasks in units.items():
        red = [t for t in tasks if base.states[t.id].light == "red"]
        yellow = [t for t in tasks if base.states[t.id].light == "yellow"]
        if red or yellow:
            warnings.append({
                "unit": name, "red": [t.id for t in red], "yellow": [t.id for t in yellow],
                "red_text": "\n".join(f"{t.id}.{_short(t.title, 16)}" for t in red),
                "yellow_text": "\n".join(f"{t.id}.{_short(t.title, 16)}" for t in yellow),
            })
    warnings.sort(key=lambda g: (-len(g["red"]), -len(g["yellow"]), g["unit"]))

    scope = f"涉及{base.unit.display}的" if base.unit is not None else ""
    done_total = sum(counts.get(s, 0) for s in DONE_STATUSES)
    parts = [f"截至{cn_date(base.options.as_of)},《{base.plan.title}》{scope}{len(base.tasks)}项任务中,"
             f"已完成{done_total}项,推进中{counts.get('推进中', 0)}项,未启动{counts.get('未启动', 0)}项,"
             f"暂缓{counts.get('暂缓', 0)}项,未填报{counts.get(UNREPORTED, 0)}项。"]
    late_total = sum(1 for st in states if st.overdue)
    if late_total and base.unit is not None:  # the unit's own: its lead tasks are what the scoreboard scores
        own = sum(len(g["tasks"]) for g in overdue)
        parts.append(f"逾期{late_total}项,其中{base.unit.name}牵头的{own}项。")
    elif late_total:
        parts.append(f"逾期{late_total}项,涉及牵头单位{len(overdue)}个,"
                     f"其中{overdue[0]['unit']}逾期最多({len(overdue[0]['tasks'])}项)。")
    else:
        parts.append("没有逾期任务。")
    parts.append(f"亮红灯{lights.get('red', 0)}项、黄灯{lights.get('yellow', 0)}项、绿灯{lights.get('green', 0)}项,"
                 f"无时限{lights.get('none', 0)}项。")
    parts.append(f"按期完成率{rate}。" if rate else "尚无已办结或逾期的任务,按期完成率暂不计算。")
    return {
        "scoreboard": scoreboard, "scoreboard_header": SCOREBOARD_HEADER,
        "overdue_entries": overdue, "overdue_header": OVERDUE_HEADER,
        "warnings": warnings, "summary": "".join(parts),
        "bulletin_title": f"关于{base.unit.display + '牵头' if base.unit is not None else ''}任务推进情况的通报",
    }


REMINDER_HEADER = ["编号", "任务", "原定时限", "延期至", "逾期/剩余", "最近填报"]


def reminders_context(base: Base) -> dict[str, Any]:
    """催办单: per lead unit with overdue or soon-due tasks (within warn-days), the tasks and a reply-by date."""
    import datetime as dt

    from taskplan.model.records import DONE_STATUSES
    from taskplan.reports.settings import read_report_settings

    ctx = base.common("reminders", "催办单")
    settings = read_report_settings(base.root)
    reply_by = base.options.as_of + dt.timedelta(days=settings.reply_days)
    by_unit: dict[str, list[dict[str, Any]]] = {}
    for t in base.tasks:
        st = t["state"]
        if st["status"] in DONE_STATUSES or st["days_left"] is None:
            continue
        if not (st["overdue"] or st["days_left"] <= base.config.warn_days):
            continue
        for name in dict.fromkeys(lead_groups(t["lead"])):
            entry = base.resolver.resolve(name)
            if base.unit is not None and entry is not base.unit:
                continue
            by_unit.setdefault(entry.name if entry else name, []).append(t)
    notices = []
    for name, tasks in by_unit.items():
        entries = []
        for t in sorted(tasks, key=lambda t: t["state"]["days_left"]):
            st = t["state"]
            extended = st["original_due"] != st["due"]
            left = st["days_left"]
            when = f"逾期{-left}天" if st["overdue"] else ("今日到期" if left == 0 else f"剩余{left}天")
            entries.append({"task": t, "original_due": st["original_due"], "due": st["due"] if extended else None,
                            "overdue": st["overdue"], "when": when, "last_report": t["progress_note"] or "未填报",
                            "row": [t["id"], t["title"], st["original_due"], st["due"] if extended else "—", when,
                                    t["progress_note"] or "未填报"]})
        notices.append({"unit": name, "full_name": base.resolver.display(name), "entries": entries,
                        "overdue": sum(1 for e in entries if e["overdue"]), "due_soon": sum(1 for e in entries if not e["overdue"])})
    notices.sort(key=lambda n: (-n["overdue"], -len(n["entries"]), n["unit"]))
    ctx.update(notices=notices, header=REMINDER_HEADER, reply_by=reply_by.isoformat(), reply_by_cn=cn_date(reply_by),
               warn_days=base.config.warn_days, tasks=base.tasks,
               tables=[{"name": n["unit"], "title": f"{n['unit']}催办单", "header": REMINDER_HEADER,
                        "rows": [e["row"] for e in n["entries"]]} for n in notices])
    return ctx


STATS_HEADER = ["维度", "名称", "类别", "牵头", "责任", "经由组", "落实措施", "任务数"]


def stats_context(base: Base) -> dict[str, Any]:
    """The figures of ``taskplan stats`` (stats.compute_stats) over the selected tasks."""
    from dataclasses import asdict

    from taskplan.index.roles import PlanIndex
    from taskplan.query.stats import compute_stats

    ctx = base.common("stats", "统计")
    selected = {t.id for t in base.records}
    stats = compute_stats(PlanIndex(base.plan, [t for t in base.all_tasks if t.id in selected], base.resolver))
    sections = [asdict(s) | {"heading": section_heading(s.number, s.title)} for s in stats.sections]
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
            # the CSV's one long table (维度 板块 or 单位) is the workbook's first sheet; documents print the two after it
            {"name": "统计", "title": "各板块、各单位任务数", "header": STATS_HEADER, "document": False,
             "rows": [["板块", s["heading"], "", "", "", "", "", s["tasks"]] for s in sections]
             + [["单位", u["name"], u["kind"], u["lead"], u["responsible"], u["via_group"], u["measure"], u["tasks"]] for u in units]},
            {"name": "板块", "title": "各板块任务数", "header": ["板块", "任务数", "起", "止"],
             "rows": [[s["heading"], s["tasks"], s["first_id"], s["last_id"]] for s in sections]},
            {"name": "单位", "title": "各单位任务数", "header": unit_header,
             "rows": [[u["name"], u["kind"], u["lead"], u["responsible"], u["via_group"], u["measure"], u["tasks"]] for u in units]},
        ],
    )
    return ctx


# kind name → builder: ``<kind>_context`` for every name of the one list of kinds (reports/kinds.py)
KINDS: dict[str, Callable[[Base], dict[str, Any]]] = {name: globals()[f"{name}_context"] for name in KIND_NAMES}


def build_context(kind: str, loaded: LoadedPlan, options: ReportOptions) -> dict[str, Any]:
    try:
        builder = KINDS[kind]
    except KeyError:
        raise UsageError(M_("unknown report kind \"{kind}\"", kind=kind), hint=M_("choose one of {value1}", value1=', '.join(KINDS))) from None
    return builder(Base(loaded, options))

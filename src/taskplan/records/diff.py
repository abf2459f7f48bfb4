"""The change between two versions of the plan, in the plan's own words.

Compares the records (not the lines): tasks added or removed, titles and
sections changed, units added to or removed from a role, measures changed
per unit, status changes, and what changed in units.yaml and plan.yaml.
Used by ``taskplan diff`` for pull-request summaries.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from taskplan.store.discover import file_id
from typing import Any

from taskplan.i18n import M_, N_, _, names_list, ngettext


ROLES = (("lead", M_("lead")), ("responsible", M_("responsible")))


@dataclass
class Change:
    subject: str  # "task 5", "units.yaml", "plan.yaml" (an i18n Message: English as text, translated when shown)
    summary: str  # what changed, one line (a Message, likewise)
    old: list[str] = field(default_factory=list)  # lines taken away
    new: list[str] = field(default_factory=list)  # lines put in


@dataclass
class PlanDiff:
    base: str
    head: str
    changes: list[Change]
    added: int = 0
    removed: int = 0
    changed: int = 0

    def headline(self) -> str:
        """``2 tasks added, 1 task changed`` in the user's language."""
        parts = []
        if self.added:
            parts.append(ngettext("{n} task added", "{n} tasks added", self.added).format(n=self.added))
        if self.removed:
            parts.append(ngettext("{n} task removed", "{n} tasks removed", self.removed).format(n=self.removed))
        if self.changed:
            parts.append(ngettext("{n} task changed", "{n} tasks changed", self.changed).format(n=self.changed))
        other = sum(1 for c in self.changes if not c.subject.startswith("task "))
        if other:
            parts.append(ngettext("{n} change to plan.yaml/units.yaml", "{n} changes to plan.yaml/units.yaml", other).format(n=other))
        return _(", ").join(parts) if parts else _("no changes to the plan")


_KIND = {"unit": M_("unit"), "group": M_("group")}
# the record fields a change line names, in the glossary's words when shown (English: the field itself)
FIELD_WORDS = {"id": N_("id"), "section": N_("section"), "subsection": N_("subsection"), "leader": N_("leader"),
               "status": N_("status"), "full_name": N_("full name"), "kind": N_("kind"), "aliases": N_("aliases"),
               "members": N_("members"), "title": N_("title"), "issuer": N_("issuer"), "date": N_("date"),
               "addressees": N_("addressees"), "preamble": N_("preamble"), "note": N_("note")}


def _field(key: str) -> Any:
    return M_(FIELD_WORDS[key]) if key in FIELD_WORDS else key


def _value(value: Any) -> Any:
    """A field's value in a change line; a missing one is ``(none)``."""
    return M_("(none)") if value is None else value


def _records(blobs: dict[str, bytes], label: str) -> tuple[dict[int, dict], dict | None, dict | None, list[Change]]:
    from taskplan.store.yamlio import ParseProblem, parse  # here, not at import: `list` must not load PyYAML

    tasks: dict[int, dict] = {}
    plan = units = None
    problems = []
    for rel, raw in sorted(blobs.items()):
        try:
            data, _ = parse(raw, rel)
        except ParseProblem as exc:
            problems.append(Change(rel, M_("cannot be read at {label}: {code} {message}", label=label, code=exc.finding.code, message=exc.finding.message)))
            continue
        if rel == "plan.yaml":
            plan = data
        elif rel == "units.yaml":
            units = data
        else:
            key = data.get("id")
            if not isinstance(key, int):
                stated = file_id(rel)
                key = stated if stated is not None else -len(tasks) - 1
            tasks[key] = data
    return tasks, plan, units, problems


def _list(value: Any) -> list:
    return list(value) if isinstance(value, list) else []


def _measures(task: dict) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for m in _list(task.get("measures")):
        if isinstance(m, dict):
            unit = str(m["unit"]) if m.get("unit") else M_("(the task as a whole)")  # a Message: shown translated
            out.setdefault(unit, []).extend(str(i) for i in _list(m.get("items")))
    return out


def _task_changes(tid: int, old: dict, new: dict) -> list[Change]:
    subject = M_("task {id}", id=tid)
    out = []
    if old.get("title") != new.get("title"):
        out.append(Change(subject, M_("title changed"), [str(old.get("title"))], [str(new.get("title"))]))
    for key in ("id", "section", "subsection", "leader", "status"):  # id differs only when a task is renumbered (log)
        if old.get(key) != new.get(key):
            out.append(Change(subject, M_("{key} {before} → {after}", key=_field(key), before=_value(old.get(key)), after=_value(new.get(key)))))
    for key, word in ROLES:
        before, after = _list(old.get(key)), _list(new.get(key))
        plus = [n for n in after if n not in before]
        minus = [n for n in before if n not in after]
        if plus or minus:
            bits = [f"+ {n}" for n in plus] + [f"− {n}" for n in minus]
            out.append(Change(subject, M_("{role}: {changes}", role=word, changes=names_list(bits))))
    m_old, m_new = _measures(old), _measures(new)
    for unit in list(dict.fromkeys([*m_old, *m_new])):
        before, after = m_old.get(unit, []), m_new.get(unit, [])
        if before == after:
            continue
        taken = [i for i in before if i not in after]
        put = [i for i in after if i not in before]
        if not before:
            what = M_("measures added for {unit}", unit=unit)
        elif not after:
            what = M_("measures removed for {unit}", unit=unit)
        elif not taken and not put:
            what = M_("measures reordered for {unit}", unit=unit)
        else:
            what = M_("measures changed for {unit}", unit=unit)
        out.append(Change(subject, what, taken, put))
    extra = len(_list(new.get("progress"))) - len(_list(old.get("progress")))
    if extra > 0:
        out.append(Change(subject, M_("1 progress report added") if extra == 1 else M_("{n} progress reports added", n=extra)))
    return out


def task_changes(tid: int, old: dict, new: dict) -> list[Change]:
    """What changed in one task between two versions of its record (parsed dicts), in diff's words."""
    return _task_changes(tid, old, new)


def _entries(units: dict | None) -> dict[str, dict]:
    out = {}
    for kind in ("units", "groups"):
        for e in _list((units or {}).get(kind)):
            if isinstance(e, dict) and e.get("name"):
                out[str(e["name"])] = {**e, "_kind": kind[:-1]}
    return out


def _registry_changes(old: dict | None, new: dict | None) -> list[Change]:
    a, b = _entries(old), _entries(new)
    out = []
    for name in b.keys() - a.keys():
        full = f" ({b[name]['full_name']})" if b[name].get("full_name") else ""
        out.append(Change("units.yaml", M_("{kind} {name} added{full}", kind=_KIND[b[name]["_kind"]], name=name, full=full)))
    for name in a.keys() - b.keys():
        out.append(Change("units.yaml", M_("{kind} {name} removed", kind=_KIND[a[name]["_kind"]], name=name)))
    for name in sorted(a.keys() & b.keys()):
        for key in ("full_name", "kind"):
            if a[name].get(key) != b[name].get(key):
                out.append(Change("units.yaml", M_("{name}: {key} {before} → {after}", name=name, key=_field(key), before=_value(a[name].get(key)), after=_value(b[name].get(key)))))
        for key in ("aliases", "members"):
            before, after = _list(a[name].get(key)), _list(b[name].get(key))
            bits = [f"+ {n}" for n in after if n not in before] + [f"− {n}" for n in before if n not in after]
            if bits:
                out.append(Change("units.yaml", M_("{name}: {key} {changes}", name=name, key=_field(key), changes=names_list(bits))))
    out.sort(key=lambda c: c.summary)
    return out


def _plan_changes(old: dict | None, new: dict | None) -> list[Change]:
    old, new = old or {}, new or {}
    out = []
    for key in ("title", "issuer", "date", "addressees", "preamble", "note"):
        if old.get(key) != new.get(key):
            out.append(Change("plan.yaml", M_("{key} changed", key=_field(key)), [str(old.get(key))], [str(new.get(key))]))
    a = {s.get("number"): s.get("title") for s in _list(old.get("sections")) if isinstance(s, dict)}
    b = {s.get("number"): s.get("title") for s in _list(new.get("sections")) if isinstance(s, dict)}
    for number in sorted(set(a) | set(b), key=lambda n: (not isinstance(n, int), n if isinstance(n, int) else 0)):
        if number not in a:
            out.append(Change("plan.yaml", M_("section {number} added: {title}", number=number, title=b[number])))
        elif number not in b:
            out.append(Change("plan.yaml", M_("section {number} removed: {title}", number=number, title=a[number])))
        elif a[number] != b[number]:
            out.append(Change("plan.yaml", M_("section {number} renamed", number=number), [str(a[number])], [str(b[number])]))
    return out


def plan_diff(base_blobs: dict[str, bytes], head_blobs: dict[str, bytes], base: str, head: str) -> PlanDiff:
    old_tasks, old_plan, old_units, problems = _records(base_blobs, base)
    new_tasks, new_plan, new_units, more = _records(head_blobs, head)
    changes: list[Change] = [*problems, *more]
    diff = PlanDiff(base, head, changes)
    for tid in sorted(set(old_tasks) | set(new_tasks)):
        if tid not in old_tasks:
            t = new_tasks[tid]
            changes.append(Change(M_("task {id}", id=tid), M_("added (section {section}, lead {lead})", section=t.get("section"), lead="、".join(map(str, _list(t.get("lead"))))), [], [str(t.get("title"))]))
            diff.added += 1
        elif tid not in new_tasks:
            changes.append(Change(M_("task {id}", id=tid), M_("removed"), [str(old_tasks[tid].get("title"))], []))
            diff.removed += 1
        else:
            found = _task_changes(tid, old_tasks[tid], new_tasks[tid])
            if found:
                diff.changed += 1
                changes.extend(found)
    changes.extend(_plan_changes(old_plan, new_plan))
    changes.extend(_registry_changes(old_units, new_units))
    return diff

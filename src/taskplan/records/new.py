"""Create the next task file, already in the canonical layout with the editor header."""
from __future__ import annotations

from pathlib import Path

from taskplan.i18n import M_, names_list
from taskplan.errors import UsageError
from taskplan.store.discover import file_id, task_path
from taskplan.store.load import LoadedPlan


def next_id(loaded: LoadedPlan) -> int:
    """One more than the highest id (tasks run on across sections)."""
    return max((t.id for t in loaded.records), default=0) + 1


def new_task(
    loaded: LoadedPlan,
    *,
    section: int,
    title: str,
    lead: list[str],
    responsible: list[str] = (),
    subsection: int | None = None,
) -> tuple[str, str]:
    """Write tasks/NNN.yaml for a new task; return (plan-relative path, text).

    Names must resolve through units.yaml; the spelling given is kept (a
    record keeps the document's spelling) except that width and spaces are
    normalised to the registered form.  The file name comes from the id,
    never from the title.
    """
    from taskplan.model.registry import Resolver, registered_spelling

    plan, registry = loaded.plan, loaded.registry
    if plan is None or registry is None:  # pragma: no cover - load(ctx) refuses broken plans first
        raise UsageError(M_("plan.yaml or units.yaml cannot be read; run taskplan check"))
    target = plan.section(section)
    if target is None:
        raise UsageError(M_("no section {section} in plan.yaml", section=section), hint=M_("sections: {numbers}", numbers=names_list([str(s.number) for s in plan.sections])))
    if subsection is not None and subsection not in {s.number for s in target.sections}:
        raise UsageError(M_("no subsection {subsection} in section {section}", subsection=subsection, section=section))
    title = title.strip()
    if not title:
        raise UsageError(M_("the title must not be empty"))
    if not lead:
        raise UsageError(M_("a task needs at least one lead unit"), hint=M_("--lead 财政局"))
    resolver = Resolver(registry)
    for name in (*lead, *responsible):
        resolver.require(name)
    # a width or space variant (镇（街道）) is written as registered, so TP202 has nothing to say
    lead = [registered_spelling(resolver, n) or n for n in lead]
    responsible = [registered_spelling(resolver, n) or n for n in responsible]
    from taskplan.store.load import task_files
    from taskplan.store.write import dir_lock

    tasks_dir = Path(loaded.root) / "tasks"
    tasks_dir.mkdir(exist_ok=True)
    with dir_lock(tasks_dir):  # two `taskplan new` at once must not pick the same number
        on_disk = [n for n in map(file_id, task_files(Path(loaded.root))) if n is not None]
        task_id = max([next_id(loaded) - 1, *on_disk], default=0) + 1
        return _write_new(loaded, task_id, section, subsection, title, lead, responsible)


def _write_new(loaded: LoadedPlan, task_id: int, section: int, subsection: int | None, title: str,
               lead: list[str], responsible: list[str]) -> tuple[str, str]:
    from taskplan.model.records import Task
    from taskplan.records.dump import task_text
    from taskplan.store.write import atomic_write

    record = {"id": task_id, "section": section, "title": title, "lead": list(lead), "responsible": list(responsible), "measures": []}
    if subsection is not None:
        record["subsection"] = subsection
    task = Task.model_validate(record)
    rel = task_path(task_id)
    path = Path(loaded.root) / rel
    if path.exists():  # pragma: no cover - the id is above every file on disk
        raise UsageError(M_("{rel} already exists", rel=rel))
    text = task_text(task)  # the layout import writes: one writer of task files
    atomic_write(path, text, expect=None)
    return rel, text

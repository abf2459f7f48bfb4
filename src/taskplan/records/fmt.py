"""The canonical layout of record files: what ``taskplan fmt`` writes.

* task files start with the editor header
  ``# yaml-language-server: $schema=../docs/schema/task.schema.json``;
* keys in the order of the model's fields (id, section, subsection, title,
  leader, lead, responsible, measures, status, deadlines, progress,
  extensions; nested records likewise);
* ``lead`` and ``responsible`` as flow lists (``[财政局, 发改局]``);
* indentation mapping 2, sequence 4, offset 2; no folding of long lines;
  comments kept (ruamel round trip).

The importer writes the same layout, so freshly imported records are
already formatted.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from pydantic import BaseModel

from taskplan.model import records as models

from taskplan.store.write import TASK_HEADER
HEADER_PREFIX = "# yaml-language-server:"
FLOW_KEYS = ("leader", "lead", "responsible")


def key_order(model: type[BaseModel]) -> list[str]:
    """The model's fields by their YAML names (``from`` for Extension.from_), in declaration order."""
    return [info.alias or name for name, info in model.model_fields.items()]


def _nested(model: type[BaseModel], key: str) -> type[BaseModel] | None:
    """The record model a list or mapping field holds (Task.measures -> Measure)."""
    for name, info in model.model_fields.items():
        if (info.alias or name) != key:
            continue
        ann = info.annotation
        for arg in (*getattr(ann, "__args__", ()), ann):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                return arg
    return None


def reorder(node: Any, model: type[BaseModel]) -> bool:
    """Put the keys of a round-trip mapping (and its nested records) in model order; True if moved."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if not isinstance(node, CommentedMap):
        return False
    moved = False
    order = key_order(model)
    rank = {k: i for i, k in enumerate(order)}
    keys = list(node.keys())
    wanted = sorted(keys, key=lambda k: (rank.get(k, len(order)), keys.index(k)))
    if keys != wanted:
        for key in wanted:
            node.move_to_end(key)
        moved = True
    for key in list(node.keys()):
        child_model = _nested(model, key)
        if child_model is None:
            continue
        child = node[key]
        items = child if isinstance(child, CommentedSeq) else [child]
        for item in items:
            moved |= reorder(item, child_model)
    return moved


def out_of_order(keys: list[str], model: type[BaseModel]) -> tuple[str, str] | None:
    """The first (key, should-come-after) pair out of model order, or None."""
    rank = {k: i for i, k in enumerate(key_order(model))}
    known = [k for k in keys if k in rank]
    for before, after in zip(known, known[1:]):
        if rank[after] < rank[before]:
            return after, before
    return None


def model_for(path: str) -> type[BaseModel]:
    if path == "plan.yaml":
        return models.Plan
    if path == "units.yaml":
        return models.Registry
    return models.Task


def _comment_texts(seq: Any) -> list[str]:
    texts = []
    for tokens in getattr(seq, "ca", None).items.values() if hasattr(seq, "ca") else []:
        for token in tokens or []:
            for tok in token if isinstance(token, list) else [token]:
                value = getattr(tok, "value", None)
                if value and value.strip().startswith("#"):
                    texts.append(value.strip().lstrip("#").strip())
    return texts


def _to_flow(doc: Any, key: str) -> None:
    """Write the block list ``doc[key]`` inline; comments on its items move to the end of the line."""
    seq = doc[key]
    comments = _comment_texts(seq)
    if hasattr(seq, "ca"):
        seq.ca.items.clear()
        seq.fa.set_flow_style()
    else:  # pragma: no cover - round-trip loading always gives a CommentedSeq
        from taskplan.store.write import flow_list

        doc[key] = flow_list(list(seq))
    if comments:
        doc.yaml_add_eol_comment("# " + "; ".join(comments), key)


def format_text(text: str, path: str) -> str:
    """The canonical form of a record file's text (idempotent)."""
    from taskplan.store.write import dumps, rt_yaml

    is_task = model_for(path) is models.Task
    lines = text.split("\n")
    if is_task and lines and lines[0].startswith(HEADER_PREFIX):
        text = "\n".join(lines[1:])
    doc = rt_yaml().load(text)
    reorder(doc, model_for(path))
    if is_task:
        if isinstance(doc.get("leader"), str):  # the older form (see models.migrate_task_data): write it as the list
            from taskplan.store.write import flow_list

            doc["leader"] = flow_list(models.leader_names(doc["leader"]))
        for key in FLOW_KEYS:
            value = doc.get(key)
            if isinstance(value, list) and not (hasattr(value, "fa") and value.fa.flow_style()):
                _to_flow(doc, key)
    return dumps(doc, header=TASK_HEADER if is_task else None)


def record_files(root: Any) -> list[str]:
    """plan.yaml, units.yaml and tasks/*.yaml of a plan, plan-relative."""
    from taskplan.store.discover import PLAN_FILE, UNITS_FILE, is_regular_file
    from taskplan.store.load import task_files

    return [p for p in (PLAN_FILE, UNITS_FILE) if is_regular_file(root / p)] + task_files(root)


def format_files(root: Any, paths: list[str], *, write: bool) -> tuple[list[str], list[Any]]:
    """Format ``paths`` (plan-relative); return (changed paths, findings of files that cannot be read).

    A file that the strict loader refuses (bad YAML, not UTF-8, aliases …) is
    reported and left alone: formatting must never guess.
    """
    from taskplan.store.write import atomic_write, file_lock
    from taskplan.store.yamlio import ParseProblem, parse

    changed, problems = [], []
    for rel in paths:
        with file_lock(root / rel):  # read and rename under the lock: a concurrent update is not lost
            raw = (root / rel).read_bytes()
            try:
                parse(raw, rel)
            except ParseProblem as problem:
                problems.append(problem.finding)
                continue
            old = raw.decode("utf-8-sig")
            new = format_text(old, rel)
            if new != old or raw.startswith(b"\xef\xbb\xbf"):
                changed.append(rel)
                if write:
                    atomic_write(root / rel, new, expect=raw)
    return changed, problems


@dataclass
class FormatRun:
    """What ``taskplan fmt`` did: the files it looked at, those it changed (or would), those it could not read."""

    files: list[str]
    changed: list[str]
    problems: list[Any]  # findings.Finding of files the strict loader refused
    write: bool

    @property
    def unchanged(self) -> int:
        return len(self.files) - len(self.changed) - len(self.problems)

    def exit_code(self) -> int:
        """1 when a file could not be read, or (without writing) one is not in the canonical layout."""
        return 1 if self.problems or (not self.write and self.changed) else 0


def format_plan(root: Path, paths: Sequence[Path] = (), *, write: bool) -> FormatRun:
    """Format the record files of the plan at ``root`` (only those in ``paths``, as typed, when given)."""
    from taskplan.store.discover import plan_relative, under

    files = record_files(root)
    if paths:
        wanted = plan_relative(root, list(paths))
        files = [p for p in files if under(p, wanted)]
    changed, problems = format_files(root, files, write=write)
    return FormatRun(files, changed, problems, write)

"""Build a synthetic plan of N tasks in the shape of the real records (for bench/).

    python bench/synth.py DEST [N] [SEED]

``build_plan(dest, n=10_000, seed=0)`` writes plan.yaml, units.yaml and
tasks/00001.yaml … in ``dest``.  The text is realistic Chinese: titles,
measure sentences and unit names are drawn from the official document in
sources/ (the phrase pool), so file sizes, character mix and name
resolution cost match the real plan.  The output depends only on
(n, seed): the same arguments give byte-identical files.
"""
from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "sources" / "haicheng-2020.txt"

# the groups the document addresses as one (镇(街道) …) and some member units, as in units.yaml
GROUPS = {
    "镇(街道)": ["各镇(街道)", "各镇区(街道)", "各属地镇(街道)"],
    "开发区": ["各开发区"],
    "市直部门": ["各市直部门", "市直各部门"],
}
TOWNS = ["西柳镇", "腾鳌镇", "牛庄镇", "感王镇", "南台镇", "析木镇", "兴海街道", "海州街道"]

_TASK = re.compile(r"^(\d+)\.(.+)$")
_SECTION = re.compile(r"^[一二三四五六七八九十]+、(.+)$")
_ITEM_MARK = re.compile(r"\(\d+\)")
_UNIT_PREFIX = re.compile(r"^([\u4e00-\u9fff()]{2,12}):")


class Pool:
    """Phrases of the source document, split by kind."""

    def __init__(self, text: str) -> None:
        self.sections: list[str] = []
        self.titles: list[str] = []
        self.items: list[str] = []
        self.leads: list[str] = []
        self.responsible: list[str] = []
        for line in text.splitlines():
            line = line.strip()
            if m := _SECTION.match(line):
                self.sections.append(m.group(1))
            elif m := _TASK.match(line):
                self.titles.append(m.group(2))
            elif line.startswith("牵头单位:"):
                self.leads += _names(line)
            elif line.startswith("责任单位:"):
                self.responsible += _names(line)
            elif line.startswith("落实措施:"):
                body = line[len("落实措施:"):]
                for piece in _ITEM_MARK.split(body):
                    piece = _UNIT_PREFIX.sub("", piece.strip())
                    self.items += [s + "。" for s in piece.split("。") if len(s) >= 6]
        self.units = sorted(set(self.leads) | set(self.responsible))


def _names(line: str) -> list[str]:
    body = line.split(":", 1)[1]
    return [n.strip() for n in re.split(r"[、,,;;]", body) if n.strip()]


_PLAIN_BAD = re.compile(r"^[-?:,\[\]{}#&*!|>'\"%@`\s]|: | #|\s$|^(?:true|false|yes|no|null|on|off|~|[\d.+-].*)$", re.I)


def scalar(text: str, flow: bool = False) -> str:
    """A YAML scalar: plain where that is safe (as the real records are written), else double-quoted."""
    if _PLAIN_BAD.search(text) or (flow and re.search(r"[,\[\]{}]", text)) or "\n" in text:
        return json.dumps(text, ensure_ascii=False)
    return text


def flow_list(names: list[str]) -> str:
    return "[" + ", ".join(scalar(n, flow=True) for n in names) + "]"


def _registry(pool: Pool) -> str:
    group_of = {alias: g for g, aliases in GROUPS.items() for alias in (g, *aliases)}
    lines = ["units:"]
    for name in [u for u in pool.units if u not in group_of] + TOWNS:
        kind = "镇(街道)" if name in TOWNS else "市直部门"
        lines += [f"  - name: {scalar(name)}", f"    full_name: {scalar('海城市' + name)}", f"    kind: {scalar(kind)}",
                  "    aliases: []"]
    lines.append("groups:")
    for group, aliases in GROUPS.items():
        members = TOWNS if group == "镇(街道)" else []
        lines += [f"  - name: {scalar(group)}", f"    aliases: {flow_list(aliases)}", f"    members: {flow_list(members)}"]
    return "\n".join(lines) + "\n"


def _task(rng: random.Random, pool: Pool, task_id: int, section: int) -> str:
    title = rng.choice(pool.titles)
    if rng.random() < 0.3:
        title += rng.choice(pool.titles)
    lead = rng.sample(pool.leads, k=rng.choice((1, 1, 1, 2, 2, 3)))
    lead = list(dict.fromkeys(lead))
    responsible = [] if rng.random() < 0.45 else list(dict.fromkeys(rng.sample(pool.responsible, k=rng.randint(1, 6))))
    lines = ["# yaml-language-server: $schema=../docs/schema/task.schema.json", f"id: {task_id}", f"section: {section}", f"title: {scalar(title)}", f"lead: {flow_list(lead)}",
             f"responsible: {flow_list(responsible)}", "measures:"]
    owners: list[str | None] = lead if len(lead) > 1 and rng.random() < 0.6 else [None]
    for owner in owners:
        lines.append(f"  - unit: {scalar(owner) if owner else 'null'}")
        lines.append("    items:")
        for item in rng.sample(pool.items, k=rng.choice((1, 1, 2, 3))):
            if rng.random() < 0.3:  # the document's items often run over several sentences
                item += rng.choice(pool.items)
            lines.append(f"      - {scalar(item)}")
    return "\n".join(lines) + "\n"


def build_plan(dest: Path, n: int = 10_000, seed: int = 0) -> Path:
    """Write a synthetic plan of ``n`` tasks into ``dest`` (created; existing task files are replaced)."""
    pool = Pool(SOURCE.read_text(encoding="utf-8"))
    rng = random.Random(seed)
    dest = Path(dest)
    tasks = dest / "tasks"
    tasks.mkdir(parents=True, exist_ok=True)
    for old in tasks.glob("*.yaml"):
        old.unlink()
    sections = "".join(f"  - number: {i}\n    title: {scalar(t)}\n" for i, t in enumerate(pool.sections, 1))
    (dest / "plan.yaml").write_text(
        f"title: 合成计划({n}项任务,种子{seed})\nissuer: 海城市人民政府\ndate: 2020-07-24\nsections:\n{sections}",
        encoding="utf-8", newline="\n")
    (dest / "units.yaml").write_text(_registry(pool), encoding="utf-8", newline="\n")
    width = max(3, len(str(n)))
    n_sections = len(pool.sections)
    for i in range(1, n + 1):
        section = 1 + (i - 1) * n_sections // n  # task numbers run on across sections, as in the document
        (tasks / f"{i:0{width}d}.yaml").write_text(_task(rng, pool, i, section), encoding="utf-8", newline="\n")
    return dest


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = build_plan(Path(sys.argv[1]), *(int(a) for a in sys.argv[2:4]))
    print(f"wrote {out}")

"""``taskplan export sqlite``: the plan as a normalised SQLite database, for SQL and Datasette.

Tables follow the record format (docs/format.md, docs/progress.md) one to
one; names are the keys (units by their canonical name), so Datasette shows
foreign keys as links.  ``roles`` is the plan index's answer to "which unit
owes which task, in which role, via which group" (``PlanIndex.roles_of``) —
the same as ``list --unit`` — not a second reading of the records.
``task_state`` shows each task's state as of the export's ``--as-of``; the
state itself is computed by progress/state.py (the rules of extensions,
status as of a date and lights live there, once) into ``states``, and the
view joins it to the tasks.  ``search`` is an FTS5 index (trigram
tokenizer: Chinese has no spaces between words) over titles, measure items
and progress notes.

The database is built in a temporary file next to the target and renamed
over it, so a reader never sees half a database and ``--replace`` is atomic.
docs/sqlite.md documents the schema (it holds SCHEMA verbatim, tested).
"""
from __future__ import annotations

import datetime as dt
import os
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from taskplan.i18n import M_
from taskplan.errors import UsageError
from taskplan.progress.snapshot import config_for
from taskplan.progress.state import plan_states
from taskplan.index.roles import PlanIndex
from taskplan.store.load import LoadedPlan

SCHEMA = """\
CREATE TABLE plan (
    title TEXT NOT NULL, issuer TEXT, date TEXT, addressees TEXT, preamble TEXT, note TEXT,
    as_of TEXT NOT NULL  -- the day task_state describes
);
CREATE TABLE sections (
    id INTEGER PRIMARY KEY,
    number INTEGER NOT NULL,
    parent_id INTEGER REFERENCES sections(id),  -- a sub-section (一)(二)… names its section
    title TEXT NOT NULL
);
CREATE TABLE units (
    name TEXT PRIMARY KEY, full_name TEXT, kind TEXT NOT NULL
);
CREATE TABLE groups (
    name TEXT PRIMARY KEY, full_name TEXT
);
CREATE TABLE aliases (
    alias TEXT NOT NULL,
    unit TEXT REFERENCES units(name),
    "group" TEXT REFERENCES groups(name),
    CHECK ((unit IS NULL) != ("group" IS NULL))
);
CREATE TABLE group_members (
    "group" TEXT NOT NULL REFERENCES groups(name),
    member TEXT NOT NULL,  -- as units.yaml writes it
    unit TEXT REFERENCES units(name)  -- what it resolves to
);
CREATE TABLE tasks (
    id INTEGER PRIMARY KEY,
    section INTEGER NOT NULL,
    subsection INTEGER,
    section_id INTEGER REFERENCES sections(id),  -- the (sub-)section row, where plan.yaml has it
    title TEXT NOT NULL,
    leader TEXT,  -- 牵头领导 …, several joined with 、
    status TEXT,  -- as recorded; NULL: nothing reported yet (task_state says 未填报)
    file TEXT NOT NULL
);
CREATE TABLE roles (
    task_id INTEGER NOT NULL REFERENCES tasks(id),
    unit TEXT NOT NULL REFERENCES units(name),
    role TEXT NOT NULL CHECK (role IN ('lead', 'responsible', 'measure')),
    via_group TEXT REFERENCES groups(name)  -- NULL: the task names the unit itself
);
CREATE TABLE measures (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES tasks(id),
    position INTEGER NOT NULL,
    unit_as_written TEXT,  -- NULL: a measure of the task as a whole
    unit TEXT REFERENCES units(name),
    "group" TEXT REFERENCES groups(name)
);
CREATE TABLE items (
    id INTEGER PRIMARY KEY,
    measure_id INTEGER NOT NULL REFERENCES measures(id),
    position INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE TABLE deadlines (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES tasks(id),
    date TEXT, text TEXT NOT NULL, unit TEXT, source TEXT NOT NULL, recurring INTEGER NOT NULL
);
CREATE TABLE progress (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES tasks(id),
    position INTEGER NOT NULL,
    date TEXT NOT NULL, status TEXT NOT NULL, note TEXT, unit TEXT, reporter TEXT, source TEXT
);
CREATE TABLE extensions (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES tasks(id),
    from_date TEXT NOT NULL, to_date TEXT NOT NULL, reason TEXT NOT NULL, approved_by TEXT
);
CREATE TABLE requests (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES tasks(id),
    date TEXT NOT NULL, unit TEXT, to_date TEXT NOT NULL, reason TEXT NOT NULL, source TEXT, status TEXT NOT NULL
);
CREATE TABLE states (
    task_id INTEGER PRIMARY KEY REFERENCES tasks(id),
    status TEXT NOT NULL, due TEXT, original_due TEXT, overdue INTEGER NOT NULL, days_left INTEGER,
    light TEXT NOT NULL, last_report TEXT
);
CREATE VIEW task_state AS
    SELECT t.id AS task_id, t.section, t.title, s.status, s.due, s.original_due, s.overdue, s.days_left,
           s.light, s.last_report, p.as_of
    FROM tasks t JOIN states s ON s.task_id = t.id, plan p;
CREATE VIRTUAL TABLE search USING fts5(
    text, kind UNINDEXED, task_id UNINDEXED, unit UNINDEXED, tokenize = 'trigram'
);
"""


def _iso(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else value


def _sections(plan) -> tuple[list[tuple], dict[tuple[int, int | None], int]]:
    rows, ids = [], {}
    for section in plan.sections if plan else []:
        sid = len(rows) + 1
        rows.append((sid, section.number, None, section.title))
        ids[(section.number, None)] = sid
        for sub in section.sections:
            rows.append((len(rows) + 1, sub.number, sid, sub.title))
            ids[(section.number, sub.number)] = len(rows)
    return rows, ids


def _rows(loaded: LoadedPlan, as_of: dt.date) -> dict[str, list[tuple]]:
    plan, registry = loaded.plan, loaded.registry
    if plan is None or registry is None:
        raise UsageError(M_("the plan has no plan.yaml or units.yaml"))
    index = PlanIndex.of(loaded)
    sections, section_ids = _sections(plan)
    out: dict[str, list[tuple]] = {name: [] for name in (
        "tasks", "roles", "measures", "items", "deadlines", "progress", "extensions", "requests", "states", "search")}
    out["plan"] = [(plan.title, plan.issuer, _iso(plan.date), plan.addressees, plan.preamble, plan.note, as_of.isoformat())]
    out["sections"] = sections
    # a name registered twice (check reports it) is one entry, the first, as the resolver has it
    units = list({u.name: u for u in reversed(registry.units)}.values())[::-1]
    groups = list({g.name: g for g in reversed(registry.groups)}.values())[::-1]
    out["units"] = [(u.name, u.full_name, u.kind) for u in units]
    out["groups"] = [(g.name, g.full_name) for g in groups]
    out["aliases"] = [(a, u.name, None) for u in units for a in u.aliases]
    out["aliases"] += [(a, None, g.name) for g in groups for a in g.aliases]
    out["group_members"] = []
    for g in groups:
        for m in g.members:
            entry = index.resolve(m)
            out["group_members"].append((g.name, m, entry.name if entry is not None and not entry.is_group else None))
    records = loaded.records
    states = plan_states(records, as_of, config_for(loaded))
    measure_id = item_id = 0
    for rec in records:
        data = rec.data
        tid = rec.id
        sid = section_ids.get((rec.section, rec.subsection)) or section_ids.get((rec.section, None))
        out["tasks"].append((tid, rec.section, rec.subsection, sid, rec.title, "、".join(data.get("leader") or []) or None, data.get("status"), loaded.task_paths.get(tid, "")))
        out["search"].append((rec.title, "title", tid, None))
        out["roles"] += [(tid, m.unit, m.role, m.via) for m in index.owing_roles(rec)]
        for pos, m in enumerate(data.get("measures", ()), 1):
            measure_id += 1
            written = m.get("unit")
            entry = index.resolve(written) if written else None
            unit = entry.name if entry is not None and not entry.is_group else None
            group = entry.name if entry is not None and entry.is_group else None
            out["measures"].append((measure_id, tid, pos, written, unit, group))
            for ipos, text in enumerate(m["items"], 1):
                item_id += 1
                out["items"].append((item_id, measure_id, ipos, text))
                out["search"].append((text, "measure", tid, unit or group or written))
        for d in data.get("deadlines", ()):
            out["deadlines"].append((None, tid, _iso(d.get("date")), d["text"], d.get("unit"), d.get("source", "manual"), int(d.get("recurring", False))))
        for pos, p in enumerate(data.get("progress", ()), 1):
            out["progress"].append((None, tid, pos, _iso(p["date"]), p["status"], p.get("note"), p.get("unit"), p.get("reporter"), p.get("source")))
            if p.get("note"):
                out["search"].append((p["note"], "progress", tid, p.get("unit")))
        for e in data.get("extensions", ()):
            out["extensions"].append((None, tid, _iso(e["from"]), _iso(e["to"]), e["reason"], e.get("approved_by")))
        for r in data.get("requests", ()):
            out["requests"].append((None, tid, _iso(r["date"]), r.get("unit"), _iso(r["to"]), r["reason"], r.get("source"), r.get("status", "pending")))
        st = states[tid]
        out["states"].append((tid, st.status, _iso(st.due), _iso(st.original_due), int(st.overdue), st.days_left, st.light, _iso(st.last_report)))
    return out


INDEXES = """\
CREATE INDEX roles_task ON roles(task_id);
CREATE INDEX roles_unit ON roles(unit, role);
CREATE INDEX measures_task ON measures(task_id);
CREATE INDEX items_measure ON items(measure_id);
CREATE INDEX deadlines_task ON deadlines(task_id);
CREATE INDEX progress_task ON progress(task_id);
CREATE INDEX extensions_task ON extensions(task_id);
"""

# the CHECK constraints of SCHEMA, by table (tests/export/test_sqlite.py holds them to SCHEMA's text).
# SQLite evaluates a CHECK for every row, and an ``IN (…)`` list builds a small table each time an
# executemany row runs its statement again: checking roles row by row took longer than inserting
# them (6 µs a row against 4).  The rows are loaded with the checks off and then tested in one
# query per table, which refuses the same rows.
CHECKS = {
    "aliases": '(unit IS NULL) != ("group" IS NULL)',
    "roles": "role IN ('lead', 'responsible', 'measure')",
}

COLUMNS = {  # table -> number of columns inserted
    "plan": 7, "sections": 4, "units": 3, "groups": 2, "aliases": 3, "group_members": 3, "tasks": 8, "roles": 4,
    "measures": 6, "items": 4, "deadlines": 7, "progress": 9, "extensions": 6, "requests": 8, "states": 8,
}


# FTS5 keeps the terms of the rows inserted since its last flush in an in-memory table, writes
# them out as a new segment when that table holds more than its ``hashsize`` (1 MB by default),
# and merges segments level by level as they pile up.  With the default, the index of 100,000
# tasks took 14x its time at 10,000 (2.3 s of CPU there): the merges, and each flush freeing and
# re-allocating its entries among the loaded plan's memory.  A 16 MB table (about 20 MB more
# memory) cut it to 0.9 s at 10,000 and 13 s at 100,000, merge included.  ``optimize`` then merges
# whatever was written into one segment, so the index does not depend on how it was built (only
# its pages differ from the unmerged index of earlier versions; every MATCH finds the same rows).
# FTS5 stores the setting in ``search_config``; it is removed again, leaving the table as FTS5
# creates it, so a user's later writes to the file behave as on any FTS5 table.
SEARCH_HASHSIZE = 16 * 1024 * 1024


def _fill_search(con: sqlite3.Connection, rows: list[tuple]) -> None:
    con.execute("INSERT INTO search (search, rank) VALUES ('hashsize', ?)", (SEARCH_HASHSIZE,))
    con.executemany("INSERT INTO search (text, kind, task_id, unit) VALUES (?, ?, ?, ?)", rows)
    con.execute("INSERT INTO search (search) VALUES ('optimize')")
    con.execute("DELETE FROM search_config WHERE k = 'hashsize'")


def export_sqlite(loaded: LoadedPlan, target: Path, as_of: dt.date, *, replace: bool = False) -> dict[str, int]:
    """Write the plan to ``target`` (atomically); returns row counts per table."""
    from taskplan.store.write import check_not_a_record, check_output

    target = Path(target)
    if target.exists() and target.is_dir():
        raise UsageError(M_("\"{target}\" is a directory", target=target), hint=M_("name a file, e.g. {value1}", value1=target / 'plan.db'))
    check_output(target, "FILE")  # a pipe, or a path under a file (plan.yaml/x.db): refused by name
    check_not_a_record(target, loaded.root, "FILE")  # --replace replaces a database, never units.yaml
    if target.exists() and not replace:
        raise UsageError(M_("\"{target}\" exists", target=target), hint=M_("pass --replace to write it again"))
    rows = _rows(loaded, as_of)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        try:
            # the file is private until the rename: no journal needed; a crash leaves only the temporary file
            con.execute("PRAGMA journal_mode = OFF")
            con.execute("PRAGMA synchronous = OFF")
            # the foreign keys are declared (Datasette follows them) and checked once, after loading:
            # checking them row by row costs more than the rows themselves
            con.executescript(SCHEMA)
            con.execute("PRAGMA ignore_check_constraints = ON")  # tested once below, see CHECKS
            with con:
                for table, width in COLUMNS.items():
                    marks = ", ".join("?" * width)
                    con.executemany(f"INSERT INTO {table} VALUES ({marks})", rows[table])
                _fill_search(con, rows["search"])
            con.executescript(INDEXES)  # after the rows: one build is cheaper than updating per row
            for table, check in CHECKS.items():
                if con.execute(f"SELECT count(*) FROM {table} WHERE NOT ({check})").fetchone()[0]:
                    raise RuntimeError(f"CHECK constraint failed: {table}")
            problems = con.execute("PRAGMA foreign_key_check").fetchall()
            if problems:  # pragma: no cover - the loader validated the records; a guard, not a path
                raise RuntimeError(f"foreign key violations: {problems[:3]}")
            con.execute("PRAGMA user_version = 1")
        finally:
            con.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return {table: len(rows[table]) for table in (*COLUMNS, "search")}

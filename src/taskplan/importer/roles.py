"""Role text → unit names: 牵头单位 / 责任单位 lines, parenthesised roles, prose roles.

Names are kept exactly as the document writes them.  Lists are split at
``、`` ``,`` ``,`` ``;`` ``;`` but never inside parentheses, so
``市直欠款部门(含政府平台公司)`` and ``各镇(街道)`` stay whole.
"""
from __future__ import annotations

import re

from taskplan.importer.punct import CLOSE, COLONS, COMMAS, DOTS, ENUM, FULL_STOP, OPEN, SEMICOLONS

SEPARATORS = ENUM + COMMAS + SEMICOLONS
END_PUNCT = FULL_STOP + DOTS + SEMICOLONS + COMMAS

# Role words of the genre.  配合单位 and 协办单位 mean "responsible".
LEAD_LABELS = ("牵头单位", "牵头部门", "主办单位")
RESPONSIBLE_LABELS = ("责任单位", "配合单位", "协办单位", "参与单位", "责任部门", "配合部门")
LEADER_LABELS = ("牵头领导", "分管省领导", "分管市领导", "分管领导", "责任领导")
PROSE_LABELS = ("部门分工", "责任分工")
ROLE_LABELS = LEAD_LABELS + RESPONSIBLE_LABELS

# "(列第一位者为牵头或汇总单位,下同)": the first listed unit leads.
FIRST_LISTED_RULE = re.compile(r"列(?:在)?第一位(?:者|的)?为牵头")


def depth_map(text: str) -> list[int]:
    """Parenthesis depth at each character (the bracket itself counts as inside)."""
    depth, out = 0, []
    for ch in text:
        if ch in OPEN:
            depth += 1
            out.append(depth)
        elif ch in CLOSE:
            out.append(depth)
            depth = max(0, depth - 1)
        else:
            out.append(depth)
    return out


def split_top(text: str, separators: str = SEPARATORS) -> list[str]:
    """Split ``text`` at ``separators`` outside parentheses."""
    parts, start = [], 0
    for i, (ch, depth) in enumerate(zip(text, depth_map(text))):
        if depth == 0 and ch in separators:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def split_names(text: str) -> list[str]:
    """``财政局、发改局。`` → [财政局, 发改局]; empty pieces are dropped."""
    names = []
    for part in split_top(text):
        name = part.strip().rstrip(END_PUNCT).strip()
        if name:
            names.append(name)
    return names


def strip_rule(text: str) -> tuple[str, bool]:
    """Remove a "(列第一位者为牵头…,下同)" remark from role text; say whether it was there."""
    found = False
    out, i = [], 0
    depth = depth_map(text)
    while i < len(text):
        if text[i] in OPEN and depth[i] == 1:
            j = i
            while j < len(text) and not (text[j] in CLOSE and depth[j] == 1):
                j += 1
            inner = text[i + 1 : j]
            if FIRST_LISTED_RULE.search(inner):
                found = True
                i = j + 1
                continue
        out.append(text[i])
        i += 1
    return "".join(out), found


def label_of(text: str, labels: tuple[str, ...]) -> tuple[str, str] | None:
    """(label, rest) when ``text`` starts with ``label:`` for one of ``labels``."""
    for label in labels:
        if text.startswith(label):
            rest = text[len(label) :].lstrip()
            if rest[:1] and rest[:1] in COLONS:
                return label, rest[1:].strip()
    return None


def trailing_roles(title: str) -> tuple[str, list[tuple[str, str]]]:
    """Roles in parentheses at the end of a task: ``…合作。(牵头单位:A、B;配合单位:C)``.

    Returns the title without the parenthesis and [(label, names text), …].
    A trailing ``。`` after the parenthesis is kept on the title.
    """
    text = title.rstrip()
    tail = ""
    if text and text[-1] in FULL_STOP + DOTS and len(text) > 1 and text[-2] in CLOSE:
        text, tail = text[:-1], text[-1]
    if not text or text[-1] not in CLOSE:
        return title, []
    depth = depth_map(text)
    start = len(text) - 1
    while start >= 0 and not (text[start] in OPEN and depth[start] == 1):
        start -= 1
    if start < 0:
        return title, []
    inner = text[start + 1 : -1]
    clauses = []
    for clause in split_top(inner, SEMICOLONS):
        found = label_of(clause.strip(), ROLE_LABELS)
        if found is None:
            # the rule remark may sit in the same parenthesis: "(责任单位:A、B,列第一位者为牵头单位)"
            if FIRST_LISTED_RULE.search(clause):
                clauses.append(("rule", clause))
                continue
            return title, []
        clauses.append(found)
    if not any(label != "rule" for label, _ in clauses):
        return title, []
    return (text[:start].rstrip() + tail), clauses


_PROSE_LEAD = ("牵头负责", "牵头", "负责", "主办")
_PROSE_RESPONSIBLE = ("按职责分工负责", "配合", "参与", "协办", "协助")


def prose_roles(text: str) -> tuple[list[str], list[str]] | None:
    """``省发展改革委牵头,各地、各部门配合。`` → ([省发展改革委], [各地, 各部门]).

    Returns None when a clause carries no role word: the caller reports it
    rather than guessing.
    """
    lead: list[str] = []
    responsible: list[str] = []
    for clause in split_top(text.rstrip(END_PUNCT), COMMAS + SEMICOLONS):
        clause = clause.strip()
        if not clause:
            continue
        for word in _PROSE_RESPONSIBLE:
            if clause.endswith(word):
                responsible += split_names(clause[: -len(word)])
                break
        else:
            for word in _PROSE_LEAD:
                if clause.endswith(word):
                    lead += split_names(clause[: -len(word)])
                    break
            else:
                return None
    return lead, responsible

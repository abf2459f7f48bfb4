"""Role text → unit names: label lines, role groups in brackets, prose roles.

The genre states who does what in many ways; all of them end in one
``Roles`` value per piece of text:

* label lines ``牵头单位:A、B`` / ``责任单位:…`` / ``责任领导:…`` / ``完成时限:…``;
* groups in ``(…)`` ``（…）`` ``[…]`` ``【…】`` after a sentence, with labels in any
  order separated by ``;`` ``；`` ``,`` ``，``:
  ``（责任领导：X；牵头单位：Y；责任单位：Z）``, ``（6月底完成，牵头单位：X、Y）``;
* prose: ``X牵头，Y配合``, ``X负责``, ``A、B等和各省级人民政府负责``,
  ``分管副省长负责，X牵头，Y参与``, ``X会同有关部门负责``.

Names are kept exactly as the document writes them, without the role words
around them (按职责分工配合, 会同, 等有关部门, 等和, 负责, 牵头).  Lists are split at
``、`` ``,`` ``，`` ``;`` ``；`` but never inside brackets, so ``县发改局(粮食局)`` and
``各镇(街道)`` stay whole.  Text that is none of these is returned as
``unread`` so the caller can report it: nothing is dropped silently.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from taskplan.importer.punct import CLOSE, COLONS, COMMAS, DOTS, ENUM, FULL_STOP, OPEN, SEMICOLONS

SEPARATORS = ENUM + COMMAS + SEMICOLONS
END_PUNCT = FULL_STOP + DOTS + SEMICOLONS + COMMAS
OPENERS = OPEN + "[\u3010"  # ( （ [ 【
CLOSERS = CLOSE + "]\u3011"  # ) ） ] 】

# Label words of the genre.  配合单位, 协办单位 … mean "responsible"; 责任单位 too,
# unless a first-listed rule makes its first unit the lead.
LEAD_LABELS = ("牵头考核单位", "牵头责任单位", "牵头单位", "牵头部门", "主办单位", "牵头机构")
RESPONSIBLE_LABELS = (
    "责任单位", "责任部门", "配合单位", "配合部门", "协办单位", "参与单位", "参加单位", "协助单位", "责任主体", "落实单位",
)
LEADER_LABELS = (
    "牵头领导", "责任领导", "分管领导", "分管省领导", "分管市领导", "分管县领导", "分管区领导",
    "分管副省长", "分管副市长", "分管副县长", "分管副区长", "联系领导", "包保领导", "牵头市领导", "牵头省领导", "牵头县领导",
)
PROSE_LABELS = ("部门分工", "责任分工")
DEADLINE_LABELS = ("完成时限", "时间节点", "完成时间", "完成期限", "时限要求", "时间要求", "完成时间节点")
ROLE_LABELS = LEAD_LABELS + RESPONSIBLE_LABELS
ALL_ROLE_LABELS = LEAD_LABELS + RESPONSIBLE_LABELS + LEADER_LABELS + PROSE_LABELS + DEADLINE_LABELS

# "列第一位者为牵头或汇总单位" / "排在第一位的部门为牵头部门" / "列首位的为牵头单位": the first listed unit leads.
FIRST_LISTED_RULE = re.compile(
    r"(?:列|排)(?:在)?(?:第一位|首位|第一)(?:的|者)?(?:部门|单位)?(?:为|是)(?:牵头|主办)|牵头或汇总单位|第一(?:个)?(?:单位|部门)为牵头"
)
SAME_BELOW = re.compile(r"^(?:以下|下)同$")

_LABEL_RE = re.compile(
    "(" + "|".join(sorted(map(re.escape, ALL_ROLE_LABELS), key=len, reverse=True)) + rf")\s*[{COLONS}]"
)
# prose role words at the end of a clause, longest first
_PROSE_RESPONSIBLE = ("按职责分工配合", "按职责分工负责", "按职能分工负责", "分别负责", "配合", "参与", "协办", "协助", "参加")
_PROSE_LEAD = ("牵头负责", "牵头", "主办")
_PROSE_OWNER = ("共同负责", "负责", "落实")
# a prose "name" that is a person or post, not a unit: 分管副省长, 市政府分管领导, 县长
LEADER_NAME = re.compile(r"(?:省长|市长|县长|区长|旗长|领导|书记|秘书长|主席)$")
_TRAILING_ET = re.compile(r"(?:等(?:有关|相关)?(?:部门|单位)|等)$")
_DEADLINE_END = re.compile(r"(?:前|底|末|完成|以前|之前|长期坚持|持续推进)$")
_CLOSER = re.compile("[" + re.escape(CLOSERS) + "]")
_ROLE_WORD_END = re.compile(
    "(?<=.)(?:" + "|".join(map(re.escape, (*_PROSE_RESPONSIBLE, *_PROSE_LEAD, *_PROSE_OWNER))) + ")$", re.S
)
_NOBODY = {"有关部门", "相关部门", "有关单位", "相关单位"}
# what is left of "按职责分工负责" / "分别负责" once the last role word is read: a manner, never a unit's name
_MANNER_END = re.compile(r"(?:按职[责能]分工|分别|共同)$")
_DEADLINE_WORDS = re.compile(
    r"(?:\d{4}|[今明本当]年|年底|年末|[0-9０-９一二三四五六七八九十]+月|季度|半年|长期|持续|常态化|每年|每月|每季度|逐年)"
)


@dataclass
class Roles:
    """What one piece of role text says (names in document order)."""

    lead: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    owners: list[str] = field(default_factory=list)  # "A、B负责": all lead, or the first with a rule
    leader: list[str] = field(default_factory=list)
    deadlines: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)  # rule text ("列第一位者为牵头单位", "下同"), applied
    unread: list[str] = field(default_factory=list)  # text that states no role: reported

    def add(self, other: Roles) -> None:
        for name in ("lead", "responsible", "owners", "leader", "deadlines", "rules", "unread"):
            getattr(self, name).extend(getattr(other, name))

    def has_roles(self) -> bool:
        return bool(self.lead or self.responsible or self.owners or self.leader)


def depth_map(text: str, openers: str = OPEN, closers: str = CLOSE) -> list[int]:
    """Bracket depth at each character (the bracket itself counts as inside)."""
    out: list[int] = []
    depth = pos = 0
    for match in _brackets(openers, closers).finditer(text):
        at = match.start()
        out.extend([depth] * (at - pos))  # the run of text before this bracket, in one step
        if text[at] in openers:
            depth += 1
            out.append(depth)
        else:
            out.append(depth)
            depth = max(0, depth - 1)
        pos = at + 1
    out.extend([depth] * (len(text) - pos))
    return out


@lru_cache(maxsize=None)
def _brackets(openers: str, closers: str) -> re.Pattern[str]:
    return re.compile("[" + re.escape(openers + closers) + "]")


def split_top(text: str, separators: str = SEPARATORS) -> list[str]:
    """Split ``text`` at ``separators`` outside brackets."""
    parts, start, depth = [], 0, 0
    for match in _marks(separators).finditer(text):
        ch, at = match.group(), match.start()
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS:
            depth = max(0, depth - 1)
        elif depth == 0:
            parts.append(text[start:at])
            start = at + 1
    parts.append(text[start:])
    return parts


@lru_cache(maxsize=None)
def _marks(separators: str) -> re.Pattern[str]:
    return re.compile("[" + re.escape(OPENERS + CLOSERS + separators) + "]")


def clean_name(text: str) -> str:
    """One name without the role words and punctuation around it."""
    name = text.strip().strip(END_PUNCT + " \u3000").strip()
    if name.startswith("由") and len(name) > 2:
        name = name[1:]
    changed = True
    while changed and name:
        changed = False
        for word in (*_PROSE_RESPONSIBLE, *_PROSE_LEAD, *_PROSE_OWNER):
            if name.endswith(word) and len(name) > len(word):
                name, changed = name[: -len(word)].strip(), True
        stripped = _TRAILING_ET.sub("", name)
        if stripped != name and stripped:
            name, changed = stripped.strip(), True
    return name


def split_names(text: str) -> list[str]:
    """``财政局、发改局。`` → [财政局, 发改局]; role words and empty pieces are dropped."""
    names = []
    for part in split_top(text.replace("等和", "、")):
        name = clean_name(part)
        if name:
            names.append(name)
    return names


def strip_rule(text: str) -> tuple[str, bool]:
    """Remove a "(列第一位者为牵头…,下同)" remark from role text; say whether it was there."""
    out, found = text, False
    for start, end in reversed(bracket_groups(text)):
        if FIRST_LISTED_RULE.search(text[start:end]):
            out = out[:start] + out[end:]
            found = True
    return out, found


def label_of(text: str, labels: tuple[str, ...]) -> tuple[str, str] | None:
    """(label, rest) when ``text`` starts with ``label:`` for one of ``labels`` (longest first)."""
    match = _label_pattern(labels).match(text)
    if match is None:
        return None
    return match.group(1), text[match.end() :].strip()


@lru_cache(maxsize=None)
def _label_pattern(labels: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("(" + "|".join(map(re.escape, sorted(labels, key=len, reverse=True))) + rf")\s*[{COLONS}]")


def bracket_groups(text: str) -> list[tuple[int, int]]:
    """(start, end) of every top-level bracket group, end exclusive; unbalanced ones are ignored."""
    groups, depth, start = [], 0, 0
    for match in _brackets(OPENERS, CLOSERS).finditer(text):
        at = match.start()
        if text[at] in OPENERS:
            if depth == 0:
                start = at
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                groups.append((start, at + 1))
    return groups


def is_deadline(text: str) -> bool:
    """``6月底完成``, ``2023年底前``, ``长期坚持``: a clause that states when, not who."""
    return bool(_DEADLINE_WORDS.search(text)) and len(text) <= 30


def _prose_clause(clause: str, into: Roles) -> bool:
    """Read one prose clause into ``into``; False when it states no role."""
    text = clause.strip().rstrip(END_PUNCT)
    if not text:
        return True
    if FIRST_LISTED_RULE.search(text) or SAME_BELOW.match(text):
        into.rules.append(text)
        return True
    # "X会同Y负责": X leads, Y takes part
    for words, target in ((_PROSE_RESPONSIBLE, "responsible"), (_PROSE_LEAD, "lead"), (_PROSE_OWNER, "owners")):
        for word in words:
            if text.endswith(word) and len(text) > len(word):
                names_text = _MANNER_END.sub("", text[: -len(word)])
                if "会同" in names_text:
                    head, _, rest = names_text.partition("会同")
                    leads = split_names(head)
                    others = [n for n in split_names(rest) if n not in _NOBODY]  # "会同有关部门": nobody in particular
                    if target == "responsible":
                        into.responsible += leads + others
                    else:
                        into.lead += [n for n in leads if not LEADER_NAME.search(n)]
                        into.responsible += others
                    return True
                names = split_names(names_text)
                if not names:
                    return False
                people = [n for n in names if LEADER_NAME.search(n)]
                units = [n for n in names if not LEADER_NAME.search(n)]
                into.leader += people
                getattr(into, target).extend(units)
                return True
    if is_deadline(text):
        into.deadlines.append(text)
        return True
    return False


def _labelled(label: str, value: str, into: Roles) -> None:
    value, had_rule = _split_rule(value, into)
    if label in DEADLINE_LABELS:
        if value.strip(END_PUNCT + " "):
            into.deadlines.append(value.strip().rstrip(END_PUNCT))
        return
    if label in LEADER_LABELS:
        into.leader += split_names(value)
        return
    if label in PROSE_LABELS or any(_ends_in_role_word(c) for c in split_top(value, COMMAS + SEMICOLONS)):
        for clause in split_top(value, COMMAS + SEMICOLONS):
            if not _prose_clause(clause, into):
                into.unread.append(clause.strip())
        return
    names = []
    for piece in split_top(value, ENUM + COMMAS + SEMICOLONS):
        piece = piece.strip().rstrip(END_PUNCT)
        if is_deadline(piece) and _DEADLINE_END.search(piece):
            into.deadlines.append(piece)
        else:
            names += split_names(piece)
    if label in LEAD_LABELS:
        into.lead += names
    else:
        into.responsible += names


def _ends_in_role_word(clause: str) -> bool:
    return _ROLE_WORD_END.search(clause.strip().rstrip(END_PUNCT)) is not None


def _split_rule(value: str, into: Roles) -> tuple[str, bool]:
    """Take a bracketed rule remark out of a label's value."""
    out, found = value, False
    for start, end in reversed(bracket_groups(value)):
        inner = value[start + 1 : end - 1]
        if FIRST_LISTED_RULE.search(inner):
            into.rules.append(value[start:end])
            out = out[:start] + out[end:]
            found = True
    return out, found


def read_role_text(text: str) -> Roles:
    """Role text without brackets (a group's inside or a label line) → Roles."""
    roles = Roles()
    depth = depth_map(text, OPENERS, CLOSERS)
    starts = [m for m in _LABEL_RE.finditer(text) if not depth[m.start()] and _label_starts_clause(text, m.start())]
    head = text[: starts[0].start()] if starts else text
    for piece in split_top(head, COMMAS + SEMICOLONS):
        if piece.strip() and not _prose_clause(piece, roles):
            roles.unread.append(piece.strip().rstrip(END_PUNCT))
    for k, match in enumerate(starts):
        stop = starts[k + 1].start() if k + 1 < len(starts) else len(text)
        _labelled(match.group(1), text[match.end() : stop].strip().rstrip(COMMAS + SEMICOLONS), roles)
    return roles


def _label_starts_clause(text: str, at: int) -> bool:
    return at == 0 or text[at - 1] in COMMAS + ENUM + SEMICOLONS + CLOSERS + " \u3000"


def role_group(inner: str) -> Roles | None:
    """A bracket group's inside → Roles, or None when it names no role (then it is text)."""
    roles = read_role_text(inner)
    if not roles.has_roles():
        return None
    return roles


def roles_in_text(text: str) -> tuple[str, Roles]:
    """Take every role group out of a sentence: (text without them, what they say).

    ``加快A。（X负责）推进B。（Y牵头，Z配合）`` → (``加快A。推进B。``, lead/owners X, Y; responsible Z).
    A group that names no role (``（2020年10月完成）``, ``（含“一件事”）``) stays in the text.
    """
    found = Roles()
    out = text
    for start, end in reversed(bracket_groups(text)):
        roles = role_group(text[start + 1 : end - 1])
        if roles is None:
            continue
        _prepend(found, roles)
        out = out[:start] + out[end:]
    return out.strip(), found


def _prepend(target: Roles, first: Roles) -> None:
    for name in ("lead", "responsible", "owners", "leader", "deadlines", "rules", "unread"):
        setattr(target, name, getattr(first, name) + getattr(target, name))


@lru_cache(maxsize=65536)
def has_role_group(text: str) -> bool:
    """Whether a line carries a role group (cheap pre-check, then the real reader)."""
    if _CLOSER.search(text) is None:
        return False
    return any(role_group(text[s + 1 : e - 1]) is not None for s, e in bracket_groups(text))


@lru_cache(maxsize=65536)
def ends_in_role_group(text: str) -> bool:
    """``…。（X负责）`` or ``…（牵头单位：Y）。``: the sentence ends in a role group."""
    stripped = text.rstrip(FULL_STOP + DOTS + SEMICOLONS + " ")
    groups = bracket_groups(stripped)
    return bool(groups) and groups[-1][1] == len(stripped) and role_group(stripped[groups[-1][0] + 1 : -1]) is not None

"""The document's skeleton: front matter, title, sections, task blocks, unused lines.

Every non-blank line is *read* exactly once, and the reading says where it
went (``Reading``): front matter, a section or sub-section heading, a task's
title or one of its labelled fields, or the list of unused lines
(``Unused``, with the reason).  Nothing is dropped silently; ``import
--dry-run`` prints these readings.

How the levels are told apart
-----------------------------
A document numbers its levels with ``一、`` > ``（一）`` > ``1.`` (``1、`` ``1．``
``1﹒`` ``1)``) > ``（1）``.  Which level holds the *tasks* is decided by the roles:
the task level is the numbering style whose items carry roles (a role
parenthesis on the line, or 牵头单位/责任单位/… lines below it) most often.
The styles above it are the section and sub-section headings; the styles
below it are text inside a task (measure items).  When unnumbered sentences
ending in a role parenthesis outnumber them, tasks are unnumbered.

Numbers must follow on: a task numbered N follows task N-1, or is 1 at the
start of a section or sub-section (numbers that restart).  A line that
merely looks numbered out of sequence (``5.31世界无烟日…`` inside a measure)
is text.  ``11.121人才工程`` after task 10 is task 11.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from taskplan.i18n import M_
from taskplan.importer import roles as R
from taskplan.importer.punct import CLOSE, COLONS, COMMAS, DOTS, ENUM, FULL_STOP, OPEN, SEMICOLONS
from taskplan.importer.lines import Line
from taskplan.importer.taskids import IdNote, assign_ids
from taskplan.importer.signature import NOTE, is_distribution, issuer_shaped, parse_date
from taskplan.model.numerals import FULL_WIDTH_DIGITS, read_number

_CN = "一二三四五六七八九十百"
_O, _C = re.escape(OPEN), re.escape(CLOSE)
NUMBERED = {
    "cn": re.compile(rf"^([{_CN}]+)\s*[{ENUM}{COMMAS}{re.escape(DOTS)}]\s*(.+)$"),
    "pcn": re.compile(rf"^[{_O}]([{_CN}]+)[{_C}]\s*(.+)$"),
    "arabic": re.compile(rf"^(\d+)\s*(?:([{re.escape(DOTS)}\ufe52{ENUM}])|[{_C}])\s*(.*)$"),
    "parab": re.compile(rf"^[{_O}](\d+)[{_C}]\s*(.+)$"),
}
STYLE_ORDER = ("cn", "pcn", "arabic", "parab")
STYLE_NAMES = {"cn": "一、", "pcn": "（一）", "arabic": "1.", "parab": "（1）", "none": "unnumbered"}
NOISE = re.compile(
    r"^(?:[—–\-－_=·•*\s]*[\d０-９]+[—–\-－_=·•*\s]*|第\s*\d+\s*页(?:\s*[,\uff0c/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$"
)
CHROME = re.compile(
    r"^(?:首页|当前位置|您的位置|您现在的位置|网站首页|朗读|分享到|分享|打印|关闭|关闭窗口|打印本页|扫一扫|"
    r"【?字体|【?打印|【?关闭|【?我要|来源[:：]|信息来源|发布时间|发布日期[:：]|浏览次数|访问量|"
    r"索引号|主题分类|发文机关|发文机构|成文日期|发文字号|文号[:：]|主题词|标题[:：]|有效性|"
    r"【[^】:：]{2,6}】)"
)
_ARROWS = re.compile("[>＞»›]")
BREADCRUMB = re.compile(r"\S\s*(?:>|＞|»|›|/)\s*\S.*(?:>|＞|»|›)")
ATTACHMENT = re.compile(rf"^附\s*件\s*[\d０-９{_CN}]*\s*(?:[{COLONS}].*)?$")
ASIDE = re.compile(r"^专栏\s*[\d０-９一二三四五六七八九十]*")
# the genre's title forms: …实施方案, …工作要点, …责任分工, …任务清单, …的意见 / 实施意见 (a State
# Council style plan published on its own), …任务书, …行动计划, …规划 …
PLAN_NAME = re.compile(
    rf"(?:方案|分工|分解|清单|台账|一览表|分解表|分工表|任务表|安排|要点|计划|措施|意见|任务书|责任书|规划|纲要)"
    rf"(?:[{_O}][^{_C}]*[{_C}])?$"
)
NOTICE_TITLE = re.compile(r"关于.*的通知$")
MEASURE_LABELS = ("落实措施", "工作措施", "具体措施", "主要措施", "推进措施", "工作举措", "具体举措")
ALL_LABELS = R.ALL_ROLE_LABELS + MEASURE_LABELS
SENTENCE_END = FULL_STOP + SEMICOLONS + COMMAS + COLONS + "!?！？"


def is_noise(text: str) -> bool:
    """Blank lines and page numbers (``— 1 —``, ``-2-``, ``第3页``)."""
    return not text or bool(NOISE.match(text))


def is_chrome(text: str) -> bool:
    """Web page furniture around a published document: menus, 朗读, breadcrumbs, 【发布单位】."""
    if len(text) > 80:
        return False  # page furniture is short; a paragraph is not
    return bool(CHROME.match(text) or (_ARROWS.search(text) and BREADCRUMB.search(text)))


def is_rule_line(text: str) -> bool:
    """A line that only states the first-listed rule: ``（列第一位者为牵头单位，下同）``."""
    if not R.FIRST_LISTED_RULE.search(text) or labelled(text) is not None or numbering(text) is not None:
        return False
    return (
        (text[:1] in R.OPENERS and text[-1:] in R.CLOSERS) or len(text) <= 40 and not R.has_role_group(text)
    )


@lru_cache(maxsize=65536)
def numbering(text: str) -> tuple[str, int, str, bool] | None:
    """(style, number, rest, digit_follows) for a numbered line, else None."""
    scan = text.translate(FULL_WIDTH_DIGITS)
    for style in STYLE_ORDER:
        match = NUMBERED[style].match(scan)
        if not match:
            continue
        if style in ("cn", "pcn"):
            number = read_number(match.group(1))
            if number is None:
                continue
            rest = text[match.start(2):]
            return style, number, rest.strip(), False
        if style == "arabic":
            rest = text[match.start(3):]
            digit_follows = bool(match.group(2)) and rest[:1].translate(FULL_WIDTH_DIGITS).isdigit()
            if match.group(2) == ENUM or not match.group(2):
                digit_follows = False
            if not rest.strip():
                continue
            return style, int(match.group(1)), rest.strip(), digit_follows
        return style, int(match.group(1)), text[match.start(2):].strip(), False
    return None


def labelled(text: str) -> tuple[str, str] | None:
    return R.label_of(text, ALL_LABELS)


@lru_cache(maxsize=65536)
def looks_like_task(text: str) -> bool:
    """Text that carries roles: left unused it means a task may have been missed."""
    return bool(labelled(text)) or R.has_role_group(text)


def heading_like(text: str) -> bool:
    """A short line without sentence punctuation: ``加强组织保障``, ``（二）促进消费``."""
    return 0 < len(text) <= 30 and text[-1] not in SENTENCE_END and not looks_like_task(text) and labelled(text) is None


@dataclass(slots=True)  # one per task (and per labelled part): 100,000s in a large document
class Field:
    """A labelled part of a task (title, role line, measures) with where it starts."""

    label: str
    text: str
    line: Line
    lines: list[Line] = field(default_factory=list)  # every line the field was read from


@dataclass(slots=True)  # one per task (and per labelled part): 100,000s in a large document
class TaskBlock:
    id: int
    number: int | None  # as written (None: unnumbered)
    section: SectionBlock
    subsection: int | None  # index into section.subsections + 1
    line: Line
    title: Field
    fields: list[Field] = field(default_factory=list)  # role, leader, deadline and measure lines in order
    rule: bool = False  # the first-listed rule applies to this task
    after: int | None = None  # printed out of sequence: the number printed before it (skipped, repeated)


@dataclass
class SectionBlock:
    number: int
    title: str
    line: Line
    subsections: list[tuple[int, str, Line]] = field(default_factory=list)  # (number, title, line)
    tasks: int = 0


@dataclass
class Unused:
    """A line (or part of one) that went into no record, and why."""

    line: Line
    text: str
    reason: str
    task_like: bool = False  # it carries roles: a task may have been missed


@dataclass
class Skeleton:
    front: list[Line]
    title_lines: list[Line]
    after_title: list[Line]  # preamble paragraphs between the title and the body
    sections: list[SectionBlock]
    tasks: list[TaskBlock]
    body_start: int  # line number of the first body line (0: none)
    unused: list[Unused] = field(default_factory=list)
    readings: dict[int, str] = field(default_factory=dict)  # line index -> how it was read
    task_style: str = "arabic"
    rule_from: int | None = None  # line number from which the first-listed rule applies (0: all)
    last_heading: int = 0  # the number of the last section heading, as written
    back: list[tuple[Line, str]] = field(default_factory=list)  # signature lines in the body: (line, issuer/date/note)
    id_notes: list[IdNote] = field(default_factory=list)  # unnumbered tasks, numbers out of sequence


def _title_index(lines: list[Line]) -> tuple[int, int] | None:
    """(first, last) index of the plan title: the last line naming a plan before the first roles."""
    first_roles = len(lines)
    for i, line in enumerate(lines):
        if looks_like_task(line.text):
            first_roles = i
            break
    candidates = []
    notice = []
    for i in range(first_roles):
        text = lines[i].text
        if not text or numbering(text) or labelled(text) or len(text) > 70 or text[-1] in SENTENCE_END:
            continue
        if ATTACHMENT.match(text) or is_chrome(text) or text.startswith(("《", "\u201c")):
            continue
        if NOTICE_TITLE.search(text):
            notice.append(i)
        elif PLAN_NAME.search(text):
            candidates.append(i)
    chosen = candidates[-1] if candidates else (notice[-1] if notice else None)
    if chosen is None:
        return None
    start = chosen
    # a title broken over lines: short unpunctuated lines just before it
    while start > 0:
        prev = lines[start - 1].text
        if (
            not prev or len(prev) > 40 or prev[-1] in SENTENCE_END + CLOSE or numbering(prev) or ATTACHMENT.match(prev)
            or is_chrome(prev) or is_noise(prev) or "通知" in prev or re.search(r"\d{4}\s*年\s*\d{1,2}\s*月", prev)
            or prev.endswith(("人民政府", "办公室", "办公厅", "委员会", "文件"))
        ):
            break
        start -= 1
    return start, chosen


def _task_style(body: list[Line]) -> tuple[str, list[str]]:
    """(task style, heading styles from top) for the body lines."""
    numbered = [numbering(line.text) for line in body]
    carries: dict[str, int] = {}
    present: list[str] = []
    unnumbered_roles = 0
    for i, (line, num) in enumerate(zip(body, numbered)):
        if num is None:
            if R.ends_in_role_group(line.text) and labelled(line.text) is None:
                unnumbered_roles += 1
            continue
        style = num[0]
        if style not in present:
            present.append(style)
        has = R.has_role_group(num[2])
        j = i + 1
        while not has and j < len(body) and numbered[j] is None:
            if labelled(body[j].text) and labelled(body[j].text)[0] not in MEASURE_LABELS:
                has = True
            j += 1
        if has:
            carries[style] = carries.get(style, 0) + 1
    ordered = [s for s in STYLE_ORDER if s in present]
    best = max(carries.values(), default=0)
    if unnumbered_roles > best:
        return "none", [s for s in ordered if not carries.get(s)]
    if best == 0:
        for style in ("arabic", "parab", "pcn", "cn"):
            if style in present:
                return style, [s for s in ordered if STYLE_ORDER.index(s) < STYLE_ORDER.index(style)]
        return "none", []
    task = max((s for s in ordered if carries.get(s, 0) == best), key=STYLE_ORDER.index)
    # a style whose items carry roles is never a heading, even above the task level
    return task, [s for s in ordered if STYLE_ORDER.index(s) < STYLE_ORDER.index(task) and not carries.get(s)]


def split_skeleton(lines: list[Line], readings: bool = True) -> Skeleton:
    """Read every line once; see the module docstring.

    ``readings``: also say how each task line was read (``task 3: 措施``), which only ``--dry-run``
    prints; without it ``sk.readings`` holds the few lines outside tasks (headings, unused text)."""
    content = [line for line in lines if line.text]
    found = _title_index(content)
    if found is None:
        # no line names the plan: the body starts at the first 一、 heading or numbered line
        start = next((i for i, line in enumerate(content) if numbering(line.text) and numbering(line.text)[1] == 1), len(content))
        front, title_lines, rest = content[:start], [], content[start:]
    else:
        front, title_lines, rest = content[: found[0]], content[found[0] : found[1] + 1], content[found[1] + 1 :]
    sk = Skeleton([], title_lines, [], [], [], 0)
    title_text = "".join(line.text for line in title_lines)
    for line in front:
        if is_noise(line.text) or is_chrome(line.text):
            _side_line(sk, line, "")
            sk.readings[line.number] = unused_reading(sk.unused[-1].reason)
        else:
            sk.front.append(line)
    # preamble paragraphs after the title, up to the first numbered line or roles
    k = 0
    while k < len(rest) and not numbering(rest[k].text) and not looks_like_task(rest[k].text):
        if found is None:
            break
        k += 1
    body = rest[k:]
    for line in rest[:k]:
        _side_line(sk, line, title_text) or sk.after_title.append(line)
    if body:
        sk.body_start = body[0].number
    for i, line in enumerate(content):
        if R.FIRST_LISTED_RULE.search(line.text) and line in front + title_lines + rest[:k]:
            sk.rule_from = 0
            break
    body = _take_back_matter(sk, body)
    task_style, heading_styles = _task_style(body)
    sk.task_style = task_style
    _walk(sk, body, task_style, heading_styles, title_text)
    _drop_parts_without_roles(sk)
    sk.id_notes = assign_ids(sk.tasks, task_style != "none")
    _drop_empty_sections(sk)
    if readings:
        _task_readings(sk)
    return sk


DISTRIBUTION_REASON = M_("抄送/印发 line (how the printed copy was sent)")
READING_RULE = M_("reading rule (applied: the first-listed unit leads)")


# How the dry run says a line was read (``taskplan import --dry-run``): Messages, shown in the user's language.
def unused_reading(reason: str) -> str:
    return M_("unused: {reason}", reason=reason)


def task_reading(task_id: int, label: str | None = None) -> str:
    return M_("task {id}: {label}", id=task_id, label=label) if label else M_("task {id}", id=task_id)


def continued(reading: str, more: object = True) -> str:
    """``reading`` of a line that continues the one before (``task 3 (continued)``) when ``more``."""
    return M_("{reading} (continued)", reading=reading) if more else reading


def _take_back_matter(sk: Skeleton, body: list[Line]) -> list[Line]:
    """The body without its signature and distribution lines (after the last task, after a 专栏 …).

    A line that is only a date signs the document: the issuer is the short line
    before it naming a body of government, a publication note in parentheses may
    follow.  They go to ``sk.back`` (document.py puts them into plan.yaml, or
    lists them as unused when the front matter has its own); 抄送/印发 lines are
    unused.  Nothing here can be a task: a date, a name, a parenthesis."""
    taken: dict[int, str] = {}
    # the closing block: the lines after the last text of the plan that can only sign or send it
    tail = len(body)
    while tail > 0 and _closing_shape(body[tail - 1].text):
        tail -= 1
    for i, line in enumerate(body):
        if is_distribution(line.text):
            taken[i] = "distribution"
        elif parse_date(line.text) and i not in taken:
            issuer = i > 0 and (i - 1) not in taken and issuer_shaped(body[i - 1].text) and not numbering(body[i - 1].text)
            if i < tail and not issuer:
                continue  # a date alone amid the tasks (a table flattened cell by cell): the task's, not a signature
            taken[i] = "date"
            if issuer:
                taken[i - 1] = "issuer"
            k = i + 1
            while k < len(body) and NOTE.match(body[k].text) and not looks_like_task(body[k].text):
                taken[k] = "note"
                k += 1
    for i, role in sorted(taken.items()):
        line = body[i]
        if role == "distribution":
            sk.unused.append(Unused(line, line.text, DISTRIBUTION_REASON))
            sk.readings[line.number] = unused_reading(DISTRIBUTION_REASON)
        else:
            sk.back.append((line, role))
    return [line for i, line in enumerate(body) if i not in taken]


def _closing_shape(text: str) -> bool:
    """A line that can stand in a document's closing block: a date, an issuer, a note, 抄送/印发, a page number."""
    return bool(parse_date(text) or issuer_shaped(text) or NOTE.match(text) or is_distribution(text) or is_noise(text))


def _side_line(sk: Skeleton, line: Line, title_text: str) -> bool:
    """Page numbers, site chrome, 附件 lines, repeated titles and rule lines: unused, never text."""
    text = line.text
    if is_noise(text):
        reason = M_("page number")
    elif is_chrome(text):
        reason = M_("web page text (menu, breadcrumb, 朗读, 【发布单位】)")
    elif ATTACHMENT.match(text):
        reason = M_("附件 line")
    elif title_text and len(text) >= len(title_text.replace(" ", "")) and text.replace(" ", "") == title_text.replace(" ", ""):
        reason = M_("the title repeated")
    elif is_rule_line(text):
        reason = READING_RULE
    else:
        return False
    sk.unused.append(Unused(line, text, reason))
    return True


def _walk(sk: Skeleton, body: list[Line], task_style: str, heading_styles: list[str], title_text: str) -> None:
    section_style = heading_styles[0] if heading_styles else None
    sub_style = heading_styles[1] if len(heading_styles) > 1 else None
    # unnumbered heading lines between tasks take the first free heading level
    plain_heading = "section" if section_style is None else ("sub" if sub_style is None else None)
    section: SectionBlock | None = None
    current: Field | None = None
    last_number = 0  # of the last task, as written
    in_container = 0  # tasks in the current section/sub-section
    aside = False
    after_attachment = False
    pending: list[Line] = []  # unnumbered mode: sentences before the one that ends in roles

    def new_section(title: str, line: Line) -> SectionBlock:
        nonlocal section, current, in_container
        section = SectionBlock(len(sk.sections) + 1, title, line)
        sk.sections.append(section)
        current, in_container = None, 0
        sk.readings[line.number] = M_("section {number}", number=section.number)
        return section

    def new_sub(title: str, line: Line) -> None:
        nonlocal current, in_container
        assert section is not None
        section.subsections.append((len(section.subsections) + 1, title, line))
        current, in_container = None, 0
        sk.readings[line.number] = M_("sub-section {number}", number=f"{section.number}.{len(section.subsections)}")

    def new_task(number: int | None, text: str, line: Line, extra: list[Line] | None = None) -> None:
        nonlocal current, last_number, in_container
        nonlocal section
        if section is None:
            section = new_section(title_text or text, line)
            sk.readings[line.number] = M_("section 1 (implicit: the document has no headings)")
            section.title = title_text or "任务"
            section.line = Line(0, section.title)
        lines = [*(extra or []), line]
        title = Field("title", "".join(l.text for l in extra or []) + text, line, lines)
        sub = len(section.subsections) or None
        task = TaskBlock(len(sk.tasks) + 1, number, section, sub, line, title)
        task.rule = sk.rule_from is not None
        sk.tasks.append(task)
        section.tasks += 1
        current = title
        if number is not None or task_style == "none":
            last_number = number if number is not None else last_number + 1
            in_container += 1
        # an unnumbered task among numbered ones takes no number: the next 3. still follows 2.
        # The reading of a task's lines is written once, by _task_readings, when the ids are final
        # (a Message per line here was overwritten there: a tenth of reading a large document).

    for line in body:
        text = line.text
        if _side_line(sk, line, title_text):
            sk.readings[line.number] = unused_reading(sk.unused[-1].reason)
            if R.FIRST_LISTED_RULE.search(text) and sk.rule_from is None:
                sk.rule_from = line.number
            if ATTACHMENT.match(text):
                after_attachment = True
                current, aside = None, False
            continue
        if R.FIRST_LISTED_RULE.search(text) and sk.rule_from is None:
            sk.rule_from = line.number
            if sk.tasks and current is not None:
                sk.tasks[-1].rule = True
        num = numbering(text)
        style = num[0] if num else None
        if num and style == section_style:
            if num[1] == 1 or num[1] == sk.last_heading + 1:
                sk.last_heading = num[1]
                new_section(num[2], line)
                aside = after_attachment = False
                pending = _flush_pending(sk, pending)
                continue
        if num and style == sub_style and section is not None:
            if num[1] == len(section.subsections) + 1:
                new_sub(num[2], line)
                aside = False
                pending = _flush_pending(sk, pending)
                continue
        if num and style == task_style and task_style != "none":
            ok = num[1] == last_number + 1 or (num[1] == 1 and in_container == 0)
            if num[3] and num[1] != last_number + 1:
                ok = False
            if ok:
                new_task(num[1], num[2], line)
                aside = False
                continue
            if not num[3] and _unnumbered_task(sk, current, line):
                # a complete task of its own, numbered out of sequence (4. after 2., 2. twice): never glued
                # to the task before it; its number is reported (taskids)
                previous = last_number
                new_task(num[1], num[2], line)
                sk.tasks[-1].after = previous
                aside = False
                continue
        if num and task_style != "none" and style not in heading_styles and style != task_style and R.ends_in_role_group(num[2]):
            new_task(num[1], num[2], line)  # a part numbered in another style, each item ending in its roles
            aside = False
            continue
        if ASIDE.match(text):
            aside, current = True, None
        elif aside and (task_style == "none" or sk.tasks) and R.ends_in_role_group(text) and labelled(text) is None and not heading_like(text):
            aside = False  # the aside ends where a sentence with roles starts again
        if aside:
            sk.unused.append(Unused(line, text, M_("boxed aside (专栏)"), looks_like_task(text)))
            sk.readings[line.number] = unused_reading(sk.unused[-1].reason)
            continue
        found = labelled(text)
        if found is not None:
            if sk.tasks and current is not None:
                current = Field(found[0], found[1], line, [line])
                sk.tasks[-1].fields.append(current)  # its reading: _task_readings
            else:
                sk.unused.append(Unused(line, text, M_("{label} line outside any task", label=found[0]), True))
                sk.readings[line.number] = unused_reading(M_("label outside any task"))
            continue
        if task_style != "none" and num is None and _unnumbered_task(sk, current, line):
            new_task(None, text, line)
            continue
        if task_style == "none":
            if R.ends_in_role_group(text):
                if num is not None and style not in heading_styles:
                    new_task(num[1], num[2], line, pending)  # a numbered item among unnumbered tasks
                else:
                    new_task(None, text, line, pending)
                pending = []
                continue
            if heading_like(text) and not pending and (plain_heading or section is not None):
                if plain_heading == "section" or section is None:
                    new_section(text, line)
                elif plain_heading == "sub" or sub_style is None:
                    new_sub(text, line)
                else:
                    _unused(sk, line, M_("heading below the numbered levels"))
                continue
            pending.append(line)
            sk.readings[line.number] = M_("pending (text before a sentence with roles)")
            continue
        if heading_like(text) and (current is None or (current.label not in MEASURE_LABELS and _has_roles(sk)) and not _wrapped(current)):
            if section is not None and plain_heading == "sub" and current is not None:
                new_sub(text, line)
                continue
            if plain_heading == "section" and (current is not None or section is None):
                new_section(text, line)
                continue
        if current is None:
            reason = M_("text between a heading and the first task") if section is not None else M_("text before the first heading")
            if num is not None and style in heading_styles + [task_style]:
                reason = M_("numbered {style} line out of sequence", style=STYLE_NAMES[style])
            _unused(sk, line, reason)
            continue
        current.text += text
        current.lines.append(line)  # its reading: _task_readings
    pending = _flush_pending(sk, pending)


def _unnumbered_task(sk: Skeleton, current: Field | None, line: Line) -> bool:
    """Between numbered tasks, an unnumbered sentence that ends in its own role parenthesis is a task.

    Only where nothing is left open: the task before it is complete (its title
    ended in its roles, or a role line followed), or no task is under way.  A
    line continuing a measure, a title without roles yet, a list of names broken
    over lines, or another line of the same table cell stays where it is."""
    text = line.text
    if not sk.tasks or not R.ends_in_role_group(text) or labelled(text) is not None or heading_like(text):
        return False
    if line.where and line.where == sk.tasks[-1].line.where:
        return False  # one cell of a table holds one task
    head = R.roles_in_text(text)[0]
    if len(head) < 6:
        return False  # a bare parenthesis, or a few words: not a task of its own
    if current is None:
        return True
    if current.label in MEASURE_LABELS or _wrapped(current):
        return False
    return current.label != "title" or R.ends_in_role_group(current.text)


def _has_roles(sk: Skeleton) -> bool:
    task = sk.tasks[-1] if sk.tasks else None
    if task is None:
        return False
    return bool(task.fields) or R.has_role_group(task.title.text)


def _wrapped(current: Field | None) -> bool:
    """The field's text stops mid-sentence (a list of names broken over lines), or has not started
    (``完成时限:`` with its value on the next line, as a table flattened cell by cell writes it)."""
    if current is None:
        return False
    if not current.text:
        return current.label != "title"
    return current.text[-1] in ENUM + COMMAS


def _unused(sk: Skeleton, line: Line, reason: str) -> None:
    sk.unused.append(Unused(line, line.text, reason, looks_like_task(line.text)))
    sk.readings[line.number] = unused_reading(reason)


def _flush_pending(sk: Skeleton, pending: list[Line]) -> list[Line]:
    for line in pending:
        _unused(sk, line, M_("text without roles between tasks"))
    return []


def _carries_roles(task: TaskBlock) -> bool:
    return any(f.label not in MEASURE_LABELS for f in task.fields) or R.has_role_group(task.title.text)


def _drop_parts_without_roles(sk: Skeleton) -> None:
    """A section none of whose items names a unit (保障措施, 组织领导) is no part of the task list."""
    with_roles = {id(t.section) for t in sk.tasks if _carries_roles(t)}
    if not with_roles:
        return
    kept = []
    for task in sk.tasks:
        if id(task.section) in with_roles:
            kept.append(task)
            continue
        task.section.tasks -= 1
        for f in [task.title, *task.fields]:
            for line in f.lines:
                sk.unused.append(Unused(line, line.text, M_("a part without units (保障措施 …)")))
                sk.readings[line.number] = unused_reading(sk.unused[-1].reason)
    sk.tasks = kept


def _task_readings(sk: Skeleton) -> None:
    # one Message per task or field and one for all its continued lines, not one per line
    for task in sk.tasks:
        for label, lines, first in ((None, task.title.lines, task.line), *((f.label, f.lines, f.lines[0]) for f in task.fields)):
            reading = task_reading(task.id, label)
            more = None
            for k, line in enumerate(lines):
                if k and line is not first:
                    more = more or continued(reading)
                    sk.readings[line.number] = more
                else:
                    sk.readings[line.number] = reading


def _drop_empty_sections(sk: Skeleton) -> None:
    """Sections without tasks (指导思想, 保障措施) are not plan sections: their lines are unused."""
    kept = []
    for section in sk.sections:
        if section.tasks:
            kept.append(section)
            continue
        for line in [section.line] + [sub[2] for sub in section.subsections]:
            if line.number:
                sk.unused.append(Unused(line, line.text, M_("heading of a part without tasks")))
                sk.readings[line.number] = unused_reading(sk.unused[-1].reason)
    sk.sections = kept
    for number, section in enumerate(kept, 1):
        section.number = number
        if section.line.number:
            sk.readings[section.line.number] = M_("section {number}", number=number)
        for sub, _, line in section.subsections:
            sk.readings[line.number] = M_("sub-section {number}", number=f"{number}.{sub}")

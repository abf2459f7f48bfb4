"""Front matter: the lines before the first section heading.

An official plan is usually sent with a cover notice: addressees
(``各开发区管委会,…:``), a preamble (``现将…印发给你们,…``), the issuer, the
date (``2020年7月24日``), a publication note (``(此文件公开发布)``) and the
plan's own title.  Their order varies between documents, so each line is
recognised by its shape rather than its position; page noise has already
been dropped.  The title is the last block of lines no other rule claims
(a title broken over two lines is joined).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from taskplan.importer.punct import COLONS
from taskplan.importer.lines import Line
from taskplan.importer.signature import NOTE, is_distribution, parse_date
from taskplan.importer.structure import NOTICE_TITLE, SENTENCE_END, is_rule_line

ATTACHMENT = re.compile(rf"^附\s*件\s*[\d０-９一二三四五六七八九十]*\s*(?:[{COLONS}].*)?$")
NUMBERED_PARAGRAPH = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)])")
PARAGRAPH_END = "。！？!?；;" + COLONS
_ADDRESSED = re.compile(r"^各|人民政府|部门|单位|机构|委员会|管委会")


def is_notice_title(text: str) -> bool:
    """``某市人民政府关于印发…的通知``: the cover notice's own title, never the plan's preamble."""
    return bool(NOTICE_TITLE.search(text)) and text[-1] not in SENTENCE_END


def addressed_to(text: str) -> bool:
    """``各区人民政府，市政府各部门：`` — the addressees, not a sentence that ends in a colon (``分工如下：``)."""
    return text[-1] in COLONS and bool(_ADDRESSED.search(text)) and "如下" not in text and "以下" not in text


def paragraphs(texts: list[str]) -> list[str]:
    """Lines joined into paragraphs: a line that ends a sentence, or a numbered one (``二、…``), starts anew.

    A paragraph wrapped over lines (a PDF's text) is joined with nothing between, as Chinese is written."""
    out: list[str] = []
    for text in texts:
        if out and out[-1][-1] not in PARAGRAPH_END and not NUMBERED_PARAGRAPH.match(text):
            out[-1] += text
        else:
            out.append(text)
    return out


@dataclass
class FrontMatter:
    title: str | None = None
    title_line: int = 0
    issuer: str | None = None
    date: dt.date | None = None
    addressees: str | None = None
    preamble: str | None = None
    note: str | None = None
    ignored: list[Line] = field(default_factory=list)  # unclaimed lines before the title block
    roles: dict[int, str] = field(default_factory=dict)  # index in the front lines -> what it is
    title_lines: list[Line] = field(default_factory=list)  # when the title came from the front lines
    after_roles: dict[int, str] = field(default_factory=dict)  # line number -> role, for lines after the title


def parse_front(lines: list[Line], title_lines: list[Line] | None = None, after_title: list[Line] | None = None) -> FrontMatter:
    """Read the lines before the plan's title (and the title itself, when already found).

    Without ``title_lines`` the title is the last block of lines no rule claims.
    The notice's own paragraphs (its 一、二、三、, long sentences) are preamble;
    short lines no rule claims (a letterhead, the notice's own title) are
    ``ignored`` and reported as unused.
    """
    front = FrontMatter()
    role: dict[int, str] = {}
    for i, line in enumerate(lines):
        if ATTACHMENT.match(line.text) or is_rule_line(line.text):
            role[i] = "noise"
        elif is_notice_title(line.text):
            role[i] = "notice title"
        elif is_distribution(line.text):
            role[i] = "distribution"
        elif front.date is None and parse_date(line.text):
            front.date = parse_date(line.text)
            role[i] = "date"
        elif front.note is None and NOTE.match(line.text):
            front.note = line.text
            role[i] = "note"
        elif front.addressees is None and line.text[-1] in COLONS and i + 1 < len(lines) + len(title_lines or []):
            front.addressees = line.text
            role[i] = "addressees"
    dates = [i for i, r in role.items() if r == "date"]
    if dates and dates[0] > 0 and (dates[0] - 1) not in role:
        front.issuer = lines[dates[0] - 1].text
        role[dates[0] - 1] = "issuer"
    addressed = [i for i, r in role.items() if r == "addressees"]
    preamble: list[int] = []
    if addressed:
        start = addressed[0] + 1
        stop = start
        while stop < len(lines) and stop not in role:
            stop += 1
        # the preamble runs to the issuer; if nothing follows it, it is the title instead
        if stop > start and (stop < len(lines) or title_lines):
            preamble = list(range(start, stop))
    if title_lines:
        # the notice's own paragraphs: numbered or whole sentences
        for i, line in enumerate(lines):
            if i not in role and i not in preamble and (line.text[-1] in "。；;" or len(line.text) > 40 or NUMBERED_PARAGRAPH.match(line.text)):
                preamble.append(i)
        preamble.sort()
    for i in preamble:
        role[i] = "preamble"
    texts = [lines[i].text for i in preamble]
    for line in after_title or []:
        if front.addressees is None and not texts and addressed_to(line.text):
            front.addressees = line.text  # a plan published on its own: title, addressees, preamble
            front.after_roles[line.number] = "addressees"
        elif front.note is None and NOTE.match(line.text):
            front.note = line.text
            front.after_roles[line.number] = "note"
        elif front.date is None and parse_date(line.text):
            front.date = parse_date(line.text)
            front.after_roles[line.number] = "date"
        else:
            texts.append(line.text)
            front.after_roles[line.number] = "preamble"
    front.preamble = "\n".join(paragraphs(texts)) or None
    blocks: list[list[int]] = []
    for i in range(len(lines)):
        if i in role:
            continue
        if blocks and blocks[-1][-1] == i - 1:
            blocks[-1].append(i)
        else:
            blocks.append([i])
    front.roles = role
    if title_lines:
        front.title = "".join(line.text for line in title_lines)
        front.title_line = title_lines[0].number
        front.ignored = [lines[i] for block in blocks for i in block]
    elif blocks:
        title = blocks[-1]
        front.title = "".join(lines[i].text for i in title)
        front.title_line = lines[title[0]].number
        front.title_lines = [lines[i] for i in title]
        front.ignored = [lines[i] for block in blocks[:-1] for i in block]
    return front

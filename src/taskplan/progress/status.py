"""Statuses of a task: the Chinese words stored in records, the English keys the CLI accepts.

督办 workflow: 交办 → 推进 → 办结 → 销号.  A record stores the Chinese word (it is read
by Chinese offices); typing Chinese on a command line is not always convenient, so
every command that takes a status also accepts an English key.
"""
from __future__ import annotations

from taskplan.i18n import M_, names_list
from taskplan.errors import UsageError
from taskplan.model.records import DONE_STATUSES, STATUSES
from taskplan.model.text import name_key

# English key -> stored Chinese status; the order is the workflow order.
KEYS: dict[str, str] = {
    "not-started": "未启动",
    "in-progress": "推进中",
    "done": "已完成",
    "closed": "已销号",
    "paused": "暂缓",
}
assert tuple(KEYS.values()) == STATUSES  # the model and the CLI must agree

# A task without a status has not reported yet; shown, counted, never stored.
UNREPORTED = "未填报"
UNREPORTED_KEY = "unreported"

# Statuses that need a note (the evidence) when they are set.
NEEDS_NOTE = DONE_STATUSES

_BY_KEY = {name_key(k).lower(): v for k, v in KEYS.items()} | {name_key(v): v for v in STATUSES}


def parse_status(text: str, *, allow_unreported: bool = False) -> str:
    """The stored status for ``text`` (Chinese word or English key, any width/case).

    Raises UsageError listing the accepted spellings.
    """
    key = name_key(text).lower()
    if key in _BY_KEY:
        return _BY_KEY[key]
    if allow_unreported and key in (UNREPORTED, UNREPORTED_KEY):
        return UNREPORTED
    pairs = [*KEYS.items(), *([(UNREPORTED_KEY, UNREPORTED)] if allow_unreported else [])]
    accepted = names_list([M_("{status} ({term})", status=zh, term=en) for en, zh in pairs])
    raise UsageError(M_("unknown status \"{text}\"", text=text), hint=M_("use one of {accepted}", accepted=accepted))


def english_key(status: str) -> str:
    """The English key of a stored status (``未填报`` -> ``unreported``)."""
    for en, zh in KEYS.items():
        if zh == status:
            return en
    if status == UNREPORTED:
        return UNREPORTED_KEY
    raise KeyError(status)

"""Chinese-text helpers: width-insensitive name keys and display width."""
from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")


def name_key(name: str) -> str:
    """The key two spellings of a unit name share.

    NFKC folds full-width forms to their half-width equivalents, so
    ``镇（街道）`` and ``镇(街道)`` compare equal; all white space
    (including the ideographic space U+3000) is dropped.
    """
    return _SPACE.sub("", unicodedata.normalize("NFKC", name))


def display_width(text: str) -> int:
    """Terminal cells taken by ``text`` (CJK characters take two)."""
    from rich.cells import cell_len

    return cell_len(text)


def pad(text: str, width: int) -> str:
    """Left-align ``text`` in ``width`` terminal cells."""
    return text + " " * max(0, width - display_width(text))

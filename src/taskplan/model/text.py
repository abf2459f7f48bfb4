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


# East Asian Wide and Fullwidth ranges (UAX #11): two terminal cells each.  A regex counts them in C,
# ~20x faster than a per-character lookup on 10,000 long Chinese titles; rich (which draws nothing of
# taskplan's tables but is the reference) agrees with it on every character the plans use (tested).
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]"
)


def display_width(text: str) -> int:
    """Terminal cells taken by ``text``: CJK and full-width forms take two.  The only width function."""
    return len(text) if text.isascii() else len(text) + len(_WIDE.findall(text))


# Characters that must not reach a terminal as they are: C0 controls (ESC starts escape sequences
# that set window titles or rewrite the screen, CR overwrites a line), DEL, C1 controls (U+009B is
# a one-byte CSI on some terminals) and the bidi controls that make text display in another order
# than it is stored ("Trojan Source").
_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f" + _BIDI + "]")
_UNSAFE_OR_NEWLINE = re.compile("[\x00-\x1f\x7f-\x9f" + _BIDI + "]")


_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, newlines: bool = True) -> str:
    """``text`` with every control character written as a visible escape (ESC as ``\\x1b``).

    What the terminal shows of user text (titles, unit names, file names,
    messages) goes through here, so only taskplan's own styling reaches it
    as escape codes.  ``newlines=False`` escapes line breaks too, for a value
    that must stay on one line (a path or message in ``path:line:col: …``).
    """
    pattern = _UNSAFE if newlines else _UNSAFE_OR_NEWLINE
    return pattern.sub(_escape, text) if pattern.search(text) else text


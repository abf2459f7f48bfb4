"""User text made safe for a terminal: control, bidi and zero-width characters shown as visible escapes.

A foundation module (it imports nothing of taskplan), because findings, errors and every
writer of terminal text need it."""
from __future__ import annotations

import re

# Characters that must not reach a terminal as they are: C0 controls (ESC starts escape sequences
# that set window titles or rewrite the screen, CR overwrites a line), DEL, C1 controls (U+009B is
# a one-byte CSI on some terminals) and the bidi controls that make text display in another order
# than it is stored ("Trojan Source"); and the zero-width characters, so that two names that
# differ only by one do not look the same in a message.
_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Zero-width space, non-joiner, joiner, word joiner and U+FEFF (a byte order mark inside text): they
# show nothing, yet make two equal-looking names differ.  With the bidi controls: the characters
# the check rule TP404 reports and unit names are matched without (model/text.name_key).
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
INVISIBLE = ZERO_WIDTH + _BIDI
_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f" + INVISIBLE + "]")
_UNSAFE_OR_NEWLINE = re.compile("[\x00-\x1f\x7f-\x9f" + INVISIBLE + "]")


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

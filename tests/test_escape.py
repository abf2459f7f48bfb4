"""User text made safe for a terminal (escape.py): which characters are shown as escapes, and how."""
import pytest

from taskplan.escape import visible

# character, as shown in text that may span lines, as shown on one line
ESCAPED = [
    ("\x00", "\\x00", "\\x00"),
    ("\x01", "\\x01", "\\x01"),
    ("\x08", "\\x08", "\\x08"),  # backspace
    ("\t", "\\t", "\\t"),
    ("\n", "\n", "\\n"),  # a line break stays one unless the value must stay on one line
    ("\x0b", "\\x0b", "\\x0b"),
    ("\x0c", "\\x0c", "\\x0c"),
    ("\r", "\\r", "\\r"),  # CR would overwrite the line
    ("\x1b", "\\x1b", "\\x1b"),  # ESC starts terminal escape sequences
    ("\x1f", "\\x1f", "\\x1f"),
    ("\x7f", "\\x7f", "\\x7f"),  # DEL
    ("\x80", "\\x80", "\\x80"),  # C1 controls
    ("\x9b", "\\x9b", "\\x9b"),  # a one-byte CSI
    ("\x9f", "\\x9f", "\\x9f"),
    ("\u202a", "\\u202a", "\\u202a"),  # bidi embeddings and overrides ("Trojan Source")
    ("\u202e", "\\u202e", "\\u202e"),
    ("\u2066", "\\u2066", "\\u2066"),  # bidi isolates
    ("\u2069", "\\u2069", "\\u2069"),
    ("\u200b", "\\u200b", "\\u200b"),  # zero-width characters: two names differing by one look alike
    ("\u200c", "\\u200c", "\\u200c"),
    ("\u200d", "\\u200d", "\\u200d"),
    ("\u2060", "\\u2060", "\\u2060"),
    ("\ufeff", "\\ufeff", "\\ufeff"),
]


@pytest.mark.parametrize("char, shown, one_line", ESCAPED)
def test_controls_become_visible_escapes(char, shown, one_line):
    assert visible(f"财政局{char}牵头") == f"财政局{shown}牵头"
    assert visible(f"财政局{char}牵头", newlines=False) == f"财政局{one_line}牵头"


@pytest.mark.parametrize("text", [
    "加强财政资金，支持（含专项债）重点项目建设。",  # full-width punctuation
    "加强财政资金,支持(含专项债)重点项目建设.",  # half-width
    "西柳镇\u3000各镇（街道）",  # the ideographic space
    " ~!\"#$%&'()*+,-./0123456789:;<=>?@[\\]^_`{|}~",  # printable ASCII around the control ranges
    "\xa0\xad©é€",  # the first characters after the C1 controls
    "\u2065\u206a\u2070",  # characters next to the escaped bidi and zero-width ones
    "",
])
def test_printable_text_is_unchanged(text):
    assert visible(text) == text
    assert visible(text, newlines=False) == text


def test_every_control_of_a_line_is_escaped():
    text = "\x1b]0;标题\x07第一行\r\n第二行\u202e\t"
    assert visible(text) == "\\x1b]0;标题\\x07第一行\\r\n第二行\\u202e\\t"
    assert visible(text, newlines=False) == "\\x1b]0;标题\\x07第一行\\r\\n第二行\\u202e\\t"

"""model/text.py: what a clean text is (the fixes of TP402 and TP404, and the spellings new and check copy)."""
from __future__ import annotations

import pytest

from taskplan.model.text import clean_whitespace, is_clean, remove_hidden


@pytest.mark.parametrize(("text", "clean"), [
    ("  财政局 ", "财政局"),
    ("财政 局", "财政局"),  # between two Chinese characters
    ("财政\u3000局", "财政局"),  # the ideographic space too
    ("镇（街道） 财政局", "镇（街道）财政局"),  # full-width punctuation counts as Chinese
    ("镇(街道) 财政局", "镇(街道) 财政局"),  # half-width does not: the space may be wanted
    ("5G 基站", "5G 基站"),  # Latin next to Chinese keeps its space
    ("Mr Li", "Mr Li"),
])
def test_clean_whitespace(text, clean):
    assert clean_whitespace(text) == clean


@pytest.mark.parametrize(("text", "clean"), [
    ("财\u200b政局", "财政局"),  # zero-width space
    ("财政局\u202e", "财政局"),  # bidi override
    ("财政\x07局\x1b", "财政局"),  # control characters
    ("第一行\n第二行\t完", "第一行\n第二行\t完"),  # line feed and tab stay
])
def test_remove_hidden(text, clean):
    assert remove_hidden(text) == clean


@pytest.mark.parametrize(("text", "clean"), [
    ("财政局", True), ("镇（街道）", True), ("镇(街道)", True), ("财政局 ", False), ("财 政局", False),
    ("财\u200b政局", False), ("财政局\x7f", False),
])
def test_is_clean(text, clean):
    assert is_clean(text) is clean


def test_a_lazy_pattern_compiles_on_first_use_and_then_answers_as_the_pattern():
    import re

    from taskplan.model.text import LazyPattern, display_width

    wide = LazyPattern("[\u4e00-\u9fff\uff00-\uff60]+", re.S)
    assert wide.compiled is None
    assert wide.findall("财政局（牵头）,半角") == ["财政局（牵头）", "半角"]
    assert wide.compiled is re.compile("[\u4e00-\u9fff\uff00-\uff60]+", re.S)  # one compile, then re's own object
    assert wide.findall is wide.findall  # the bound method is kept: later calls skip __getattr__
    assert [m.group() for m in wide.finditer("a财b，c")] == ["财", "，"]
    assert display_width("财政局（牵头）,半角") == 19 and display_width("abc") == 3

"""What every rule shares (check/context.py): equal messages and key paths are one object per run,
so a plan with hundreds of thousands of findings holds each distinct message once."""
from __future__ import annotations

from pathlib import Path

from taskplan.check.context import CheckContext
from taskplan.i18n import M_, Message, names_list, set_language, translate
from taskplan.store.load import LoadedPlan


def context() -> CheckContext:
    return CheckContext(LoadedPlan(Path("."), None, None))


def test_an_equal_message_is_the_one_met_first():
    ctx = context()
    first = M_("measure text also in task {value1}", value1=3)
    again = M_("measure text also in task {value1}", value1=3)
    assert ctx.interned(first) is first
    assert ctx.interned(again) is first
    text = "行末有空格，请删除"
    assert ctx.interned(text) is text
    assert ctx.interned("".join(["行末有空格", "，请删除"])) is text
    listed = names_list(["财政局", "税务局", "各镇（街道）"])  # Messages inside a Message
    assert ctx.interned(listed) is listed
    assert ctx.interned(names_list(["财政局", "税务局", "各镇（街道）"])) is listed


def test_the_same_text_from_another_template_or_value_type_stays_apart():
    ctx = context()
    number = M_("measure text also in task {value1}", value1=3)
    text = M_("measure text also in task {value1}", value1="3")  # reads alike, is another value
    plain = "measure text also in task 3"  # a plain text: translated as a msgid, not through a template
    other = M_("measure text also in task {n}", n=3)
    assert number == text == plain == other
    assert ctx.interned(number) is number
    assert ctx.interned(text) is text
    assert ctx.interned(plain) is plain
    assert ctx.interned(other) is other
    assert type(ctx.interned(plain)) is str
    names_half = names_list(["财政局", "各镇(街道)"])
    names_full = names_list(["财政局", "各镇（街道）"])  # full-width brackets: another name
    assert ctx.interned(names_half) is names_half
    assert ctx.interned(names_full) is names_full


def test_an_interned_message_is_still_translated():
    ctx = context()
    ctx.interned(M_("measure text also in task {value1}", value1=7))
    got = ctx.interned(M_("measure text also in task {value1}", value1=7))
    assert isinstance(got, Message) and got.values == {"value1": 7}
    set_language("zh")
    try:
        assert translate(got) != str(got) and "7" in translate(got)
    finally:
        set_language("en")


def test_a_message_with_a_value_that_cannot_be_compared_is_kept_as_it_is():
    ctx = context()
    first = M_("{items}", items=["一", "二"])
    again = M_("{items}", items=["一", "二"])
    assert ctx.interned(first) is first
    assert ctx.interned(again) is again  # not merged: a list is no key

    class Text(str):
        pass

    odd = Text("另一种文本")
    assert ctx.interned(odd) is odd
    assert ctx.interned(Text("另一种文本")) is not odd


def test_dropping_the_records_keeps_the_texts_read():
    ctx = context()
    ctx._texts["tasks/001.yaml"] = "id: 1\n"
    ctx.interned("某条信息")
    ctx.drop_records()
    assert ctx.text_once("tasks/001.yaml") == "id: 1\n"
    assert ctx.loaded.records == [] and ctx.loaded.plan is None and ctx.loaded.registry is None

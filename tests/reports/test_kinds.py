"""reports/kinds.py is the one list of report kinds: ``taskplan report --help`` says what each is
from it, in the user's language."""
from __future__ import annotations

import pytest

from taskplan import i18n
from taskplan.reports import kinds

HELP = {
    "en": "plan (the document's layout), units (责任清单 per unit), matrix (units × sections), bulletin (督办通报 as of "
          "--as-of), stats (the figures of `taskplan stats`), reminders (催办单 to each lead unit with overdue tasks or "
          "tasks due within warn-days as of --as-of, with a reply-by date and a 回执; -f docx|md|html; -o DIR writes one "
          "file per unit, named by the unit), forms (one 填报表 per unit to fill in and return; -f xlsx -o DIR; read back "
          "with `taskplan collect`).",
    "zh": "plan（方案原版式）、units（各单位责任清单）、matrix（单位 × 板块）、bulletin（截至 --as-of 的督办通报）、stats（`taskplan "
          "stats` 的统计）、reminders（截至 --as-of 向有逾期或 warn-days 天内到期任务的牵头单位发出的催办单，含回复期限和回执；-f "
          "docx|md|html；-o DIR 按单位各写一个文件，以单位命名）、forms（每个单位一张待填写交回的填报表；-f xlsx -o DIR；用 "
          "`taskplan collect` 读回）。",
}


@pytest.fixture(params=["en", "zh"])
def language(request):
    before = i18n.current()
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language(before)


def test_the_kinds_help_names_every_kind_with_its_description(language):
    assert kinds.kinds_help() == HELP[language]


def test_a_new_kind_is_in_the_help_without_touching_the_cli(monkeypatch):
    monkeypatch.setattr(kinds, "REPORT_CHOICES", {**kinds.REPORT_CHOICES, "digest": "a one-page digest"})
    assert kinds.kinds_help().endswith(", digest (a one-page digest).")


def test_the_cli_offers_exactly_the_listed_kinds(cli):
    from taskplan.cli.report import Kind

    assert [k.value for k in Kind] == [*kinds.KIND_NAMES, "forms"] == list(kinds.REPORT_CHOICES)
    r = cli("report", "digest")
    assert r.code == 2 and "plan, units, matrix, bulletin, stats, reminders, forms" in r.err.replace("'", "")

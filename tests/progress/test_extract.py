"""progress/extract.py without the CLI: the deadlines listing, extraction as proposals, storing them."""
from __future__ import annotations

import pytest

from taskplan.errors import UsageError
from taskplan.output.formats import render
from taskplan.progress.extract import deadline_listing
from taskplan.store.load import load_plan


def _loaded(root):
    return load_plan(root, use_cache=False).require_valid()


def test_the_stored_deadlines_of_the_tasks_named(progress_plan):
    listing = deadline_listing(_loaded(progress_plan), ["2", "6"])
    assert [t.id for t in listing.tasks] == [2, 6]
    assert listing.proposals is None
    assert render(listing.view, "ids") == "2\n6\n"
    table = render(listing.view, "table").splitlines()
    assert table[2] == "   2  工信局  2020-06-30  2021-01-31   extracted  6月末完成摸底"  # English headers: "extended to" sets the width
    assert table[3] == "   6  -       recurring                extracted  开展常态化就业创业服务"
    # csv does not change with the language: its cells stay as they always were (docs/language.md)
    assert render(listing.view, "csv").splitlines()[2] == "6,-,常态(recurring),,extracted,开展常态化就业创业服务"
    with pytest.raises(UsageError):  # nothing extracted, nothing to store
        listing.store()


def test_every_task_without_ids_and_ranges_with_holes(progress_plan):
    loaded = _loaded(progress_plan)
    assert [t.id for t in deadline_listing(loaded).tasks] == list(range(1, 9))
    assert [t.id for t in deadline_listing(loaded, ["4-5，7"]).tasks] == [4, 5, 7]  # a full-width comma too
    assert [t.id for t in deadline_listing(loaded, ["7-20"]).tasks] == [7, 8]  # a range may reach past the plan
    with pytest.raises(UsageError) as err:
        deadline_listing(loaded, ["9"])  # one id that names no task is an error, not an empty table
    assert str(err.value.message) == "no task 9 in this plan"


def test_extract_marks_what_is_stored_and_store_writes_only_the_new(progress_plan):
    before = (progress_plan / "tasks" / "003.yaml").read_bytes()
    listing = deadline_listing(_loaded(progress_plan), ["3", "8"], extract=True)
    assert [(p.task_id, p.date.isoformat(), p.unit) for p in listing.proposals] == [
        (3, "2020-09-30", None), (8, "2020-12-31", None), (8, "2020-12-31", "财政局")]
    assert [line.split()[4] if len(line.split()) > 5 else "" for line in render(listing.view, "table").splitlines()[2:]] == ["stored", "", ""]
    assert [line.split(",")[4] for line in render(listing.view, "csv").splitlines()[1:]] == ["已存", "", ""]
    assert listing.store().line() == "wrote 2 deadline(s) to 1 task file(s); 1 already stored"
    assert (progress_plan / "tasks" / "003.yaml").read_bytes() == before
    again = deadline_listing(_loaded(progress_plan), ["3", "8"], extract=True)
    assert again.store().line() == "wrote 0 deadline(s) to 0 task file(s); 3 already stored"


def test_extract_reads_phrases_in_the_year_given_else_the_plans(progress_plan):
    loaded = _loaded(progress_plan)
    assert {p.date.year for p in deadline_listing(loaded, ["8"], extract=True).proposals} == {2020}
    assert {p.date.year for p in deadline_listing(loaded, ["8"], extract=True, year=2021).proposals} == {2021}
    text = (progress_plan / "plan.yaml").read_text(encoding="utf-8").replace("date: 2020-07-24\n", "")
    (progress_plan / "plan.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(UsageError) as err:
        deadline_listing(_loaded(progress_plan), ["8"], extract=True)
    assert str(err.value.message) == "plan.yaml has no date, so the plan year is unknown"
    assert deadline_listing(_loaded(progress_plan), ["8"], extract=True, year=2022).proposals[0].date.year == 2022

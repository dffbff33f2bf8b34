"""The arithmetic of weeks, reviews and plans, checked by hand."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from planning.schedule import (
    INTERVALS,
    Candidate,
    Slot,
    digest_due_since,
    fill_week,
    review_due_on,
    step_after,
    week_label,
    week_start,
)


def test_a_week_runs_monday_to_sunday_as_iso_weeks_do():
    assert week_start(date(2026, 11, 25)) == date(2026, 11, 23)  # a Wednesday
    assert week_start(date(2026, 11, 23)) == date(2026, 11, 23)
    assert week_start(date(2026, 11, 29)) == date(2026, 11, 23)  # Sunday still belongs to it
    assert week_label(date(2026, 12, 28)) == "2026-W53"
    assert week_label(date(2027, 1, 4)) == "2027-W01"


def test_reviews_come_at_growing_intervals_and_the_last_one_repeats():
    done = date(2026, 1, 1)
    assert [review_due_on(done, step) for step in range(5)] == [
        date(2026, 1, 15), date(2026, 2, 15), date(2026, 5, 1), date(2027, 1, 1), date(2027, 1, 1),
    ]  # fmt: skip
    assert INTERVALS == (14, 45, 120, 365)


def test_each_answer_moves_the_schedule_as_the_page_says():
    assert step_after(0, "confident") == 1
    assert step_after(3, "confident") == 3, "the last interval repeats"
    assert step_after(2, "shaky") == 0, "shaky starts again"
    assert step_after(2, "relearn") is None, "relearning leaves the schedule"
    with pytest.raises(ValueError):
        step_after(0, "maybe")


def test_a_digest_is_due_from_monday_eight_in_the_learners_zone():
    monday = date(2026, 11, 23)
    assert digest_due_since(monday, ZoneInfo("Asia/Tokyo")) == datetime(2026, 11, 22, 23, 0, tzinfo=ZoneInfo("UTC"))
    assert digest_due_since(monday, ZoneInfo("America/Los_Angeles")) == datetime(
        2026, 11, 23, 16, 0, tzinfo=ZoneInfo("UTC")
    )


def test_the_week_fills_up_to_the_hours_and_the_last_item_is_split():
    candidates = [Candidate(1, 3), Candidate(2, 2), Candidate(3, 10), Candidate(4, 1)]
    assert fill_week(candidates, 6) == [Slot(1, 3), Slot(2, 2), Slot(3, 1)]


def test_an_item_larger_than_the_week_goes_in_as_part_of_it():
    assert fill_week([Candidate(1, 40), Candidate(2, 2)], 5) == [Slot(1, 5)]


def test_the_plan_is_never_empty_while_an_item_remains_and_empty_without_one():
    assert fill_week([Candidate(7, 1)], 10) == [Slot(7, 1)]
    assert fill_week([], 10) == []


def test_pinned_items_stay_first_even_past_the_hours():
    candidates = [Candidate(1, 4), Candidate(2, 6, pinned=True), Candidate(3, 3, pinned=True), Candidate(2, 6)]
    assert fill_week(candidates, 8) == [Slot(2, 6, pinned=True), Slot(3, 2, pinned=True)]
    assert fill_week([Candidate(1, 4), Candidate(9, 3, pinned=True)], 2) == [Slot(9, 2, pinned=True)]

"""The dashboard's arithmetic on small cases computed by hand: readiness, next steps, forecast, streaks, heatmap."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from progress.activity import heatmap, streaks
from progress.forecast import Forecast, finished_items, forecast_for
from progress.models import ProgressStatus
from progress.readiness import next_steps, readiness
from tests.factories import ItemFactory, RoleFactory, RoleRequirementFactory

DONE, SKIPPED, IN_PROGRESS = ProgressStatus.DONE, ProgressStatus.SKIPPED, ProgressStatus.IN_PROGRESS


def requirement(title, weight, *, required=True, hours=10):
    item = ItemFactory.build(title=title, estimated_hours=hours)
    item.pk = abs(hash(title)) % 10**6
    req = RoleRequirementFactory.build(item=item, weight=weight, is_required=required)
    req.item_id = item.pk
    return req


@pytest.fixture
def role():
    return RoleFactory.build(title="ML engineer")


def test_readiness_is_done_weight_over_required_weight(role):
    reqs = [requirement("a", 5), requirement("b", 3), requirement("c", 2)]
    state = readiness(role, reqs, {reqs[0].item_id: DONE, reqs[2].item_id: DONE}, {})
    assert (state.done_weight, state.required_weight, state.percent) == (7, 10, 70)


def test_skipped_items_never_count_as_done(role):
    reqs = [requirement("a", 5), requirement("b", 5)]
    state = readiness(role, reqs, {reqs[0].item_id: DONE, reqs[1].item_id: SKIPPED}, {})
    assert state.percent == 50
    assert [s.item.title for s in state.skipped] == ["b"]
    assert state.skipped_hours == 10 and state.hours_left == 10


def test_optional_items_are_extras_that_never_change_readiness(role):
    reqs = [requirement("core", 4), requirement("extra", 5, required=False)]
    state = readiness(role, reqs, {reqs[1].item_id: DONE}, {})
    assert state.percent == 0
    assert (state.optional_done, len(state.optional)) == (1, 1)
    assert state.hours_left == 10, "optional items are not in the hours left"


def test_a_role_with_no_requirements_is_zero_not_a_division_by_zero(role):
    state = readiness(role, [], {}, {})
    assert (state.percent, state.hours_left, state.boosts) == (0, 0, [])


def test_percentages_round_down_so_100_means_everything(role):
    reqs = [requirement("a", 1), requirement("b", 1), requirement("c", 1)]
    state = readiness(role, reqs, {reqs[0].item_id: DONE, reqs[1].item_id: DONE}, {})
    assert state.percent == 66


def test_boosts_are_the_three_heaviest_unfinished_items(role):
    reqs = [requirement(t, w) for t, w in [("w1", 1), ("w5", 5), ("w4", 4), ("w3", 3), ("done5", 5)]]
    state = readiness(role, reqs, {reqs[4].item_id: DONE}, {})
    assert [s.item.title for s in state.boosts] == ["w5", "w4", "w3"]


def test_next_steps_put_in_progress_first_then_earliest_stage_then_weight(role):
    reqs = [requirement("late-heavy", 5), requirement("early-light", 1), requirement("doing", 1),
            requirement("early-heavy", 4), requirement("skipped", 5),
            requirement("optional", 5, required=False)]  # fmt: skip
    order = {reqs[0].item_id: (1, 0, 3, 0), reqs[1].item_id: (1, 0, 0, 1), reqs[2].item_id: (1, 0, 4, 0),
             reqs[3].item_id: (1, 0, 0, 2), reqs[4].item_id: (1, 0, 0, 0), reqs[5].item_id: (1, 0, 0, 0)}  # fmt: skip
    statuses = {reqs[2].item_id: IN_PROGRESS, reqs[4].item_id: SKIPPED}
    target = readiness(role, reqs, statuses, order)
    steps = next_steps(target, order, limit=10)
    assert [s.item.title for s in steps] == ["doing", "early-light", "early-heavy", "late-heavy", "optional"]
    assert [s.item.title for s in next_steps(target, order)] == ["doing", "early-light", "early-heavy"], "three"


def test_next_steps_follow_the_track_asked_for_first(role):
    """A career changer's order puts the career-change track's items (marked 0) before the main track's."""
    reqs = [requirement("main-early", 3), requirement("change-late", 3)]
    order = {reqs[0].item_id: (1, 1, 0, 0), reqs[1].item_id: (0, 2, 4, 0)}
    assert [s.item.title for s in next_steps(readiness(role, reqs, {}, order), order)] == ["change-late", "main-early"]


TODAY = date(2026, 11, 23)
TARGET = TODAY + timedelta(days=70)  # 100 h left at 10 h a week: exactly 70 days
SETTLED = {"finished_here": 3, "first_finished_here": TODAY - timedelta(days=14)}  # just enough history


def forecast(**overrides):
    values = {"hours_left": 100, "skipped_hours": 0, "hours_per_week": 10, "recent_done_hours": 0, "finished_here": 0,
              "first_finished_here": None, "target_date": None, "today": TODAY} | overrides  # fmt: skip
    return Forecast(**values)


def test_planned_finish_comes_from_hours_per_week():
    assert forecast().planned_finish == TODAY + timedelta(days=70)
    assert forecast(hours_left=5, hours_per_week=10).planned_finish == TODAY + timedelta(days=4), "rounded up"
    assert forecast(hours_per_week=None).planned_finish is None
    assert forecast(hours_per_week=0).planned_finish is None


def test_pace_is_the_hours_finished_here_in_four_weeks_divided_by_four():
    result = forecast(recent_done_hours=40)
    assert result.pace_hours_per_week == 10
    assert result.pace_finish == TODAY + timedelta(days=70)
    assert "40 h" in result.pace_basis and "10.0 h per week" in result.pace_basis


def test_no_pace_gives_no_pace_forecast_and_says_why():
    result = forecast()
    assert result.pace_finish is None
    assert "finished nothing here in the last 4 weeks" in result.pace_basis


def test_nothing_left_is_ready():
    assert forecast(hours_left=0, target_date=TARGET).verdict == "ready"


def test_no_target_date_gives_forecasts_and_no_verdict():
    result = forecast(recent_done_hours=40, **SETTLED)
    assert result.verdict == "no_target"
    assert result.pace_finish and result.planned_finish


@pytest.mark.parametrize(
    ("finished_here", "days_since_first", "enough"),
    [(0, 0, False), (3, 13, False), (2, 14, False), (3, 14, True), (20, 400, True)],
    ids=["nothing-finished", "13-days", "2-items", "3-items-14-days", "long-history"],
)
def test_a_verdict_needs_14_days_and_3_items_finished_here(finished_here, days_since_first, enough):
    first = TODAY - timedelta(days=days_since_first) if finished_here else None
    result = forecast(target_date=TARGET, finished_here=finished_here, first_finished_here=first)
    assert result.has_enough_history is enough
    assert (result.verdict == "not_enough_history") is not enough
    assert bool(result.history_needed) is not enough


def test_a_new_account_is_never_behind():
    """Nothing done and a target the stated hours cannot reach: still only "not enough history"."""
    assert forecast(hours_per_week=1, target_date=TODAY + timedelta(days=7)).verdict == "not_enough_history"


def test_on_track_when_both_forecasts_reach_the_target():
    assert forecast(target_date=TARGET, recent_done_hours=40, **SETTLED).verdict == "on_track"


def test_at_risk_when_only_one_forecast_reaches_the_target():
    assert forecast(target_date=TARGET, recent_done_hours=20, **SETTLED).verdict == "at_risk"  # pace: 140 days
    assert forecast(target_date=TARGET, hours_per_week=5, recent_done_hours=40, **SETTLED).verdict == "at_risk"


def test_behind_when_neither_forecast_reaches_the_target():
    assert forecast(target_date=TARGET - timedelta(days=1), recent_done_hours=40, **SETTLED).verdict == "behind"
    assert forecast(target_date=TARGET, hours_per_week=None, **SETTLED).verdict == "behind", "no pace, no hours"


def test_a_target_date_in_the_past_is_behind():
    assert forecast(target_date=TODAY - timedelta(days=1), recent_done_hours=400, **SETTLED).verdict == "behind"


def test_finished_items_become_local_days_oldest_first():
    late_evening = datetime(2026, 11, 20, 23, 30, tzinfo=UTC)
    finished = finished_items(
        [(late_evening, 10), (late_evening - timedelta(days=30), 5)],
        to_local_date=lambda moment: moment.astimezone(ZoneInfo("Asia/Tokyo")).date(),
    )
    assert [(item.day, item.hours) for item in finished] == [(date(2026, 10, 22), 5), (date(2026, 11, 21), 10)]
    result = forecast_for(hours_left=50, skipped_hours=0, finished=finished, profile=None, today=TODAY)
    assert (result.recent_done_hours, result.finished_here, result.first_finished_here) == (10, 2, date(2026, 10, 22))


def days(*pairs):
    return {date(*pair) for pair in pairs}


def test_streaks_run_across_month_and_year_boundaries():
    active = days((2025, 12, 30), (2025, 12, 31), (2026, 1, 1), (2026, 1, 2))
    active |= days((2026, 2, 27), (2026, 2, 28), (2026, 3, 1))
    assert streaks(active, date(2026, 3, 1)) == (3, 4)


def test_a_streak_survives_until_the_day_ends_and_breaks_after_a_missed_day():
    active = days((2026, 11, 21), (2026, 11, 22))
    assert streaks(active, date(2026, 11, 23)) == (2, 2), "no progress yet today does not break it"
    assert streaks(active, date(2026, 11, 24)) == (0, 2)
    assert streaks(set(), TODAY) == (0, 0)


def test_heatmap_covers_the_past_year_in_weeks_starting_monday():
    counts = {TODAY: 2, date(2026, 1, 1): 7, date(2025, 12, 31): 1, date(2025, 11, 1): 4, TODAY.replace(day=24): 0}
    result = heatmap(counts, TODAY)
    assert result.start.weekday() == 0 and result.start <= date(2025, 12, 1)
    assert result.full_weeks == 52 and result.days_this_week == TODAY.weekday() + 1, "52 full weeks and this one"
    assert result.start + timedelta(weeks=52, days=TODAY.weekday()) == TODAY
    assert [cell.day for cell in result.active] == [date(2025, 12, 31), date(2026, 1, 1), TODAY], "oldest first"
    by_day = {cell.day: cell for cell in result.active}
    assert by_day[TODAY].week == 52 and by_day[TODAY].weekday == TODAY.weekday()
    assert (by_day[TODAY].level, by_day[date(2026, 1, 1)].level, by_day[date(2025, 12, 31)].level) == (2, 4, 1)
    assert result.active_days == 3
    months = {label: (active, changes) for label, active, changes in result.by_month}
    assert months["Dec 2025"] == (1, 1) and months["Jan 2026"] == (1, 7) and months["Nov 2026"] == (1, 2)
    assert len(result.by_month) == 13 and result.by_month[0] == ("Nov 2025", 0, 0), "a year ago's day not counted"
    assert result.months[:2] == [(1, "Dec"), (5, "Jan")], "a month's name over the week its first day falls in"


@pytest.mark.parametrize("language", ["en", "de", "fr"])
def test_the_dashboards_day_labels_read_as_djangos_date_filter(language):
    """progress.templatetags.dashboard_tags writes dates without the date filter's cost, in the same words."""
    from django.template.defaultfilters import date as date_filter
    from django.utils import translation

    from progress.templatetags.dashboard_tags import day_label, long_day_label

    with translation.override(language):
        for day in (date(2026, month, 1 + month) for month in range(1, 13)):
            assert day_label(day) == date_filter(day, "j M Y")
            assert long_day_label(day) == date_filter(day, "j F Y")
    assert day_label(None) == long_day_label(None) == ""

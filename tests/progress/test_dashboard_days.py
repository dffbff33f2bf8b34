"""Progress days in the learner's time zone (across clock changes), and the heatmap that draws them."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from accounts.models import Profile
from progress.activity import streaks
from progress.models import ProgressEvent
from progress.selectors import event_day_counts
from progress.services import progress_set_status
from tests.factories import (
    ItemFactory,
)
from tests.progress.steps import DASHBOARD

pytestmark = pytest.mark.django_db


def test_progress_days_are_counted_in_the_learners_time_zone(user):
    item = ItemFactory()
    late_evening_utc = datetime(2025, 12, 31, 23, 30, tzinfo=UTC)  # already 1 January in Tokyo
    for when, status in [(late_evening_utc, "in_progress"), (late_evening_utc + timedelta(hours=1), "done")]:
        ProgressEvent.objects.create(
            learner=user, item=item, from_status="not_started", to_status=status, created_at=when
        )
    ProgressEvent.objects.create(
        learner=user, item=item, from_status="done", to_status="not_started", created_at=late_evening_utc
    )
    assert event_day_counts(user=user, zone=UTC) == {date(2025, 12, 31): 1, date(2026, 1, 1): 1}
    tokyo = event_day_counts(user=user, zone=ZoneInfo("Asia/Tokyo"))
    assert tokyo == {date(2026, 1, 1): 2}, "undoing an item is not progress"
    assert streaks(set(tokyo), date(2026, 1, 2)) == (1, 1)
    assert streaks(set(event_day_counts(user=user, zone=UTC)), date(2026, 1, 1)) == (2, 2)


@pytest.mark.parametrize("zone", ["Asia/Kathmandu", "America/New_York", "Australia/Lord_Howe", "Pacific/Kiritimati"])
def test_progress_days_match_the_local_calendar_in_any_zone_across_a_clock_change(user, zone):
    """Every quarter hour of two days around the 2026 spring-forward in New York (and Lord Howe's half-hour
    shift, Kathmandu's +5:45, Kiritimati's +14) lands on the local day a calendar shows for it."""
    item, zone = ItemFactory(), ZoneInfo(zone)
    start = datetime(2026, 3, 7, 12, 7, 30, 250_000, tzinfo=UTC)
    moments = [start + timedelta(minutes=15 * step) for step in range(4 * 48)]
    ProgressEvent.objects.bulk_create(
        ProgressEvent(learner=user, item=item, from_status="not_started", to_status="done", created_at=moment)
        for moment in moments
    )
    expected = {}
    for moment in moments:
        day = moment.astimezone(zone).date()
        expected[day] = expected.get(day, 0) + 1
    assert event_day_counts(user=user, zone=zone) == expected


def test_the_dashboard_shows_days_in_the_learners_time_zone(client_logged_in, user, content):
    Profile.objects.create(user=user, time_zone="Pacific/Auckland")
    progress_set_status(user=user, item=content["python"], status="done")
    page = client_logged_in.get(DASHBOARD).content.decode()
    assert "<strong>1</strong>-day streak now" in page
    assert "(Pacific/Auckland)" in page
    auckland_today = timezone.now().astimezone(ZoneInfo("Pacific/Auckland")).date()
    assert f"{auckland_today:%-d %b %Y}: 1 change<" in page, "today's heatmap cell is the learner's today"


def test_the_heatmap_draws_empty_days_as_one_pattern_and_titles_only_days_with_progress(
    client_logged_in, user, content
):
    progress_set_status(user=user, item=content["python"], status="done")
    page = client_logged_in.get(DASHBOARD).content.decode()
    heatmap = page.split('class="chart heatmap"', 1)[1].split("</svg>", 1)[0]
    assert heatmap.count("<title>") == 1, "one tooltip: the one day with progress"
    assert heatmap.count('fill="url(#heat-grid)"') == 2, "full weeks, then this week's days so far"
    weekday = timezone.localdate().weekday()
    assert f'width="13" height="{13 * (weekday + 1)}" fill="url(#heat-grid)"' in heatmap
    assert len(heatmap) < 3_000

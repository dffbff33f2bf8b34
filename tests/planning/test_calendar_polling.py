"""A calendar app polls the feed cheaply: read with vobject (a second iCalendar parser; we write with icalendar)
and fetched through CacheControl (requests' HTTP cache, the one pip uses) from the live server."""

from datetime import UTC, date, datetime, timedelta

import pytest
import requests
import vobject
from cachecontrol import CacheControl
from django.utils import timezone

from accounts.models import Profile
from planning.models import WeekPlan
from planning.selectors import current_monday
from planning.services import calendar_feed_get, plan_for_week
from progress.models import ProgressStatus
from progress.services import progress_set_status

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def feed(live_server, user, path):
    progress_set_status(user=user, item=path["python"], status=ProgressStatus.DONE)
    an_hour_ago = timezone.now() - timedelta(hours=1)
    user.progress.filter(item=path["python"]).update(completed_at=timezone.now() - timedelta(days=20))
    plan_for_week(user=user, profile=user.profile, monday=current_monday(user.profile))
    WeekPlan.objects.filter(learner=user).update(created_at=an_hour_ago)
    Profile.objects.filter(user=user).update(target_date=date(2027, 6, 1), updated_at=an_hour_ago)
    return f"{live_server.url}/plan/calendar/{calendar_feed_get(user=user).token}.ics"


def stamps(text: str) -> dict[str, datetime]:
    calendar = vobject.readOne(text)
    return {event.uid.value: event.dtstamp.value for event in calendar.vevent_list}


def test_each_events_dtstamp_is_its_last_change_not_the_time_of_the_fetch(feed, user):
    first = requests.get(feed, timeout=5)
    assert first.status_code == 200, first.text[:200]
    before = stamps(first.text)
    assert len(before) == 4  # two plan entries, the review, the target date
    an_hour_ago = datetime.now(UTC) - timedelta(minutes=59)
    assert all(stamp < an_hour_ago for stamp in before.values()), before
    assert stamps(requests.get(feed, timeout=5).text) == before, "the same on every poll (RFC 5545 3.8.7.2)"


def test_an_http_cache_gets_304_until_the_feed_changes(feed, user, path):
    session = CacheControl(requests.Session())
    first = session.get(feed, timeout=5)
    assert first.headers["ETag"] and first.headers["Cache-Control"] == "private, no-cache"
    again = session.get(feed, timeout=5)
    assert again.from_cache and again.status_code == 200 and again.text == first.text
    assert again.headers["Content-Type"].startswith("text/calendar")

    plain = requests.get(feed, headers={"If-None-Match": first.headers["ETag"]}, timeout=5)
    assert plain.status_code == 304 and plain.content == b""
    assert plain.headers["ETag"] == first.headers["ETag"] and plain.headers["Cache-Control"] == "private, no-cache"

    progress_set_status(user=user, item=path["sql"], status=ProgressStatus.DONE)  # the plan moves on
    changed = session.get(feed, timeout=5)
    assert not changed.from_cache and changed.headers["ETag"] != first.headers["ETag"]
    assert changed.text != first.text


def test_head_answers_like_get_without_the_calendar(feed):
    head, get = requests.head(feed, timeout=5), requests.get(feed, timeout=5)
    assert head.status_code == 200 and head.content == b""
    assert head.headers["ETag"] == get.headers["ETag"]

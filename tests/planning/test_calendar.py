"""The calendar feed: a secret URL any calendar app subscribes to, with stable events and nothing private."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from accounts.models import Profile
from planning.models import CalendarFeed
from planning.services import calendar_feed_get
from progress.models import ProgressStatus
from progress.services import progress_set_details, progress_set_status
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def feed_url(user) -> str:
    return reverse("planning:calendar-feed", args=[calendar_feed_get(user=user).token])


def events(response) -> dict[str, str]:
    calendar = Calendar.from_ical(response.content)
    return {str(event["uid"]): str(event["summary"]) for event in calendar.walk("VEVENT")}


def test_the_feed_holds_the_plan_the_reviews_due_and_the_target_date(client, user, path):
    Profile.objects.filter(user=user).update(target_date=date(2027, 6, 1))
    progress_set_status(user=user, item=path["python"], status=ProgressStatus.DONE)
    progress_set_details(user=user, item=path["python"], note="my private note", evidence_url="https://e.example/x")
    user.progress.filter(item=path["python"]).update(completed_at=timezone.now() - timedelta(days=20))
    response = client.get(feed_url(user))  # no sign-in: the secret is the credential
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    summaries = sorted(events(response).values())
    assert summaries == [
        "Review: Python", "Target date: ready", "This week: Sql (4 h)", "This week: part of Maths (6 h)",
    ]  # fmt: skip
    body = response.content.decode()
    assert "private note" not in body and "e.example" not in body and user.email not in body


def test_uids_are_stable_across_fetches(client, user, path):
    url = feed_url(user)
    first, second = events(client.get(url)), events(client.get(url))
    assert first == second and len(first) == 3


def test_a_replaced_address_answers_404_and_the_new_one_works(client, user, path):
    old = feed_url(user)
    client.force_login(user)
    assert client.post(reverse("planning:calendar-replace")).status_code == 302
    assert client.get(old).status_code == 404
    assert client.get(feed_url(user)).status_code == 200


def test_another_learners_token_gives_nothing_of_mine(client, user, path):
    other = UserFactory()
    Profile.objects.create(user=other, hours_per_week=1)
    mine = events(client.get(feed_url(user)))
    theirs = events(client.get(feed_url(other)))
    assert not set(mine) & set(theirs)
    assert client.get(reverse("planning:calendar-feed", args=["not-a-token"])).status_code == 404
    assert CalendarFeed.objects.count() == 2


def test_the_plan_page_shows_the_calendar_address(client_logged_in, user, path):
    page = client_logged_in.get(reverse("planning:plan")).content.decode()
    assert feed_url(user) in page

"""An interview shows in the learner's calendar feed as "Interview" and its date, never the company or the role."""

from datetime import timedelta

import pytest
import vobject
from django.urls import reverse

from jobs.applications import application_create, application_move, today_for
from jobs.models import Stage
from planning.services import calendar_feed_get

pytestmark = pytest.mark.django_db


def feed(client, user) -> list:
    response = client.get(reverse("planning:calendar-feed", args=[calendar_feed_get(user=user).token]))
    assert response.status_code == 200
    return list(vobject.readOne(response.content.decode()).vevent_list) if b"VEVENT" in response.content else []


def test_an_interview_is_in_the_feed_without_the_company_and_leaves_when_the_application_moves_on(client, user):
    today = today_for(user)
    application = application_create(user=user, role="ML engineer", company="Secret Corp", applied_on=today,
                                     today=today)  # fmt: skip
    on = today + timedelta(days=6)
    application_move(user=user, application=application, stage=Stage.INTERVIEW, on=on, today=today)
    interviews = [event for event in feed(client, user) if event.summary.value == "Interview"]
    assert [event.dtstart.value for event in interviews] == [on]
    body = client.get(reverse("planning:calendar-feed", args=[calendar_feed_get(user=user).token])).content.decode()
    assert "Secret Corp" not in body and "ML engineer" not in body
    application.refresh_from_db()
    application_move(user=user, application=application, stage=Stage.REJECTED, on=on, today=on)
    assert [event for event in feed(client, user) if event.summary.value == "Interview"] == []

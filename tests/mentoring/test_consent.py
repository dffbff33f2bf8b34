"""The invite's consent page lists what the mentor will see and what they never see, as the code shows it."""

import html
import re

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Profile
from mentoring.api import MemberOut

pytestmark = pytest.mark.django_db


def listed(page: str, css_class: str) -> list[str]:
    block = re.search(rf'<ul class="{css_class}">(.*?)</ul>', page, re.S).group(1)
    return [html.unescape(item.strip()) for item in re.findall(r"<li>(.*?)</li>", block, re.S)]


def test_the_consent_page_lists_what_the_mentor_sees_and_never_sees_and_no_email(world):
    Profile.objects.filter(user=world["mentor"]).update(display_name="")
    client = Client()
    client.force_login(world["other"])
    page = client.get(reverse("mentoring:join", args=[world["cohort"].invite_token])).content.decode()
    sees = " | ".join(listed(page, "mentor-sees"))
    for shown in ("display name", "“Member” and a number", "target role", "readiness", "verdict on your target date",
                  "last made progress", "status on each item", "evidence links", "their own reviews"):  # fmt: skip
        assert shown in sees, shown
    never = " | ".join(listed(page, "mentor-never-sees"))
    for hidden in ("your email address", "your private notes", "why you skipped", "other mentors' reviews"):
        assert hidden in never and hidden not in sees, hidden
    assert world["mentor"].email not in page and world["member"].email not in page


def test_the_api_shows_a_mentor_only_what_the_consent_page_lists():
    """A new field in the mentor's API is a new thing the mentor sees: the consent page's list changes with it
    (mentoring.selectors.WHAT_THE_MENTOR_SEES), then this set."""
    assert set(MemberOut.model_fields) == {
        "membership",  # the handle a review names the member by: an id, nothing about the learner
        "name", "target_role", "readiness_percent", "verdict", "last_progress", "evidence_to_review"
    }  # fmt: skip

"""Who may open and post what, table-driven: each role against every cohort and portfolio URL. Anything not theirs
is a 404 (a visitor is sent to sign in); no answer ever holds the member's private note."""

import pytest
from django.test import Client
from django.urls import reverse

from mentoring.models import EvidenceReview, Membership
from tests.mentoring.conftest import SECRET_NOTE

pytestmark = pytest.mark.django_db

ROLES = ["mentor", "member", "former", "other", "staff", "visitor"]


def urls(world) -> dict[str, str]:
    cohort, membership = world["cohort"], world["membership"]
    return {
        "cohort": reverse("mentoring:cohort", args=[cohort.pk]),
        "member": reverse("mentoring:member", args=[cohort.pk, membership.pk]),
        "former-member": reverse("mentoring:member", args=[cohort.pk, world["former_membership"].pk]),
        "join": reverse("mentoring:join", args=[cohort.invite_token]),
        "portfolio": reverse("portfolio:public", args=["lea"]),
        "cohorts": reverse("mentoring:cohorts"),
        "portfolio-settings": reverse("portfolio:settings"),
        "portfolio-preview": reverse("portfolio:preview"),
    }


# page -> the roles that get 200 (the others: 404, or a visitor's redirect to sign in)
GET_ALLOWED = {
    "cohort": {"mentor"},
    "member": {"mentor"},
    "former-member": set(),
    "join": {"mentor", "member", "former", "other", "staff"},
    "portfolio": set(ROLES),
    "cohorts": {"mentor", "member", "former", "other", "staff"},
    "portfolio-settings": {"mentor", "member", "former", "other", "staff"},
    "portfolio-preview": {"mentor", "member", "former", "other", "staff"},
}


def client_for(world, role) -> Client:
    client = Client()
    client.raise_request_exception = False
    if role != "visitor":
        client.force_login(world[role])
    return client


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", list(GET_ALLOWED))
def test_every_page_answers_each_role_as_the_table_says(world, role, page):
    response = client_for(world, role).get(urls(world)[page])
    if role in GET_ALLOWED[page]:
        assert response.status_code == 200, (page, role)
    elif role == "visitor":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], page
    else:
        assert response.status_code == 404, (page, role)
    assert SECRET_NOTE not in response.content.decode()


def post_urls(world) -> dict[str, tuple[str, dict]]:
    cohort, membership = world["cohort"], world["membership"]
    return {
        "review": (reverse("mentoring:review", args=[cohort.pk, membership.pk, "deployed-model"]),
                   {"verdict": "endorsed", "comment": "Solid."}),
        "invite-replace": (reverse("mentoring:invite-replace", args=[cohort.pk]), {}),
        "review-former": (reverse("mentoring:review", args=[cohort.pk, world["former_membership"].pk, "python"]),
                          {"verdict": "endorsed"}),
    }  # fmt: skip


POST_ALLOWED = {"review": {"mentor"}, "invite-replace": {"mentor"}, "review-former": set()}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(POST_ALLOWED))
def test_every_post_is_the_mentors_alone(world, role, action):
    url, data = post_urls(world)[action]
    token_before = world["cohort"].invite_token
    response = client_for(world, role).post(url, data)
    world["cohort"].refresh_from_db()
    if role in POST_ALLOWED[action]:
        assert response.status_code == 302
    else:
        if role == "visitor":
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        else:
            assert response.status_code == 404, (action, role)
        assert not EvidenceReview.objects.exists() and world["cohort"].invite_token == token_before
    assert SECRET_NOTE not in response.content.decode()


def test_the_mentor_sees_evidence_and_statuses_but_never_the_note(world):
    client = client_for(world, "mentor")
    member_page = client.get(urls(world)["member"]).content.decode()
    assert "https://github.com/member/deployed-model" in member_page and "In progress" in member_page
    table = client.get(urls(world)["cohort"]).content.decode()
    assert "Member" in table and "Former" not in table, "an ex-member is gone from the table"
    for page in (member_page, table):
        assert SECRET_NOTE not in page


def test_leaving_hides_the_member_from_the_mentor_at_once(world):
    member = client_for(world, "member")
    assert member.post(reverse("mentoring:leave", args=[world["cohort"].pk])).status_code == 302
    mentor = client_for(world, "mentor")
    assert mentor.get(urls(world)["member"]).status_code == 404
    assert "Members (0)" in mentor.get(urls(world)["cohort"]).content.decode()
    assert member.post(reverse("mentoring:leave", args=[world["cohort"].pk])).status_code == 404, "not a member now"
    assert not Membership.objects.active().filter(learner=world["member"]).exists()

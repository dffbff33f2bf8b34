"""A member's job search is theirs: a mentor sees it only with the separate "job search" consent in that cohort."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from jobs.applications import application_create
from jobs.models import JobAd
from mentoring.models import Membership
from mentoring.services import cohort_create, membership_join, membership_leave
from tests.factories import UserFactory
from tests.queries import SHOWN_LOOKUPS

TODAY = date(2026, 12, 4)


@pytest.fixture
def cohort_world(db):
    mentor, member, stranger = UserFactory(), UserFactory(), UserFactory()
    cohort = cohort_create(mentor=mentor, name="Evening group")
    membership = membership_join(learner=member, cohort=cohort)
    JobAd.objects.create(learner=member, title="Data scientist", company="Hidden Ads Ltd", text="Secret ad text")
    application_create(user=member, role="ML engineer", company="Secret Corp", applied_on=TODAY, today=TODAY)
    url = reverse("jobs:member", args=[cohort.pk, membership.pk])
    return {"mentor": mentor, "member": member, "stranger": stranger, "cohort": cohort, "membership": membership,
            "url": url}  # fmt: skip


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def share(world, shares: bool):
    response = signed_in(world["member"]).post(
        reverse("mentoring:job-search-consent", args=[world["cohort"].pk]), {"shares": "yes" if shares else "no"}
    )
    assert response.status_code == 302


def test_without_the_consent_the_mentor_sees_nothing_of_the_job_search(cohort_world):
    assert signed_in(cohort_world["mentor"]).get(cohort_world["url"]).status_code == 404
    member_page = reverse("mentoring:member", args=[cohort_world["cohort"].pk, cohort_world["membership"].pk])
    page = signed_in(cohort_world["mentor"]).get(member_page).content.decode()
    assert "job search" not in page and "Secret Corp" not in page


def test_with_the_consent_the_mentor_sees_applications_and_ad_titles_but_not_ad_texts(cohort_world):
    share(cohort_world, True)
    page = signed_in(cohort_world["mentor"]).get(cohort_world["url"]).content.decode()
    assert "Secret Corp" in page and "Data scientist" in page and "Secret ad text" not in page
    member_page = reverse("mentoring:member", args=[cohort_world["cohort"].pk, cohort_world["membership"].pk])
    assert cohort_world["url"] in signed_in(cohort_world["mentor"]).get(member_page).content.decode()


def test_the_consent_is_taken_back_at_once_and_does_not_survive_leaving(cohort_world):
    share(cohort_world, True)
    share(cohort_world, False)
    assert signed_in(cohort_world["mentor"]).get(cohort_world["url"]).status_code == 404
    share(cohort_world, True)
    membership_leave(learner=cohort_world["member"], cohort=cohort_world["cohort"])
    assert signed_in(cohort_world["mentor"]).get(cohort_world["url"]).status_code == 404
    rejoined = membership_join(learner=cohort_world["member"], cohort=cohort_world["cohort"])
    assert rejoined.shares_job_search is False, "a new membership asks for the consent again"


def test_nobody_else_sees_it_even_with_the_consent(cohort_world):
    share(cohort_world, True)
    assert signed_in(cohort_world["stranger"]).get(cohort_world["url"]).status_code == 404
    assert signed_in(cohort_world["member"]).get(cohort_world["url"]).status_code == 404  # not their own cohort
    assert Client().get(cohort_world["url"]).status_code == 302


def test_only_a_member_can_give_the_consent_and_only_by_post(cohort_world):
    url = reverse("mentoring:job-search-consent", args=[cohort_world["cohort"].pk])
    assert signed_in(cohort_world["stranger"]).post(url, {"shares": "yes"}).status_code == 404
    assert signed_in(cohort_world["member"]).get(url).status_code == 405
    assert not Membership.objects.filter(shares_job_search=True).exists()


# session, user, cohort, membership, applications, member statuses, reviews, checks, ads, ad skills, stage
# changes, content version, the menu's tracks
MENTOR_VIEW_QUERIES = 11 + SHOWN_LOOKUPS


@pytest.mark.parametrize("count", [5, 200])
def test_the_mentors_view_costs_the_same_for_5_and_200(cohort_world, count, django_assert_num_queries):
    from jobs.models import Application, StageChange

    share(cohort_world, True)
    member = cohort_world["member"]
    made = Application.objects.bulk_create(
        Application(learner=member, role=f"Role {n}", company="Co", applied_on=TODAY, stage_on=TODAY)
        for n in range(count)
    )
    StageChange.objects.bulk_create(StageChange(application=row, stage="applied", on=TODAY) for row in made)
    JobAd.objects.bulk_create(JobAd(learner=member, title=f"Ad {n}", text="text") for n in range(count))
    mentor = signed_in(cohort_world["mentor"])
    with django_assert_num_queries(MENTOR_VIEW_QUERIES):
        page = mentor.get(cohort_world["url"]).content.decode()
    assert page.count("data-ad>") == count + 1 and page.count('data-stage="applied"') == count + 1

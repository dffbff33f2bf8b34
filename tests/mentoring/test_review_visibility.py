"""A learner may have two mentors: each reads only their own reviews, withdrawn ones included; the learner reads
every mentor's."""

import pytest
from django.test import Client
from django.urls import reverse

from mentoring.services import cohort_create, evidence_review, membership_join
from progress.services import progress_set_details
from tests.mentoring.conftest import signed_in

pytestmark = pytest.mark.django_db

WITHDRAWN_COMMENT = "FIRST-MENTOR-old-link-needs-tests"
CURRENT_COMMENT = "FIRST-MENTOR-add-a-readme"
SECOND_COMMENT = "SECOND-MENTOR-looks-good"


@pytest.fixture
def two_mentors(world):
    """The member joins a second cohort, of "other"; the first mentor asks for changes twice (the first ask is
    withdrawn when the link changes), the second endorses the new link."""
    second_cohort = cohort_create(mentor=world["other"], name="Friday group")
    second_membership = membership_join(learner=world["member"], cohort=second_cohort)
    evidence_review(mentor=world["mentor"], membership=world["membership"], item=world["project"],
                    verdict="changes", comment=WITHDRAWN_COMMENT)  # fmt: skip
    progress_set_details(user=world["member"], item=world["project"], note="", evidence_url="https://example.org/v2")
    evidence_review(mentor=world["mentor"], membership=world["membership"], item=world["project"],
                    verdict="changes", comment=CURRENT_COMMENT)  # fmt: skip
    return {"cohort": second_cohort, "membership": second_membership}


def test_a_second_mentor_reads_none_of_the_first_mentors_reviews(world, two_mentors):
    second = signed_in(world["other"])
    url = reverse("mentoring:member", args=[two_mentors["cohort"].pk, two_mentors["membership"].pk])
    member_page = second.get(url).content.decode()
    assert "https://example.org/v2" in member_page, "the evidence itself is shared with every mentor"
    assert WITHDRAWN_COMMENT not in member_page and CURRENT_COMMENT not in member_page
    assert "Changes asked" not in member_page
    table = second.get(reverse("mentoring:cohort", args=[two_mentors["cohort"].pk])).content.decode()
    assert "1: Deployed model" in table, "still waiting for the second mentor's review: the first's is not theirs"


def test_the_first_mentor_reads_their_own_reviews_withdrawn_ones_included(world, two_mentors):
    evidence_review(mentor=world["other"], membership=two_mentors["membership"], item=world["project"],
                    verdict="endorsed", comment=SECOND_COMMENT)  # fmt: skip
    first = signed_in(world["mentor"])
    url = reverse("mentoring:member", args=[world["cohort"].pk, world["membership"].pk])
    member_page = first.get(url).content.decode()
    assert WITHDRAWN_COMMENT in member_page and CURRENT_COMMENT in member_page
    assert "withdrawn: The evidence link changed" in member_page
    assert SECOND_COMMENT not in member_page and "Endorsed" not in member_page
    table = first.get(reverse("mentoring:cohort", args=[world["cohort"].pk])).content.decode()
    assert "<td>none</td>" in table, "their own current review answers the waiting evidence"


def test_the_learner_reads_every_mentors_reviews(world, two_mentors):
    evidence_review(mentor=world["other"], membership=two_mentors["membership"], item=world["project"],
                    verdict="endorsed", comment=SECOND_COMMENT)  # fmt: skip
    item_page = signed_in(world["member"]).get(world["project"].get_absolute_url()).content.decode()
    assert CURRENT_COMMENT in item_page and SECOND_COMMENT in item_page and WITHDRAWN_COMMENT in item_page
    assert "by Mentor" in item_page and "by Other" in item_page
    portfolio = Client().get(reverse("portfolio:public", args=["lea"])).content.decode()
    assert "Endorsed by <strong>Other</strong>" in portfolio

"""A mentor holds one current review of a learner's item: a new one replaces the last, the database refuses a
second, and requests racing to add one end as a form error, never a 500."""

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from mentoring import services
from mentoring.models import EvidenceReview
from mentoring.services import cohort_create, evidence_review, membership_join
from tests.concurrency import postgresql_only, run_at_once_with_results
from tests.mentoring.conftest import signed_in

REPLACED = "Replaced by a later review from the same mentor."
ALREADY = "You have reviewed this evidence already"


def review_url(world) -> str:
    return reverse("mentoring:review", args=[world["cohort"].pk, world["membership"].pk, "deployed-model"])


def current(world):
    return EvidenceReview.objects.filter(learner=world["member"], item=world["project"], withdrawn_at__isnull=True)


@pytest.mark.django_db
def test_a_second_review_replaces_the_mentors_first(world, django_capture_on_commit_callbacks):
    mentor = signed_in(world["mentor"])
    with django_capture_on_commit_callbacks(execute=True):
        assert mentor.post(review_url(world), {"verdict": "changes", "comment": "Add tests."}).status_code == 302
        for _time in range(3):
            assert mentor.post(review_url(world), {"verdict": "endorsed", "comment": "Good now."}).status_code == 302
    assert [(review.verdict, review.comment) for review in current(world)] == [("endorsed", "Good now.")]
    assert (
        list(EvidenceReview.objects.exclude(withdrawn_at=None).values_list("withdrawn_reason", flat=True))
        == [REPLACED] * 3
    ), "the earlier ones stay in the history, withdrawn"
    assert len(mail.outbox) == 4, "the learner is told of each review"
    member_page = mentor.get(reverse("mentoring:member", args=[world["cohort"].pk, world["membership"].pk]))
    assert member_page.content.decode().count(f"(withdrawn: {REPLACED})") == 3
    portfolio = Client().get(reverse("portfolio:public", args=["lea"])).content.decode()
    assert portfolio.count("Endorsed by <strong>Mentor</strong>") == 1, "endorsed three times: one endorsement"
    item_page = signed_in(world["member"]).get(world["project"].get_absolute_url()).content.decode()
    assert item_page.count("signed credential") == 1


@pytest.mark.django_db
def test_each_mentor_keeps_their_own_current_review(world):
    second_cohort = cohort_create(mentor=world["other"], name="Friday group")
    second = membership_join(learner=world["member"], cohort=second_cohort)
    evidence_review(mentor=world["mentor"], membership=world["membership"], item=world["project"],
                    verdict="endorsed", comment="")  # fmt: skip
    evidence_review(mentor=world["other"], membership=second, item=world["project"], verdict="changes", comment="")
    assert sorted(current(world).values_list("verdict", flat=True)) == ["changes", "endorsed"]


@pytest.mark.django_db
def test_the_database_refuses_a_second_current_review_of_one_mentor(world):
    first = evidence_review(mentor=world["mentor"], membership=world["membership"], item=world["project"],
                            verdict="endorsed", comment="")  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic():
        EvidenceReview.objects.create(learner=first.learner, item=first.item, mentor=first.mentor,
                                      verdict="endorsed", evidence_url=first.evidence_url)  # fmt: skip


@pytest.mark.django_db
def test_a_review_that_loses_a_race_is_a_form_error_and_writes_nothing(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    """The race as one request sees it, on any database: the other request's review is committed after this one
    withdrew the current review, so its own insert collides."""
    earlier = evidence_review(mentor=world["mentor"], membership=world["membership"], item=world["project"],
                              verdict="changes", comment="Add tests.")  # fmt: skip
    monkeypatch.setattr(services, "_withdraw_current_review", lambda **kwargs: 0)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = signed_in(world["mentor"]).post(review_url(world), {"verdict": "endorsed", "comment": "Good."})
    assert response.status_code == 400 and ALREADY in response.content.decode()
    assert list(current(world)) == [earlier] and callbacks == [], "nothing written, no mail"


@postgresql_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("reviewed_before", [False, True])
@pytest.mark.parametrize("attempt", range(3))
def test_three_endorsements_at_once_leave_one_and_the_others_are_form_errors(world, reviewed_before, attempt):
    if reviewed_before:
        evidence_review(mentor=world["mentor"], membership=world["membership"], item=world["project"],
                        verdict="changes", comment="Add tests.")  # fmt: skip
    mail.outbox.clear()
    clients = [signed_in(world["mentor"]) for _client in range(3)]
    results, errors = run_at_once_with_results(
        *[lambda client=client: client.post(review_url(world), {"verdict": "endorsed"}) for client in clients]
    )
    assert errors == []
    statuses = sorted(response.status_code for response in results)
    assert statuses[0] == 302 and set(statuses) <= {302, 400}, statuses
    for refused in (response for response in results if response.status_code == 400):
        assert ALREADY in refused.content.decode()
    assert list(current(world).values_list("verdict", flat=True)) == ["endorsed"]
    assert len(mail.outbox) == statuses.count(302), "mail only for the reviews saved"

"""mentoring 0002/0003 on a database holding duplicate current reviews (made before the constraint): the newest of
each mentor's stays current, the older ones are withdrawn as replaced, and then the constraint holds."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import IntegrityError, transaction

from mentoring.models import EvidenceReview
from tests.factories import ItemFactory, UserFactory
from tests.migrations import latest_but, leaf_nodes, migrate, schema_at

WHEN = datetime(2026, 11, 1, 9, 30, tzinfo=UTC)


@pytest.fixture
def database_before_the_constraint(transactional_db):
    with schema_at(latest_but("mentoring", "0001_initial")) as apps:
        yield apps


def test_the_migration_withdraws_older_duplicates_and_then_the_constraint_holds(database_before_the_constraint):
    OldReview = database_before_the_constraint.get_model("mentoring", "EvidenceReview")
    # Only mentoring stands in the past: users and items are today's tables.
    learner, mentor, second_mentor, item = UserFactory(), UserFactory(), UserFactory(), ItemFactory()

    def review(reviewer, minutes, **fields):
        return OldReview.objects.create(learner_id=learner.pk, item_id=item.pk, mentor_id=reviewer and reviewer.pk,
                                        verdict="endorsed", evidence_url="https://example.org/e",
                                        created_at=WHEN + timedelta(minutes=minutes), **fields).pk  # fmt: skip

    triple = [review(mentor, 0), review(mentor, 2), review(mentor, 1)]
    already_withdrawn = review(mentor, -5, withdrawn_at=WHEN, withdrawn_reason="The evidence link changed.")
    second_mentors = review(second_mentor, 0)
    former_mentors = [review(None, 0), review(None, 1)]  # deleted mentors: different people, as far as we know

    migrate(leaf_nodes())

    rows = EvidenceReview.objects.in_bulk()
    assert sorted(pk for pk, row in rows.items() if row.withdrawn_at is None) == sorted(
        [triple[1], second_mentors, *former_mentors]
    ), "each mentor's newest stays current"
    assert {rows[pk].withdrawn_reason for pk in (triple[0], triple[2])} == {
        "Replaced by a later review from the same mentor."
    }
    assert (rows[already_withdrawn].withdrawn_at, rows[already_withdrawn].withdrawn_reason) == (
        WHEN, "The evidence link changed."
    ), "a review withdrawn before is left as it was"  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic():
        EvidenceReview.objects.create(learner=learner, item=item, mentor=mentor, verdict="changes",
                                      evidence_url="https://example.org/e")  # fmt: skip


def test_migrating_back_keeps_every_review_and_lifts_the_constraint(transactional_db):
    """Back to 0001 (a rollback of this release): no row is lost, withdrawals stay, and duplicates may be made again."""
    learner, mentor, item = UserFactory(), UserFactory(), ItemFactory()
    kept = EvidenceReview.objects.create(learner=learner, item=item, mentor=mentor, verdict="endorsed",
                                         evidence_url="https://example.org/e")  # fmt: skip
    with schema_at(latest_but("mentoring", "0001_initial")) as apps:
        OldReview = apps.get_model("mentoring", "EvidenceReview")
        assert list(OldReview.objects.values_list("pk", "withdrawn_at")) == [(kept.pk, None)]
        OldReview.objects.create(learner_id=learner.pk, item_id=item.pk, mentor_id=mentor.pk, verdict="changes",
                                 evidence_url="https://example.org/e")  # fmt: skip
        assert OldReview.objects.filter(withdrawn_at__isnull=True).count() == 2, "the constraint is gone"
    rows = EvidenceReview.objects.order_by("pk")
    assert [row.withdrawn_at is None for row in rows] == [False, True], "forward again: the older one is withdrawn"

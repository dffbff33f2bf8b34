"""Invites, joining, leaving and rejoining; reviews from endorsement to withdrawal; query counts that do not grow."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import Profile
from careerpath.personal_data import collect
from mentoring.models import EvidenceReview, Membership
from mentoring.services import cohort_create, evidence_review, membership_join
from progress.services import progress_record, progress_set_details
from tests.factories import StageItemFactory, UserFactory
from tests.mentoring.conftest import signed_in
from tests.queries import NAVIGATION_KEPT, SEEN_KEY_SAVES, SHOWN_LOOKUPS

pytestmark = pytest.mark.django_db


def test_a_replaced_invite_link_answers_404_and_the_new_one_works(world):
    old = reverse("mentoring:join", args=[world["cohort"].invite_token])
    signed_in(world["mentor"]).post(reverse("mentoring:invite-replace", args=[world["cohort"].pk]))
    world["cohort"].refresh_from_db()
    other = signed_in(world["other"])
    assert other.get(old).status_code == 404 and other.post(old).status_code == 404
    new = reverse("mentoring:join", args=[world["cohort"].invite_token])
    page = other.get(new).content.decode()
    assert "Mentor" in page and "your private notes" in page, "the consent page says who and what"
    assert not Membership.objects.filter(learner=world["other"]).exists(), "opening the link joins nobody"
    assert other.post(new).status_code == 302
    assert Membership.objects.active().filter(learner=world["other"]).count() == 1


def test_joining_twice_keeps_one_membership_and_rejoining_needs_consent_again(world):
    link = reverse("mentoring:join", args=[world["cohort"].invite_token])
    member = signed_in(world["member"])
    member.post(link)
    assert Membership.objects.filter(learner=world["member"]).count() == 1
    member.post(reverse("mentoring:leave", args=[world["cohort"].pk]))
    assert "Join and share this" in member.get(link).content.decode(), "after leaving, the consent page asks again"
    member.post(link)
    assert Membership.objects.filter(learner=world["member"]).count() == 2, "a new membership, the old one kept"
    assert Membership.objects.active().filter(learner=world["member"]).count() == 1


def test_a_mentor_cannot_join_their_own_cohort(world):
    response = signed_in(world["mentor"]).post(reverse("mentoring:join", args=[world["cohort"].invite_token]))
    assert response.status_code == 400 and not Membership.objects.filter(learner=world["mentor"]).exists()


def test_an_endorsement_shows_on_the_item_page_and_portfolio_tells_by_mail_and_goes_when_the_link_changes(
    world, django_capture_on_commit_callbacks
):
    mentor = signed_in(world["mentor"])
    url = reverse("mentoring:review", args=[world["cohort"].pk, world["membership"].pk, "deployed-model"])
    with django_capture_on_commit_callbacks(execute=True):  # the mail leaves once the review is committed
        assert mentor.post(url, {"verdict": "endorsed", "comment": "Runs as described."}).status_code == 302
    assert mail.outbox[-1].to == [world["member"].email] and "endorsed" in mail.outbox[-1].subject
    item_page = signed_in(world["member"]).get(world["project"].get_absolute_url()).content.decode()
    assert "Endorsed" in item_page and "Runs as described." in item_page
    portfolio = Client().get(reverse("portfolio:public", args=["lea"])).content.decode()
    assert "Endorsed by <strong>Mentor</strong>" in portfolio
    progress_set_details(user=world["member"], item=world["project"], note="", evidence_url="https://example.org/v2")
    review = EvidenceReview.objects.get()
    assert review.withdrawn_at is not None, "withdrawn when the link changed; the row stays for the history"
    assert "Endorsed by" not in Client().get(reverse("portfolio:public", args=["lea"])).content.decode()
    assert "withdrawn" in signed_in(world["member"]).get(world["project"].get_absolute_url()).content.decode()


def test_keeping_the_same_link_keeps_the_endorsement(world):
    evidence_review(mentor=world["mentor"], membership=world["membership"], item=world["project"],
                    verdict="endorsed", comment="")  # fmt: skip
    progress_set_details(user=world["member"], item=world["project"], note="new private note",
                         evidence_url="https://github.com/member/deployed-model")  # fmt: skip
    assert EvidenceReview.objects.get().withdrawn_at is None


def test_asking_for_changes_is_a_review_the_portfolio_does_not_show(world):
    evidence_review(mentor=world["mentor"], membership=world["membership"], item=world["project"],
                    verdict="changes", comment="Add a README.")  # fmt: skip
    assert "Endorsed by" not in Client().get(reverse("portfolio:public", args=["lea"])).content.decode()
    assert "Add a README." in signed_in(world["member"]).get(world["project"].get_absolute_url()).content.decode()


def test_no_review_outside_ones_cohorts_of_items_not_done_or_of_ones_own(world):
    other_cohort = cohort_create(mentor=world["other"], name="Elsewhere")
    url = reverse("mentoring:review", args=[other_cohort.pk, world["membership"].pk, "deployed-model"])
    assert signed_in(world["other"]).post(url, {"verdict": "endorsed"}).status_code == 404
    not_done = reverse("mentoring:review", args=[world["cohort"].pk, world["membership"].pk, "python"])
    assert signed_in(world["mentor"]).post(not_done, {"verdict": "endorsed"}).status_code == 400
    bad = reverse("mentoring:review", args=[world["cohort"].pk, world["membership"].pk, "deployed-model"])
    for data in ({}, {"verdict": "great"}, {"verdict": "endorsed", "comment": "x" * 1001}, {"verdict": "endorsed",
                 "comment": "a\x00b"}):  # fmt: skip
        assert signed_in(world["mentor"]).post(bad, data).status_code == 400
    # a mentor who is also in another mentor's cohort cannot review their own work through it
    own = cohort_create(mentor=world["member"], name="Self")
    with pytest.raises(Exception):  # noqa: B017 - ValidationError: one cannot join one's own cohort
        membership_join(learner=world["member"], cohort=own)
    assert not EvidenceReview.objects.exists()


def test_a_deleted_mentor_closes_their_cohorts_and_their_endorsements_stay_as_a_former_mentors(world):
    evidence_review(mentor=world["mentor"], membership=world["membership"], item=world["project"],
                    verdict="endorsed", comment="")  # fmt: skip
    world["mentor"].delete()
    assert not Membership.objects.exists() or not Membership.objects.filter(cohort_id=world["cohort"].pk).exists()
    page = Client().get(reverse("portfolio:public", args=["lea"])).content.decode()
    assert "Endorsed by <strong>a former mentor</strong>" in page


def test_cohorts_and_reviews_are_in_my_data(world):
    evidence_review(mentor=world["mentor"], membership=world["membership"], item=world["project"],
                    verdict="endorsed", comment="Good.")  # fmt: skip
    data = collect(world["member"])
    assert [row["cohort"] for row in data["memberships"]] == ["Thursday group"]
    assert data["evidence_reviews"][0]["comment"] == "Good." and data["evidence_reviews"][0]["mentor"] == "Mentor"
    assert [row["role"] for row in collect(world["mentor"])["memberships"]] == ["mentor"]


def grow_cohort(world, count):
    for number in range(count):
        learner = UserFactory()
        Profile.objects.create(user=learner, display_name=f"Learner {number}", target_role=world["role"])
        membership_join(learner=learner, cohort=world["cohort"])
        progress_record(user=learner, item=world["project"], status="done", skip_reason="", note="",
                        evidence_url=f"https://example.org/{number}")  # fmt: skip


COHORT_QUERIES = 11 + SHOWN_LOOKUPS  # with what the members have shown: checks passed, reviews endorsed


def test_the_cohort_table_costs_the_same_for_3_and_60_members(world, django_assert_num_queries):
    grow_cohort(world, 2)
    mentor = signed_in(world["mentor"])
    url = reverse("mentoring:cohort", args=[world["cohort"].pk])
    with django_assert_num_queries(COHORT_QUERIES):
        assert mentor.get(url + "?sort=readiness&order=desc").content.decode().count("<tr>") == 3 + 1
    grow_cohort(world, 57)
    with django_assert_num_queries(COHORT_QUERIES - NAVIGATION_KEPT - SEEN_KEY_SAVES):
        assert mentor.get(url + "?sort=readiness&order=desc").content.decode().count("<tr>") == 60 + 1


# with what the learner has shown: checks passed, reviews endorsed (claimed and shown)
PORTFOLIO_QUERIES = 10 + SHOWN_LOOKUPS


def test_the_portfolio_costs_the_same_for_5_and_60_shown_items(world, django_assert_num_queries):
    from portfolio.models import PortfolioEntry

    def show(count):
        stage = world["project"].placements.first().stage
        for _number in range(count):
            item = StageItemFactory(stage=stage, position=500 + PortfolioEntry.objects.count()).item
            progress_record(user=world["member"], item=item, status="done", skip_reason="", note="",
                            evidence_url=f"https://example.org/{item.slug}")  # fmt: skip
            PortfolioEntry.objects.create(portfolio=world["portfolio"], item=item, shown=True)

    show(4)
    url = reverse("portfolio:public", args=["lea"])
    with django_assert_num_queries(PORTFOLIO_QUERIES):
        assert Client().get(url).content.decode().count("portfolio-item") == 5
    show(55)
    with django_assert_num_queries(PORTFOLIO_QUERIES):
        assert Client().get(url).content.decode().count("portfolio-item") == 60


def test_an_endorsement_downloads_as_an_open_badge_signed_by_the_site(world):
    import base64
    import json

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    review = evidence_review(mentor=world["mentor"], membership=world["membership"], item=world["project"],
                             verdict="endorsed", comment="Runs.")  # fmt: skip
    member = signed_in(world["member"])
    assert "signed credential" in member.get(world["project"].get_absolute_url()).content.decode()
    document = member.get(reverse("mentoring:credential", args=[review.pk, "json"])).json()
    assert document["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert document["credentialSubject"]["achievement"]["name"] == world["project"].title
    assert document["evidence"][0]["id"] == "https://github.com/member/deployed-model"
    assert "Mentor" in document["evidence"][0]["narrative"] and world["member"].email not in json.dumps(document)

    token = member.get(reverse("mentoring:credential", args=[review.pk, "jwt"])).content.decode()
    header, payload, signature = token.split(".")
    key = Client().get("/.well-known/jwks.json").json()["keys"][0]

    def unb64(text):
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))

    Ed25519PublicKey.from_public_bytes(unb64(key["x"])).verify(unb64(signature), f"{header}.{payload}".encode())
    assert json.loads(unb64(payload))["credentialSubject"]["achievement"]["name"] == world["project"].title

    for user in ("mentor", "other"):
        assert signed_in(world[user]).get(reverse("mentoring:credential", args=[review.pk, "jwt"])).status_code == 404
    xml = reverse("mentoring:credential", args=[review.pk, "json"]).removesuffix("json") + "xml"  # no such URL
    assert member.get(xml).status_code == 404
    progress_set_details(user=world["member"], item=world["project"], note="", evidence_url="https://example.org/v3")
    assert member.get(reverse("mentoring:credential", args=[review.pk, "json"])).status_code == 410, "withdrawn"

"""Nobody in a cohort learns an email address through careerpath: a member without a display name is "Member <n>"
to their mentor, a mentor without one is "a careerpath mentor" to whoever holds the invite link."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Profile
from accounts.tokens import token_create
from mentoring.models import Membership
from mentoring.services import evidence_review, membership_join, membership_leave
from progress.services import progress_record
from tests.factories import UserFactory
from tests.mentoring.conftest import signed_in

pytestmark = pytest.mark.django_db

QUIET = "quiet.learner@example.com"
NO_PROFILE = "no.profile@example.com"


@pytest.fixture
def nameless(world):
    """Two members who set no display name: one with an empty one, one with no profile at all; both with evidence.
    They join third and fourth: the member first, the ex-member second, who left and still counts."""
    quiet = UserFactory(email=QUIET)
    Profile.objects.create(user=quiet, display_name="", target_role=world["role"])
    bare = UserFactory(email=NO_PROFILE)
    memberships = {}
    for user in (quiet, bare):
        memberships[user.email] = membership_join(learner=user, cohort=world["cohort"])
        progress_record(user=user, item=world["project"], status="done", skip_reason="", note="",
                        evidence_url=f"https://example.org/{user.pk}")  # fmt: skip
    return memberships


def api_table(world):
    secret = token_create(user=world["mentor"], name="t", scope="read", days=30)[1]
    return Client().get(f"/api/v1/me/cohorts/{world['cohort'].pk}", HTTP_AUTHORIZATION=f"Bearer {secret}")


def test_the_mentor_sees_members_without_a_name_as_numbered_members_never_by_email(world, nameless):
    mentor = signed_in(world["mentor"])
    table = mentor.get(reverse("mentoring:cohort", args=[world["cohort"].pk])).content.decode()
    assert ">Member 3</a>" in table and ">Member 4</a>" in table and ">Member</a>" in table
    member_page = mentor.get(reverse("mentoring:member", args=[world["cohort"].pk, nameless[QUIET].pk]))
    assert '<h1 class="fw-bold">Member 3</h1>' in member_page.content.decode()
    api = api_table(world).json()
    assert sorted(member["name"] for member in api["members"]) == ["Member", "Member 3", "Member 4"]
    for page in (table, member_page.content.decode(), str(api)):
        assert QUIET not in page and NO_PROFILE not in page and "@example.com" not in page


def test_a_members_number_stays_when_an_earlier_member_leaves(world, nameless):
    membership_leave(learner=world["member"], cohort=world["cohort"])
    names = sorted(member["name"] for member in api_table(world).json()["members"])
    assert names == ["Member 3", "Member 4"], "the same people keep the same labels"
    rejoined = membership_join(learner=world["member"], cohort=world["cohort"])
    Profile.objects.filter(user=world["member"]).update(display_name="")
    page = signed_in(world["mentor"]).get(reverse("mentoring:member", args=[world["cohort"].pk, rejoined.pk]))
    assert "Member 5" in page.content.decode(), "a rejoin is a new membership, after a new consent: a new number"


def test_the_invite_link_shows_a_mentor_without_a_name_as_a_careerpath_mentor(world):
    Profile.objects.filter(user=world["mentor"]).update(display_name="")
    page = signed_in(world["other"]).get(reverse("mentoring:join", args=[world["cohort"].invite_token]))
    text = page.content.decode()
    assert "<strong>A careerpath mentor</strong> mentors this cohort" in text
    assert world["mentor"].email not in text


def test_a_refused_join_names_the_mentor_too_never_by_email(world):
    """The consent page answering a refusal (400) is the same page: still the mentor's name, still no email."""
    Profile.objects.filter(user=world["mentor"]).update(display_name="")
    Membership.objects.filter(cohort=world["cohort"]).delete()
    for _number in range(60):
        membership_join(learner=UserFactory(), cohort=world["cohort"])
    response = signed_in(world["other"]).post(reverse("mentoring:join", args=[world["cohort"].invite_token]))
    text = response.content.decode()
    assert response.status_code == 400 and "This cohort is full" in text
    assert "A careerpath mentor" in text and world["mentor"].email not in text


def test_a_member_reads_a_mentor_without_a_name_as_a_careerpath_mentor_on_their_item_page(world):
    Profile.objects.filter(user=world["mentor"]).update(display_name="")
    evidence_review(mentor=world["mentor"], membership=world["membership"], item=world["project"],
                    verdict="endorsed", comment="")  # fmt: skip
    page = signed_in(world["member"]).get(world["project"].get_absolute_url()).content.decode()
    assert "by a careerpath mentor" in page and world["mentor"].email not in page


def test_the_cohort_table_says_each_verdict_in_words(world, nameless):
    """A member with a role and no date reads "no target date"; one with no profile has no target role."""
    page = signed_in(world["mentor"]).get(reverse("mentoring:cohort", args=[world["cohort"].pk])).content.decode()
    assert "no target date" in page and "notarget" not in page and "no_target" not in page


def test_members_sort_by_name_with_numbers_as_numbers():
    from mentoring.selectors import natural_key

    names = ["Member 10", "member 2", "Ada", "Member 1"]
    assert sorted(names, key=natural_key) == ["Ada", "Member 1", "member 2", "Member 10"]


@pytest.mark.parametrize("name", ["Member 3", "member3", "MEMBER #12", " Member 4 "])
def test_a_display_name_cannot_pass_for_the_neutral_label(client, name):
    from tests.factories import RoleFactory

    learner = UserFactory()
    client.force_login(learner)
    goals = {"display_name": name, "target_role": RoleFactory().pk, "background": "tech", "hours_per_week": 5,
             "time_zone": "UTC"}  # fmt: skip
    response = client.post(reverse("accounts:goals"), goals)
    assert response.status_code == 400 and "Choose a name of your own" in response.content.decode()
    assert not Profile.objects.filter(user=learner).exists()

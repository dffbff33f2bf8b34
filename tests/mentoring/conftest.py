import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import Profile
from mentoring.models import Membership
from mentoring.services import cohort_create, membership_join
from portfolio.models import Portfolio, PortfolioEntry
from progress.services import progress_record, progress_set_status
from roadmap.models import ItemKind
from tests.factories import RoleFactory, RoleRequirementFactory, StageItemFactory, UserFactory

SECRET_NOTE = "SECRET-NOTE-never-public-42"


def signed_in(user) -> Client:
    """A browser signed in as `user` (the tests here are about who sees what, not about signing in)."""
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def world(db):
    """A mentor and their cohort; a member with a done project (evidence, a private note) on a published portfolio;
    an ex-member; another learner; a staff member."""
    role = RoleFactory(slug="ml-engineer", title="ML engineer", is_primary=True)
    project = StageItemFactory(item__slug="deployed-model", item__title="Deployed model", item__kind=ItemKind.PROJECT,
                               item__skill_area=None).item  # fmt: skip
    skill = StageItemFactory(item__slug="python", item__title="Python").item
    for item in (project, skill):
        RoleRequirementFactory(role=role, item=item)
    people = {name: UserFactory(email=f"{name}@example.com") for name in ("mentor", "member", "former", "other")}
    people["staff"] = UserFactory(email="staff@example.com", is_staff=True)
    for name, user in people.items():
        Profile.objects.create(user=user, display_name=name.title(), target_role=role)
    cohort = cohort_create(mentor=people["mentor"], name="Thursday group")
    membership = membership_join(learner=people["member"], cohort=cohort)
    former = membership_join(learner=people["former"], cohort=cohort)
    Membership.objects.filter(pk=former.pk).update(left_at=timezone.now())
    member = people["member"]
    progress_record(user=member, item=project, status="done", skip_reason="", note=SECRET_NOTE,
                    evidence_url="https://github.com/member/deployed-model")  # fmt: skip
    progress_set_status(user=member, item=skill, status="in_progress")
    portfolio = Portfolio.objects.create(learner=member, handle="lea", published=True)
    PortfolioEntry.objects.create(portfolio=portfolio, item=project, shown=True, summary="A model behind an API.")
    return {**people, "cohort": cohort, "membership": membership, "former_membership": former, "project": project,
            "skill": skill, "role": role, "portfolio": portfolio}  # fmt: skip

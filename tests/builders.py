"""Bulk builders for tests that need a big site: hundreds of items or thousands of learners, quickly."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.models import Background, Profile
from progress.models import Origin, Progress, ProgressEvent, ProgressStatus
from roadmap.models import Item
from tests.factories import RoleRequirementFactory, StageItemFactory


def grow_content(count, roles, stage):
    for _ in range(count):
        item = StageItemFactory(stage=stage).item
        for role in roles:
            RoleRequirementFactory(role=role, item=item)


def grow_learners(count):
    """Learners in bulk, each with progress and history on the first items, as a busy site has."""
    User = get_user_model()
    start = User.objects.count()
    learners = User.objects.bulk_create(
        User(username=f"bulk{start + n}", email=f"bulk{start + n}@example.com", password="!") for n in range(count)
    )
    Profile.objects.bulk_create(
        Profile(user=learner, background=[Background.TECH, Background.NON_TECH][n % 2])
        for n, learner in enumerate(learners)
    )
    items = list(Item.objects.order_by("pk")[:3])
    now = timezone.now()
    Progress.objects.bulk_create(
        Progress(learner=learner, item=item, status=ProgressStatus.DONE, origin=Origin.HERE, completed_at=now)
        for learner in learners
        for item in items
    )
    ProgressEvent.objects.bulk_create(
        ProgressEvent(learner=learner, item=item, from_status="not_started", to_status="done", created_at=now)
        for learner in learners
        for item in items
    )

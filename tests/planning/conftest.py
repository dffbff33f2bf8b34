import pytest

from accounts.models import Profile
from tests.factories import RoleFactory, RoleRequirementFactory, StageFactory, StageItemFactory


@pytest.fixture
def path(db, user):
    """A learner aiming at a role with five required items on one track, in order, 4 h each but the third (20 h)."""
    role = RoleFactory(title="ML engineer", slug="ml-engineer", is_primary=True)
    stage = StageFactory()
    items = []
    for position, (slug, hours) in enumerate([("python", 4), ("sql", 4), ("maths", 20), ("stats", 4), ("ml", 4)]):
        item = StageItemFactory(stage=stage, position=position, item__slug=slug, item__title=slug.title(),
                                item__estimated_hours=hours).item  # fmt: skip
        RoleRequirementFactory(role=role, item=item)
        items.append(item)
    Profile.objects.create(user=user, target_role=role, hours_per_week=10)
    return {item.slug: item for item in items}

"""Test data, built fresh for each test (fixtures/ holds the curated content, not test data)."""

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from progress.models import Origin, Progress, ProgressStatus
from roadmap.models import (
    Item,
    ItemKind,
    Publication,
    Resource,
    ResourceKind,
    Role,
    RoleRequirement,
    SkillArea,
    Stage,
    StageItem,
    Track,
)

PASSWORD = "correct horse battery staple"  # every factory user's, for the tests that type it


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"learner{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password(PASSWORD)


class SkillAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SkillArea

    title = factory.Sequence(lambda n: f"Area {n}")
    slug = factory.Sequence(lambda n: f"area-{n}")
    position = factory.Sequence(int)


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    title = factory.Sequence(lambda n: f"Resource {n}")
    url = factory.Sequence(lambda n: f"https://docs.example.org/{n}/")
    kind = ResourceKind.DOCS
    provider = "Example docs"


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Item

    kind = ItemKind.SKILL
    title = factory.Sequence(lambda n: f"Skill {n}")
    slug = factory.Sequence(lambda n: f"skill-{n}")
    skill_area = factory.SubFactory(SkillAreaFactory)
    summary = factory.LazyAttribute(lambda item: f"Summary of {item.title}.")
    description = "Learn it **well**."
    estimated_hours = 10
    status = Publication.PUBLISHED


class TrackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Track

    title = factory.Sequence(lambda n: f"Track {n}")
    short_title = factory.Sequence(lambda n: f"T{n}")
    slug = factory.Sequence(lambda n: f"track-{n}")
    summary = "A path."
    status = Publication.PUBLISHED


class StageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stage

    track = factory.SubFactory(TrackFactory)
    title = factory.Sequence(lambda n: f"Stage {n}")
    slug = factory.Sequence(lambda n: f"stage-{n}")
    summary = "A stage."
    position = factory.Sequence(int)


class StageItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StageItem

    stage = factory.SubFactory(StageFactory)
    item = factory.SubFactory(ItemFactory)
    position = factory.Sequence(lambda n: n * 10)


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    title = factory.Sequence(lambda n: f"Role {n}")
    slug = factory.Sequence(lambda n: f"role-{n}")
    summary = "A job."
    description = "What the job is."
    status = Publication.PUBLISHED


class RoleRequirementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleRequirement

    role = factory.SubFactory(RoleFactory)
    item = factory.SubFactory(ItemFactory)
    weight = 3
    is_required = True


class ProgressFactory(factory.django.DjangoModelFactory):
    """A learner's row on an item, written directly (tests of the services go through the services)."""

    class Meta:
        model = Progress

    learner = factory.SubFactory(UserFactory)
    item = factory.SubFactory(ItemFactory)
    status = ProgressStatus.DONE
    origin = factory.LazyAttribute(lambda progress: Origin.HERE if progress.status == ProgressStatus.DONE else "")
    completed_at = factory.LazyAttribute(
        lambda progress: timezone.now() if progress.status == ProgressStatus.DONE else None
    )

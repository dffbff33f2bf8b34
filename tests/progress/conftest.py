"""What the progress page tests share: a small track of two stages (`track`), a track of three items two roles need
(`content`); posting a status as the page does is in tests/progress/steps.py."""

import pytest

from tests.factories import (
    ItemFactory,
    RoleFactory,
    RoleRequirementFactory,
    StageFactory,
    StageItemFactory,
    TrackFactory,
)


@pytest.fixture
def track(db):
    track = TrackFactory(slug="ml", title="ML engineer path")
    first = StageFactory(track=track, title="Foundations", position=1)
    second = StageFactory(track=track, title="Projects", position=2)
    for title in ["Python", "Linear algebra", "Statistics"]:
        StageItemFactory(stage=first, item__title=title, item__slug=title.lower().replace(" ", "-"))
    StageItemFactory(stage=second, item__title="Portfolio", item__slug="portfolio")
    return track


@pytest.fixture
def content():
    """A track of three items; ML engineer needs all three, data scientist shares one of them."""
    track = TrackFactory(slug="ml")
    stage = StageFactory(track=track, title="Foundations")
    python, maths, deploy = (
        StageItemFactory(stage=stage, item__title=title, item__slug=slug, item__estimated_hours=hours).item
        for title, slug, hours in [("Python", "python", 20), ("Maths", "maths", 30), ("Deploy", "deploy", 50)]
    )
    engineer = RoleFactory(title="ML engineer", slug="ml-engineer", is_primary=True)
    scientist = RoleFactory(title="Data scientist", slug="data-scientist")
    RoleRequirementFactory(role=engineer, item=python, weight=5)
    RoleRequirementFactory(role=engineer, item=maths, weight=3)
    RoleRequirementFactory(role=engineer, item=deploy, weight=2)
    RoleRequirementFactory(role=scientist, item=python, weight=4)
    RoleRequirementFactory(role=scientist, item=ItemFactory(title="Statistics"), weight=4)
    return {"track": track, "python": python, "maths": maths, "deploy": deploy}

"""roadmap 0012 and 0013, run on a database holding content and a learner's progress: they add the content version
and release 1, and touch nothing else."""

import pytest

from progress.models import Progress
from roadmap.models import ContentVersion, Item, Release
from tests.factories import ItemFactory, ProgressFactory, UserFactory
from tests.migrations import latest_but, schema_at


@pytest.mark.django_db(transaction=True)
def test_the_version_and_release_one_arrive_over_existing_content_and_progress():
    item = ItemFactory(slug="python", title="Python")
    ProgressFactory(learner=UserFactory(), item=item, note="Mine.")
    with schema_at(latest_but("roadmap", "0011_requirement_reason")) as apps:
        assert "contentversion" not in apps.all_models["roadmap"]
    assert ContentVersion.objects.count() == 1 and len(ContentVersion.objects.get().token) == 32
    release = Release.objects.get()
    assert (release.number, release.name, release.state) == (1, "2026.1", "published")
    assert Item.objects.get().title == "Python"
    assert Progress.objects.get().note == "Mine."

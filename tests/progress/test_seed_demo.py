"""seed_demo: deterministic, fake addresses only, bulk, and refusing to run where it makes no sense."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from progress.models import Progress, ProgressEvent, ProgressStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def content():
    call_command("import_content", verbosity=0)


def snapshot():
    return sorted(
        Progress.objects.values_list("learner__email", "item__slug", "status", "skip_reason")
    ), ProgressEvent.objects.count()


def seed(**options):
    call_command("seed_demo", stdout=io.StringIO(), **options)


def test_it_creates_learners_with_fake_addresses_and_a_year_of_history(content):
    seed(learners=40, seed=3)
    learners = get_user_model().objects.filter(email__startswith="demo-3-")
    assert learners.count() == 40
    assert all(email.endswith("@example.com") for email in learners.values_list("email", flat=True))
    assert Progress.objects.filter(status=ProgressStatus.DONE).exists()
    assert ProgressEvent.objects.exists()
    assert all(learner.profile.time_zone for learner in learners.select_related("profile"))
    assert not Progress.objects.filter(learner__email__startswith="demo-3-", status="skipped", skip_reason="").exists()


def test_the_same_seed_gives_the_same_learners(content):
    seed(learners=25, seed=5)
    first = snapshot()
    seed(learners=25, seed=5, clear=True)
    assert snapshot() == first
    seed(learners=25, seed=6)
    assert snapshot() != first, "another seed adds other learners"


def test_it_refuses_to_seed_twice_or_without_content(db):
    with pytest.raises(CommandError, match="import_content"):
        seed(learners=5, seed=1)
    call_command("import_content", verbosity=0)
    seed(learners=5, seed=1)
    with pytest.raises(CommandError, match="exist already"):
        seed(learners=5, seed=1)


def test_the_busiest_demo_learners_cached_dashboard_stays_under_30_kb(content, client):
    """The performance issue's budget for the heaviest dashboard there is (what `make bench` measures): the most
    active of 100 demo learners on the curated content, with a year of history."""
    from django.db.models import Count

    seed(learners=100, seed=1)
    busiest = get_user_model().objects.annotate(rows=Count("progress")).order_by("-rows", "email").first()
    client.force_login(busiest)
    client.get("/dashboard/")
    page = client.get("/dashboard/").content  # the cached copy
    assert b'data-readiness="' in page and b"heat-grid" in page
    assert b"more on the role" in page, "a long list of missing items is cut at 12, the rest on the role's page"
    assert len(page) <= 30 * 1024, f"{len(page) / 1024:.1f} KB"

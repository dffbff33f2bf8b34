"""Several app servers, one truth: each server keeps rendered pages in its own memory, they share the database and
the shared cache. A tick on one server is seen at once on another, and a server that holds a page serves it
without recomputing as long as nothing changed. (Two servers are two page caches here, switched between requests,
exactly as two gunicorn hosts differ; `make bench` also checks it with two real gunicorn instances.)"""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Profile
from progress.services import progress_set_details, progress_set_status
from tests.progress.steps import DASHBOARD, readiness_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def servers(settings):
    shared = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "shared"}

    def on(name: str) -> None:
        settings.CACHES = {
            "default": shared,
            "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": f"pages-{name}"},
        }

    return on


def dashboard(client):
    with CaptureQueriesContext(connection) as queries:
        page = client.get(DASHBOARD).content.decode()
    return page, len(queries)


def test_a_tick_on_one_server_shows_at_once_on_the_other(client_logged_in, user, content, servers):
    Profile.objects.get_or_create(user=user)
    servers("a")
    dashboard(client_logged_in)
    servers("b")
    first, computed = dashboard(client_logged_in)
    again, cached = dashboard(client_logged_in)
    assert cached < computed, "b serves its own stored page while nothing changes"
    assert readiness_of(again, "ml-engineer") == "0%"
    assert readiness_of(first, "ml-engineer") == "0%"

    servers("a")
    client_logged_in.post(reverse("progress:status", args=["python"]), {"status": "done", "origin_asked": "1"})

    servers("b")
    page, _queries = dashboard(client_logged_in)
    assert readiness_of(page, "ml-engineer") == "50%", "b's stored page is not served after a's tick"
    servers("a")
    assert readiness_of(dashboard(client_logged_in)[0], "ml-engineer") == "50%"


def test_every_change_to_the_record_raises_its_version_in_its_transaction(user, content):
    Profile.objects.get_or_create(user=user)

    def version():
        return Profile.objects.get(user=user).record_version

    before = version()
    progress_set_status(user=user, item=content["python"], status="done")
    assert version() == before + 1
    progress_set_details(user=user, item=content["python"], note="learned it", evidence_url="")
    assert version() == before + 2
    progress_set_status(user=user, item=content["python"], status="done")
    assert version() == before + 2, "nothing changed, so cached pages stay"
    with pytest.raises(RuntimeError, match="after the tick"), transaction.atomic():
        progress_set_status(user=user, item=content["maths"], status="done")
        raise RuntimeError("the request failed after the tick")
    assert version() == before + 2, "a failed request rolls the version back with its change"


def test_saving_goals_from_an_older_copy_never_lowers_the_version(user, content):
    profile, _created = Profile.objects.get_or_create(user=user)
    stale = Profile.objects.get(pk=profile.pk)
    progress_set_status(user=user, item=content["python"], status="done")
    stale.hours_per_week = 7
    stale.save()
    fresh = Profile.objects.get(pk=profile.pk)
    assert (fresh.hours_per_week, fresh.record_version) == (7, stale.record_version + 1)


def test_a_learner_without_a_profile_gets_one_on_the_first_change(user, content):
    Profile.objects.filter(user=user).delete()
    progress_set_status(user=user, item=content["python"], status="done")
    assert Profile.objects.get(user=user).record_version == 1

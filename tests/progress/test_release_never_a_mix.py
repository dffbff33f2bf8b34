"""While a release is being published, a learner's pages show the old content and record, and once it committed the
new ones: never a mix. Publishing is one transaction (content, carry-over, notices), so this holds wherever readers
do not see uncommitted writes; PostgreSQL runs the two at once (SQLite's in-memory test database cannot)."""

import threading

import pytest
from django.core.cache import caches
from django.db import connection, transaction

import roadmap.cache
from progress.models import ProgressStatus
from progress.services import progress_set_status
from roadmap import hooks
from roadmap.cache import content_token_forget
from roadmap.models import Item, LineageKind
from roadmap.services import release_publish
from tests.concurrency import postgresql_only
from tests.factories import UserFactory
from tests.progress.steps import DASHBOARD, readiness_of
from tests.roadmap.releases import draft, exported, small_path, with_new_item, without_item

pytestmark = [postgresql_only, pytest.mark.django_db(transaction=True)]


def test_a_learners_pages_show_the_old_state_until_the_release_commits_then_the_new(client, monkeypatch):
    monkeypatch.setattr(roadmap.cache, "on_commit", transaction.on_commit)  # the real commit, as in production
    small_path()
    learner = UserFactory()
    progress_set_status(user=learner, item=Item.objects.get(slug="regression"), status=ProgressStatus.DONE)
    objects = with_new_item(exported(), "classic-models", like="regression", title="Classic models")
    objects = without_item(without_item(objects, "regression"), "trees")
    release = draft(objects, lineage=[("regression", LineageKind.MERGED, ["classic-models"]),
                                      ("trees", LineageKind.MERGED, ["classic-models"])])  # fmt: skip
    client.force_login(learner)
    before = client.get(DASHBOARD).content.decode()
    assert readiness_of(before, "ml-engineer") == "20%" and "Regression" in before

    inside, go, errors = threading.Event(), threading.Event(), []

    def hold(**_kwargs):  # runs last in the publishing transaction: the content and every record are the new ones
        inside.set()
        go.wait(timeout=20)

    def publish():
        try:
            release_publish(release=release)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    hooks.register_release_published(hold)
    publisher = threading.Thread(target=publish)
    try:
        publisher.start()
        assert inside.wait(timeout=20), "publishing reached its last step"
        for forget in (False, True):  # the cached page, then a page computed from the database mid-publish
            if forget:
                caches["pages"].clear()
                content_token_forget()
            during = client.get(DASHBOARD).content.decode()
            assert readiness_of(during, "ml-engineer") == "20%", "the old readiness"
            assert "Regression" in during and "Classic models" not in during, "the old items"
            assert 'id="release-notice"' not in during, "no notice of a release not yet published"
            assert client.get("/items/regression/").status_code == 200, "the old item is still the published one"
    finally:
        go.set()
        publisher.join(timeout=30)
        hooks._release_published.remove(hold)
    assert errors == []
    after = client.get(DASHBOARD).content.decode()
    assert readiness_of(after, "ml-engineer") == "0%", "the merged item is in progress: half its parts were done"
    assert "Classic models" in after and 'id="release-notice"' in after
    assert client.get("/items/regression/").status_code == 301

"""An editor prepares a release in the admin, gives leaving items their lineage, reads the impact, and publishes."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from progress.models import Progress
from progress.services import progress_set_status
from roadmap.models import Item, LineageKind, Publication, Release, ReleaseState
from tests.factories import UserFactory
from tests.roadmap.releases import draft, exported, small_path, with_new_item, without_item

pytestmark = pytest.mark.django_db
ADD = "admin:roadmap_release_add"


def upload(objects):
    return SimpleUploadedFile("release.json", json.dumps(objects).encode(), content_type="application/json")


def test_an_editor_adds_a_draft_from_a_file_and_a_broken_file_is_a_form_error(editor_client):
    small_path()
    objects = without_item(exported(), "sql")
    response = editor_client.post(reverse(ADD), management({"name": "2026.2", "notes": "", "file": upload(objects)}))
    assert response.status_code == 302
    release = Release.objects.get(name="2026.2")
    assert (release.number, release.state, len(release.content)) == (2, ReleaseState.DRAFT, len(objects))
    broken = editor_client.post(reverse(ADD), management({"name": "2026.3", "file": upload([{"model": "x"}])}))
    assert broken.status_code == 200 and "not roadmap content" in broken.text
    assert not Release.objects.filter(name="2026.3").exists()


def test_the_draft_page_names_what_stops_publishing_and_whom_the_leaving_item_touches(editor_client):
    small_path()
    for learner in (UserFactory(), UserFactory()):
        progress_set_status(user=learner, item=Item.objects.get(slug="sql"), status="done")
    release = draft(without_item(exported(), "sql"))
    page = editor_client.get(reverse("admin:roadmap_release_change", args=[release.pk])).text
    assert "“Sql” (sql) leaves the published content: say what became of it." in page
    assert "<td>Sql <code>sql</code></td><td>2</td>" in page
    refused = editor_client.post(reverse("admin:roadmap_release_publish", args=[release.pk]), follow=True)
    assert "say what became of it" in refused.text
    assert Release.objects.get(pk=release.pk).state == ReleaseState.DRAFT


def test_publishing_asks_to_confirm_the_numbers_then_publishes(editor_client):
    small_path()
    learner = UserFactory()
    progress_set_status(user=learner, item=Item.objects.get(slug="sql"), status="done")
    objects = without_item(with_new_item(exported(), "sql-queries", like="sql"), "sql")
    release = draft(objects, lineage=[("sql", LineageKind.REPLACED, ["sql-queries"])])
    url = reverse("admin:roadmap_release_publish", args=[release.pk])
    confirm = editor_client.get(url)
    assert confirm.status_code == 200
    assert "Learners it touches: 1. Of them, with something done that would become not done for a role: 0." in (
        confirm.text
    )
    assert Item.objects.get(slug="sql").status == Publication.PUBLISHED, "a GET publishes nothing"
    assert editor_client.post(url).status_code == 302
    assert Release.objects.get(pk=release.pk).state == ReleaseState.PUBLISHED
    assert Progress.objects.get(learner=learner, item__slug="sql-queries").status == "done"
    page = editor_client.get(reverse("admin:roadmap_release_change", args=[release.pk])).text
    assert "What publishing changed" in page and "Publish this release" not in page


def test_only_editors_publish(client):
    small_path()
    release = draft(without_item(exported(), "sql"), lineage=[("sql", LineageKind.RETIRED, [])])
    client.force_login(UserFactory())
    assert client.post(reverse("admin:roadmap_release_publish", args=[release.pk])).status_code == 302  # to sign-in
    assert Release.objects.get(pk=release.pk).state == ReleaseState.DRAFT


def management(data):
    """The lineage inline's management form, empty."""
    prefix = "lineage"
    return {
        **data,
        f"{prefix}-TOTAL_FORMS": "0",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }

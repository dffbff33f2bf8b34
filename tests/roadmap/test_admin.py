"""Editors curate content in the admin, and the public pages follow."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from roadmap.models import Item, Publication, Role, StageItem
from roadmap.services import content_export
from tests.factories import ItemFactory, RoleFactory, StageFactory, StageItemFactory, UserFactory

pytestmark = pytest.mark.django_db


def form_data(response):
    """The POST data a browser would send back for an admin change form, inlines included."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        forms.extend(formset.forms)
        for field in formset.management_form:
            data[field.html_name] = field.value()
    for form in forms:
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            if isinstance(value, list | tuple):
                data[field.html_name] = [str(v) for v in value]
            else:
                data[field.html_name] = value
    return data


def test_editor_adds_an_item_to_a_stage_reorders_it_and_retires_it(editor_client, client):
    stage = StageFactory(title="Foundations")
    StageItemFactory(stage=stage, item__title="First item", position=10)
    new_item = ItemFactory(title="Fresh item", status=Publication.DRAFT)
    change_url = reverse("admin:roadmap_stage_change", args=[stage.pk])
    track_url = stage.track.get_absolute_url()

    # Add it to the stage, last; publish it.
    data = form_data(editor_client.get(change_url))
    data["placements-1-item"] = new_item.pk
    data["placements-1-position"] = 20
    response = editor_client.post(change_url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    editor_client.post(
        reverse("admin:roadmap_item_changelist"),
        {"action": "mark_published", "_selected_action": [new_item.pk]},
    )
    body = client.get(track_url).text
    assert body.index("First item") < body.index("Fresh item")

    # Move it to the top of the stage.
    data = form_data(editor_client.get(change_url))
    placement_index = next(
        i for i in range(2) if str(data[f"placements-{i}-item"]) == str(new_item.pk)
    )  # fmt: skip
    data[f"placements-{placement_index}-position"] = 1
    assert editor_client.post(change_url, data).status_code == 302
    body = client.get(track_url).text
    assert body.index("Fresh item") < body.index("First item")

    # Retire it: hidden from the public, kept in the database with its place.
    editor_client.post(
        reverse("admin:roadmap_item_changelist"),
        {"action": "mark_retired", "_selected_action": [new_item.pk]},
    )
    assert "Fresh item" not in client.get(track_url).text
    assert client.get(new_item.get_absolute_url()).status_code == 404
    assert StageItem.objects.filter(item=new_item, stage=stage).exists()
    assert Item.objects.get(pk=new_item.pk).status == Publication.RETIRED


def test_editor_adds_a_requirement_to_a_role(editor_client, client):
    role = RoleFactory(title="Analyst")
    item = ItemFactory(title="Regulation")
    change_url = reverse("admin:roadmap_role_change", args=[role.pk])
    data = form_data(editor_client.get(change_url))
    data["role_requirements-0-item"] = item.pk
    data["role_requirements-0-weight"] = 5
    data["role_requirements-0-is_required"] = "on"
    data["role_requirements-0-reason"] = "Analysts apply the law to each system they review."

    assert editor_client.post(change_url, data).status_code == 302
    visitor_page = Client().get(role.get_absolute_url()).text
    assert "Regulation" in visitor_page
    assert "Analysts apply the law to each system they review." in visitor_page, "the role page says why"
    signed_in_page = editor_client.get(role.get_absolute_url()).text
    assert 'data-status="not_started"' in signed_in_page and "Analysts apply the law" in signed_in_page


def test_a_weight_outside_1_to_5_is_a_form_error(editor_client):
    role = RoleFactory()
    change_url = reverse("admin:roadmap_role_change", args=[role.pk])
    data = form_data(editor_client.get(change_url))
    data["role_requirements-0-item"] = ItemFactory().pk
    data["role_requirements-0-weight"] = 9

    response = editor_client.post(change_url, data)
    assert response.status_code == 200
    assert not role.role_requirements.exists()


def test_a_second_main_goal_role_is_refused(editor_client):
    RoleFactory(is_primary=True)
    response = editor_client.post(
        reverse("admin:roadmap_role_add"),
        {
            "title": "Another", "slug": "another", "summary": "x", "position": 0, "status": "published",
            "is_primary": "on", "role_requirements-TOTAL_FORMS": 0, "role_requirements-INITIAL_FORMS": 0,
        },
    )  # fmt: skip
    assert response.status_code == 200
    assert Role.objects.filter(is_primary=True).count() == 1


def test_a_skill_without_a_skill_area_is_refused(editor_client):
    response = editor_client.post(
        reverse("admin:roadmap_item_add"),
        {
            "kind": "skill", "title": "Orphan", "slug": "orphan", "summary": "x", "estimated_hours": 5,
            "status": "published", "placements-TOTAL_FORMS": 0, "placements-INITIAL_FORMS": 0,
        },
    )  # fmt: skip
    assert response.status_code == 200
    assert "A skill needs a skill area." in response.text
    assert not Item.objects.filter(slug="orphan").exists()


@pytest.mark.parametrize(
    "name",
    ["track", "stage", "skillarea", "item", "role", "resource"],
)
def test_every_content_list_and_add_page_opens_for_editors(editor_client, name):
    StageItemFactory()
    assert editor_client.get(reverse(f"admin:roadmap_{name}_changelist")).status_code == 200
    assert editor_client.get(reverse(f"admin:roadmap_{name}_add")).status_code == 200


def test_view_on_site_links_to_the_public_page(editor_client):
    item = ItemFactory()
    response = editor_client.get(reverse("admin:roadmap_item_change", args=[item.pk]))
    assert "View on site" in response.text


def test_editor_exports_all_content_as_a_download(editor_client):
    ItemFactory(title="Exported item")
    response = editor_client.get(reverse("admin:roadmap_item_export"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert any(entry["fields"]["title"] == "Exported item" for entry in json.loads(response.content))


def test_editor_imports_a_content_file(editor_client):
    ItemFactory(slug="moved", title="From elsewhere")
    exported = content_export()
    Item.objects.all().delete()
    upload = SimpleUploadedFile("content.json", exported.encode(), content_type="application/json")

    response = editor_client.post(reverse("admin:roadmap_item_import"), {"file": upload})

    assert response.status_code == 302
    assert Item.objects.get(slug="moved").title == "From elsewhere"


def test_a_bad_import_file_is_a_form_error(editor_client):
    upload = SimpleUploadedFile("content.json", b"not json", content_type="application/json")
    response = editor_client.post(reverse("admin:roadmap_item_import"), {"file": upload})
    assert response.status_code == 200
    assert "not a valid content export" in response.text


def test_import_and_export_need_content_permissions(client):
    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    assert client.get(reverse("admin:roadmap_item_import")).status_code == 403
    assert client.get(reverse("admin:roadmap_item_export")).status_code == 403


def test_visitors_are_sent_to_the_admin_login(client):
    response = client.get(reverse("admin:roadmap_item_export"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_deleting_an_item_learners_track_is_refused_with_the_way_out(editor_client):
    from progress.services import progress_set_status

    item = ItemFactory(title="Tracked skill")
    learners = UserFactory.create_batch(2)
    for learner in learners:
        progress_set_status(user=learner, item=item, status="done")
    url = reverse("admin:roadmap_item_delete", args=[item.pk])

    page = editor_client.get(url).content.decode()
    assert "2 learner(s) have progress on it" in page and "Retire it instead" in page
    assert all(learner.email not in page for learner in learners), "editors see a count, not who"
    editor_client.post(url, {"post": "yes"})
    bulk = editor_client.post(
        reverse("admin:roadmap_item_changelist"),
        {"action": "delete_selected", "_selected_action": [item.pk], "post": "yes"},
    )
    assert "Retire it instead" in bulk.content.decode()
    assert Item.objects.filter(pk=item.pk).exists(), "no progress is ever lost"


def test_an_item_nobody_tracks_can_still_be_deleted(editor_client):
    item = ItemFactory()
    editor_client.post(reverse("admin:roadmap_item_delete", args=[item.pk]), {"post": "yes"})
    assert not Item.objects.filter(pk=item.pk).exists()

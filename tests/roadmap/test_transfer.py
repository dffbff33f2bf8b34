"""Export and import of all content: round trips exactly, never half-applies, never touches non-content data."""

import json

import pytest
from django.core.management import CommandError, call_command

from roadmap.models import Item, Publication, Resource, Role, RoleRequirement, SkillArea, Stage, StageItem, Track
from roadmap.services import ContentImportError, content_export, content_import, content_set_status
from tests.factories import ItemFactory, ResourceFactory, RoleRequirementFactory, StageItemFactory, UserFactory

pytestmark = pytest.mark.django_db


def build_content():
    placement = StageItemFactory(item__description="Has **markdown**", item__outcome="Done well.")
    placement.item.resources.add(ResourceFactory())
    StageItemFactory(stage=placement.stage, item__status=Publication.RETIRED)
    requirement = RoleRequirementFactory(item=placement.item, role__is_primary=True, weight=5)
    requirement.role.resources.add(ResourceFactory(kind="program"))
    RoleRequirementFactory(role=requirement.role, is_required=False, weight=1)


def wipe_content():
    for model in (RoleRequirement, StageItem, Role, Stage, Track, Item, SkillArea, Resource):
        model.objects.all().delete()


def test_export_then_import_into_an_empty_database_round_trips_exactly():
    build_content()
    exported = content_export()
    wipe_content()
    assert Item.objects.count() == 0

    content_import(data=exported)

    assert content_export() == exported


def test_export_holds_no_database_ids():
    build_content()
    for entry in json.loads(content_export()):
        assert "pk" not in entry


def test_import_updates_existing_content_by_slug():
    item = ItemFactory(title="Old title")
    exported = json.loads(content_export())
    next(e for e in exported if e["model"] == "roadmap.item")["fields"]["title"] = "New title"

    content_import(data=json.dumps(exported))

    item.refresh_from_db()
    assert item.title == "New title"
    assert Item.objects.count() == 1


def test_import_refuses_anything_but_content_and_changes_nothing():
    ItemFactory(slug="kept")
    payload = json.loads(content_export())
    payload.append(
        {"model": "accounts.user", "fields": {"username": "intruder", "is_superuser": True, "password": "x"}}
    )

    with pytest.raises(ContentImportError, match="only roadmap content"):
        content_import(data=json.dumps(payload))

    assert not UserFactory._meta.model.objects.filter(username="intruder").exists()


def test_a_broken_file_changes_nothing():
    ItemFactory(slug="kept", title="Kept")
    payload = json.loads(content_export())
    payload.append({"model": "roadmap.item", "fields": {"slug": "bad", "title": "Bad", "estimated_hours": -3}})
    next(e for e in payload if e["model"] == "roadmap.item")["fields"]["title"] = "Changed"

    with pytest.raises(ContentImportError):
        content_import(data=json.dumps(payload))

    assert Item.objects.get(slug="kept").title == "Kept"
    assert not Item.objects.filter(slug="bad").exists()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ("not json", "Expecting value"),
        ("{}", "no content"),
        ('[{"model": "roadmap.nothing", "fields": {}}]', "Invalid model identifier"),
        ('[{"model": "roadmap.item"}]', "fields"),
    ],
)
def test_garbage_is_refused_with_a_clear_error(data, reason):
    with pytest.raises(ContentImportError) as refused:
        content_import(data=data)
    message = str(refused.value)
    assert reason in message and not message.rstrip().endswith(":"), "the problem is named after the colon"


def test_commands_round_trip_through_a_file(tmp_path):
    build_content()
    path = tmp_path / "content.json"
    call_command("export_content", output=path, stderr=open("/dev/null", "w"))  # noqa: SIM115
    before = content_export()
    wipe_content()

    call_command("import_content", str(path), verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert content_export() == before


def test_import_command_names_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_content", str(tmp_path / "missing.json"))


def test_set_status_retires_without_deleting():
    items = ItemFactory.create_batch(2)
    changed = content_set_status(queryset=Item.objects.all(), status=Publication.RETIRED)
    assert changed == 2
    assert Item.objects.count() == 2
    assert not Item.objects.published().exists()
    assert {item.pk for item in items} == set(Item.objects.values_list("pk", flat=True))


def test_set_status_refuses_an_unknown_status():
    with pytest.raises(ValueError, match="Unknown status"):
        content_set_status(queryset=Item.objects.all(), status="gone")

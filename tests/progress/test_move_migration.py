"""Progress moved from `roadmap` to its own app: a database made before the move keeps every row and permission.

The test takes the test database back to the migration state of the last release before the move (roadmap 0004,
no progress app), writes progress, history and a permission there with the historical models, migrates forward
and reads it all back through today's models. It runs on SQLite and on PostgreSQL, like the whole suite.
"""

from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, transaction

from progress.models import Progress, ProgressEvent
from tests.migrations import leaf_nodes, migrate, schema_at

BEFORE_THE_MOVE = [("roadmap", "0004_cache_table"), ("accounts", "0002_profile"), ("progress", None)]
WHEN = datetime(2026, 11, 1, 9, 30, tzinfo=UTC)


@pytest.fixture
def database_before_the_move(transactional_db):
    with schema_at(BEFORE_THE_MOVE) as apps:
        yield apps


def write_learners_record(apps):
    """What a learner and an editor had before the move, written with the models of that time."""
    User = apps.get_model("accounts", "User")
    Item = apps.get_model("roadmap", "Item")
    SkillArea = apps.get_model("roadmap", "SkillArea")
    OldProgress = apps.get_model("roadmap", "Progress")
    OldEvent = apps.get_model("roadmap", "ProgressEvent")
    ContentTypeThen = apps.get_model("contenttypes", "ContentType")
    PermissionThen = apps.get_model("auth", "Permission")

    area = SkillArea.objects.create(title="Programming", slug="programming")
    python = Item.objects.create(title="Python", slug="python", skill_area=area, summary="s", estimated_hours=40,
                                 status="published")  # fmt: skip
    sql = Item.objects.create(title="SQL", slug="sql", skill_area=area, summary="s", estimated_hours=20,
                              status="published")  # fmt: skip
    learner = User.objects.create(username="ada", email="ada@example.com", password="!")
    editor = User.objects.create(username="ed", email="ed@example.com", password="!", is_staff=True)
    OldProgress.objects.create(learner=learner, item=python, status="done", completed_at=WHEN, started_at=WHEN,
                               note="**Finished** the course", evidence_url="https://example.org/repo")  # fmt: skip
    OldProgress.objects.create(learner=learner, item=sql, status="skipped", skip_reason="already_known")
    for from_status, to_status, kind in [("not_started", "in_progress", "change"), ("in_progress", "done", "change")]:
        OldEvent.objects.create(learner=learner, item=python, from_status=from_status, to_status=to_status,
                                kind=kind, created_at=WHEN)  # fmt: skip
    OldEvent.objects.create(learner=learner, item=sql, from_status="not_started", to_status="skipped",
                            skip_reason="already_known", kind="change", created_at=WHEN)  # fmt: skip
    # The content type and permission as the release before the move had them: under `roadmap`.
    content_type, _ = ContentTypeThen.objects.get_or_create(app_label="roadmap", model="progress")
    permission, _ = PermissionThen.objects.get_or_create(
        content_type=content_type, codename="view_progress", defaults={"name": "Can view progress"}
    )
    editor.user_permissions.add(permission)
    return learner.pk, editor.pk, permission.pk


def test_migrating_from_before_the_move_keeps_progress_history_and_permissions(database_before_the_move):
    learner_id, editor_id, permission_id = write_learners_record(database_before_the_move)

    migrate(leaf_nodes())

    rows = {row.item.slug: row for row in Progress.objects.filter(learner_id=learner_id).select_related("item")}
    assert set(rows) == {"python", "sql"}
    python = rows["python"]
    assert (python.status, python.completed_at, python.note, python.evidence_url) == (
        "done", WHEN, "**Finished** the course", "https://example.org/repo"
    )  # fmt: skip
    # progress 0003 (known before joining) ran too: the "already known" skip is now done, known before joining.
    assert (rows["sql"].status, rows["sql"].skip_reason, rows["sql"].origin) == ("done", "", "known_before")
    assert python.origin == "here"
    history = ProgressEvent.objects.filter(learner_id=learner_id).order_by("id")
    assert [(event.item.slug, event.from_status, event.to_status, event.kind) for event in history] == [
        ("python", "not_started", "in_progress", "change"),
        ("python", "in_progress", "done", "change"),
        ("sql", "not_started", "skipped", "change"),
        ("sql", "skipped", "done", "known"),
    ]

    # The same permission row, now under the progress app: the editor still holds it.
    content_type = ContentType.objects.get_for_model(Progress)
    assert content_type.app_label == "progress"
    assert content_type.permission_set.filter(pk=permission_id, codename="view_progress").exists()
    editor = get_user_model().objects.get(pk=editor_id)
    assert editor.has_perm("progress.view_progress")
    assert not ContentType.objects.filter(app_label="roadmap", model__in=["progress", "progressevent"]).exists()

    # The constraints still guard the moved table under their old names.
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, Progress._meta.db_table)
    assert {"roadmap_progress_once_per_learner_item", "roadmap_progress_item_status"} <= set(constraints)
    with pytest.raises(IntegrityError), transaction.atomic():
        Progress.objects.create(learner_id=learner_id, item=python.item, status="in_progress")


def test_content_types_move_back_when_the_migration_is_reversed(database_before_the_move):
    migrate(leaf_nodes())
    assert ContentType.objects.filter(app_label="progress", model="progress").exists()
    migrate(BEFORE_THE_MOVE)
    assert ContentType.objects.filter(app_label="roadmap", model="progress").exists()
    assert not ContentType.objects.filter(app_label="progress", model="progress").exists()

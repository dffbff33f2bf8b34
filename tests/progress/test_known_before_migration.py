"""progress 0003-0005: every "skipped: I already know it" becomes done, known before joining, and back again.

Runs the migration on a test database (SQLite and PostgreSQL, like the whole suite) holding such skips, plain done
items and other skips, with the historical models of each side.
"""

from datetime import UTC, datetime

import pytest

from tests.migrations import latest_but, migrate, schema_at

SAID_AT = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
BEFORE, AFTER = "0002_move_content_types", "0005_origin_only_when_done"  # progress's, every other app at its latest


@pytest.fixture
def apps_before(transactional_db):
    with schema_at(latest_but("progress", BEFORE)) as apps:
        yield apps


def seed(apps):
    User = apps.get_model("accounts", "User")
    Item = apps.get_model("roadmap", "Item")
    SkillArea = apps.get_model("roadmap", "SkillArea")
    Progress = apps.get_model("progress", "Progress")
    ProgressEvent = apps.get_model("progress", "ProgressEvent")
    area = SkillArea.objects.create(title="Area", slug="area")
    items = {
        slug: Item.objects.create(
            title=slug, slug=slug, skill_area=area, summary="s", estimated_hours=10, status="published"
        )
        for slug in ["known", "learned", "irrelevant", "open"]
    }
    learner = User.objects.create(username="ada", email="ada@example.com", password="!")
    rows = [
        ("known", {"status": "skipped", "skip_reason": "already_known"}),
        ("learned", {"status": "done", "completed_at": SAID_AT}),
        ("irrelevant", {"status": "skipped", "skip_reason": "not_relevant"}),
        ("open", {"status": "in_progress"}),
    ]
    for slug, fields in rows:
        Progress.objects.create(learner=learner, item=items[slug], **fields)
    Progress.objects.filter(item=items["known"]).update(updated_at=SAID_AT)
    ProgressEvent.objects.create(learner=learner, item=items["known"], from_status="not_started",
                                 to_status="skipped", skip_reason="already_known", created_at=SAID_AT)  # fmt: skip
    return learner.pk


def states(apps, learner_id):
    Progress = apps.get_model("progress", "Progress")
    return {
        row.item.slug: (row.status, row.skip_reason, getattr(row, "origin", None), row.completed_at)
        for row in Progress.objects.filter(learner_id=learner_id).select_related("item")
    }


def test_already_known_skips_become_known_before_and_come_back(apps_before):
    learner_id = seed(apps_before)
    before = states(apps_before, learner_id)

    after_apps = migrate(latest_but("progress", AFTER))
    after = states(after_apps, learner_id)
    assert after["known"] == ("done", "", "known_before", SAID_AT), "done on the day it was said"
    assert after["learned"] == ("done", "", "here", SAID_AT)
    assert after["irrelevant"] == ("skipped", "not_relevant", "", None)
    assert after["open"] == ("in_progress", "", "", None)
    ProgressEvent = after_apps.get_model("progress", "ProgressEvent")
    events = list(ProgressEvent.objects.filter(learner_id=learner_id).order_by("id").values_list(
        "item__slug", "from_status", "to_status", "kind"))  # fmt: skip
    assert events == [("known", "not_started", "skipped", "change"), ("known", "skipped", "done", "known")]

    back_apps = migrate(latest_but("progress", BEFORE))
    back = states(back_apps, learner_id)
    assert {slug: state[:2] for slug, state in back.items()} == {slug: state[:2] for slug, state in before.items()}
    assert back["known"][3] is None and back["learned"][3] == SAID_AT
    ProgressEvent = back_apps.get_model("progress", "ProgressEvent")
    assert ProgressEvent.objects.filter(learner_id=learner_id).count() == 1, "the migration's own event goes"

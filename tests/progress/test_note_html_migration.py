"""progress 0006 renders every note written before it, so no page view has to parse Markdown."""

import pytest

from tests.migrations import latest_but, migrate, schema_at


@pytest.fixture
def apps_before(transactional_db):
    with schema_at(latest_but("progress", "0005_origin_only_when_done")) as apps:
        yield apps


def test_notes_written_before_get_their_html(apps_before):
    User = apps_before.get_model("accounts", "User")
    Item = apps_before.get_model("roadmap", "Item")
    Progress = apps_before.get_model("progress", "Progress")
    learner = User.objects.create(username="ada", email="ada@example.com", password="!")
    item = Item.objects.create(title="Python", slug="python", kind="project", summary="s", estimated_hours=10)
    row = Progress.objects.create(learner=learner, item=item, note="**Done** <script>x</script>")

    apps_after = migrate(latest_but("progress", "0006_note_rendered_once"))

    html = apps_after.get_model("progress", "Progress").objects.get(pk=row.pk).note_html
    assert "<strong>Done</strong>" in html and "<script" not in html

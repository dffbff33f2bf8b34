"""NUL and other control characters (all but tab, carriage return and newline) are refused wherever text comes in,
with the same clear message, and nothing is written."""

import json

import pytest
from django.urls import reverse

from accounts.models import Profile
from progress.models import Progress
from roadmap.models import Item
from roadmap.services import ContentImportError, content_export, content_import
from tests.factories import ItemFactory, RoleFactory

pytestmark = pytest.mark.django_db
BAD = ["a\x00b", "bell\x07", "escape\x1b[31m", "delete\x7f"]
MESSAGE = "Remove the control character"


@pytest.mark.parametrize("text", BAD)
def test_a_note_with_a_control_character_is_a_form_error(client_logged_in, user, text):
    ItemFactory(slug="python")
    response = client_logged_in.post(reverse("progress:update", args=["python"]), {"status": "done", "note": text})
    assert response.status_code == 400
    assert MESSAGE in response.content.decode()
    assert not Progress.objects.filter(learner=user).exists()


@pytest.mark.parametrize("text", BAD)
def test_a_display_name_with_a_control_character_is_a_form_error(client_logged_in, user, text):
    role = RoleFactory(is_primary=True)
    data = {"display_name": text, "background": "tech", "target_role": role.pk, "hours_per_week": 5, "time_zone": "UTC"}
    response = client_logged_in.post(reverse("accounts:goals"), data)
    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors["display_name"])
    assert MESSAGE in errors or "Null characters are not allowed" in errors  # Django's own check for NUL
    assert not Profile.objects.filter(user=user).exists()


@pytest.mark.parametrize("text", BAD)
def test_an_import_with_a_control_character_changes_nothing(text):
    ItemFactory(slug="python", title="Python")
    payload = json.loads(content_export())
    next(entry for entry in payload if entry["model"] == "roadmap.item")["fields"]["title"] = text
    with pytest.raises(ContentImportError, match=MESSAGE):
        content_import(data=json.dumps(payload))
    assert Item.objects.get(slug="python").title == "Python"


def test_tabs_and_line_breaks_are_text(client_logged_in, user):
    ItemFactory(slug="python")
    note = "line one\r\nline two\twith a tab"
    response = client_logged_in.post(reverse("progress:update", args=["python"]), {"status": "done", "note": note})
    assert response.status_code == 302
    assert Progress.objects.get(learner=user).note == note

"""NUL and other control characters (all but tab, carriage return and newline), and invisible characters that reorder
or hide text (bidirectional overrides, zero-width spaces), are refused wherever text comes in, with the same clear
message, and nothing is written. The joiners and direction marks that scripts and emoji need stay allowed."""

import json

import pytest
from django.urls import reverse

from accounts.models import Profile
from portfolio.models import Portfolio
from progress.models import Progress
from roadmap.models import Item
from roadmap.services import ContentImportError, content_export, content_import
from tests.factories import ItemFactory, RoleFactory

pytestmark = pytest.mark.django_db
BAD = ["a\x00b", "bell\x07", "escape\x1b[31m", "delete\x7f"]
MESSAGE = "Remove the control character"
# Each with the name the message gives it: a reader who cannot see the character learns which one to remove.
INVISIBLE = [
    ("Ana\u202enimda", "U+202E (right-to-left override)"), ("a\u202ab\u202c", "U+202A (left-to-right embedding)"),
    ("a\u2067b\u2069", "U+2067 (right-to-left isolate)"), ("Lea\u200b", "U+200B (zero width space)"),
    ("\ufeffLea", "U+FEFF (zero width no-break space)"), ("Le\u2060a", "U+2060 (word joiner)"),
]  # fmt: skip
LEGITIMATE = [
    "\U0001f469\u200d\U0001f4bb ML engineer",  # woman technologist: an emoji joined with U+200D
    "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # Persian, spelled with the zero-width non-joiner
    "\u05e9\u05dc\u05d5\u05dd (Shalom)\u200f",  # Hebrew and Latin, a right-to-left mark after the parenthesis
]
INVISIBLE_MESSAGE = "it can hide or reorder the text"


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


def goals(display_name: str) -> dict:
    role = RoleFactory(is_primary=True)
    return {"display_name": display_name, "background": "tech", "target_role": role.pk, "hours_per_week": 5,
            "time_zone": "UTC"}  # fmt: skip


@pytest.mark.parametrize(("text", "named"), INVISIBLE)
def test_a_display_name_with_an_invisible_character_is_a_form_error_that_names_it(client_logged_in, user, text, named):
    response = client_logged_in.post(reverse("accounts:goals"), goals(text))
    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors["display_name"])
    assert f"Remove the invisible character {named}: {INVISIBLE_MESSAGE}" in errors
    assert not Profile.objects.filter(user=user).exists()


@pytest.mark.parametrize(("text", "named"), INVISIBLE)
def test_a_note_with_an_invisible_character_is_a_form_error(client_logged_in, user, text, named):
    ItemFactory(slug="python")
    response = client_logged_in.post(reverse("progress:update", args=["python"]), {"status": "done", "note": text})
    assert response.status_code == 400 and INVISIBLE_MESSAGE in response.content.decode()
    assert not Progress.objects.filter(learner=user).exists()


@pytest.mark.parametrize(("text", "named"), INVISIBLE[:2])
def test_a_portfolio_headline_with_an_invisible_character_is_a_form_error(client_logged_in, user, text, named):
    response = client_logged_in.post(reverse("portfolio:settings"), {"handle": "lea", "headline": text})
    assert response.status_code == 400 and INVISIBLE_MESSAGE in response.content.decode()
    assert not Portfolio.objects.filter(learner=user).exists()


@pytest.mark.parametrize("text", LEGITIMATE)
def test_joiners_and_direction_marks_that_scripts_and_emoji_need_are_text(client_logged_in, user, text):
    assert client_logged_in.post(reverse("accounts:goals"), goals(text)).status_code == 302
    assert Profile.objects.get(user=user).display_name == text
    ItemFactory(slug="python")
    client_logged_in.post(reverse("progress:update", args=["python"]), {"status": "done", "note": text})
    assert Progress.objects.get(learner=user).note == text

"""Progress pages beyond the track: the item page's full form, reset and history, and progress in my data."""

import json

import pytest
from django.urls import reverse

from progress.models import Progress, ProgressStatus
from progress.services import progress_set_details, progress_set_status
from roadmap.models import Item, Publication
from tests.factories import ItemFactory, StageFactory, StageItemFactory, TrackFactory, UserFactory
from tests.progress.steps import my_status, post_status

pytestmark = pytest.mark.django_db


# --- The item page's full form -------------------------------------------------------------------------------------


def update_url(slug):
    return reverse("progress:update", args=[slug])


def test_the_item_page_saves_status_note_and_evidence(client_logged_in, user, track):
    response = client_logged_in.post(
        update_url("portfolio"),
        {
            "status": "done",
            "note": "Deployed it. <script>alert(1)</script> **Proud**.",
            "evidence_url": "https://github.com/me/portfolio",
        },
    )
    assert response.status_code == 302
    row = Progress.objects.get(learner=user)
    assert (row.status, row.evidence_url) == (ProgressStatus.DONE, "https://github.com/me/portfolio")
    page = client_logged_in.get(response["Location"]).content.decode()
    assert "<strong>Proud</strong>" in page
    assert "<script>alert(1)</script>" not in page, "the note's Markdown is sanitized"
    assert 'href="https://github.com/me/portfolio"' in page
    assert "done on" in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("evidence_url", "javascript:alert(1)", "starting with http or https"),
        ("evidence_url", "ftp://files.example.org/x", "starting with http or https"),
        ("note", "x" * 5001, "at most 5000 characters"),
        ("status", "done-ish", "is not a status"),
    ],
)
def test_bad_details_answer_400_and_keep_what_was_typed(client_logged_in, user, track, field, value, message):
    data = {"status": "done", "note": "My careful note", "evidence_url": "", field: value}
    response = client_logged_in.post(update_url("portfolio"), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    if field != "note":
        assert "My careful note" in body, "nothing the learner typed is lost"
    assert not Progress.objects.exists()


def test_the_item_page_shows_the_form_to_learners_and_a_prompt_to_visitors(client, user, track):
    url = reverse("roadmap:item-detail", args=["python"])
    assert "Sign in to mark this" in client.get(url).content.decode()
    client.force_login(user)
    page = client.get(url).content.decode()
    assert "Your progress" in page and 'name="note"' in page and 'name="evidence_url"' in page


# --- Reset and history ----------------------------------------------------------------------------------------------


def test_reset_asks_first_then_resets_and_keeps_the_history(client_logged_in, user, track):
    for slug in ["python", "portfolio"]:
        post_status(client_logged_in, slug, "done")
    url = reverse("progress:track-reset", args=["ml"])
    confirm = client_logged_in.get(url)
    assert confirm.status_code == 200
    assert "Reset your progress" in confirm.content.decode()
    assert my_status(user, "python") == ProgressStatus.DONE, "asking does not reset"

    response = client_logged_in.post(url)
    assert response.status_code == 302
    assert my_status(user, "python") == my_status(user, "portfolio") == ProgressStatus.NOT_STARTED
    history = client_logged_in.get(reverse("progress:history")).content.decode()
    assert history.count("track reset") == 2


def test_reset_says_what_it_does_and_keeps_shared_items_unless_asked(client_logged_in, user, track):
    other_track = TrackFactory(slug="career-change")
    StageItemFactory(stage=StageFactory(track=other_track), item=Item.objects.get(slug="python"))
    for slug in ["python", "statistics", "portfolio"]:
        post_status(client_logged_in, slug, "done")
    url = reverse("progress:track-reset", args=["ml"])
    summary = client_logged_in.get(url).content.decode().split('id="reset-summary">', 1)[1].split("</p>", 1)[0]
    assert "<strong>2 items</strong>" in summary and "keeps the 1 item it shares with other tracks" in summary

    client_logged_in.post(url)
    assert my_status(user, "python") == ProgressStatus.DONE, "shared: kept by default"
    assert my_status(user, "statistics") == my_status(user, "portfolio") == ProgressStatus.NOT_STARTED

    client_logged_in.post(url, {"include_shared": "on"})
    assert my_status(user, "python") == ProgressStatus.NOT_STARTED
    assert "Nothing to reset" in client_logged_in.get(url).content.decode()


def test_history_lists_only_my_changes_and_keeps_retired_items(client_logged_in, user, track):
    other = UserFactory()
    progress_set_status(user=other, item=ItemFactory(title="Their secret item"), status=ProgressStatus.DONE)
    old = ItemFactory(title="Old framework")
    progress_set_status(user=user, item=old, status=ProgressStatus.DONE)
    old.status = Publication.RETIRED
    old.save()
    page = client_logged_in.get(reverse("progress:history")).content.decode()
    assert "Old framework" in page and "retired" in page
    assert "Their secret item" not in page


def test_retired_items_leave_percentages_but_keep_progress(client_logged_in, user, track):
    post_status(client_logged_in, "python", "done")
    post_status(client_logged_in, "statistics", "done")
    page = client_logged_in.get(track.get_absolute_url()).content.decode()
    assert "2 of 4 done" in page

    python = Item.objects.get(slug="python")
    python.status = Publication.RETIRED
    python.save()  # as the admin saves it: content is read once per content version, and this is a new one
    page = client_logged_in.get(track.get_absolute_url()).content.decode()
    assert "1 of 3 done" in page
    assert my_status(user, "python") == ProgressStatus.DONE


@pytest.mark.parametrize("name", ["progress:history"])
def test_learner_pages_need_sign_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_reset_needs_sign_in(client, track):
    response = client.post(reverse("progress:track-reset", args=["ml"]))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


# --- My data --------------------------------------------------------------------------------------------------------


def test_progress_and_history_join_the_data_export(client_logged_in, user, track):
    item = ItemFactory(slug="exported")
    progress_set_status(user=user, item=item, status=ProgressStatus.DONE)
    progress_set_details(user=user, item=item, note="my note", evidence_url="https://example.org/proof")
    progress_set_status(user=UserFactory(), item=ItemFactory(slug="not-mine"), status=ProgressStatus.DONE)
    data = json.loads(b"".join(client_logged_in.get(reverse("accounts:my-data-json")).streaming_content))
    assert [(row["item"], row["status"], row["note"]) for row in data["progress"]] == [("exported", "done", "my note")]
    assert data["progress"][0]["origin"] == "Learned here"
    assert [(event["item"], event["from"], event["to"]) for event in data["progress_history"]] == [
        ("exported", "not_started", "done")
    ]


def test_the_item_page_and_my_data_show_where_a_done_item_was_learned(client_logged_in, user, track):
    python = Item.objects.get(slug="python")
    progress_set_status(user=user, item=python, status=ProgressStatus.DONE, origin="known_before")
    page = client_logged_in.get(python.get_absolute_url()).content.decode()
    assert 'id="progress-origin">known before joining<' in page
    assert "(known before joining)" in page.split("Your history here", 1)[1]
    data = json.loads(b"".join(client_logged_in.get(reverse("accounts:my-data-json")).streaming_content))
    assert data["progress"][0]["origin"] == "Known before joining"
    assert "known before joining" in client_logged_in.get(reverse("progress:history")).content.decode()

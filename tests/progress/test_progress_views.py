"""Progress pages: the track rows (htmx and plain POST), every bad input, and their queries (the item form, reset,
history and my data: test_item_page_and_history.py; a long path's filter and folds: test_track_page_long_path.py)."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.urls import reverse

from accounts.models import Profile
from progress.models import Progress, ProgressEvent, ProgressStatus
from progress.services import progress_set_details, progress_set_status
from roadmap.models import Item, Publication, SkillArea
from tests.factories import ItemFactory, StageFactory, StageItemFactory, TrackFactory, UserFactory
from tests.progress.steps import HTMX, my_status, post_status, status_url
from tests.queries import CONTENT_QUERIES, CONTENT_VERSION, KEPT_PER_CONTENT_VERSION, SEEN_KEY_SAVES

pytestmark = pytest.mark.django_db


def test_without_javascript_a_status_change_saves_and_returns_to_the_row(client_logged_in, user, track):
    back = f"{track.get_absolute_url()}#row-x"
    response = post_status(client_logged_in, "python", "done", data={"next": back, "track": "ml"})
    assert response.status_code == 302
    assert response["Location"] == back
    assert my_status(user, "python") == ProgressStatus.DONE
    page = client_logged_in.get(track.get_absolute_url()).content.decode()
    assert "“Python” is now done." in page
    assert "1 of 4 done" in page


def test_with_htmx_the_answer_updates_the_row_and_the_stage_bar_in_place(client_logged_in, user, track):
    response = post_status(client_logged_in, "python", "done", data={"track": "ml"}, **HTMX)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body, "a fragment, not a page"
    python_row = Progress.objects.get(learner=user).item.placements.get()
    assert f'id="row-{python_row.stage_id}-{python_row.item_id}"' in body
    assert 'data-status="done"' in body
    assert body.count('id="stage-progress-') == 1, "only the bar of the stage the item sits in: the other is unchanged"
    assert f'id="stage-progress-{python_row.stage_id}"' in body and "1/3 done" in body and "0/1 done" not in body
    assert 'id="track-progress"' in body and "25% done" in body
    assert "Saved: Python." in body, "screen readers hear the change"


def test_the_answer_follows_content_changes_made_after_the_track_was_last_ticked(client_logged_in, user, track):
    post_status(client_logged_in, "python", "done", data={"track": "ml"}, **HTMX)
    second = track.stages.get(title="Projects")
    StageItemFactory(stage=second, item__title="Capstone", item__slug="capstone")
    body = post_status(client_logged_in, "portfolio", "done", data={"track": "ml"}, **HTMX).content.decode()
    assert "1/2 done" in body and "40% done" in body, "the new item is in the stage's and the track's totals"
    track.status = Publication.RETIRED
    track.save()
    refused = post_status(client_logged_in, "statistics", "done", data={"track": "ml"}, **HTMX)
    assert refused.status_code == 400 and my_status(user, "statistics") is None, "a retired track takes no tick"


def test_a_skip_is_shown_and_never_counted_as_done(client_logged_in, user, track):
    post_status(client_logged_in, "python", "skipped:not_relevant")
    post_status(client_logged_in, "statistics", "done")
    page = client_logged_in.get(track.get_absolute_url()).content.decode()
    assert "1 of 4 done" in page and "1 skipped" in page
    assert "25% done" in page
    assert "Skipped items stay in the total and never count as done" in page
    assert 'value="skipped:not_relevant" selected' in page


def test_known_before_joining_is_done_from_the_same_control(client_logged_in, user, track):
    response = post_status(client_logged_in, "python", "done:known_before")
    assert response.status_code == 302
    row = Progress.objects.get(learner=user, item__slug="python")
    assert row.is_known_before
    page = client_logged_in.get(track.get_absolute_url()).content.decode()
    assert "1 of 4 done" in page and 'value="done:known_before" selected' in page


def test_the_old_already_known_skip_is_a_form_error(client_logged_in, user, track):
    response = post_status(client_logged_in, "python", "skipped:already_known")
    assert response.status_code == 400
    assert not Progress.objects.filter(learner=user).exists()


def test_a_visitor_sees_a_prompt_and_no_controls(client, track):
    page = client.get(track.get_absolute_url()).content.decode()
    assert "Tick off what you learn" in page
    assert 'name="status"' not in page


def test_a_rows_text_shows_as_text_for_learners_and_visitors(client, client_logged_in, user, track):
    """Track rows are Jinja2 macros (progress/jinja2/progress/track.html): each text is escaped (a quote as `&#34;`)."""
    Item.objects.filter(slug="python").update(title="Python <b>3</b>", summary='Lists & "dicts" <i>fast</i>')
    SkillArea.objects.filter(items__slug="python").update(title="Code <em>craft</em>")
    progress_set_details(user=user, item=Item.objects.get(slug="python"), note="n", evidence_url="https://example.org/")
    for reader in (client, client_logged_in):
        caches["pages"].clear()
        page = reader.get(track.get_absolute_url()).content.decode()
        assert "<b>3</b>" not in page and "<i>fast</i>" not in page and "<em>craft</em>" not in page
        assert '">Python &lt;b&gt;3&lt;/b&gt;</a>' in page
        assert "Lists &amp; &#34;dicts&#34; &lt;i&gt;fast&lt;/i&gt;</div>" in page
        assert ">Code &lt;em&gt;craft&lt;/em&gt;</span>" in page
    assert "Your status on Python &lt;b&gt;3&lt;/b&gt;</label>" in page, "the learner's status control is labelled"
    assert "evidence linked" in page and "</i> note</div>" in page


def test_a_visitor_posting_is_sent_to_sign_in_and_nothing_is_saved(client, track):
    response = post_status(client, "python", "done")
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert not Progress.objects.exists()


def test_status_changes_need_the_csrf_token(user, track):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)
    response = post_status(strict, "python", "done")
    assert response.status_code == 403
    assert not Progress.objects.exists()


def test_status_changes_are_post_only(client_logged_in, track):
    assert client_logged_in.get(status_url("python")).status_code == 405
    assert not Progress.objects.exists()


@pytest.mark.parametrize(
    ("status", "message"),
    [
        ("finished", "is not a status"),
        ("skipped", "is not a status"),
        ("skipped:bored", "is not a status"),
        ("", "Choose a status"),
    ],
)
def test_a_bad_status_answers_400_with_a_clear_message(client_logged_in, track, status, message):
    response = post_status(client_logged_in, "python", status)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Progress.objects.exists()


def test_an_unknown_or_retired_item_answers_404(client_logged_in, user, track):
    assert post_status(client_logged_in, "no-such-item", "done").status_code == 404
    ItemFactory(slug="old", status=Publication.RETIRED)
    assert post_status(client_logged_in, "old", "done").status_code == 404
    assert not Progress.objects.exists()


def test_an_item_retired_since_the_last_tick_on_its_track_answers_404(client_logged_in, user, track):
    """The track's outline (which holds its items) is read again once content changes: a retired item is gone."""
    assert post_status(client_logged_in, "python", "done", data={"track": "ml"}, **HTMX).status_code == 200
    statistics = Item.objects.get(slug="statistics")
    statistics.status = Publication.RETIRED
    statistics.save()
    assert post_status(client_logged_in, "statistics", "done", data={"track": "ml"}, **HTMX).status_code == 404
    assert my_status(user, "statistics") is None
    visitor = post_status(Client(), "python", "done", data={"track": "ml"}, **HTMX)
    assert visitor.status_code == 302 and "/accounts/login/" in visitor["Location"], "visitors sign in first"


def test_a_learner_cannot_touch_another_learners_progress(client_logged_in, user, track):
    """Progress is always the signed-in learner's: naming someone else in the form changes nothing of theirs."""
    other = UserFactory()
    progress_set_status(user=other, item=ItemFactory(slug="theirs"), status=ProgressStatus.DONE)
    response = post_status(client_logged_in, "theirs", "not_started", data={"learner": other.pk, "user": other.pk})
    assert response.status_code == 302
    assert my_status(other, "theirs") == ProgressStatus.DONE
    assert my_status(user, "theirs") is None, "not started, on an item they never touched, stores no row"


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/x", "x", "javascript:alert(1)", "/\\evil.example", " "]
)
@pytest.mark.parametrize("view", ["progress:status", "progress:update"])
def test_an_unusable_next_falls_back_to_the_item_page(client_logged_in, user, track, view, target):
    response = client_logged_in.post(reverse(view, args=["python"]), {"status": "done", "next": target})
    assert response.status_code == 302
    assert response["Location"] == reverse("roadmap:item-detail", args=["python"])
    assert my_status(user, "python") == ProgressStatus.DONE


def test_a_path_on_this_site_is_where_the_browser_comes_back(client_logged_in, track):
    response = post_status(client_logged_in, "python", "done", data={"next": "/tracks/ml/?show=todo#row-1"})
    assert response["Location"] == "/tracks/ml/?show=todo#row-1"


def test_the_same_change_sent_twice_leaves_one_row_and_one_event(client_logged_in, user, track):
    for _ in range(2):
        assert post_status(client_logged_in, "python", "done", data={"track": "ml"}, **HTMX).status_code == 200
    assert Progress.objects.filter(learner=user).count() == 1
    assert ProgressEvent.objects.filter(learner=user).count() == 1


# --- Queries --------------------------------------------------------------------------------------------------------


# From scratch: session, user with profile, the content version, the published content (7, kept per content version
# and process: tests.queries.CONTENT_QUERIES), the learner's progress on the track, the navigation's tracks (kept
# too). Then 3.
TRACK_PAGE_QUERIES = 11 + CONTENT_VERSION
# A tick answered for htmx: session, user with profile (the item comes with the track's outline); then on PostgreSQL
# the change as one statement (progress.tick_sql.one_statement: the row's upsert, its event, the record version) sent
# with the learner's statuses for the bars, one round trip; elsewhere the locked row (get or create), its update and
# the event inside a savepoint each (in tests the outer transaction makes the request's atomic a savepoint too), the
# record version (one UPDATE, no cache write) and last the learner's statuses on the track. The track's outline
# (stages, placements and their items) comes from the published content, read once per content version and process
# (tests.queries.CONTENT_QUERIES more then).
HTMX_ANSWER_QUERIES = 3 if connection.vendor == "postgresql" else 12


def test_the_track_page_with_statuses_runs_the_same_queries_for_5_items_and_for_200(
    client_logged_in, user, assert_page_queries, django_assert_num_queries
):
    track = TrackFactory()
    stages = [StageFactory(track=track) for _ in range(3)]

    def grow(count):
        for index in range(count):
            item = StageItemFactory(stage=stages[index % 3]).item
            status = [ProgressStatus.DONE, ProgressStatus.IN_PROGRESS, ProgressStatus.NOT_STARTED][index % 3]
            progress_set_status(user=user, item=item, status=status)
            progress_set_details(user=user, item=item, note="n", evidence_url="https://example.org/")

    grow(5)
    assert_page_queries(client_logged_in, track.get_absolute_url(), TRACK_PAGE_QUERIES)
    with django_assert_num_queries(TRACK_PAGE_QUERIES - KEPT_PER_CONTENT_VERSION - SEEN_KEY_SAVES):
        assert client_logged_in.get(track.get_absolute_url()).status_code == 200
    grow(195)
    assert_page_queries(client_logged_in, track.get_absolute_url(), TRACK_PAGE_QUERIES)


def test_the_htmx_answer_runs_the_same_queries_for_5_items_and_for_200(
    client_logged_in, user, django_assert_num_queries
):
    track = TrackFactory(slug="big")
    stage = StageFactory(track=track)
    items = [StageItemFactory(stage=stage).item for _ in range(5)]
    Profile.objects.create(user=user)  # a learner without one gets it on their first change (4 statements, once)

    def change(item, queries):
        with django_assert_num_queries(queries):
            response = post_status(client_logged_in, item.slug, "done", data={"track": "big"}, **HTMX)
        assert response.status_code == 200

    change(items[0], HTMX_ANSWER_QUERIES + CONTENT_QUERIES)  # the first request of this session key
    change(items[1], HTMX_ANSWER_QUERIES - SEEN_KEY_SAVES)
    items += [StageItemFactory(stage=stage).item for _ in range(195)]  # new content: the outline is read again
    change(items[2], HTMX_ANSWER_QUERIES + CONTENT_QUERIES - SEEN_KEY_SAVES)
    change(items[-1], HTMX_ANSWER_QUERIES - SEEN_KEY_SAVES)

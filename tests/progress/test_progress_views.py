"""Progress pages: the track rows (htmx and plain POST), the item form, reset, history, and every bad input."""

import json

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.urls import reverse

from accounts.models import Profile
from progress.models import Progress, ProgressEvent, ProgressStatus
from progress.services import progress_set_details, progress_set_status
from roadmap.models import Item, Publication, SkillArea, Stage
from tests.factories import ItemFactory, StageFactory, StageItemFactory, TrackFactory, UserFactory
from tests.queries import CONTENT_QUERIES, NAVIGATION_KEPT, SEEN_KEY_SAVES

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def track():
    track = TrackFactory(slug="ml", title="ML engineer path")
    first = StageFactory(track=track, title="Foundations", position=1)
    second = StageFactory(track=track, title="Projects", position=2)
    for title in ["Python", "Linear algebra", "Statistics"]:
        StageItemFactory(stage=first, item__title=title, item__slug=title.lower().replace(" ", "-"))
    StageItemFactory(stage=second, item__title="Portfolio", item__slug="portfolio")
    return track


def status_url(slug):
    return reverse("progress:status", args=[slug])


def post_status(client, slug, status, **extra):
    return client.post(status_url(slug), {"status": status, **extra.pop("data", {})}, **extra)


def my_status(user, slug):
    row = Progress.objects.filter(learner=user, item__slug=slug).first()
    return row.status if row else None


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


# --- Queries --------------------------------------------------------------------------------------------------------


# From scratch: session, user with profile, the published content (7, kept per content version and process:
# tests.queries.CONTENT_QUERIES), the learner's progress on the track, the navigation's tracks (kept too). Then 3.
TRACK_PAGE_QUERIES = 11
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
    with django_assert_num_queries(TRACK_PAGE_QUERIES - CONTENT_QUERIES - NAVIGATION_KEPT - SEEN_KEY_SAVES):
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


# --- A track page that fits a long path -----------------------------------------------------------------------------


def test_the_filter_shows_only_the_rows_asked_for_and_keeps_the_tallies(client_logged_in, user, track):
    post_status(client_logged_in, "python", "done")
    post_status(client_logged_in, "statistics", "in_progress")
    url = track.get_absolute_url()
    rows = {
        show: [
            part.split('"', 1)[0]
            for part in client_logged_in.get(f"{url}?show={show}").content.decode().split('data-status="')[1:]
        ]
        for show in ["all", "todo", "in_progress", "done", "nonsense"]
    }
    assert sorted(rows["all"]) == ["done", "in_progress", "not_started", "not_started"]
    assert rows["todo"] == ["not_started", "not_started"]
    assert rows["in_progress"] == ["in_progress"] and rows["done"] == ["done"]
    assert rows["nonsense"] == rows["all"], "an unknown filter shows everything"
    page = client_logged_in.get(f"{url}?show=done").content.decode()
    assert "1 of 4 done" in page, "the tally counts every item, shown or not"
    assert 'href="?show=done" aria-current="page"' in page


def test_stages_fold_open_on_the_stage_the_learner_is_in(client_logged_in, user, track):
    def open_stages():
        page = client_logged_in.get(track.get_absolute_url()).content.decode()
        return [part.split("</h2>", 1)[0].rsplit(">", 1)[1] for part in page.split('<h2 id="stage-heading-')[1:]
                if '<details class="stage-items" open>' in part.split("</details>", 1)[0]]  # fmt: skip

    assert open_stages() == ["Foundations"]
    for slug in ["python", "linear-algebra"]:
        post_status(client_logged_in, slug, "done")
    post_status(client_logged_in, "statistics", "skipped:not_relevant")
    assert open_stages() == ["Projects"], "Foundations is finished: the learner is in Projects now"


def test_finishing_the_last_item_of_a_stage_says_so_and_what_comes_next(client_logged_in, user, track):
    for slug in ["python", "linear-algebra"]:
        post_status(client_logged_in, slug, "done", data={"track": "ml"}, **HTMX)
    response = post_status(client_logged_in, "statistics", "done", data={"track": "ml"}, **HTMX)
    body = response.content.decode()
    assert "Stage complete: Foundations</strong>, 3 of 3. Next: <a" in body and "Projects</a>" in body
    assert "Stage complete: Foundations, 3 of 3. Next: Projects." in body, "screen readers hear it too"

    response = post_status(client_logged_in, "portfolio", "done", data={"track": "ml", "next": "/tracks/ml/"})
    assert response.status_code == 302
    page = client_logged_in.get(response["Location"]).content.decode()
    assert "Stage complete: Projects, 1 of 1. That was the last stage of this track." in page


def test_finishing_the_last_stage_in_place_tells_screen_readers_what_the_page_shows(client_logged_in, user, track):
    """The announcement and the message say the same words (progress.selectors.stage_complete_words)."""
    body = post_status(client_logged_in, "portfolio", "done", data={"track": "ml"}, **HTMX).content.decode()
    said = body.split('id="progress-announcement"', 1)[1].split("</div>", 1)[0]
    assert said.endswith("Stage complete: Projects, 1 of 1. That was the last stage of this track.")
    assert "</strong>, 1 of 1. That was the last stage of this track.</p>" in body


def test_a_ticks_answer_shows_titles_as_text(client_logged_in, user, track):
    """The htmx answer is Jinja2 macros (progress/jinja2/progress/track.html): the row, the stage message and the
    announcement show each title as text."""
    Item.objects.filter(slug="statistics").update(title="Stats <b>&</b> more")
    Stage.objects.filter(title="Foundations").update(title="Foundations <em>first</em>")
    Stage.objects.filter(title="Projects").update(title='Projects "<i>next</i>"')
    for slug in ["python", "linear-algebra"]:
        post_status(client_logged_in, slug, "done", data={"track": "ml"}, **HTMX)
    body = post_status(client_logged_in, "statistics", "done", data={"track": "ml"}, **HTMX).content.decode()
    assert "<b>&</b>" not in body and "<em>first</em>" not in body and "<i>next</i>" not in body
    assert '">Stats &lt;b&gt;&amp;&lt;/b&gt; more</a>' in body, "the row"
    assert "Stage complete: Foundations &lt;em&gt;first&lt;/em&gt;</strong>, 3 of 3." in body
    assert "Projects &#34;&lt;i&gt;next&lt;/i&gt;&#34;</a>." in body, "the link to the next stage"
    assert (
        "Saved: Stats &lt;b&gt;&amp;&lt;/b&gt; more. 3 of 4 done on this track. Stage complete: Foundations "
        "&lt;em&gt;first&lt;/em&gt;, 3 of 3. Next: Projects &#34;&lt;i&gt;next&lt;/i&gt;&#34;.</div>"
    ) in body, "what screen readers hear"
    assert 'aria-label="Foundations &lt;em&gt;first&lt;/em&gt;: 100% done"' in body, "the stage's bar"


def test_an_unknown_track_is_refused_before_anything_is_saved(client_logged_in, user, track):
    response = post_status(client_logged_in, "python", "done", data={"track": "no-such-track"}, **HTMX)
    assert response.status_code == 400
    assert my_status(user, "python") is None

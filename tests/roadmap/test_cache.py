"""Cached pages are never stale: a tick, a goals change or an admin edit shows on the very next request."""

import re
import zlib

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Profile
from careerpath.db.statements import sent_statements
from careerpath.page_cache import CSRF_PLACEHOLDER, CompressedPage, accepts_deflate, compact
from roadmap.cache import content_token_forget
from roadmap.models import ContentVersion, Item, Publication
from tests.factories import (
    RoleFactory,
    RoleRequirementFactory,
    StageFactory,
    StageItemFactory,
    TrackFactory,
    UserFactory,
)
from tests.queries import SEEN_KEY_SAVES
from tests.roadmap.test_admin import form_data

pytestmark = pytest.mark.django_db
DASHBOARD = "/dashboard/"


@pytest.fixture
def site():
    track = TrackFactory(slug="ml")
    stage = StageFactory(track=track)
    engineer = RoleFactory(slug="ml-engineer", is_primary=True)
    items = [StageItemFactory(stage=stage, item__title=f"Topic {n}", item__slug=f"topic-{n}").item for n in range(4)]
    for item in items:
        RoleRequirementFactory(role=engineer, item=item, weight=1)
    return {"track": track, "items": items}


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def main(page):
    """The page's main content (the navbar's sign-out form carries a fresh CSRF mask on every response)."""
    return page.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def readiness(page):
    return page.split('data-readiness="ml-engineer">', 1)[1].split("<", 1)[0]


def test_the_dashboard_is_served_from_the_cache_until_something_changes(client_logged_in, site):
    first_count, first = queries(client_logged_in, DASHBOARD)
    second_count, second = queries(client_logged_in, DASHBOARD)
    assert main(second) == main(first)
    assert second_count < first_count


def test_a_tick_shows_on_the_dashboard_at_once(client_logged_in, site):
    assert readiness(client_logged_in.get(DASHBOARD).content.decode()) == "0%"
    client_logged_in.post(reverse("progress:status", args=["topic-0"]), {"status": "done"})
    assert readiness(client_logged_in.get(DASHBOARD).content.decode()) == "25%"
    client_logged_in.post(reverse("progress:track-reset", args=["ml"]))
    assert readiness(client_logged_in.get(DASHBOARD).content.decode()) == "0%"


def test_one_learners_tick_leaves_anothers_cached_dashboard_alone(client, site):
    me, other = UserFactory(), UserFactory()
    client.force_login(me)
    client.get(DASHBOARD)
    other_client = Client()
    other_client.force_login(other)
    other_client.post(reverse("progress:status", args=["topic-0"]), {"status": "done"})
    assert readiness(client.get(DASHBOARD).content.decode()) == "0%"
    assert readiness(other_client.get(DASHBOARD).content.decode()) == "25%"


def test_a_goals_change_shows_on_the_dashboard_at_once(client_logged_in, user, site):
    Profile.objects.create(user=user, hours_per_week=5)
    assert "The 5 h per week you said" in client_logged_in.get(DASHBOARD).content.decode()
    response = client_logged_in.post(
        reverse("accounts:goals"),
        {"display_name": "", "background": "tech", "target_role": RoleFactory._meta.model.objects.get().pk,
         "target_date": "", "hours_per_week": 12, "time_zone": "UTC"},
    )  # fmt: skip
    assert response.status_code == 302
    assert "The 12 h per week you said" in client_logged_in.get(DASHBOARD).content.decode()


def test_an_admin_edit_shows_to_visitors_and_learners_at_once(editor_client, site):
    visitor = Client()
    learner = Client()
    learner.force_login(UserFactory())
    track_url = site["track"].get_absolute_url()
    assert "Topic 0" in visitor.get(track_url).content.decode()
    assert "Topic 0" in learner.get(DASHBOARD).content.decode()

    item = site["items"][0]
    change_url = reverse("admin:roadmap_item_change", args=[item.pk])
    data = form_data(editor_client.get(change_url))
    data["title"] = "Renamed topic"
    assert editor_client.post(change_url, data).status_code == 302

    assert "Renamed topic" in visitor.get(track_url).content.decode()
    assert "Renamed topic" in learner.get(DASHBOARD).content.decode()


def test_retiring_in_the_admin_shows_at_once(editor_client, site):
    visitor = Client()
    track_url = site["track"].get_absolute_url()
    assert "Topic 1" in visitor.get(track_url).content.decode()
    editor_client.post(
        reverse("admin:roadmap_item_changelist"),
        {"action": "mark_retired", "_selected_action": [site["items"][1].pk]},
    )
    assert Item.objects.get(slug="topic-1").status == Publication.RETIRED
    assert "Topic 1" not in visitor.get(track_url).content.decode()


def test_the_visitor_track_page_is_cached_and_holds_nothing_personal(client, user, site):
    visitor = Client()
    track_url = site["track"].get_absolute_url()
    first_count, first = queries(visitor, track_url)
    second_count, second = queries(visitor, track_url)
    assert second == first and second_count < first_count
    assert "csrfmiddlewaretoken" not in second
    client.force_login(user)
    learner_page = client.get(track_url).content.decode()
    assert 'name="status"' in learner_page, "signed-in learners get their own, uncached page"


@pytest.fixture
def seconds_later(monkeypatch):
    """`seconds_later(n)`: this process's clock for the content token, n seconds on."""
    import roadmap.cache

    offset = [0.0]
    real = roadmap.cache.monotonic
    monkeypatch.setattr(roadmap.cache, "monotonic", lambda: real() + offset[0])

    def advance(seconds):
        offset[0] += seconds

    return advance


def test_a_lost_version_row_means_a_fresh_page_never_a_stale_one(client_logged_in, site, seconds_later):
    visitor = Client()
    track_url = site["track"].get_absolute_url()
    visitor.get(track_url)
    Item.objects.filter(slug="topic-2").update(title="Changed behind the cache's back")
    ContentVersion.objects.all().delete()  # by hand, or a database restored without it
    seconds_later(settings.CONTENT_TOKEN_SECONDS)
    assert "Changed behind the cache" in visitor.get(track_url).content.decode()
    assert ContentVersion.objects.count() == 1, "a new version, made where it was missing"


def test_an_edit_made_on_another_app_server_shows_here_within_the_content_token_seconds(site, seconds_later):
    """This process asks the database for the content version at most once a second (one query less on every
    cached page); an edit committed on another app server replaced the version, so it shows here by then."""
    visitor = Client()
    track_url = site["track"].get_absolute_url()
    visitor.get(track_url)
    Item.objects.filter(slug="topic-2").update(title="Edited on another server")
    ContentVersion.objects.update(token="the-other-servers-new-token")  # what its content_changed wrote
    assert "Edited on another server" not in visitor.get(track_url).content.decode()
    seconds_later(settings.CONTENT_TOKEN_SECONDS / 2)
    assert "Edited on another server" not in visitor.get(track_url).content.decode()
    seconds_later(settings.CONTENT_TOKEN_SECONDS / 2)
    assert "Edited on another server" in visitor.get(track_url).content.decode()


def test_a_cached_visitor_page_costs_no_query_while_the_content_version_is_remembered(site, settings):
    visitor = Client()
    track_url = site["track"].get_absolute_url()
    visitor.get(track_url)
    count, page = queries(visitor, track_url)
    assert count == 0 and "Topic 3" in page
    settings.CONTENT_TOKEN_SECONDS = 0
    content_token_forget()
    count, page = queries(visitor, track_url)
    assert count == 1 and "Topic 3" in page, "asked every time: the version's one query"


def test_the_new_content_version_commits_with_the_edit_or_not_at_all(site):
    """Written in the edit's transaction: an edit rolled back leaves the version (and every cached page) as it was."""
    before = ContentVersion.objects.get().token
    with pytest.raises(RuntimeError), transaction.atomic():
        item = site["items"][0]
        item.title = "Never saved"
        item.save()
        assert ContentVersion.objects.get().token != before, "the new version, inside the edit's transaction"
        raise RuntimeError("the save fails after the version was written")
    assert ContentVersion.objects.get().token == before


def test_a_cached_page_carries_the_learners_own_working_csrf_token(user, site):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    browser.get(DASHBOARD)
    page = browser.get(DASHBOARD).content.decode()  # from the cache
    assert "careerpath-csrf-placeholder" not in page
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = browser.post(reverse("account_logout"), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert browser.get(DASHBOARD).status_code == 302, "signed out: the token from the cached page worked"


def test_a_message_is_shown_once_and_never_cached(client_logged_in, site):
    client_logged_in.get(DASHBOARD)
    client_logged_in.post(reverse("progress:status", args=["topic-0"]), {"status": "done"})
    assert "is now done" in client_logged_in.get(DASHBOARD).content.decode()
    assert "is now done" not in client_logged_in.get(DASHBOARD).content.decode()


def test_a_cached_dashboard_costs_the_session_and_the_user_with_profile_only(client_logged_in, user, site):
    Profile.objects.create(user=user, time_zone="Europe/Paris")
    client_logged_in.get(DASHBOARD)
    with CaptureQueriesContext(connection) as captured:
        assert client_logged_in.get(DASHBOARD).status_code == 200
    statements = [statement for query in captured.captured_queries for statement in sent_statements(query["sql"])]
    tables = [statement.split(" FROM ", 1)[1].split()[0].strip('"') for statement in statements]
    assert tables == ["django_session", "accounts_user"], "the profile comes joined to the user"
    assert len(captured) == 2 - SEEN_KEY_SAVES, "on PostgreSQL the two statements go in one round trip"


def test_cached_pages_drop_the_templates_indentation_but_never_whitespace_that_is_content():
    assert compact("<p>\n    a\n\n      <b>b</b> c\n</p>") == "<p>\na\n<b>b</b> c\n</p>", "words stay apart"
    code = "<p>\n  x</p><pre>\n    indented code\n</pre>"
    assert compact(code) == code
    assert compact("<textarea>\n  a note</textarea>") == "<textarea>\n  a note</textarea>"


def test_the_dashboard_and_the_track_page_are_stored_without_indentation(client_logged_in, site):
    first = client_logged_in.get(DASHBOARD).content.decode()
    second = client_logged_in.get(DASHBOARD).content.decode()
    assert "\n  " not in first and "\n  " not in second and readiness(second) == "0%"
    visitor_page = Client().get(site["track"].get_absolute_url()).content.decode()
    assert "\n  " not in visitor_page and "Topic 3" in visitor_page


def _inflated(response) -> str:
    assert response["Content-Encoding"] == "deflate"
    assert "Accept-Encoding" in response["Vary"]
    return zlib.decompress(response.content).decode()


def test_a_browser_that_accepts_deflate_gets_the_cached_dashboard_compressed_with_its_own_working_token(user, site):
    browser = Client(enforce_csrf_checks=True, headers={"Accept-Encoding": "gzip, deflate, br, zstd"})
    browser.force_login(user)
    first = _inflated(browser.get(DASHBOARD))  # rendered
    second_response = browser.get(DASHBOARD)  # from the cache
    second = _inflated(second_response)
    assert main(second) == main(first) and readiness(second) == "0%"
    assert len(second_response.content) < len(second.encode()) / 3
    plain = Client(headers={"Accept-Encoding": "gzip"})
    plain.force_login(user)
    as_text = plain.get(DASHBOARD)
    assert "Content-Encoding" not in as_text and main(as_text.content.decode()) == main(second)

    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', second).group(1)
    assert browser.post(reverse("account_logout"), {"csrfmiddlewaretoken": token}).status_code == 302
    assert browser.get(DASHBOARD).status_code == 302, "signed out: the token spliced into the compressed page works"


def test_visitors_get_the_track_page_compressed_and_clients_that_refuse_deflate_get_text(site):
    url = site["track"].get_absolute_url()
    compressed = Client(headers={"Accept-Encoding": "deflate"})
    compressed.get(url)
    assert "Topic 3" in _inflated(compressed.get(url))
    refused = Client(headers={"Accept-Encoding": "gzip, deflate;q=0"}).get(url)
    assert "Content-Encoding" not in refused and "Topic 3" in refused.content.decode()
    assert "Accept-Encoding" in refused["Vary"], "a shared cache must not hand the text to a browser, or back"


@pytest.mark.parametrize(
    ("header", "accepted"),
    [("gzip, deflate, br, zstd", True), ("DEFLATE ; q=0.5", True), ("deflate", True), ("gzip", False),
     ("deflate;q=0", False), ("deflate;q=0.0", False), ("x-deflate", False), ("", False)],
)  # fmt: skip
def test_deflate_is_sent_only_to_clients_that_accept_it(header, accepted):
    assert accepts_deflate(header) is accepted


def test_a_compressed_page_puts_each_token_in_its_place_with_a_valid_checksum():
    html = "<form>" + CSRF_PLACEHOLDER + "</form>" + "long text " * 10_000 + "<form>" + CSRF_PLACEHOLDER + "</form>"
    page = CompressedPage.of(html)
    body = page.deflated(b"per-response-token")
    assert zlib.decompress(body).decode() == html.replace(CSRF_PLACEHOLDER, "per-response-token")  # checks Adler-32
    assert page.text("t") == html.replace(CSRF_PLACEHOLDER, "t")
    assert zlib.decompress(CompressedPage.of("no form here").deflated(b"")) == b"no form here"

"""What a signed-in learner gets (pages and the API's /me) says `Cache-Control: private, no-store`, so no shared or
disk cache keeps it; public pages keep their own headers for visitors."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.tokens import token_create
from planning.services import calendar_feed_get
from tests.factories import StageItemFactory, TrackFactory

pytestmark = pytest.mark.django_db
PRIVATE = "private, no-store"


@pytest.fixture
def track(db):
    track = TrackFactory(slug="ml")
    StageItemFactory(stage__track=track, item__slug="python")
    return track


@pytest.fixture
def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=user, name='notes', scope='read', days=30)[1]}"}


@pytest.mark.parametrize("view", ["progress:dashboard", "accounts:goals", "planning:plan", "portfolio:settings"])
def test_a_learners_own_page_is_private_and_not_stored(client_logged_in, track, view):
    response = client_logged_in.get(reverse(view))
    assert response.status_code == 200 and response["Cache-Control"] == PRIVATE


def test_the_dashboard_served_from_the_page_cache_is_private_too(client_logged_in, track):
    client_logged_in.get(reverse("progress:dashboard"))
    again = client_logged_in.get(reverse("progress:dashboard"), HTTP_ACCEPT_ENCODING="deflate")
    assert again["Content-Encoding"] == "deflate" and again["Cache-Control"] == PRIVATE


def test_a_content_page_with_the_learners_statuses_is_private(client_logged_in, track):
    assert client_logged_in.get(track.get_absolute_url())["Cache-Control"] == PRIVATE


@pytest.mark.parametrize("path", ["/me", "/me/progress", "/me/dashboard", "/me/portfolio", "/me/no-such-thing"])
def test_every_api_answer_under_me_with_a_token_is_private_and_not_stored(client, track, bearer, path):
    client.raise_request_exception = False
    response = client.get("/api/v1" + path, **bearer)
    assert response["Cache-Control"] == PRIVATE, response.status_code


def test_an_unauthenticated_api_answer_under_me_is_private_too(client):
    response = client.get("/api/v1/me")
    assert response.status_code == 401 and response["Cache-Control"] == PRIVATE


def test_a_visitor_gets_public_pages_without_private_headers(client, track):
    for url in (reverse("roadmap:home"), track.get_absolute_url(), "/api/v1/tracks"):
        response = client.get(url)
        cache_control = response.get("Cache-Control", "")
        assert response.status_code == 200 and "private" not in cache_control and "no-store" not in cache_control


def test_views_that_chose_their_headers_keep_them_for_a_signed_in_caller(client_logged_in, user, track, bearer):
    """The content API stays publicly revalidated with a token; the calendar feed keeps its own header."""
    content = Client().get("/api/v1/tracks", **bearer)
    assert content["Cache-Control"] == "public, max-age=0, must-revalidate"
    not_modified = Client().get("/api/v1/tracks", HTTP_IF_NONE_MATCH=content["ETag"], **bearer)
    assert not_modified.status_code == 304 and not_modified["Cache-Control"] == content["Cache-Control"]
    feed = client_logged_in.get(reverse("planning:calendar-feed", args=[calendar_feed_get(user=user).token]))
    assert feed["Cache-Control"] == "private, no-cache"

"""A cached page a visitor gets (no CSRF token in it) carries an ETag hashed once when it was stored, weak because
the compressed bytes differ by their random padding: a browser that revalidates gets a 304, and one that takes no
deflate gets text under an ETag of its own. A page with a token (a learner's) is private and gets none."""

import pytest
import requests
from django.test import Client

from tests.factories import StageItemFactory, TrackFactory

pytestmark = pytest.mark.django_db
BROWSER = "gzip, deflate, br, zstd"


@pytest.fixture
def track_url():
    track = TrackFactory(slug="ml")
    StageItemFactory(stage__track=track)
    return track.get_absolute_url()


def test_a_visitor_revalidates_a_cached_page_and_gets_a_304(track_url):
    browser = Client(headers={"Accept-Encoding": BROWSER})
    first, second = browser.get(track_url), browser.get(track_url)
    assert first.status_code == 200 and first["Content-Encoding"] == "deflate"
    assert first["ETag"] == second["ETag"] and first["ETag"].startswith('W/"')
    revalidated = browser.get(track_url, headers={"If-None-Match": first["ETag"]})
    assert revalidated.status_code == 304 and revalidated.content == b""
    text = Client(headers={"Accept-Encoding": "gzip"}).get(track_url)
    assert "Content-Encoding" not in text and text["ETag"] != first["ETag"]
    assert Client().get(track_url, headers={"If-None-Match": first["ETag"]}).status_code == 200, "not the text's tag"


def test_a_learners_page_with_its_token_gets_no_etag(client_logged_in, track_url):
    response = client_logged_in.get(track_url, headers={"Accept-Encoding": BROWSER})
    assert response.status_code == 200 and "ETag" not in response
    assert "no-store" in response["Cache-Control"]


def test_an_http_client_revalidates_the_visitor_page(live_server, transactional_db):
    """requests, an independent client, against the live server: the If-None-Match it sends back gets a 304."""
    track = TrackFactory(slug="ml")
    StageItemFactory(stage__track=track)
    url = live_server.url + track.get_absolute_url()
    first = requests.get(url, timeout=5)
    again = requests.get(url, headers={"If-None-Match": first.headers["ETag"]}, timeout=5)
    assert first.status_code == 200 and again.status_code == 304

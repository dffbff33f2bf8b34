"""The content API as HTTP caches and clients see it: CacheControl (requests' cache, the one pip uses) against the
live server, and the conditional-request rules of RFC 9110 that Django's ConditionalGetMiddleware applies."""

import pytest
import requests
from cachecontrol import CacheControl

from roadmap.cache import content_token_forget
from roadmap.services import content_export, content_import

pytestmark = pytest.mark.django_db


def test_an_http_cache_revalidates_and_keeps_the_json_as_json(live_server, content, transactional_db):
    session = CacheControl(requests.Session())
    url = f"{live_server.url}/api/v1/tracks/ml"
    first = session.get(url, timeout=5)
    assert first.status_code == 200 and first.headers["Cache-Control"] == "public, max-age=0, must-revalidate"
    again = session.get(url, timeout=5)
    assert again.from_cache, "revalidated with If-None-Match and answered 304"
    assert again.headers["Content-Type"] == "application/json; charset=utf-8", "the 304 did not relabel the JSON"
    assert again.json() == first.json()

    plain = requests.get(url, headers={"If-None-Match": first.headers["ETag"]}, timeout=5)
    assert plain.status_code == 304 and plain.content == b""
    assert "Content-Type" not in plain.headers or not plain.headers["Content-Type"].startswith("text/html")
    assert plain.headers["Cache-Control"] == first.headers["Cache-Control"], "RFC 9110 15.4.5"
    assert plain.headers["ETag"] == first.headers["ETag"]


def test_if_none_match_star_matches_any_current_answer(api, content):
    assert api().get("/tracks/ml", HTTP_IF_NONE_MATCH="*").status_code == 304


def test_an_unknown_slug_is_404_whatever_etag_the_client_holds(api, content):
    etag = api().get("/tracks/ml")["ETag"]
    for path in ("/tracks/nope", "/items/nope", "/roles/nope"):
        for held in (etag, "*"):
            answer = api().get(path, HTTP_IF_NONE_MATCH=held)
            assert answer.status_code == 404 and answer.json()["detail"], (path, held)


@pytest.mark.parametrize("path", ["/tracks", "/tracks/ml", "/items/python", "/roles", "/roles/ml-engineer"])
def test_head_answers_as_get_does_without_content(api, content, client, path):
    get = api().get(path)
    head = client.head(f"/api/v1{path}")
    assert head.status_code == 200 and head.content == b""
    assert (head["ETag"], head["Content-Length"]) == (get["ETag"], str(len(get.content)))


def test_the_etag_stays_the_same_when_the_same_content_is_imported_again(api, content):
    """A restart runs `import_content` (make run, a deploy): the same content keeps its ETag, so caches keep it."""
    exported = content_export()
    before = api().get("/tracks/ml")["ETag"]
    content_import(data=exported)
    content_token_forget()  # as a restarted process
    assert api().get("/tracks/ml")["ETag"] == before
    content["python"].title = "Python 3"
    content["python"].save()
    assert api().get("/tracks/ml")["ETag"] != before


def test_the_openapi_document_declares_the_conditional_headers(api):
    document = api().get("/openapi.json").json()
    operation = document["paths"]["/api/v1/tracks/{slug}"]["get"]
    assert {"in": "header", "name": "If-None-Match"}.items() <= next(
        parameter for parameter in operation["parameters"] if parameter["name"] == "If-None-Match"
    ).items()
    assert "ETag" in operation["responses"]["200"]["headers"] and "ETag" in operation["responses"]["304"]["headers"]

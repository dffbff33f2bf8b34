"""Bodies that cannot be read as text get our 400 page, bodies over the size or field limits our 413 page (JSON
under /api/), with the usual security headers, and change nothing."""

import json

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse

from accounts.tokens import token_create
from portfolio.models import Portfolio
from progress.models import Progress
from tests.factories import ItemFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "content_type",
    [
        "application/x-www-form-urlencoded; charset=base64",
        "application/x-www-form-urlencoded; charset=rot13",
        "application/x-www-form-urlencoded; charset=utf-16",
        "application/x-www-form-urlencoded; charset=no-such-codec",
        "multipart/form-data; charset=base64; boundary=xx",
    ],
)
@pytest.mark.parametrize("debug", [False, True], ids=["production", "debug"])
def test_a_body_in_an_unreadable_charset_is_a_400_with_our_headers(user, content_type, debug):
    ItemFactory(slug="python")
    client = Client(enforce_csrf_checks=True)  # the CSRF check is what reads the body first
    client.force_login(user)
    client.raise_request_exception = False
    with override_settings(DEBUG=debug):
        response = client.generic(
            "POST", reverse("progress:status", args=["python"]), b"status=done", content_type=content_type
        )
    assert response.status_code == 400
    assert "Content-Security-Policy" in response and "Bad request" in response.content.decode()
    assert not Progress.objects.filter(learner=user).exists()


def test_utf8_forms_go_through(client_logged_in, user):
    ItemFactory(slug="python")
    response = client_logged_in.generic(
        "POST", reverse("progress:status", args=["python"]), b"status=done",
        content_type="application/x-www-form-urlencoded; charset=UTF-8",
    )  # fmt: skip
    assert response.status_code == 302
    assert Progress.objects.get(learner=user).status == "done"


def test_bytes_that_are_not_utf8_are_a_400(user):
    ItemFactory(slug="python")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.generic(
        "POST", reverse("progress:status", args=["python"]), b"status=done&note=\xff\xfe",
        content_type="application/x-www-form-urlencoded",
    )  # fmt: skip
    assert response.status_code == 400 and "not UTF-8" in response.content.decode()
    assert not Progress.objects.filter(learner=user).exists()


TOO_BIG = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
TOO_MANY_FIELDS = {f"field{number}": "1" for number in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}


@pytest.mark.parametrize("encoding", ["multipart", "urlencoded"])
def test_a_form_over_the_size_limit_is_a_413_page_that_says_so(client_logged_in, user, encoding):
    client_logged_in.raise_request_exception = False
    url, data = reverse("portfolio:settings"), {"handle": "lea", "headline": TOO_BIG}
    if encoding == "multipart":
        response = client_logged_in.post(url, data)
    else:
        body = f"handle=lea&headline={TOO_BIG}"
        response = client_logged_in.post(url, body, content_type="application/x-www-form-urlencoded")
    page = response.content.decode()
    assert response.status_code == 413 and "Content-Security-Policy" in response
    assert "Too large" in page and "larger than the 5.0\xa0MB we accept" in page.replace("&nbsp;", "\xa0")
    assert not Portfolio.objects.filter(learner=user).exists()


def test_a_form_with_too_many_fields_is_a_413_page_that_says_so(client_logged_in, user):
    client_logged_in.raise_request_exception = False
    response = client_logged_in.post(reverse("portfolio:settings"), {"handle": "lea", **TOO_MANY_FIELDS})
    assert response.status_code == 413
    assert f"more than the {settings.DATA_UPLOAD_MAX_NUMBER_FIELDS} fields" in response.content.decode()
    assert not Portfolio.objects.filter(learner=user).exists()


@pytest.fixture
def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=user, name='bot', scope='write', days=30)[1]}"}


def test_an_api_body_over_the_size_limit_is_a_413_in_json(client, user, bearer):
    ItemFactory(slug="python")
    client.raise_request_exception = False
    body = json.dumps({"status": "done", "note": TOO_BIG})
    response = client.put("/api/v1/me/progress/python", body, content_type="application/json", **bearer)
    assert response.status_code == 413
    assert "larger than the 5.0\xa0MB we accept" in response.json()["detail"]
    assert not Progress.objects.filter(learner=user).exists()


def test_an_api_call_with_too_many_fields_is_a_413_in_json(client, user, bearer):
    client.raise_request_exception = False
    response = client.get("/api/v1/me/progress", TOO_MANY_FIELDS, **bearer)
    assert response.status_code == 413
    assert response.json() == {"detail": f"The request has more than the {settings.DATA_UPLOAD_MAX_NUMBER_FIELDS} "
                                          "fields we accept."}  # fmt: skip


def test_a_body_a_middleware_refused_under_the_api_is_a_413_in_json(client, bearer):
    """UnreadableBodyMiddleware reads a form body before the API does: the same 413, in JSON."""
    client.raise_request_exception = False
    form = "application/x-www-form-urlencoded"
    response = client.put("/api/v1/me/progress/python", f"note={TOO_BIG}", content_type=form, **bearer)
    assert response.status_code == 413 and "larger than the 5.0\xa0MB we accept" in response.json()["detail"]

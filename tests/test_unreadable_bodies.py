"""Bodies that cannot be read as text get our 400 page with the usual security headers, and change nothing."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse

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

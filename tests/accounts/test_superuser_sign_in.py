"""A superuser made with createsuperuser, as the README says, confirms the address once (a code typed into the same
browser) and then opens the admin."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from tests.mailbox import code_in

pytestmark = pytest.mark.django_db
PASSWORD = "a long editor password 123"


def test_createsuperuser_then_confirm_the_address_then_the_admin(client, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    call_command("createsuperuser", "--noinput", "--username", "editor", "--email", "editor@example.com")
    credentials = {"login": "editor@example.com", "password": PASSWORD}

    first = client.post(reverse("account_login"), credentials)
    assert first.status_code == 302 and "confirm-email" in first["Location"]
    assert len(mail.outbox) == 1, "the confirmation mail (printed in the make run terminal in development)"
    client.post(first["Location"], {"code": code_in(mail.outbox[0])})  # typed into the same browser

    client.post(reverse("account_login"), credentials)
    assert client.get(reverse("admin:index")).status_code == 200

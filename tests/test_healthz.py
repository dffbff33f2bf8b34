"""/healthz names every dependency and says 503 only when pages cannot be served (careerpath.views.healthz)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import OperationalError, connection
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from huey.contrib.djhuey import HUEY

from careerpath.models import OutboxMessage, OutboxState

pytestmark = pytest.mark.django_db
OUTBOX = {"EMAIL_BACKEND": "careerpath.mail.OutboxEmailBackend"}


def health(client) -> tuple[int, dict[str, str]]:
    response = client.get(reverse("healthz"))
    assert response["Content-Type"].startswith("text/plain")
    return response.status_code, dict(line.split(": ", 1) for line in response.text.splitlines())


def test_a_healthy_site_names_each_dependency(client):
    status, lines = health(client)
    assert status == 200
    assert lines.pop("queue").startswith("ok (")  # how many tasks wait depends on the tests run before
    assert lines == {"database": "ok", "cache": "ok", "outbox": "ok (0 waiting; 0 failed)"}


def test_the_database_down_is_503(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    status, lines = health(client)
    assert status == 503 and lines["database"] == "unavailable" and "outbox" not in lines


def test_a_failing_cache_is_named_but_pages_are_still_served(client, monkeypatch):
    """Every server shares the cache, and pages do not need it: taking servers out of rotation would help nobody."""

    def broken(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(cache, "set", broken)
    status, lines = health(client)
    assert (status, lines["database"]) == (200, "ok")
    assert lines["cache"].startswith("unavailable (pages are served; sign-in and the API answer 503")


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the disk check is SQLite's: PostgreSQL reports its own")
def test_sqlite_on_a_full_disk_is_503(client, monkeypatch, tmp_path):
    from careerpath import views

    monkeypatch.setitem(connection.settings_dict, "NAME", str(tmp_path / "db.sqlite3"))
    monkeypatch.setattr(views.shutil, "disk_usage", lambda _path: type("Usage", (), {"free": 5_000_000})())
    status, lines = health(client)
    assert (status, lines["database"]) == (503, "disk full (5 MB free)")


def test_a_queue_that_cannot_be_reached_is_named_but_pages_still_serve(client, monkeypatch):
    def broken():
        raise ConnectionError("redis is down")

    monkeypatch.setattr(HUEY, "pending_count", broken)
    status, lines = health(client)
    assert status == 200 and lines["queue"].startswith("unavailable (mail waits in the outbox")


@override_settings(**OUTBOX)
def test_late_and_failed_mail_is_named_without_taking_the_server_out_of_rotation(client):
    mail.send_mail("Waiting", "Body", None, ["a@example.com"])
    mail.send_mail("Failed", "Body", None, ["b@example.com"])
    OutboxMessage.objects.filter(subject="Waiting").update(created_at=timezone.now() - timedelta(minutes=47))
    OutboxMessage.objects.filter(subject="Failed").update(state=OutboxState.FAILED)
    status, lines = health(client)
    assert status == 200
    assert lines["outbox"] == "late (1 waiting, oldest 47 min; 1 failed)"

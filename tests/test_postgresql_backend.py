"""careerpath's PostgreSQL backend (careerpath.db.postgresql): a persistent connection the server ended while idle
is replaced before the next request uses it, a quiet one is used without a health-check round trip, and times read
back are the instants stored, in UTC."""

import datetime
import select
import time
from zoneinfo import ZoneInfo

import psycopg
import pytest
from django.db import close_old_connections, connection, connections

from accounts.models import User
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no server connection; PostgreSQL runs it"),
    pytest.mark.django_db(transaction=True),
]


def next_request():
    """What Django does as each request starts (the test client leaves it out, to keep its transaction)."""
    close_old_connections()


def admin_connection():
    params = connections["default"].get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    return psycopg.connect(**params, autocommit=True)


def wait_until_readable(raw, seconds=5.0):
    poller = select.poll()
    poller.register(raw.fileno(), select.POLLIN)
    deadline = time.monotonic() + seconds
    while not poller.poll(50):
        assert time.monotonic() < deadline, "the server never told the connection anything"


@pytest.fixture
def asked(monkeypatch):
    """Every health-check round trip (Django's `is_usable`, a `SELECT 1`) the default connection makes."""
    calls = []
    wrapper = connections["default"]
    real = wrapper.is_usable

    def counted():
        calls.append(1)
        return real()

    monkeypatch.setattr(wrapper, "is_usable", counted)
    return calls


def test_a_quiet_connection_serves_the_next_request_without_asking_the_server(asked):
    UserFactory()
    connection.ensure_connection()
    pid = connection.connection.info.backend_pid
    for _request in range(3):
        next_request()
        assert User.objects.count() == 1
    assert asked == [], "no SELECT 1 before each request"
    assert connection.connection.info.backend_pid == pid, "the same persistent connection"


def test_a_connection_the_server_ended_while_idle_is_replaced_before_the_next_request(asked):
    UserFactory()
    connection.ensure_connection()
    raw = connection.connection
    pid = raw.info.backend_pid
    with admin_connection() as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])
    wait_until_readable(raw)
    next_request()
    assert User.objects.count() == 1, "the request is served, not failed by the dead connection"
    assert asked == [1], "the server's word on the socket led to Django's own check"
    assert connection.connection.info.backend_pid != pid, "a new connection"


def test_a_connection_with_anything_to_read_is_checked_and_kept_when_alive(asked):
    UserFactory()
    connection.ensure_connection()
    raw = connection.connection
    pid = raw.info.backend_pid
    raw.execute("LISTEN careerpath_health_test")
    with admin_connection() as admin:
        admin.execute("NOTIFY careerpath_health_test")
    wait_until_readable(raw)
    next_request()
    assert User.objects.count() == 1
    assert asked == [1], "something waited on the socket: the server was asked"
    assert connection.connection.info.backend_pid == pid, "it answered, so the connection stays"
    raw.execute("UNLISTEN *")


INSTANTS = [
    datetime.datetime(2026, 3, 29, 0, 59, 59, 999999, tzinfo=datetime.UTC),
    datetime.datetime(2026, 3, 29, 1, 0, 0, 1, tzinfo=datetime.UTC),  # Europe's clocks go forward at this instant
    datetime.datetime(2026, 11, 30, 23, 45, 0, tzinfo=ZoneInfo("Asia/Kathmandu")),
    datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC),
    datetime.datetime(9999, 12, 30, 23, 59, 59, 999999, tzinfo=datetime.UTC),
]


@pytest.mark.parametrize("session_zone", ["UTC", "Asia/Kathmandu"])
def test_times_read_back_are_the_instants_stored_in_utc(session_zone):
    users = [UserFactory(date_joined=instant) for instant in INSTANTS]
    with connection.cursor() as cursor:
        cursor.execute("SET TIME ZONE %s", [session_zone])  # Django sets UTC; should anything change it
    try:
        read = [User.objects.get(pk=user.pk).date_joined for user in users]
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET TIME ZONE 'UTC'")
    assert read == INSTANTS
    assert {value.tzinfo for value in read} == {datetime.UTC}

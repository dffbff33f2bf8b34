"""Upgrade tests for careerpath.db.postgresql: the backend's overrides still match what they override in Django's
PostgreSQL backend (docs/development.md, "Upgrading Django"). The introspection runs on every database; the loader's
check needs PostgreSQL (tests/test_postgresql_backend.py holds the behaviour)."""

import inspect

import pytest
from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.postgresql import base as django_postgresql

from careerpath.db.postgresql import base as ours

HEALTH = (
    "Django changed the health check (BaseDatabaseWrapper.close_if_health_check_failed and what calls it): "
    "careerpath.db.postgresql.base.DatabaseWrapper.close_if_health_check_failed must be rewritten"
)
LOADER = (
    "Django changed how its PostgreSQL backend picks the timestamptz loader (get_new_connection, the loader's "
    "`timezone`): careerpath.db.postgresql.base.UtcTimestamptzLoader must be rewritten"
)


def parameters(function) -> list[str]:
    return list(inspect.signature(function).parameters)


def test_the_health_check_override_matches_the_method_it_overrides():
    for base_class in (BaseDatabaseWrapper, django_postgresql.DatabaseWrapper):
        assert parameters(base_class.close_if_health_check_failed) == ["self"], HEALTH
    assert parameters(ours.DatabaseWrapper.close_if_health_check_failed) == ["self"]
    base = inspect.getsource(BaseDatabaseWrapper.close_if_health_check_failed)
    for relied_on in ("self.health_check_enabled", "self.health_check_done", "self.is_usable()", "self.connection"):
        assert relied_on in base, f"{relied_on} no longer in the base method: {HEALTH}"
    assert "self.health_check_done = True" in base, HEALTH
    assert "self.pool" in inspect.getsource(django_postgresql.DatabaseWrapper.close_if_health_check_failed), HEALTH
    assert "self.close_if_health_check_failed()" in inspect.getsource(BaseDatabaseWrapper._cursor), (
        f"no longer called before each cursor: {HEALTH}"
    )


def test_the_connection_hook_matches_the_method_it_overrides():
    assert parameters(django_postgresql.DatabaseWrapper.get_new_connection) == ["self", "conn_params"], LOADER
    source = inspect.getsource(django_postgresql.DatabaseWrapper)
    assert "tzloader.timezone" in source, f"Django no longer keeps a loader with the right `timezone`: {LOADER}"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's loader")
@pytest.mark.django_db
def test_cursors_keep_the_c_backed_loader():
    with connection.cursor() as cursor:
        loader = cursor.cursor.adapters.get_loader(ours.TIMESTAMPTZ, ours.Format.TEXT)
    assert loader is ours.UtcTimestamptzLoader, LOADER

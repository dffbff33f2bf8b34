"""No request waits long on a dependency that is frozen: a server that accepts and never answers costs seconds, with
the settings production runs (careerpath.settings.base: DEPENDENCY_TIMEOUT, REDIS_OPTIONS, EMAIL_TIMEOUT)."""

import time

import psycopg
import pytest
from django.conf import settings
from django.core.cache.backends.redis import RedisCache
from redis import ConnectionPool, Redis
from redis.exceptions import TimeoutError as RedisTimeout

from careerpath.settings.base import DEPENDENCY_TIMEOUT, REDIS_OPTIONS, database
from tests.smtp import SilentServer


@pytest.fixture
def frozen():
    server = SilentServer()
    yield server
    server.close()


def seconds_to_fail(call, error) -> float:
    started = time.monotonic()
    with pytest.raises(error):
        call()
    return time.monotonic() - started


def test_a_frozen_redis_fails_the_cache_in_seconds(frozen):
    cache = RedisCache(f"redis://127.0.0.1:{frozen.port}/0", {"OPTIONS": REDIS_OPTIONS})
    assert seconds_to_fail(lambda: cache.get("anything"), RedisTimeout) < DEPENDENCY_TIMEOUT + 2


def test_a_frozen_redis_fails_the_queue_in_seconds(frozen):
    pool = ConnectionPool.from_url(f"redis://127.0.0.1:{frozen.port}/0", **REDIS_OPTIONS)
    assert seconds_to_fail(
        lambda: Redis(connection_pool=pool).lpush("huey.redis.careerpath", b"task"), RedisTimeout
    ) < (DEPENDENCY_TIMEOUT + 2)


def test_a_frozen_postgresql_fails_the_connection_in_seconds(frozen):
    config = database({"ENGINE": "django.db.backends.postgresql", "OPTIONS": {}})
    timeout = config["OPTIONS"]["connect_timeout"]
    assert timeout == DEPENDENCY_TIMEOUT
    connect = lambda: psycopg.connect(host="127.0.0.1", port=frozen.port, dbname="x", connect_timeout=timeout)  # noqa: E731
    assert seconds_to_fail(connect, psycopg.OperationalError) < DEPENDENCY_TIMEOUT + 2


def test_mail_attempts_are_bounded_too():
    assert 0 < settings.EMAIL_TIMEOUT <= 10

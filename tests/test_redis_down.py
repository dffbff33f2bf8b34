"""Redis stopped or frozen under a running site: what needs it answers 503 with Retry-After in seconds, never a bare
500 nor a hung worker (careerpath.views.server_error; the timeouts of careerpath.settings.base.REDIS_OPTIONS).

A real redis-server on a free port; the shared cache ("default") points at it for these tests. What still needs
Redis: sign-in's rate limits, and the content version every cached page is keyed on (it moves to the database in
issue "Nothing lost past one machine", part 4, so that pages will not need Redis at all).
"""

import os
import shutil
import signal
import subprocess
import time

import pytest
from django.core.cache import caches
from django.test import override_settings
from django.urls import reverse
from redis import Redis
from redis.exceptions import ConnectionError as RedisConnectionError

from roadmap.cache import content_token_forget
from tests.smtp import free_port

REDIS_SERVER = shutil.which("redis-server")
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        REDIS_SERVER is None and not os.environ.get("CI"), reason="redis-server is not installed (apt-get install)"
    ),
]
TIMEOUT = 1  # seconds: the tests' DEPENDENCY_TIMEOUT


@pytest.fixture
def redis_server():
    assert REDIS_SERVER, "CI needs redis-server (.ci/run installs it)"
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - the system's redis-server, fixed arguments
        [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    client = Redis(port=port, socket_connect_timeout=TIMEOUT)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            break
        except RedisConnectionError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()  # a server that never came up is not left behind
                raise
            time.sleep(0.05)
    options = {"socket_connect_timeout": TIMEOUT, "socket_timeout": TIMEOUT}
    location = f"redis://127.0.0.1:{port}/0"
    with override_settings(
        CACHES={
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": location,
                "OPTIONS": options,
            },
            "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "redis-down-pages"},
        }
    ):
        caches["default"].clear()
        content_token_forget()
        yield process
        content_token_forget()
    if process.poll() is None:
        process.send_signal(signal.SIGCONT)
        process.terminate()
        process.wait(10)


def timed(call):
    started = time.monotonic()
    response = call()
    return response, time.monotonic() - started


def sign_in(client):
    return client.post(reverse("account_login"), {"login": "someone@example.com", "password": "not the password"})


def test_with_redis_up_sign_in_and_pages_answer(client, redis_server):
    assert sign_in(client).status_code == 200  # the form again, with its error
    assert client.get(reverse("healthz")).status_code == 200


@pytest.mark.parametrize("how", ["stopped", "frozen"])
def test_with_redis_down_what_needs_it_is_a_503_with_retry_after_in_seconds(client, redis_server, how):
    if how == "stopped":
        redis_server.terminate()
        redis_server.wait(10)
    else:
        redis_server.send_signal(signal.SIGSTOP)
    client.raise_request_exception = False
    content_token_forget()
    for call in (lambda: sign_in(client), lambda: client.get("/tracks/machine-learning-engineer/")):
        response, seconds = timed(call)
        assert response.status_code == 503, "our 503, not a bare 500"
        assert response["Retry-After"] == "30"
        assert "Back in a moment" in response.content.decode()
        assert seconds < 3 * TIMEOUT + 2, f"answered in {seconds:.1f} s"
    api, seconds = timed(lambda: client.get("/api/v1/tracks"))
    assert (api.status_code, api["Retry-After"], api.json()) == (503, "30", {"detail": "Service Unavailable"})
    assert seconds < 3 * TIMEOUT + 2
    health, seconds = timed(lambda: client.get(reverse("healthz")))
    assert health.status_code == 503 and "cache: unavailable" in health.text and seconds < 3 * TIMEOUT + 2

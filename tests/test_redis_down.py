"""Redis stopped, frozen or refusing writes under a running site: pages answer 200 (they do not need it), what needs
it answers 503 with Retry-After in seconds, never a bare 500 nor a hung worker (careerpath.views.server_error; the
timeouts of careerpath.settings.base.REDIS_OPTIONS), and an editor's save is what the database says it is.

A real redis-server on a free port; the shared cache ("default") points at it for these tests. What needs Redis:
sign-in's rate limits and the API's throttles (both fail closed). What does not: every page, cached or not (the
content version they are keyed on lives in the database: roadmap.models.ContentVersion), and the admin.
"""

import os
import shutil
import signal
import subprocess
import time

import pytest
from django.core.cache import caches
from django.test import Client, override_settings
from django.urls import reverse
from redis import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import OutOfMemoryError as RedisOutOfMemoryError

from accounts.tokens import token_create
from roadmap.cache import content_token_forget
from roadmap.models import ContentVersion, Item
from tests.factories import RoleFactory, StageFactory, StageItemFactory, TrackFactory, UserFactory
from tests.progress.steps import HTMX, my_status, post_status
from tests.roadmap.test_admin import form_data
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
        process.port = port
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


@pytest.fixture
def site():
    track = TrackFactory(slug="ml", title="Machine learning")
    RoleFactory(is_primary=True)
    item = StageItemFactory(stage=StageFactory(track=track), item__title="Linear models", item__slug="linear").item
    return {"track": track, "item": item}


def stop(redis_server, how):
    if how == "stopped":
        redis_server.terminate()
        redis_server.wait(10)
    else:
        redis_server.send_signal(signal.SIGSTOP)


@pytest.mark.parametrize("how", ["stopped", "frozen"])
def test_with_redis_down_pages_answer_and_what_needs_it_is_a_503_with_retry_after(client, redis_server, site, how):
    learner = UserFactory()
    _token, secret = token_create(user=learner, name="notes app", scope="read", days=30)
    signed_in = Client(raise_request_exception=False)
    signed_in.force_login(learner)
    client.raise_request_exception = False
    stop(redis_server, how)
    content_token_forget()  # a server started during the outage: nothing remembered
    for who, url in [
        (client, "/"),
        (client, site["track"].get_absolute_url()),
        (client, site["item"].get_absolute_url()),
        (client, "/api/v1/tracks"),
        (signed_in, "/dashboard/"),
        (signed_in, site["track"].get_absolute_url()),
    ]:
        response, seconds = timed(lambda who=who, url=url: who.get(url))
        assert response.status_code == 200, f"{url} does not need Redis"
        assert seconds < 1, f"{url} answered in {seconds:.1f} s: it waited on Redis"
    tick, _seconds = timed(lambda: post_status(signed_in, "linear", "done", data={"track": "ml"}, **HTMX))
    assert tick.status_code == 200 and my_status(learner, "linear") == "done"

    response, seconds = timed(lambda: sign_in(client))
    assert response.status_code == 503, "our 503, not a bare 500"
    assert response["Retry-After"] == "30"
    assert "Back in a moment" in response.content.decode()
    assert seconds < 3 * TIMEOUT + 2, f"answered in {seconds:.1f} s"
    api, seconds = timed(lambda: client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}"))
    assert (api.status_code, api["Retry-After"], api.json()) == (503, "30", {"detail": "Service Unavailable"})
    assert seconds < 3 * TIMEOUT + 2
    health, seconds = timed(lambda: client.get(reverse("healthz")))
    assert health.status_code == 200 and "cache: unavailable (pages are served" in health.text
    assert seconds < 3 * TIMEOUT + 2


def test_a_content_edit_while_redis_refuses_writes_is_saved_and_shows_on_every_server(
    editor_client, redis_server, site
):
    """Redis full under `noeviction` answers every write with OOM. The editor's save is the database's: saved, and
    shown at once here; the other servers key their pages on the version in the database, which the save replaced
    (they ask for it again within CONTENT_TOKEN_SECONDS: tests/roadmap/test_cache.py)."""
    visitor = Client(raise_request_exception=False)
    track_url = site["track"].get_absolute_url()
    assert "Linear models" in visitor.get(track_url).text  # cached here, as on every other server
    version = ContentVersion.objects.get().token
    redis = Redis(port=redis_server.port)
    redis.config_set("maxmemory-policy", "noeviction")
    redis.config_set("maxmemory", 1)
    with pytest.raises(RedisOutOfMemoryError):
        redis.set("a-write", "refused")

    change_url = reverse("admin:roadmap_item_change", args=[site["item"].pk])
    data = form_data(editor_client.get(change_url))
    data["title"] = "Linear and logistic models"
    saved = editor_client.post(change_url, data)
    assert saved.status_code == 302, "the save worked, so the editor is told so"
    assert Item.objects.get(pk=site["item"].pk).title == "Linear and logistic models"
    assert "Linear and logistic models" in visitor.get(track_url).text, "at once on the server that saved it"
    assert ContentVersion.objects.get().token != version, "a new version for every server, committed with the save"
    assert sign_in(Client(raise_request_exception=False)).status_code == 503, "sign-in's limits need Redis's writes"

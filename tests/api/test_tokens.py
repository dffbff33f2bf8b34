"""Personal access tokens: shown once, stored as a hash, scoped, expiring, revocable at once, rate-limited."""

import hashlib
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import ApiToken
from careerpath.personal_data import collect
from tests.queries import CONTENT_VERSION

pytestmark = pytest.mark.django_db


def test_a_token_made_on_the_page_is_shown_once_and_stored_as_its_hash(client_reauthenticated, learner):
    client_logged_in = client_reauthenticated
    made = client_logged_in.post(reverse("accounts:tokens"), {"name": "notes app", "scope": "write", "days": "90"})
    assert made.status_code == 200 and made["Cache-Control"] == "no-store"
    secret = made.content.decode().split('id="new-token" class="form-control font-monospace mb-2" type="text" readonly '
                                          'value="', 1)[1].split('"', 1)[0]  # fmt: skip
    assert secret.startswith("cp_") and len(secret) > 40
    token = ApiToken.objects.get(user=learner)
    assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in {token.name, token.prefix, token.token_hash} and token.prefix == secret[:10]
    listing = client_logged_in.get(reverse("accounts:tokens")).content.decode()
    assert secret not in listing and "notes app" in listing and f"{token.prefix}…" in listing
    assert (token.expires_at - timezone.now()).days in (89, 90)


@pytest.mark.parametrize("data", [{}, {"name": "", "scope": "read", "days": "90"}, {"name": "x", "scope": "admin",
                                  "days": "90"}, {"name": "x", "scope": "read", "days": "7"},
                                  {"name": "a\x00b", "scope": "read", "days": "30"}])  # fmt: skip
def test_a_bad_token_form_is_refused_and_makes_nothing(client_reauthenticated, learner, data):
    assert client_reauthenticated.post(reverse("accounts:tokens"), data).status_code == 400
    assert not ApiToken.objects.exists()


def test_no_token_or_a_bad_one_is_401_with_a_challenge(api, learner):
    for token in (None, "cp_not-a-real-token", "x" * 500):
        response = api(token).get("/me")
        assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Bearer")
        assert response.json()["detail"]


def test_a_revoked_token_is_refused_at_once(api, client, learner, read_token):
    assert api(read_token).get("/me").status_code == 200
    token = ApiToken.objects.get(user=learner)
    client.force_login(learner)
    assert client.post(reverse("accounts:token-revoke", args=[token.pk])).status_code == 302
    client.logout()
    assert api(read_token).get("/me").status_code == 401


def test_an_expired_token_is_refused(api, learner, read_token):
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert api(read_token).get("/me").status_code == 401


def test_nobody_revokes_another_learners_token(client, learner, read_token):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    token = ApiToken.objects.get(user=learner)
    assert client.post(reverse("accounts:token-revoke", args=[token.pk])).status_code == 404
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None


def test_a_read_token_reads_and_may_not_write(api, learner, read_token, write_token, content):
    body = {"status": "in_progress"}
    refused = api(read_token).put("/me/progress/python", body)
    assert refused.status_code == 403 and "read" in refused.json()["detail"]
    assert not learner.progress.exists()
    assert api(write_token).put("/me/progress/python", body).status_code == 200
    assert learner.progress.get().status == "in_progress"


def test_last_use_is_recorded(api, learner, read_token):
    api(read_token).get("/me")
    assert ApiToken.objects.get().last_used_at is not None


def test_the_browser_session_reads_and_writes_with_its_csrf_token(learner, content):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(learner)
    assert browser.get("/api/v1/me").json()["email"] == learner.email
    no_csrf = browser.put("/api/v1/me/progress/python", data='{"status": "done"}', content_type="application/json")
    assert no_csrf.status_code == 403 and not learner.progress.exists()
    browser.get(reverse("accounts:tokens"))  # sets the CSRF cookie, as any page does
    csrf = browser.cookies["csrftoken"].value
    ok = browser.put("/api/v1/me/progress/python", data='{"status": "done"}', content_type="application/json",
                     HTTP_X_CSRFTOKEN=csrf)  # fmt: skip
    assert ok.status_code == 200 and learner.progress.get().status == "done"


def test_reads_and_writes_are_limited_apart_per_person(api, settings, learner, read_token, write_token, content):
    """Counted per person: a second token (tokens are cheap) does not buy a second allowance."""
    settings.API_RATE_LIMITS = {"read": "3/m", "write": "2/m"}
    reader = api(read_token)
    assert [reader.get("/me").status_code for _ in range(3)] == [200, 200, 200]
    limited = reader.get("/me")
    assert limited.status_code == 429 and int(limited["Retry-After"]) > 0 and limited.json()["detail"]
    writer = api(write_token)
    assert writer.get("/me").status_code == 429, "another token of the same person shares the count"
    statuses = [writer.put("/me/progress/python", {"status": "done"}).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert writer.get("/me/progress").status_code == 429, "reads are still spent"


def test_the_command_prints_a_working_token(api, learner):
    out = StringIO()
    call_command("create_api_token", learner.email, "--scope", "write", "--name", "cron", stdout=out)
    secret = out.getvalue().strip()
    assert api(secret).get("/me").status_code == 200
    assert ApiToken.objects.get().name == "cron" and ApiToken.objects.get().can_write


def test_tokens_are_in_my_data_without_their_secret_and_die_with_the_account(learner, read_token):
    rows = collect(learner)["api_tokens"]
    assert [row["name"] for row in rows] == ["notes app"]
    assert not any(read_token in str(value) or len(str(value)) == 64 for row in rows for value in row.values())
    learner.delete()
    assert not ApiToken.objects.exists()


def test_the_tokens_page_costs_the_same_for_1_and_30_tokens(client_logged_in, learner, assert_page_queries):
    from accounts.tokens import token_create, token_revoke

    token_create(user=learner, name="first", scope="read", days=30)
    assert_page_queries(client_logged_in, reverse("accounts:tokens"), TOKENS_PAGE_QUERIES)
    for number in range(29):
        token, _secret = token_create(user=learner, name=f"token {number}", scope="read", days=30)
        if number < 20:  # at most ten live at once: the others are listed as revoked
            token_revoke(user=learner, token_id=token.pk)
    page = assert_page_queries(client_logged_in, reverse("accounts:tokens"), TOKENS_PAGE_QUERIES).content.decode()
    assert page.count("Revoke<span") == 10 and page.count("revoked ") == 20


# session, user with profile, the tokens, the content version and the navigation bar (kept per version)
TOKENS_PAGE_QUERIES = 4 + CONTENT_VERSION

"""Per-address sign-in limits count the client's address, not the proxy's, when the proxies are declared."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
IP_LIMIT = 10  # ACCOUNT_RATE_LIMITS["login_failed"]: 10 a minute per address


def fail_from(client, forwarded_for, attempts):
    statuses = []
    for number in range(attempts):
        email = f"nobody{number}-{forwarded_for}@example.com"  # other accounts: only the address limit counts
        response = client.post(
            reverse("account_login"), {"login": email, "password": "wrong"}, HTTP_X_FORWARDED_FOR=forwarded_for
        )
        statuses.append(response.status_code)
    return statuses


def test_behind_one_proxy_each_client_has_its_own_limit(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    UserFactory(email="owner@example.com")
    assert fail_from(client, "203.0.113.7", IP_LIMIT)[-1] != 429
    assert fail_from(client, "203.0.113.7", 1) == [429], "the attacker's address is limited"
    assert fail_from(client, "198.51.100.2", 1) != [429], "another visitor behind the same proxy is not"


def test_without_declared_proxies_the_header_is_ignored(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    fail_from(client, "203.0.113.7", IP_LIMIT)
    assert fail_from(client, "198.51.100.2", 1) == [429], "a forged header cannot buy new attempts"


def test_a_header_set_by_the_proxy_can_name_the_client(client, settings):
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    for number in range(IP_LIMIT):
        client.post(
            reverse("account_login"), {"login": f"n{number}@example.com", "password": "x"}, HTTP_X_REAL_IP="192.0.2.1"
        )
    blocked = client.post(
        reverse("account_login"), {"login": "a@example.com", "password": "x"}, HTTP_X_REAL_IP="192.0.2.1"
    )
    other = client.post(
        reverse("account_login"), {"login": "b@example.com", "password": "x"}, HTTP_X_REAL_IP="192.0.2.9"
    )
    assert (blocked.status_code, other.status_code) == (429, 200)

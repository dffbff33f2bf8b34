"""Every staff-only page asks staff for two-factor authentication in production, as the admin does.

The test walks the URL resolver: each page without URL arguments that refuses a signed-in learner (403) is
staff-only, and must send a staff member without TOTP to set it up when STAFF_REQUIRE_TWO_FACTOR is on.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def plain_paths(patterns=None, prefix=""):
    """Every URL path without arguments, outside the admin (the middleware guards all of /admin/ by its prefix)."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        route = str(entry.pattern)
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            yield from plain_paths(entry.url_patterns, prefix + route)
        elif isinstance(entry, URLPattern) and "<" not in route and not route.startswith("^"):
            yield "/" + prefix + route


def staff_only_paths(client):
    client.force_login(UserFactory())
    found = []
    for path in sorted(set(plain_paths())):
        if client.get(path).status_code == 403:
            found.append(path)
    client.logout()
    return found


def test_every_staff_only_page_needs_two_factor_in_production(client, settings):
    paths = staff_only_paths(client)
    assert reverse("progress:insights") in paths, "the walk finds the staff pages"
    settings.STAFF_REQUIRE_TWO_FACTOR = True
    client.force_login(UserFactory(is_staff=True))
    for path in [*paths, reverse("admin:index")]:
        response = client.get(path)
        assert (response.status_code, response["Location"]) == (302, reverse("mfa_activate_totp")), path


def test_without_the_setting_staff_open_them_with_a_password(client, settings):
    settings.STAFF_REQUIRE_TWO_FACTOR = False
    client.force_login(UserFactory(is_staff=True))
    assert client.get(reverse("progress:insights")).status_code == 200

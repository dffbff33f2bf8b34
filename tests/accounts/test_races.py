"""Requests that meet a unique constraint at the same moment get an answer, never a 500 (PostgreSQL runs them)."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Profile, User
from tests.concurrency import postgresql_only, run_at_once
from tests.factories import RoleFactory, UserFactory

pytestmark = postgresql_only
PASSWORD = "a long enough new password"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(3))
def test_five_sign_ups_with_one_address_make_one_account_and_no_error(attempt):
    statuses = []

    def sign_up():
        client = Client(raise_request_exception=False)
        response = client.post(reverse("account_signup"), {"email": "race@example.com", "password1": PASSWORD,
                                                           "password2": PASSWORD})  # fmt: skip
        statuses.append(response.status_code)

    assert run_at_once(*[sign_up] * 5) == []
    # Each is told to check its mail, as for any sign-up, or, past three codes to one address in ten minutes, 429.
    assert sorted(statuses) in ([302] * 5, [302] * 4 + [429], [302] * 3 + [429] * 2)
    assert User.objects.filter(email__iexact="race@example.com").count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(3))
def test_two_first_saves_of_the_goals_make_one_profile_and_no_error(attempt):
    user, role = UserFactory(), RoleFactory()
    statuses = []

    def save(hours):
        client = Client(raise_request_exception=False)
        client.force_login(user)
        response = client.post(reverse("accounts:goals"), {
            "target_role": role.pk, "background": "tech", "hours_per_week": hours, "time_zone": "UTC",
        })  # fmt: skip
        statuses.append(response.status_code)

    assert run_at_once(lambda: save(7), lambda: save(9)) == []
    assert statuses == [302, 302], "both saves are answered as saved"
    assert Profile.objects.get(user=user).hours_per_week in (7, 9), "one profile, holding one of the two answers"

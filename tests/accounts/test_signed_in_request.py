"""The two reads of every signed-in request (the session, then the user with their profile) are written-out
statements: they must give exactly what the ORM gave, on SQLite and PostgreSQL alike. On PostgreSQL, once the
process has seen a session's key, both go in one round trip: signing out, expiry and fresh data must hold there too."""

import datetime

import pytest
from django.contrib.auth import get_user
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.backends import user_with_profile
from accounts.models import Profile
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_user_comes_with_every_profile_field_converted_as_the_orm_converts_it():
    user = UserFactory(email="zoe@example.com", first_name="Zoë")
    Profile.objects.create(
        user=user, display_name="Zoë K.", target_date=datetime.date(2027, 3, 1), hours_per_week=7,
        time_zone="Europe/Berlin", weekly_digest=True,
    )  # fmt: skip
    expected_user = type(user).objects.select_related("profile").get(pk=user.pk)

    loaded = user_with_profile(user.pk)

    for field in type(user)._meta.concrete_fields:
        assert getattr(loaded, field.attname) == getattr(expected_user, field.attname), field.name
    for field in Profile._meta.concrete_fields:
        assert getattr(loaded.profile, field.attname) == getattr(expected_user.profile, field.attname), field.name
    assert isinstance(loaded.profile.updated_at, datetime.datetime)
    assert loaded.profile.target_date == datetime.date(2027, 3, 1)
    assert loaded.profile.user is loaded


def test_a_user_without_a_profile_reads_as_having_none_without_another_query(django_assert_num_queries):
    user = UserFactory()
    with django_assert_num_queries(1):
        loaded = user_with_profile(user.pk)
        assert getattr(loaded, "profile", None) is None


def test_an_unknown_user_is_nobody():
    assert user_with_profile(987654) is None


def test_a_deactivated_user_is_signed_out_on_their_next_request(client):
    user = UserFactory()
    client.force_login(user)
    type(user).objects.filter(pk=user.pk).update(is_active=False)

    response = client.get(reverse("progress:dashboard"))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_an_expired_session_signs_the_learner_out_and_a_live_one_keeps_them_in():
    user = UserFactory()
    live, expired = Client(), Client()
    live.force_login(user)
    expired.force_login(user)
    Session.objects.filter(session_key=expired.session.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )

    assert live.get(reverse("progress:dashboard")).status_code == 200
    assert expired.get(reverse("progress:dashboard")).status_code == 302


def test_the_session_read_from_the_database_is_the_session_that_was_saved(client):
    user = UserFactory()
    client.force_login(user)
    session = client.session
    session["careerpath-test"] = {"kept": [1, "two"]}
    session.save()

    request = type("Request", (), {"session": client.session})()
    assert request.session["careerpath-test"] == {"kept": [1, "two"]}
    assert get_user(request) == user


# --- The session and its user read together (PostgreSQL, once the process has seen the key) ------------------------


def signed_in_twice(client, user):
    """Signed in, one page seen: the process now knows which user the session key holds."""
    client.force_login(user)
    assert client.get(reverse("progress:dashboard")).status_code == 200
    return client


def test_a_user_deactivated_after_their_key_was_seen_is_signed_out(client):
    user = UserFactory()
    signed_in_twice(client, user)
    type(user).objects.filter(pk=user.pk).update(is_active=False)
    response = client.get(reverse("progress:dashboard"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_a_password_changed_elsewhere_signs_out_a_session_whose_key_was_seen(client):
    user = UserFactory()
    signed_in_twice(client, user)
    user.set_password("a new password nobody else knows")
    user.save()
    assert client.get(reverse("progress:dashboard")).status_code == 302


def test_an_expired_session_whose_key_was_seen_is_signed_out(client):
    user = UserFactory()
    signed_in_twice(client, user)
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert client.get(reverse("progress:dashboard")).status_code == 302


def test_the_user_read_with_the_session_is_the_one_the_session_holds(client):
    """Were the remembered user of a key ever wrong, that row is not taken: the session's own user is read."""
    from careerpath import sessions

    user, other = UserFactory(email="me@example.com"), UserFactory(email="other@example.com")
    signed_in_twice(client, user)
    sessions._user_of_key[client.session.session_key] = str(other.pk)
    page = client.get(reverse("accounts:my-data-json"))
    data = b"".join(page.streaming_content).decode()
    assert "me@example.com" in data and "other@example.com" not in data


def test_a_user_offered_for_one_id_is_never_taken_for_another():
    from accounts import backends

    user, other = UserFactory(), UserFactory()
    backends.offer_user(other.pk, other)
    assert backends.ModelBackend().get_user(user.pk) == user
    backends.offer_user(user.pk, other)  # a row offered for this id is taken once, then read again
    assert backends.ModelBackend().get_user(user.pk) is other
    assert backends.ModelBackend().get_user(user.pk) == user


def test_the_profile_read_with_the_session_is_current(client):
    """A change saved by another request (another app server) shows on the next page of a key already seen."""
    user = UserFactory()
    Profile.objects.create(user=user, display_name="Before")
    signed_in_twice(client, user)
    Profile.objects.filter(user=user).update(display_name="After the change")
    page = client.get(reverse("accounts:goals")).content.decode()
    assert "After the change" in page

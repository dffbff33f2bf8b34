"""The two reads of every signed-in request (the session, then the user with their profile) are written-out
statements: they must give exactly what the ORM gave, on SQLite and PostgreSQL alike."""

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

"""A new password or a deleted account ends the account's other sessions: their rows are deleted, not only invalid."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"
NEW_PASSWORD = "another long password 2026"


@pytest.fixture
def learner():
    user = UserFactory(email="two-devices@example.com")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def signed_in(user, password=PASSWORD) -> Client:
    """A browser that signed in through the real sign-in page (that is what records the session)."""
    client = Client()
    response = client.post(reverse("account_login"), {"login": user.email, "password": password})
    assert response.status_code == 302
    return client


def session_exists(client) -> bool:
    return Session.objects.filter(session_key=client.session.session_key).exists()


def test_changing_the_password_ends_the_other_sessions_and_keeps_this_one(learner):
    laptop, phone = signed_in(learner), signed_in(learner)
    response = laptop.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert not session_exists(phone), "the phone's session row is gone"
    assert phone.get(reverse("progress:dashboard")).status_code == 302, "and the phone is signed out"
    assert laptop.get(reverse("progress:dashboard")).status_code == 200, "the laptop that changed it stays in"


def test_a_password_reset_ends_every_session(learner):
    laptop = signed_in(learner)
    stranger = Client()
    stranger.post(reverse("account_reset_password"), {"email": learner.email})
    link = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[-1].body).group(1)
    form_url = stranger.get(link, follow=True).redirect_chain[-1][0]
    stranger.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert not session_exists(laptop)


def test_deleting_the_account_deletes_all_its_sessions(learner):
    laptop, phone = signed_in(learner), signed_in(learner)
    laptop.post(reverse("accounts:delete"), {"password": PASSWORD})
    assert not get_user_model().objects.filter(pk=learner.pk).exists()
    assert not session_exists(phone)
    assert not Session.objects.exists(), "no session row of the account is left"

"""Sign-up, verification, sign-in, sign-out, password reset and brute-force protection, through allauth."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory
from tests.mailbox import code_in

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def verified_user(email="ada@example.com", **kwargs):
    user = UserFactory(email=email, **kwargs)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def link_in(message):
    return re.search(r"https?://testserver(/\S+)", message.body).group(1)


def test_sign_up_verify_sign_in_and_sign_out(client):
    response = client.post(
        reverse("account_signup"), {"email": "new@example.com", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new@example.com"]
    # Not signed in until the address is confirmed.
    assert client.get(reverse("accounts:goals")).status_code == 302

    # The code is typed into the browser that signed up; it answers nowhere else.
    stranger = Client()
    elsewhere = stranger.post(response["Location"], {"code": code_in(mail.outbox[0])})
    assert elsewhere.status_code == 302 and elsewhere["Location"] == reverse("account_login"), "sent to sign in"
    assert not EmailAddress.objects.get(email="new@example.com").verified
    assert client.get(response["Location"]).status_code == 200
    assert client.post(response["Location"], {"code": code_in(mail.outbox[0])}).status_code == 302
    assert EmailAddress.objects.get(email="new@example.com").verified

    client.post(reverse("account_logout"))
    assert client.get(reverse("accounts:goals")).status_code == 302

    response = client.post(reverse("account_login"), {"login": "new@example.com", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("accounts:goals")).status_code == 200

    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert client.get(reverse("accounts:goals")).status_code == 302


def test_a_weak_password_is_refused_at_sign_up(client):
    response = client.post(
        reverse("account_signup"), {"email": "new@example.com", "password1": "short1", "password2": "short1"}
    )
    assert response.status_code == 200
    assert "at least 12 characters" in response.text
    assert not EmailAddress.objects.filter(email="new@example.com").exists()


def test_sign_out_by_get_does_not_sign_out(client):
    client.force_login(verified_user())
    client.get(reverse("account_logout"))
    assert client.get(reverse("accounts:goals")).status_code == 200


def test_password_reset_for_an_unknown_address_looks_the_same_and_sends_nothing(client):
    verified_user()
    known = client.post(reverse("account_reset_password"), {"email": "ada@example.com"}, follow=True)
    sent_for_known = len(mail.outbox)
    mail.outbox.clear()
    unknown = client.post(reverse("account_reset_password"), {"email": "nobody@example.com"}, follow=True)

    assert sent_for_known == 1
    assert len(mail.outbox) == 0
    assert unknown.status_code == known.status_code == 200
    assert unknown.redirect_chain == known.redirect_chain


def test_the_reset_link_sets_a_new_password(client):
    user = verified_user()
    client.post(reverse("account_reset_password"), {"email": user.email})
    assert len(mail.outbox) == 1
    response = client.get(link_in(mail.outbox[0]), follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link_in(mail.outbox[0])
    new_password = "a brand new long passphrase"

    response = client.post(form_url, {"password1": new_password, "password2": new_password})

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new_password)


def test_repeated_failed_logins_answer_429_even_with_the_right_password(client):
    verified_user()
    for _ in range(5):
        response = client.post(reverse("account_login"), {"login": "ada@example.com", "password": "wrong guess!"})
        assert response.status_code == 200

    response = client.post(reverse("account_login"), {"login": "ada@example.com", "password": PASSWORD})

    assert response.status_code == 429
    assert "Too many attempts" in response.text
    assert client.get(reverse("accounts:goals")).status_code == 302


def test_the_admin_login_cannot_be_used_to_get_around_the_limit(client):
    verified_user(is_staff=True, is_superuser=True)
    for _ in range(5):
        client.post(reverse("account_login"), {"login": "ada@example.com", "password": "wrong guess!"})

    response = client.post(reverse("admin:login"), {"username": "ada@example.com", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert client.get(reverse("admin:index")).status_code == 302

    # The admin sends people to the site login, which is rate limited.
    response = client.post(response["Location"], {"login": "ada@example.com", "password": PASSWORD})
    assert response.status_code == 429


def test_staff_reach_the_admin_after_signing_in_on_the_site(client):
    verified_user(is_staff=True, is_superuser=True)
    client.post(reverse("account_login"), {"login": "ada@example.com", "password": PASSWORD})
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_deactivated_users_session_stops_working(client):
    user = verified_user()
    client.force_login(user)
    assert client.get(reverse("accounts:goals")).status_code == 200

    user.is_active = False
    user.save()

    assert client.get(reverse("accounts:goals")).status_code == 302


def test_visitors_see_sign_up_and_learners_see_their_menu(client):
    body = client.get(reverse("roadmap:home")).text
    assert reverse("account_signup") in body
    assert "Sign out" not in body

    client.force_login(verified_user())
    body = client.get(reverse("roadmap:home")).text
    assert "Sign out" in body
    assert reverse("accounts:my-data") in body


@pytest.mark.parametrize("name", ["account_logout", "accounts:goals", "accounts:delete"])
def test_state_changes_without_a_csrf_token_are_refused(name):
    client = Client(enforce_csrf_checks=True)
    client.force_login(verified_user())
    response = client.post(reverse(name), {"password": PASSWORD, "hours_per_week": 5})
    assert response.status_code == 403


def test_staff_without_two_factor_are_sent_to_set_it_up_when_required(client, settings):
    from allauth.mfa.models import Authenticator

    settings.STAFF_REQUIRE_TWO_FACTOR = True
    staff = verified_user(is_staff=True, is_superuser=True)
    client.force_login(staff)

    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")

    Authenticator.objects.create(user=staff, type=Authenticator.Type.TOTP, data={})
    assert client.get(reverse("admin:index")).status_code == 200


def test_learners_are_not_asked_for_two_factor(client, settings):
    settings.STAFF_REQUIRE_TWO_FACTOR = True
    client.force_login(verified_user())
    assert client.get(reverse("accounts:goals")).status_code == 200


def test_the_sign_in_message_names_the_learner_by_address_not_username(client, user):
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": "correct horse battery staple"}, follow=True
    )
    page = response.content.decode()
    assert f"Successfully signed in as {user.email}" in page
    assert user.username not in page.replace(user.email, "")

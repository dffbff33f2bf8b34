"""Secrets end with the password: a new password or sign-in address revokes every token and replaces the calendar
address; the pages say so, and ask for the password again before making a token or changing the address."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail, signing
from django.test import Client
from django.urls import reverse

from accounts.models import ApiToken, Profile, User
from accounts.tokens import token_create, token_user
from planning.digest import unsubscribe_token
from planning.services import calendar_feed_get
from tests.accounts.steps import NEW_PASSWORD, progress_via_token, reset_password, signed_in, verified_user
from tests.factories import PASSWORD, UserFactory
from tests.mailbox import code_in

pytestmark = pytest.mark.django_db


def user_with_secrets(email="learner@example.com"):
    user = verified_user(email)
    Profile.objects.create(user=user, weekly_digest=True)
    secrets = [token_create(user=user, name=name, scope="write", days=365)[1] for name in ("cli", "bot")]
    feed_path = reverse("planning:calendar-feed", args=[calendar_feed_get(user=user).token])
    return user, secrets, feed_path


def assert_secrets_ended(secrets, feed_path):
    client = Client()
    for secret in secrets:
        assert progress_via_token(client, secret).status_code == 401, "the token no longer answers"
    assert client.get(feed_path).status_code == 404, "the old calendar address no longer answers"


def test_a_password_change_revokes_every_token_and_replaces_the_calendar_address():
    user, secrets, feed_path = user_with_secrets()
    browser = signed_in(user)
    assert progress_via_token(browser, secrets[0]).status_code == 200 and browser.get(feed_path).status_code == 200
    change = {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    response = browser.post(reverse("account_change_password"), change)
    assert response.status_code == 302
    assert_secrets_ended(secrets, feed_path)
    new_feed = reverse("planning:calendar-feed", args=[calendar_feed_get(user=user).token])
    assert browser.get(new_feed).status_code == 200, "the plan page shows a new address that works"
    assert any("password" in message.subject.lower() for message in mail.outbox), "the owner is told by mail"


def test_a_password_reset_revokes_every_token_and_replaces_the_calendar_address():
    _user, secrets, feed_path = user_with_secrets()
    assert reset_password(Client(), "learner@example.com")
    assert_secrets_ended(secrets, feed_path)


def test_setting_a_first_password_revokes_every_token_and_replaces_the_calendar_address():
    user, secrets, feed_path = user_with_secrets()
    user.set_unusable_password()
    user.save()
    browser = Client()
    browser.force_login(user)
    response = browser.post(reverse("account_set_password"), {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert_secrets_ended(secrets, feed_path)


def test_a_new_sign_in_address_revokes_everything_and_tells_the_old_address():
    user, secrets, feed_path = user_with_secrets("old@example.com")
    old_unsubscribe = unsubscribe_token(user)
    browser = signed_in(user)
    mail.outbox.clear()
    added = browser.post(reverse("account_email"), {"email": "new@example.com", "action_add": ""})
    assert added.status_code == 302
    assert progress_via_token(Client(), secrets[0]).status_code == 200, "nothing ends before the new one is confirmed"
    browser.post(added["Location"], {"code": code_in(mail.outbox[-1])})
    user.refresh_from_db()
    assert user.email == "new@example.com"
    assert_secrets_ended(secrets, feed_path)
    notice = [message for message in mail.outbox if message.to == ["old@example.com"]]
    assert notice and "new@example.com" in notice[-1].body, "the old address is told of the change"
    stop = Client().post(reverse("planning:digest-unsubscribe", args=[old_unsubscribe]))
    assert stop.status_code == 400, "the unsubscribe link mailed to the old address is dead"
    assert Profile.objects.get(user=user).weekly_digest


def test_the_pages_say_what_a_new_password_or_address_ends():
    browser = signed_in(verified_user("ada@example.com"))
    password_page = browser.get(reverse("account_change_password")).content.decode()
    assert "revokes every API token" in password_page and "calendar feed a new address" in password_page
    email_page = browser.get(reverse("account_email")).content.decode()
    assert "revoke every API token" in email_page and "tell the old address" in email_page


def test_making_a_token_or_changing_the_address_asks_for_the_password_again(client):
    user = verified_user("ada@example.com")
    client.force_login(user)  # a stolen session: signed in, the password never typed here
    made = client.post(reverse("accounts:tokens"), {"name": "x", "scope": "write", "days": "365"})
    assert made.status_code == 302 and reverse("account_reauthenticate") in made["Location"]
    assert not ApiToken.objects.exists()
    moved = client.post(reverse("account_email"), {"email": "thief@example.com", "action_add": ""})
    assert moved.status_code == 302 and reverse("account_reauthenticate") in moved["Location"]
    assert not EmailAddress.objects.filter(email="thief@example.com").exists()
    assert client.get(reverse("accounts:tokens")).status_code == 200, "the list itself needs no password"

    wrong = client.post(reverse("account_reauthenticate"), {"password": "not it at all"})
    assert wrong.status_code == 200 and not ApiToken.objects.exists()
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert client.post(reverse("accounts:tokens"), {"name": "x", "scope": "write", "days": "365"}).status_code == 200
    assert ApiToken.objects.filter(user=user).count() == 1


def test_an_account_holds_at_most_ten_live_tokens(client_reauthenticated, user):
    for number in range(10):
        token_create(user=user, name=f"t{number}", scope="read", days=30)
    refused = client_reauthenticated.post(reverse("accounts:tokens"), {"name": "one more", "scope": "read",
                                                                       "days": "30"})  # fmt: skip
    assert refused.status_code == 400 and "revoke one" in refused.content.decode()
    assert ApiToken.objects.filter(user=user).count() == 10


@pytest.mark.parametrize("state", ["revoked", "expired", "missing", "garbage"])
def test_an_api_write_with_a_bad_token_is_401_not_a_csrf_failure(client, state):
    user = verified_user("ada@example.com")
    token, secret = token_create(user=user, name="bot", scope="write", days=30)
    if state == "revoked":
        ApiToken.objects.filter(pk=token.pk).update(revoked_at=token.created_at)
    elif state == "expired":
        ApiToken.objects.filter(pk=token.pk).update(expires_at=token.created_at)
    headers = (
        {} if state == "missing" else {"HTTP_AUTHORIZATION": f"Bearer {'cp_nope' if state == 'garbage' else secret}"}
    )
    client.force_login(user)  # even with a session cookie, a bad token is judged alone
    response = client.put("/api/v1/me/progress/anything", data="{}", content_type="application/json", **headers)
    if state == "missing":
        client.logout()
        response = client.put("/api/v1/me/progress/anything", data="{}", content_type="application/json")
    assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Bearer")
    assert "CSRF" not in response.json()["detail"]


def test_a_deactivated_accounts_calendar_feed_and_tokens_answer_as_unknown(client):
    user, secrets, feed_path = user_with_secrets()
    assert client.get(feed_path).status_code == 200
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert client.get(feed_path).status_code == 404
    assert token_user(secrets[0]) is None


def test_the_unsubscribe_link_names_no_id():
    user, other = verified_user("ada@example.com"), verified_user("grace@example.com")
    token = unsubscribe_token(user)
    with pytest.raises(signing.BadSignature):
        signing.loads(token, salt="planning.digest-unsubscribe")  # what it was: the signed, readable user id
    assert len(token) == 32 and token != unsubscribe_token(other), "a random key of its own"
    assert unsubscribe_token(user) == token, "the same link in every digest until the address changes"
    stop = Client().post(reverse("planning:digest-unsubscribe", args=[token]))
    assert stop.status_code == 200 and "no more weekly digests" in stop.content.decode()


def test_a_confirmation_the_database_refuses_is_a_message_not_a_500(rf):
    """An address staff set on another account (no address row) cannot become this account's sign-in address."""
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.db import SessionStore

    from accounts.adapter import AccountAdapter

    UserFactory(email="shared@example.com")
    ada = verified_user("ada@example.com")
    address = EmailAddress.objects.create(user=ada, email="shared@example.com", verified=False)
    request = rf.post("/")
    request.user, request.session = ada, SessionStore()
    request._messages = FallbackStorage(request)
    assert AccountAdapter(request).confirm_email(request, address) is False
    assert "belongs to another account" in str(next(iter(request._messages)))
    ada.refresh_from_db()
    assert ada.email == "ada@example.com" and not EmailAddress.objects.get(pk=address.pk).verified

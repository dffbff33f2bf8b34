"""Nobody takes over an account: only verified addresses identify one, and secrets end with the password.

The story the attacks told (issue "Nobody takes over an account"): a stranger parks someone's address on their own
account, keeps a token, and waits for that person to sign up and reset "their" password.
"""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail, signing
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from accounts.models import ApiToken, Profile, User
from accounts.tokens import token_create, token_user
from planning.digest import unsubscribe_token
from planning.services import calendar_feed_get
from progress.services import progress_set_status
from tests.factories import PASSWORD, ItemFactory, UserFactory
from tests.mailbox import code_in, link_in

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "another long password 2026"


def verified_user(email, **kwargs) -> User:
    user = UserFactory(email=email, **kwargs)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def signed_in(user, password=PASSWORD) -> Client:
    """A browser signed in through the real sign-in page that has also just typed the password again (allauth's
    reauthentication, which changing the address asks for)."""
    client = Client()
    assert client.post(reverse("account_login"), {"login": user.email, "password": password}).status_code == 302
    assert client.post(reverse("account_reauthenticate"), {"password": password}).status_code == 302
    return client


def reset_password(client, email, new_password=NEW_PASSWORD) -> bool:
    """Ask for a reset and follow the mailed link; False when no mail came."""
    sent = len(mail.outbox)
    client.post(reverse("account_reset_password"), {"email": email})
    if len(mail.outbox) == sent:
        return False
    form_url = client.get(link_in(mail.outbox[-1]), follow=True).redirect_chain[-1][0]
    response = client.post(form_url, {"password1": new_password, "password2": new_password})
    assert response.status_code == 302
    return True


def progress_via_token(client, secret):
    return client.get("/api/v1/me/progress", HTTP_AUTHORIZATION=f"Bearer {secret}")


def sign_up(email, password=NEW_PASSWORD) -> tuple[Client, str]:
    """A browser that signed up; returns it and the address of the page that takes the mailed code."""
    browser = Client()
    response = browser.post(reverse("account_signup"), {"email": email, "password1": password, "password2": password})
    assert response.status_code == 302
    return browser, response["Location"]


def test_the_pre_hijack_story_ends_with_the_victim_in_their_own_account():
    """Attacker: verified account, a 365-day write token, the victim's address added (never confirmed). Victim:
    signs up and resets. The victim gets an account of their own; the attacker's token never sees it."""
    attacker = verified_user("attacker@example.com")
    _token, secret = token_create(user=attacker, name="keep", scope="write", days=365)
    attacker_browser = signed_in(attacker)
    added = attacker_browser.post(reverse("account_email"), {"email": "victim@example.com", "action_add": ""})
    assert added.status_code == 302, "the claim is made; its code goes to the victim's mailbox"
    claim_code = code_in(mail.outbox[-1])

    mail.outbox.clear()
    victim_browser, code_page = sign_up("victim@example.com")
    victim = User.objects.get(email="victim@example.com")
    assert victim != attacker, "the sign-up made the victim's own account"
    assert len(mail.outbox) == 1 and "already" not in mail.outbox[0].body.lower(), "a code, not 'account exists'"
    victim_browser.post(code_page, {"code": code_in(mail.outbox[0])})
    assert EmailAddress.objects.get(user=victim, email="victim@example.com").verified
    attacker_browser.post(added["Location"], {"code": claim_code})
    assert not EmailAddress.objects.filter(user=attacker, email="victim@example.com").exists(), "the claim is dead"

    assert reset_password(Client(), "victim@example.com", "the victim's own new password")
    victim.refresh_from_db()
    attacker.refresh_from_db()
    assert victim.check_password("the victim's own new password"), "the reset reached the victim's account"
    assert attacker.check_password(PASSWORD), "and never the attacker's"
    progress_set_status(user=victim, item=ItemFactory(title="Victim's secret project"), status="in_progress")
    seen = progress_via_token(Client(), secret)
    assert seen.status_code == 200 and seen.json()["count"] == 0, "the attacker's token sees only their own record"
    assert "secret project" not in seen.content.decode()


def test_a_sign_up_claim_can_be_finished_only_in_the_browser_that_made_it():
    """The attacker signs up with the victim's address before and after the victim: whoever signs up last holds the
    claim, but only the mailbox's owner has the code, and it works only in the browser it was asked from."""
    sign_up("victim@example.com", "attacker's first password")
    victim_browser, victim_code_page = sign_up("victim@example.com")
    mail.outbox.clear()
    attacker_browser, attacker_code_page = sign_up("victim@example.com", "attacker's second password")
    attackers_code = code_in(mail.outbox[-1])  # in the victim's mailbox
    victim_browser.post(victim_code_page, {"code": attackers_code})  # the victim types the newest code they got
    assert not EmailAddress.objects.filter(email="victim@example.com", verified=True).exists()
    attacker_browser.post(attacker_code_page, {"code": "AAAA-AAAA"})
    assert not EmailAddress.objects.filter(email="victim@example.com", verified=True).exists()

    caches["default"].clear()  # ten minutes later: three codes to one address in ten minutes is the most we mail
    victim_browser, victim_code_page = sign_up("victim@example.com")  # the victim tries again
    victim_browser.post(victim_code_page, {"code": code_in(mail.outbox[-1])})
    owner = EmailAddress.objects.get(email="victim@example.com", verified=True).user
    assert owner.check_password(NEW_PASSWORD), "the address is on the account whose password the victim chose"
    assert (
        Client()
        .post(reverse("account_login"), {"login": "victim@example.com", "password": "attacker's second password"})
        .status_code
        == 200
    )


def test_confirming_an_address_another_account_still_claims_is_a_form_error_not_a_500():
    """Someone's never-confirmed sign-up holds the address; adding it to another account is refused in the form."""
    sign_up("ada@example.com", "forgotten long password")
    ada = verified_user("ada.work@example.com")
    browser = signed_in(ada)
    browser.raise_request_exception = False
    mail.outbox.clear()
    added = browser.post(reverse("account_email"), {"email": "ada@example.com", "action_add": ""})
    confirmed = browser.post(added["Location"], {"code": code_in(mail.outbox[-1])})
    assert confirmed.status_code == 200 and "already registered" in confirmed.content.decode()
    ada.refresh_from_db()
    assert ada.email == "ada.work@example.com" and not EmailAddress.objects.filter(user=ada, email="ada@example.com")


def test_an_address_only_pending_on_an_account_gets_no_reset_link_and_no_sign_in_code():
    attacker = verified_user("attacker@example.com")
    EmailAddress.objects.create(user=attacker, email="victim@example.com", verified=False, primary=False)
    mail.outbox.clear()
    assert not reset_password(Client(), "victim@example.com"), "no reset link into the attacker's account"
    Client().post(reverse("account_request_login_code"), {"email": "victim@example.com"})
    assert mail.outbox == [], "and no sign-in code"
    assert Client().post(reverse("account_login"), {"login": "victim@example.com", "password": PASSWORD}).status_code \
        == 200, "nor a password sign-in through it"  # fmt: skip


def test_a_verified_address_still_gets_its_reset_link_and_sign_in_code():
    verified_user("ada@example.com")
    assert reset_password(Client(), "ada@example.com")
    mail.outbox.clear()
    Client().post(reverse("account_request_login_code"), {"email": "ada@example.com"})
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ada@example.com"]


def test_signing_up_with_a_verified_address_makes_no_account_and_mails_its_owner():
    owner = verified_user("ada@example.com")
    response = Client().post(reverse("account_signup"), {"email": "ada@example.com", "password1": NEW_PASSWORD,
                                                          "password2": NEW_PASSWORD})  # fmt: skip
    assert response.status_code == 302
    assert list(User.objects.filter(email__iexact="ada@example.com")) == [owner]
    assert len(mail.outbox) == 1 and "already" in mail.outbox[0].body.lower()


def test_sign_up_hashes_the_password_whether_or_not_the_address_is_taken(monkeypatch):
    """The taken path used to skip the hashing (100 ms against 450 ms): both must do the same slow work."""
    calls = []
    encode = MD5PasswordHasher.encode
    monkeypatch.setattr(MD5PasswordHasher, "encode", lambda self, *a, **k: calls.append(1) or encode(self, *a, **k))
    verified_user("taken@example.com")
    for email in ("taken@example.com", "new@example.com"):
        calls.clear()
        Client().post(reverse("account_signup"), {"email": email, "password1": NEW_PASSWORD,
                                                  "password2": NEW_PASSWORD})  # fmt: skip
        assert len(calls) == 1, f"{email}: the password was hashed once"


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

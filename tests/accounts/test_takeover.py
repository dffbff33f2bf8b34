"""Nobody takes over an account: only verified addresses identify one (secrets ending with the password:
test_secrets_end.py).

The story the attacks told (issue "Nobody takes over an account"): a stranger parks someone's address on their own
account, keeps a token, and waits for that person to sign up and reset "their" password.
"""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from accounts.models import User
from accounts.tokens import token_create
from progress.services import progress_set_status
from tests.accounts.steps import NEW_PASSWORD, progress_via_token, reset_password, sign_up, signed_in, verified_user
from tests.factories import PASSWORD, ItemFactory
from tests.mailbox import code_in

pytestmark = pytest.mark.django_db


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

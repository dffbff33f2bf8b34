"""Nobody can lock a learner out: after someone else's wrong passwords pause the account, the owner signs in with
a one-time code by email, or resets the password, which lifts the pause."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
OWNER = "owner@example.com"
PASSWORD = "correct horse battery staple"


@pytest.fixture
def locked_out_owner():
    owner = UserFactory(email=OWNER)
    EmailAddress.objects.create(user=owner, email=OWNER, verified=True, primary=True)
    attacker = Client(REMOTE_ADDR="203.0.113.66")
    for number in range(5):
        attacker.post(reverse("account_login"), {"login": OWNER, "password": f"guess {number}"})
    return owner


def test_the_owner_is_paused_but_offered_a_code(locked_out_owner):
    owner = Client(REMOTE_ADDR="198.51.100.10")
    response = owner.post(reverse("account_login"), {"login": OWNER, "password": PASSWORD})
    assert response.status_code == 429
    assert reverse("account_request_login_code") in response.content.decode()


def test_the_owner_signs_in_with_the_code_from_the_mail(locked_out_owner):
    owner = Client(REMOTE_ADDR="198.51.100.10")
    response = owner.post(reverse("account_request_login_code"), {"email": OWNER})
    assert response.status_code == 302
    code = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", mail.outbox[-1].body, re.M).group(1)
    response = owner.post(reverse("account_confirm_login_code"), {"code": code})
    assert response.status_code == 302
    assert owner.get(reverse("progress:dashboard")).status_code in (200, 302)
    assert owner.session.get("_auth_user_id") == str(locked_out_owner.pk)


def test_a_password_reset_lifts_the_pause(locked_out_owner):
    owner = Client(REMOTE_ADDR="198.51.100.10")
    owner.post(reverse("account_reset_password"), {"email": OWNER})
    link = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[-1].body).group(1)
    form_page = owner.get(link, follow=True)
    new_password = "a brand new long password 42"
    owner.post(form_page.redirect_chain[-1][0] if form_page.redirect_chain else link,
               {"password1": new_password, "password2": new_password})  # fmt: skip
    owner.logout()
    response = owner.post(reverse("account_login"), {"login": OWNER, "password": new_password})
    assert response.status_code == 302, "signed in with the new password despite the earlier failures"

"""What the account tests do as a person would: sign up, sign in, reset a password, use a token."""

from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import User
from tests.factories import PASSWORD, UserFactory
from tests.mailbox import link_in

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

"""allauth's adapter: the first sign-in of an account lands on Get started, once; confirming an address ends every
other account's claim on it."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import resolve_url

from .services import email_release_pending

FIRST_LOGIN_SESSION_KEY = "careerpath_first_login"


class AccountAdapter(DefaultAccountAdapter):
    def login(self, request, user):
        # last_login is still empty before an account's first sign-in (Django sets it while logging in).
        first = user.last_login is None
        super().login(request, user)
        if first:
            request.session[FIRST_LOGIN_SESSION_KEY] = True

    def get_login_redirect_url(self, request):
        if request.session.pop(FIRST_LOGIN_SESSION_KEY, False):
            return resolve_url(settings.FIRST_LOGIN_REDIRECT_URL)
        return super().get_login_redirect_url(request)

    def get_signup_redirect_url(self, request):
        if request.session.pop(FIRST_LOGIN_SESSION_KEY, False):
            return resolve_url(settings.FIRST_LOGIN_REDIRECT_URL)
        return super().get_signup_redirect_url(request)

    def confirm_email(self, request, email_address):
        """Whoever proves an address owns it: other accounts' unconfirmed claims on it (a sign-up never finished)
        end in the same transaction, before allauth makes it this account's sign-in address, which the database
        keeps unique. An address the database still refuses (set by staff on another account) is refused with a
        message, and nothing of the confirmation is kept."""
        try:
            with transaction.atomic():
                email_release_pending(email=email_address.email, keep_user_id=email_address.user_id)
                return super().confirm_email(request, email_address)
        except IntegrityError:
            messages.error(request, f"{email_address.email} belongs to another account: it cannot be confirmed here.")
            return False

"""allauth's adapter, with one change: the first sign-in of an account lands on Get started, once."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.shortcuts import resolve_url

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

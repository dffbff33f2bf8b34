"""Authentication backends that load the learner's profile with the user: one query instead of two on every page.

Every signed-in page reads `user.profile` (the navigation bar's name, the time zone middleware, the dashboard's
cache key), so the session's user is fetched with its profile joined.
"""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend


class UserWithProfileMixin:
    def get_user(self, user_id):
        User = get_user_model()
        try:
            user = User._default_manager.select_related("profile").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


class ModelBackend(UserWithProfileMixin, DjangoModelBackend):
    """Django's username/password backend (the admin and `force_login`)."""


class AuthenticationBackend(UserWithProfileMixin, AllauthBackend):
    """allauth's email login."""

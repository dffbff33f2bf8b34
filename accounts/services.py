"""Writes on a person's account: deleting everything the site holds about them (goals are a ModelForm)."""

from allauth.usersessions.models import UserSession
from django.db import transaction

from .models import Profile, User


def sessions_end(*, user: User, keep: str | None = None) -> int:
    """Delete every session of the user (the rows, not only their validity), but the one keyed `keep`.

    Sessions are known from allauth.usersessions, which records each sign-in. Returns how many ended.
    """
    ended = 0
    for session in UserSession.objects.filter(user=user):
        if session.session_key != keep:
            session.end()
            ended += 1
    return ended


@transaction.atomic
def user_delete(*, user: User) -> None:
    """Remove the user, every session they had, and by cascade every row of personal data that points at them."""
    sessions_end(user=user)
    user.delete()


def profile_set_weekly_digest(*, user: User, enabled: bool) -> bool:
    """Turn the weekly digest on or off (the one-click unsubscribe calls this); returns whether it changed."""
    profile, _created = Profile.objects.get_or_create(user=user)
    if profile.weekly_digest == enabled:
        return False
    profile.weekly_digest = enabled
    profile.save(update_fields=["weekly_digest", "updated_at"])
    return True

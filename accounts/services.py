"""Writes on a person's account: deleting everything the site holds about them (goals are a ModelForm)."""

from allauth.usersessions.models import UserSession
from django.db import transaction
from django.db.models import F

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


def profile_record_changed(*, user_id: int) -> None:
    """The learner's record (progress, plan, reviews) changed: raise its version in the caller's transaction.

    One UPDATE, committed or rolled back with the change itself, so a page cached under the version can never
    disagree with the data, on any app server, and no cache write sits on the path of a tick. A learner without a
    profile gets one (at version 1); their pages were keyed "no profile" and are not asked for again.
    """
    if not Profile.objects.filter(user_id=user_id).update(record_version=F("record_version") + 1):
        Profile.objects.get_or_create(user_id=user_id, defaults={"record_version": 1})


def profile_set_weekly_digest(*, user: User, enabled: bool) -> bool:
    """Turn the weekly digest on or off (the one-click unsubscribe calls this); returns whether it changed."""
    profile, _created = Profile.objects.get_or_create(user=user)
    if profile.weekly_digest == enabled:
        return False
    profile.weekly_digest = enabled
    profile.save(update_fields=["weekly_digest", "updated_at"])
    return True

"""Writes on a person's account: deleting everything the site holds about them (goals are a ModelForm)."""

from functools import cache

from allauth.usersessions.models import UserSession
from django.db import connections, router, transaction

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
    alias = router.db_for_write(Profile)
    with connections[alias].cursor() as cursor:
        cursor.execute(_version_raise_statement(alias), [user_id])
        raised = cursor.rowcount
    if not raised:
        Profile.objects.get_or_create(user_id=user_id, defaults={"record_version": 1})


@cache
def _version_raise_statement(alias: str) -> str:
    """`Profile.objects.filter(user_id=...).update(record_version=F("record_version") + 1)`, written out once per
    process: it runs in every tick's transaction, where compiling it cost more than running it."""
    name = connections[alias].ops.quote_name
    version, user = name("record_version"), name(Profile._meta.get_field("user").column)
    return f"UPDATE {name(Profile._meta.db_table)} SET {version} = {version} + 1 WHERE {user} = %s"  # noqa: S608


def profile_set_weekly_digest(*, user: User, enabled: bool) -> bool:
    """Turn the weekly digest on or off (the one-click unsubscribe calls this); returns whether it changed."""
    profile, _created = Profile.objects.get_or_create(user=user)
    if profile.weekly_digest == enabled:
        return False
    profile.weekly_digest = enabled
    profile.save(update_fields=["weekly_digest", "updated_at"])
    return True

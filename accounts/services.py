"""Writes on a person's account: its sessions and secrets, its addresses, deleting everything the site holds about
them (goals are a ModelForm)."""

import secrets
from functools import cache

from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from django.db import connections, router, transaction

from careerpath.outbox import outbox_forget

from . import hooks
from .models import Profile, User
from .tokens import tokens_revoke_all


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
def account_secrets_replace(*, user: User, address_changed: bool = False) -> int:
    """The password or the sign-in address changed: every secret that works without the password stops working.

    Revokes every API token, has each app replace what it holds (the calendar address: accounts.hooks), and, when
    the address changed, the digest's unsubscribe link (it must not outlive the mailbox it was sent to). Returns
    how many tokens were revoked.
    """
    revoked = tokens_revoke_all(user=user)
    hooks.secrets_replaced(user=user)
    if address_changed:
        Profile.objects.filter(user=user).update(unsubscribe_key="")
    return revoked


def profile_unsubscribe_key(*, profile: Profile) -> str:
    """The secret of the learner's one-click unsubscribe link, made the first time a digest needs it.

    Random and stored (the shape `UNSUBSCRIBE_KEY` in models), so the link names nobody (no id, no address) and a
    new sign-in address ends it.
    """
    if not profile.unsubscribe_key:
        key = secrets.token_urlsafe(24)
        # Only if still empty: two digests made at once must not hand out two keys, one of them dead.
        if Profile.objects.filter(pk=profile.pk, unsubscribe_key="").update(unsubscribe_key=key):
            profile.unsubscribe_key = key
        else:
            profile.refresh_from_db(fields=["unsubscribe_key"])
    return profile.unsubscribe_key


@transaction.atomic
def email_release_pending(*, email: str, keep_user_id: int | None = None) -> int:
    """Take an address that is only pending (unconfirmed) off every account that holds it (but `keep_user_id`'s):
    before a sign-up with it, and when an account confirms it.

    Whoever confirms an address owns it; until then it is a claim, and a claim by one account must not keep the
    address's owner out (nor make their sign-up mail them a reset link into the claimant's account). Confirmation
    is by a code typed into the browser that made the claim (ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED), so only
    the mailbox's owner can finish one. Removes the unconfirmed address rows and clears `User.email` where it was
    that address. Returns how many accounts lost the claim.
    """
    email = email.lower()
    pending = EmailAddress.objects.filter(email=email, verified=False).exclude(user_id=keep_user_id)
    user_ids = set(pending.values_list("user_id", flat=True))
    pending.delete()
    if user_ids:
        User.objects.filter(pk__in=user_ids, email__iexact=email).update(email="")
    return len(user_ids)


@transaction.atomic
def user_delete(*, user: User) -> None:
    """Remove the user, every session they had, by cascade every row of personal data that points at them, and the
    mail not yet sent to their addresses (careerpath.outbox.outbox_forget)."""
    sessions_end(user=user)
    outbox_forget(addresses=[user.email, *EmailAddress.objects.filter(user=user).values_list("email", flat=True)])
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

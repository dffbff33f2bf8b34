"""The one place accounts listens to allauth: its signals are allauth's only hooks after a password or an address
changes. Each receiver calls a service; the rules live there."""

from django.db import transaction

from .services import account_secrets_replace, sessions_end


def _current_session(request) -> str | None:
    return request.session.session_key if request is not None and request.user.is_authenticated else None


def end_other_sessions(sender, request, user, **kwargs):
    """A new password (changed, set or reset) ends every other session of the account at once, revokes every API
    token and replaces the calendar address."""
    with transaction.atomic():
        sessions_end(user=user, keep=_current_session(request))
        account_secrets_replace(user=user)


def address_changed(sender, request, user, from_email_address=None, **kwargs):
    """A new sign-in address (confirmed) does the same, and ends the digest's unsubscribe link; allauth mails the old
    address (ACCOUNT_EMAIL_NOTIFICATIONS)."""
    if from_email_address is None:  # the first address of an account, not a change
        return
    with transaction.atomic():
        sessions_end(user=user, keep=_current_session(request))
        account_secrets_replace(user=user, address_changed=True)

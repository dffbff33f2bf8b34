"""The one place accounts listens to allauth: its password signals are allauth's only hook after a password changes."""

from .services import sessions_end


def end_other_sessions(sender, request, user, **kwargs):
    """A new password (changed, set or reset) ends every other session of the account at once."""
    keep = request.session.session_key if request.user.is_authenticated else None
    sessions_end(user=user, keep=keep)

"""The database session engine's read, as a hook a session store of ours fills in.

Django's non-public API used here (tests/db/test_sessions.py; docs/development.md, "Upgrading Django"):
`django.contrib.sessions.backends.db.SessionStore._get_session_from_db()`, which `load()` calls to read the session
row (the instance, or None after setting `_session_key` to None when there is no live session). Only the
synchronous path is hooked: `aload()` (an async view) still reads through Django's `_aget_session_from_db`.
"""


class SessionReadHookMixin:
    """Mixed into a subclass of the database `SessionStore`: `load()` reads the row with `read_session()`."""

    def read_session(self):
        """The live session row for `self.session_key` (expiry after now), or None."""
        raise NotImplementedError

    def _get_session_from_db(self):
        found = self.read_session()
        if found is None:
            self._session_key = None  # as Django's own: a key that leads to no live session is not kept
        return found

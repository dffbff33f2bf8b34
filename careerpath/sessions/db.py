"""The session engine without Redis: database sessions (see careerpath.sessions)."""

from django.contrib.sessions.backends import db

from . import WrittenOutReadMixin


class SessionStore(WrittenOutReadMixin, db.SessionStore):
    pass

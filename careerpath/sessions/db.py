"""The session engine: database sessions, read with a written-out statement (see careerpath.sessions)."""

from django.contrib.sessions.backends import db

from . import WrittenOutReadMixin


class SessionStore(WrittenOutReadMixin, db.SessionStore):
    pass

"""The session engine with Redis: read from the cache, written through to the database (see careerpath.sessions)."""

from django.contrib.sessions.backends import cached_db

from . import WrittenOutReadMixin


class SessionStore(WrittenOutReadMixin, cached_db.SessionStore):
    pass

"""Django's database sessions, read with a written-out statement (`db`, and `cached_db` when Redis is set).

Reading the session is the first query of every signed-in request; the ORM spent longer compiling
`Session.objects.get(session_key=..., expire_date__gt=now)` than the database spent answering it. Everything else
(saving, expiry, cycling the key at sign-in, clearing) is Django's own.
"""

from functools import cache

from django.db import connections, router
from django.utils import timezone


@cache
def _session_statement(alias: str, table: str) -> str:
    name = connections[alias].ops.quote_name
    # Names are constants, quoted; the key and the time are parameters.
    return (
        f"SELECT {name('session_key')}, {name('session_data')}, {name('expire_date')} "  # noqa: S608
        f"FROM {name(table)} WHERE {name('session_key')} = %s AND {name('expire_date')} > %s"
    )


class WrittenOutReadMixin:
    def _get_session_from_db(self):
        model = self.model
        alias = router.db_for_read(model)
        sql = _session_statement(alias, model._meta.db_table)
        now = connections[alias].ops.adapt_datetimefield_value(timezone.now())
        found = list(model._default_manager.db_manager(alias).raw(sql, [self.session_key, now]))
        if not found:
            self._session_key = None
            return None
        return found[0]

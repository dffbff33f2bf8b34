"""Django's database sessions (`careerpath.sessions.db`), read with a written-out statement.

Reading the session is the first query of every signed-in request; the ORM spent longer compiling
`Session.objects.get(session_key=..., expire_date__gt=now)` than the database spent answering it. Everything else
(saving, expiry, cycling the key at sign-in, clearing) is Django's own.

On PostgreSQL the session's user (with their profile) is read in the same round trip as the session, once this
process has seen the key: the two statements go out together and `accounts.backends` takes the user from there
instead of asking again. A key never changes hands (Django makes a new key at every sign-in and sign-out), so the
user id remembered for a key is the one the session holds; should it ever differ, the row is not taken and the
user is read on its own, as before. A round trip is most of a cached page's wait for the database.
"""

from functools import cache

from django.contrib.auth import SESSION_KEY, get_user_model
from django.db import connections, router
from django.utils import timezone

from accounts import backends
from careerpath.db import rows as db_rows
from careerpath.db import statements
from careerpath.db.sessions import SessionReadHookMixin
from careerpath.db.statements import sends_two_at_once

# session key -> the user id it holds, learned from each load of a signed-in session; bounded (cleared when full).
_user_of_key: dict[str, str] = {}
REMEMBERED_KEYS = 20_000


def forget_users() -> None:
    """Forget which user each key holds (tests start from a process that has seen no session)."""
    _user_of_key.clear()


@cache
def _session_statement(alias: str, table: str) -> str:
    name = connections[alias].ops.quote_name
    # Names are constants, quoted; the key and the time are parameters.
    return (
        f"SELECT {name('session_key')}, {name('session_data')}, {name('expire_date')} "  # noqa: S608
        f"FROM {name(table)} WHERE {name('session_key')} = %s AND {name('expire_date')} > %s"
    )


class WrittenOutReadMixin(SessionReadHookMixin):
    def load(self):
        backends.offer_user(None, None)  # whatever an earlier load offered is not this request's
        data = super().load()
        user_id = data.get(SESSION_KEY)
        if user_id is not None and self.session_key is not None:
            if len(_user_of_key) >= REMEMBERED_KEYS:
                _user_of_key.clear()
            _user_of_key[self.session_key] = str(user_id)
        return data

    def read_session(self):
        model = self.model
        alias = router.db_for_read(model)
        sql = _session_statement(alias, model._meta.db_table)
        now = connections[alias].ops.adapt_datetimefield_value(timezone.now())
        user_id = _user_of_key.get(self.session_key) if sends_two_at_once(alias) else None
        if user_id is None:
            found = statements.rows(alias, sql, [self.session_key, now])
        else:
            user_key = get_user_model()._meta.pk.to_python(user_id)  # typed as the column is: it is a prepared value
            found, user_rows = statements.rows_together(
                alias, (sql, [self.session_key, now]), (backends.user_with_profile_sql(alias), [user_key])
            )
            if found:
                backends.offer_user(user_id, backends.user_from_rows(alias, user_rows))
        return next(db_rows.instances(alias, model, found[:1])) if found else None

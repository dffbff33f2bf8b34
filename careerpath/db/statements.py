"""Statements written out once per process (on hot paths the ORM's compilation cost more than the query), run
alone or several in one round trip where the database takes several statements in one execute.

On PostgreSQL with client-side binding (Django's default for psycopg) each statement is also prepared on the
server, once per connection: `PREPARE` travels with its first `EXECUTE`, in the same execute (so a page's query
count does not depend on whether its connection is new), and later calls send `EXECUTE name(values)` only. The
server then does not parse it again and, after five executions, runs it on a generic plan instead of planning it:
the tick's statement cost the database 0.95-0.98 ms of CPU as text against 0.40-0.43 ms prepared (bench/README.md,
2026-12-04 night). That CPU is shared with the app under load, so waiting for the answer (what an idle machine
shows) hid it.

- Each parameter's type is declared from its value in the call that prepares the statement (`bool` boolean,
  `int` bigint, `float` double precision, `Decimal` numeric, `str` text, `datetime` timestamptz, `date` date), or
  given with the value (`Typed`, for a value that may be None). A call with a value of any other type, or a bare
  `None` (whose type PostgreSQL cannot always tell from where it stands), runs the statement as text and leaves
  preparing it to a later call. Later values are cast to the declared types.
- `PREPARE` is not transactional: a prepared statement outlives a rollback. A first call that fails may or may not
  have left its statement prepared, so the next call prepares it again under a new name (names carry a tag of
  their own connection, so a server session a pooler reuses cannot hold them already). After an `EXECUTE` of a
  name the server does not know (deallocated) or of a statement whose result type a migration changed, that call
  fails and the connection's statements are prepared again.
- At most `PREPARED_PER_CONNECTION` statements per connection; beyond them (statements whose text varies, such as
  an IN list of a varying length) statements run as text.
- `settings.DATABASE_PREPARED_STATEMENTS = False` turns it off: needed behind a pooler that shares a server
  connection between clients (PgBouncer in transaction mode), where a statement prepared on one is unknown on
  another (docs/operations.md).

Public API only (cursors, psycopg's `nextset`, the connection's raw `connection` as a key); here because every
written-out statement runs through it.
"""

import datetime
import decimal
import itertools
import re
import secrets
import weakref
from collections.abc import Mapping, Sequence
from functools import cache
from typing import NamedTuple

from django.conf import settings
from django.db import DatabaseError, connections

PREPARED_PER_CONNECTION = 100
# PostgreSQL's SQLSTATEs after which this connection's prepared statements are not relied on: a name it does not know
# (deallocated: DISCARD ALL, a pooler), and a result type changed under a prepared statement (a migration altered a
# column it reads: "cached plan must not change result type").
FORGET_PREPARED = {"26000", "0A000"}
_PLACEHOLDER = re.compile(r"%%|%\((\w+)\)s|%s")
_TYPES = (  # in this order: a bool is an int, a datetime is a date
    (bool, "boolean"),
    (int, "bigint"),
    (float, "double precision"),
    (decimal.Decimal, "numeric"),
    (str, "text"),
    (datetime.datetime, "timestamptz"),
    (datetime.date, "date"),
)


def sends_two_at_once(alias: str) -> bool:
    """Whether `alias` takes two statements in one execute, and named parameters bound on the client: PostgreSQL
    with client-side binding (Django's default for psycopg). With `server_side_binding` each statement goes alone."""
    connection = connections[alias]
    return connection.vendor == "postgresql" and not connection.settings_dict["OPTIONS"].get("server_side_binding")


def prepares(alias: str) -> bool:
    """Whether statements run on `alias` are prepared on the server (PostgreSQL with client-side binding; with
    server-side binding psycopg prepares repeated queries itself)."""
    return sends_two_at_once(alias) and getattr(settings, "DATABASE_PREPARED_STATEMENTS", True)


class Typed(NamedTuple):
    """A value with the type its parameter is declared with when the statement is prepared: for a value that can be
    None (a date not set yet), so the call that prepares the statement need not be one where it is set."""

    value: object
    type: str


def rows(alias: str, sql: str, params: Sequence | Mapping) -> list[tuple]:
    """The rows of one statement, as the database returns them (`careerpath.db.rows` turns them into Python
    values). `params` is a sequence for `%s` placeholders or a mapping for `%(name)s` ones; each value is of the
    Python type of its column (an int for an id, not a string of digits: a prepared statement declares the type
    from it), or a `Typed`."""
    if prepares(alias):
        return _run_prepared(alias, [(sql, params)])[0]
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, _plain(params))
        return cursor.fetchall()


def rows_together(alias: str, *statements: tuple[str, Sequence | Mapping]) -> list[list[tuple]]:
    """The rows of each `(sql, params)`, in that order: sent in one round trip where the database takes several
    statements in one execute (`sends_two_at_once`), one after another elsewhere (on SQLite a statement is no round
    trip). Statements sent together see what the ones before them wrote (one implicit transaction)."""
    if prepares(alias):
        return _run_prepared(alias, list(statements))
    if not sends_two_at_once(alias):
        return [rows(alias, sql, params) for sql, params in statements]
    parts, values = [], []
    for sql, params in statements:  # one execute takes one style of placeholder: every statement's as `%s`
        _body, _keys, positional, occurrences = _numbered(sql)
        parts.append(positional)
        values.extend(_plain_value(params[key]) for key in occurrences)
    with connections[alias].cursor() as cursor:
        cursor.execute(";\n".join(parts), values)
        results = [cursor.fetchall()]
        while cursor.nextset():
            results.append(cursor.fetchall())
    return results


def _plain_value(value):
    return value.value if isinstance(value, Typed) else value


def _plain(params: Sequence | Mapping):
    if isinstance(params, Mapping):
        return {key: _plain_value(value) for key, value in params.items()}
    return [_plain_value(value) for value in params]


@cache
def _numbered(sql: str) -> tuple[str, tuple, str, tuple]:
    """`sql` with `$1`, `$2`... for its placeholders and the key of each number's value (the index for `%s`, the
    name for `%(name)s`: a name used twice is one number); and `sql` with `%s` for every placeholder and the key of
    each, to run as text among prepared statements (one execute takes one style of placeholder)."""
    keys: list = []
    occurrences: list = []

    def number(found: re.Match) -> str:
        if found.group(0) == "%%":
            return "%%"  # still escaped: the statement goes out through the cursor with the values
        key = found.group(1) if found.group(1) is not None else len(occurrences)
        occurrences.append(key)
        if key not in keys:
            keys.append(key)
        return f"${keys.index(key) + 1}"

    body = _PLACEHOLDER.sub(number, sql)
    positional = _PLACEHOLDER.sub(lambda found: found.group(0) if found.group(0) == "%%" else "%s", sql)
    return body, tuple(keys), positional, tuple(occurrences)


def _type_of(value) -> str:
    if isinstance(value, Typed):
        return value.type
    return next((name for kind, name in _TYPES if isinstance(value, kind)), "unknown")


class _Prepared:
    """One connection's prepared statements: the name of each statement's text, and a counter for new names."""

    def __init__(self):
        self.names: dict[str, str] = {}
        # Unique to this connection's client: a server session reused by a pooler may still hold another's names.
        self.prefix = f"careerpath_{secrets.token_hex(4)}_"
        self.counter = itertools.count(1)


_by_connection: "weakref.WeakKeyDictionary[object, _Prepared]" = weakref.WeakKeyDictionary()


def _run_prepared(alias: str, statements: list[tuple[str, Sequence | Mapping]]) -> list[list[tuple]]:
    connection = connections[alias]
    with connection.cursor() as cursor:
        # Read after the cursor: opening it may have replaced a connection that failed its health check.
        prepared = _by_connection.setdefault(connection.connection, _Prepared())
        sql, values, produces_rows, new = _together(prepared, statements)
        try:
            cursor.execute(sql, values)
        except DatabaseError as error:
            if getattr(error.__cause__, "sqlstate", None) in FORGET_PREPARED:
                # This call fails; the next prepares again, under new names.
                prepared.names.clear()
            raise
        results = []
        for index, has_rows in enumerate(produces_rows):
            if index:
                cursor.nextset()
            if has_rows:
                results.append(cursor.fetchall())
    prepared.names.update(new)  # only now: a failed first call prepares again under a new name
    return results


def _together(prepared: _Prepared, statements) -> tuple[str, list, list[bool], dict[str, str]]:
    """What one execute sends for `statements`: the SQL, the values, whether each part returns rows (a PREPARE
    does not), and the names this call prepares."""
    parts, values, produces_rows, new = [], [], [], {}
    for sql, params in statements:
        body, keys, positional, occurrences = _numbered(sql)
        arguments = [params[key] for key in keys]
        name = prepared.names.get(sql) or new.get(sql)
        types = [_type_of(argument) for argument in arguments] if name is None else []
        if "unknown" in types or (name is None and len(prepared.names) + len(new) >= PREPARED_PER_CONNECTION):
            parts.append(positional)  # as text this time
            values.extend(_plain_value(params[key]) for key in occurrences)
            produces_rows.append(True)
            continue
        if name is None:
            name = new[sql] = f"{prepared.prefix}{next(prepared.counter)}"
            parts.append(f"PREPARE {name}" + (f" ({', '.join(types)})" if types else "") + f" AS {body}")
            produces_rows.append(False)
        parts.append(f"EXECUTE {name}" + (f"({', '.join(['%s'] * len(arguments))})" if arguments else ""))
        values.extend(_plain_value(argument) for argument in arguments)
        produces_rows.append(True)
    return ";\n".join(parts), values, produces_rows, new


def sent_statements(sql: str, alias: str = "default") -> list[str]:
    """The statements in what one execute sent (a query Django logged), each as it was written out: an
    `EXECUTE name(values)` as the statement it ran on this connection, a `PREPARE` left out. For tests and
    debugging, which read the statements a page runs."""
    connection = connections[alias]
    names = {}
    if connection.connection is not None and connection.connection in _by_connection:
        names = {name: text for text, name in _by_connection[connection.connection].names.items()}
    found = []
    for part in sql.split(";\n"):
        if part.startswith("PREPARE careerpath_"):
            continue
        executed = re.match(r"EXECUTE (careerpath_\w+)", part)
        found.append(names.get(executed.group(1), part) if executed else part)
    return found

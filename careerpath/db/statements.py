"""Statements written out once per process (on hot paths the ORM's compilation cost more than the query), run
alone or several in one round trip where the database takes several statements in one execute.

Public API only (cursors, psycopg's `nextset`); here because every written-out statement runs through it.
"""

from collections.abc import Sequence

from django.db import connections


def sends_two_at_once(alias: str) -> bool:
    """Whether `alias` takes two statements in one execute, and named parameters bound on the client: PostgreSQL
    with client-side binding (Django's default for psycopg). With `server_side_binding` each statement goes alone."""
    connection = connections[alias]
    return connection.vendor == "postgresql" and not connection.settings_dict["OPTIONS"].get("server_side_binding")


def rows(alias: str, sql: str, params: Sequence) -> list[tuple]:
    """The rows of one statement, as the database returns them (`careerpath.db.rows` turns them into Python
    values)."""
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def rows_together(alias: str, *statements: tuple[str, Sequence]) -> list[list[tuple]]:
    """The rows of each `(sql, params)`, in that order: sent in one round trip where the database takes several
    statements in one execute (`sends_two_at_once`), one after another elsewhere (on SQLite a statement is no round
    trip). Each statement uses `%s` placeholders only."""
    if not sends_two_at_once(alias):
        return [rows(alias, sql, params) for sql, params in statements]
    with connections[alias].cursor() as cursor:
        cursor.execute(
            ";\n".join(sql for sql, _params in statements), [value for _sql, params in statements for value in params]
        )
        results = [cursor.fetchall()]
        while cursor.nextset():
            results.append(cursor.fetchall())
    return results

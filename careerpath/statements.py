"""What the statements written out once per process on hot paths share (the session and user read, the tick).

Neutral: imports no app, so every app may use it (tests/test_architecture.py).
"""

from django.db import connections


def sends_two_at_once(alias: str) -> bool:
    """Whether `alias` takes two statements in one execute, and named parameters bound on the client: PostgreSQL
    with client-side binding (Django's default for psycopg). With `server_side_binding` each statement goes alone."""
    connection = connections[alias]
    return connection.vendor == "postgresql" and not connection.settings_dict["OPTIONS"].get("server_side_binding")


def converters(alias: str, fields):
    """The compiler and the converters the ORM applies to values of `fields` read on `alias` (use
    `compiler.apply_converters(rows, converters)`), for rows a written-out statement fetched."""
    compiler = fields[0].model._default_manager.none().query.get_compiler(alias)
    return compiler, compiler.get_converters([field.get_col(field.model._meta.db_table) for field in fields])

"""What the statements written out once per process on hot paths share (the session and user read, the tick, the
dashboard's progress rows).

Neutral: imports no app, so every app may use it (tests/test_architecture.py).
"""

from collections.abc import Iterator
from functools import cache, lru_cache

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


@cache
def _model_converters(alias: str, model):
    fields = model._meta.concrete_fields
    return (*converters(alias, fields), [field.attname for field in fields])


def instances(alias: str, model, rows) -> Iterator:
    """Instances of `model` from rows of all its columns in the model's order, as a written-out or compiled-once
    statement fetched them on `alias`: the values through the ORM's own converters, as a queryset would."""
    compiler, model_converters, names = _model_converters(alias, model)
    for values in compiler.apply_converters(rows, model_converters):
        yield model.from_db(alias, names, values)


# An id no row has: where `rows_compiled_once` puts the value given at run time.
PLACEHOLDER = -7_340_193


# Bounded: a fixed value that keeps changing (the week a plan read is for) must not grow the process without end.
@lru_cache(maxsize=512)
def _compiled(alias: str, build, fixed: tuple) -> tuple[str, tuple, tuple[int, ...]]:
    sql, params = build(PLACEHOLDER, *fixed).query.get_compiler(alias).as_sql()
    positions = tuple(index for index, value in enumerate(params) if value == PLACEHOLDER)
    if not positions:
        raise ValueError(f"{build.__name__} does not use its argument in the query")
    return sql, tuple(params), positions


def rows_compiled_once(alias: str, build, value, *fixed) -> list[tuple]:
    """The rows of the query `build(value, *fixed)` returns, compiled by the ORM once per process, `alias` and
    `fixed`, then run with `value` wherever `build` put its first argument (Django compiles every query anew: 0.3-0.5
    ms for a join, more than running it). `build` is a module-level function of an id and of the few hashable
    values in `fixed` (a time zone's name: one compiled query per zone in use); its rows come as the database returns
    them (`converters` turns them into Python values)."""
    sql, values = _bound(alias, build, value, fixed)
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, values)
        return cursor.fetchall()


def _bound(alias: str, build, value, fixed: tuple) -> tuple[str, list]:
    sql, params, positions = _compiled(alias, build, fixed)
    values = list(params)
    for index in positions:
        values[index] = value
    return sql, values


def rows_compiled_once_together(alias: str, *queries: tuple) -> list[list[tuple]]:
    """The rows of several `rows_compiled_once` queries, each given as `(build, value, *fixed)`, in that order: sent
    in one round trip where the database takes several statements in one execute (`sends_two_at_once`), one after
    another elsewhere (on SQLite a statement is no round trip)."""
    if not sends_two_at_once(alias):
        return [rows_compiled_once(alias, build, value, *fixed) for build, value, *fixed in queries]
    statements, values = [], []
    for build, value, *fixed in queries:
        sql, params = _bound(alias, build, value, tuple(fixed))
        statements.append(sql)
        values.extend(params)
    with connections[alias].cursor() as cursor:
        cursor.execute(";\n".join(statements), values)
        results = [cursor.fetchall()]
        while cursor.nextset():
            results.append(cursor.fetchall())
    return results

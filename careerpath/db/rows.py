"""Python values and model instances from the rows a written-out statement fetched, as a queryset would give them.

Django's non-public API used here (what to check on upgrade: docs/development.md, "Upgrading Django"; the tests in
tests/db/test_rows.py):

- `SQLCompiler.get_converters(expressions)` and `SQLCompiler.apply_converters(rows, converters)`: the converters the
  ORM applies to each column read (the backend's and the field's `from_db_value`);
- `Model.from_db(alias, names, values)` and the `_state` it leaves (`adding` False, `db` the alias);
- `Field.set_cached_value(instance, value)` (FieldCacheMixin): what `select_related` leaves on an instance.
"""

from collections.abc import Iterable, Iterator, Sequence
from functools import cache


@cache
def _converters(alias: str, fields: tuple):
    compiler = fields[0].model._default_manager.none().query.get_compiler(alias)
    return compiler, compiler.get_converters([field.get_col(field.model._meta.db_table) for field in fields])


def _apply(compiler, converters, rows: Iterable[tuple]) -> Iterable:
    return compiler.apply_converters(rows, converters) if converters else rows


def converted(alias: str, fields: Sequence, rows: Iterable[tuple]) -> list[tuple]:
    """`rows` of the columns of `fields` (in that order) as read on `alias`, their values through the converters the
    ORM applies to those fields (aware datetimes, dates, booleans, JSON, decimals as a queryset gives them)."""
    return [tuple(values) for values in _apply(*_converters(alias, tuple(fields)), rows)]


@cache
def _model_converters(alias: str, model):
    fields = model._meta.concrete_fields
    return (*_converters(alias, tuple(fields)), [field.attname for field in fields])


def instances(alias: str, model, rows: Iterable[tuple]) -> Iterator:
    """Instances of `model` from rows of all its concrete columns in the model's order, as read on `alias`: the
    values through the ORM's converters, the instances as a queryset builds them (saved, on `alias`)."""
    compiler, converters, names = _model_converters(alias, model)
    for values in _apply(compiler, converters, rows):
        yield model.from_db(alias, names, values)


def set_related(instance, name: str, related) -> None:
    """`instance.<name>` is `related` without a query, as `select_related(name)` leaves it: a foreign key, or the
    reverse side of a one-to-one (None caches "there is none", as `select_related` does)."""
    instance._meta.get_field(name).set_cached_value(instance, related)


def is_new(instance) -> bool:
    """Whether `instance` has not been saved nor loaded from the database yet (Django's `_state.adding`)."""
    return instance._state.adding

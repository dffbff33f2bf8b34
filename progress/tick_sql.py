"""Every statement of a status change, written out once per process from the models' metadata, in one place.

A tick is the action learners repeat most; compiling its ORM queries cost more than running them
(`bench/tick_paths.py`: a change through `select_for_update().first()`, `save(update_fields=...)` and
`objects.create()` took 1.07-1.13 ms on SQLite against 0.37-0.38 ms with these statements, and on PostgreSQL
4.40-8.10 ms against 2.13-3.76 ms with `one_statement`). Table and column names are the models' own, quoted;
every value is a parameter. What the statements do is pinned by tests/progress/test_tick.py, the table every path
of `progress.tick` must pass.
"""

from functools import cache

from django.db import connections

from accounts.models import Profile

from .models import Progress, ProgressEvent

# What a status change writes on the row, and the event's columns, in the order the statements take them.
CHANGED_FIELDS = ("status", "skip_reason", "origin", "completed_at", "started_at", "updated_at")
EVENT_FIELDS = ("learner", "item", "from_status", "to_status", "skip_reason", "kind", "created_at")


def _column(model, field: str, alias: str) -> str:
    return connections[alias].ops.quote_name(model._meta.get_field(field).column)


def _table(model, alias: str) -> str:
    return connections[alias].ops.quote_name(model._meta.db_table)


def inserted_fields():
    """The row's fields a new row is written with (all but the id)."""
    return [field for field in Progress._meta.concrete_fields if not field.primary_key]


@cache
def locked_row(alias: str) -> str:
    """The learner's row for an item, all its columns in the model's order, locked where the database can
    (parameters: learner id, item id)."""
    connection = connections[alias]
    name = connection.ops.quote_name
    columns = ", ".join(name(field.column) for field in Progress._meta.concrete_fields)
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    learner, item = (_column(Progress, field, alias) for field in ("learner", "item"))
    return f"SELECT {columns} FROM {_table(Progress, alias)} WHERE {learner} = %s AND {item} = %s{lock}"  # noqa: S608


@cache
def row_update(alias: str) -> str:
    """`progress.save(update_fields=CHANGED_FIELDS)` (parameters: the fields' values, then the id)."""
    assignments = ", ".join(f"{_column(Progress, field, alias)} = %s" for field in CHANGED_FIELDS)
    key = connections[alias].ops.quote_name(Progress._meta.pk.column)
    return f"UPDATE {_table(Progress, alias)} SET {assignments} WHERE {key} = %s"  # noqa: S608


@cache
def event_insert(alias: str) -> str:
    """`ProgressEvent.objects.create(...)` without reading back the id (parameters: EVENT_FIELDS' values)."""
    columns = [_column(ProgressEvent, field, alias) for field in EVENT_FIELDS]
    return (
        f"INSERT INTO {_table(ProgressEvent, alias)} ({', '.join(columns)}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )


@cache
def statuses(alias: str) -> str:
    """(item id, status) of every row of one learner (parameter: their id)."""
    item, learner = (_column(Progress, field, alias) for field in ("item", "learner"))
    status = _column(Progress, "status", alias)
    return f"SELECT {item}, {status} FROM {_table(Progress, alias)} WHERE {learner} = %s"  # noqa: S608


@cache
def one_statement(alias: str) -> str:
    """The whole change as one PostgreSQL statement of data-modifying CTEs (named parameters: `new_<column>` for
    the row as it would be inserted, `now`, `kind`, the statuses `done`, `in_progress`, `not_started`, and
    `ask_origin`: when true, a row that is not started, or none, is left as it is, so the caller can ask where the
    item was learned without a read of its own):

    - `old` locks the learner's row for the item, as `locked_row` does;
    - `created` inserts the row when there is none and the change is not to "not started" with nothing else;
    - `changed` updates an existing row when the change is not a no-op, deriving the done and started dates from
      the locked row as `progress.tick.moved` does in Python;
    - `recorded` inserts the event (from the previous status) and `raised` raises the learner's record version,
      both only when the row moved.

    It returns the row's columns, whether it moved and how many versions were raised; no row when a concurrent
    insert won the race (`ON CONFLICT DO NOTHING` waited for it), and the caller runs it again.
    """
    name = connections[alias].ops.quote_name
    progress, event, profile = (_table(model, alias) for model in (Progress, ProgressEvent, Profile))
    column = {field.name: name(field.column) for field in Progress._meta.concrete_fields}
    columns = [name(field.column) for field in Progress._meta.concrete_fields]
    inserted = inserted_fields()
    keys = ("learner", "item", "status", "skip_reason", "origin")
    learner, item, status, skip, origin = (column[key] for key in keys)
    event_columns = ", ".join(_column(ProgressEvent, key, alias) for key in EVENT_FIELDS)
    version, owner = name("record_version"), name(Profile._meta.get_field("user").column)
    state = "(%(new_status)s, %(new_skip_reason)s, %(new_origin)s)"
    return f"""
WITH old AS (
    SELECT {", ".join(columns)} FROM {progress}
    WHERE {learner} = %(new_learner_id)s AND {item} = %(new_item_id)s FOR UPDATE
), created AS (
    INSERT INTO {progress} ({", ".join(name(field.column) for field in inserted)})
    SELECT {", ".join(f"%(new_{field.column})s" for field in inserted)}
    WHERE NOT EXISTS (SELECT 1 FROM old) AND {state} <> (%(not_started)s, '', '') AND NOT %(ask_origin)s
    ON CONFLICT ({learner}, {item}) DO NOTHING
    RETURNING {", ".join(columns)}, %(not_started)s AS previous
), changed AS (
    UPDATE {progress} AS target SET
        {status} = %(new_status)s, {skip} = %(new_skip_reason)s, {origin} = %(new_origin)s,
        {column["completed_at"]} = CASE
            WHEN %(new_status)s <> %(done)s THEN NULL
            WHEN old.{status} = %(done)s THEN old.{column["completed_at"]}
            ELSE %(now)s END,
        {column["started_at"]} = CASE
            WHEN %(new_status)s = %(not_started)s THEN NULL
            WHEN old.{column["started_at"]} IS NULL AND %(new_status)s IN (%(in_progress)s, %(done)s) THEN %(now)s
            ELSE old.{column["started_at"]} END,
        {column["updated_at"]} = %(now)s
    FROM old
    WHERE target.{column["id"]} = old.{column["id"]} AND (old.{status}, old.{skip}, old.{origin}) <> {state}
        AND NOT (%(ask_origin)s AND old.{status} = %(not_started)s)
    RETURNING {", ".join(f"target.{name_}" for name_ in columns)}, old.{status} AS previous
), moved AS (
    SELECT * FROM created UNION ALL SELECT * FROM changed
), recorded AS (
    INSERT INTO {event} ({event_columns})
    SELECT %(new_learner_id)s, %(new_item_id)s, previous, %(new_status)s, %(new_skip_reason)s, %(kind)s, %(now)s
    FROM moved
), raised AS (
    UPDATE {profile} SET {version} = {version} + 1
    WHERE {owner} = %(new_learner_id)s AND EXISTS (SELECT 1 FROM moved)
    RETURNING 1
)
SELECT {", ".join(columns)}, TRUE AS moved, (SELECT count(*) FROM raised) AS versions_raised FROM moved
UNION ALL
SELECT {", ".join(columns)}, FALSE, 0 FROM old WHERE NOT EXISTS (SELECT 1 FROM moved)
"""  # noqa: S608 - every name is the model's own, quoted; every value is a parameter

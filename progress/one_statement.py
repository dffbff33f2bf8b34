"""A status change as one PostgreSQL statement: the row's upsert, its event and the learner's version raise.

The tick is the action learners repeat most. Run as `progress.services` runs it on SQLite (lock the row, update it,
insert the event, raise the version, commit), it is six round trips to PostgreSQL, each waited for. Here the same
semantics are one statement of data-modifying CTEs, sent once and committed with it (or run inside the caller's
transaction when there is one):

- `old` locks the learner's row for the item, as `SELECT ... FOR UPDATE` does on the ORM path;
- `created` inserts the row when there is none (the values computed in Python, with the model's own defaults);
- `changed` updates an existing row when the change is not a no-op, deriving the done and started dates from the
  locked row exactly as `services._set_status` does in Python;
- `event` records the move (from the previous status) and `version` raises the learner's record version, both only
  when the row moved.

A concurrent first tick of the same item is survived as on the ORM path: the loser's insert meets the winner's row
(ON CONFLICT DO NOTHING waits for it to commit), returns nothing, and the statement is run once more, now finding
and locking that row. The same tests run against both paths (the suite runs on SQLite and on PostgreSQL).
"""

from functools import cache

from django.db import connections
from django.utils import timezone

from accounts.models import Profile
from careerpath.db import rows as db_rows
from careerpath.db.statements import sends_two_at_once

from .cache import learner_changed
from .models import Origin, Progress, ProgressEvent, ProgressEventKind, ProgressStatus
from .selectors import statuses_statement


def supported(alias: str) -> bool:
    """PostgreSQL with parameters bound on the client: the statement names its parameters, and the statuses for the
    answer go in the same execute."""
    return sends_two_at_once(alias)


def set_status(
    *, alias: str, user, item, status: str, skip_reason: str, origin: str, with_statuses: bool = False
) -> Progress:
    """The learner's row after the change (unsaved and not started when the change is to "not started" on an item
    with no row: none is stored).

    With `with_statuses`, the learner's (item id, status) pairs as they are after the change travel in the same
    round trip (a second statement in the same execute, run in the same implicit transaction, so it sees the
    change) and come back as `statuses_after` on the row: an htmx answer redraws the track's bars from them.
    """
    statuses_sql = statuses_statement(alias, learner="%(new_learner_id)s")
    sql = f"{_statement(alias)};\n{statuses_sql}" if with_statuses else _statement(alias)
    for _attempt in range(2):
        now = timezone.now()
        new = Progress(learner_id=user.pk, item_id=item.pk, status=status, skip_reason=skip_reason, origin=origin)
        new.started_at = now if status in (ProgressStatus.IN_PROGRESS, ProgressStatus.DONE) else None
        new.completed_at = now if status == ProgressStatus.DONE else None
        new.created_at = new.updated_at = now
        with connections[alias].cursor() as cursor:
            cursor.execute(sql, _params(alias, new, now))
            fetched = cursor.fetchall()
            statuses = None
            if with_statuses:
                cursor.nextset()
                statuses = cursor.fetchall()
        if fetched:
            row, moved, versions_raised = _row_from(alias, fetched[0])
            row.item, row.statuses_after = item, statuses
            if moved and not versions_raised:
                learner_changed(user.pk)  # a learner without a profile: one is made for them
            return row
        if (status, skip_reason, origin) == (ProgressStatus.NOT_STARTED, "", ""):
            new.item, new.created_at, new.updated_at, new.statuses_after = item, None, None, statuses
            return new
        # Nothing came back: another request inserted the row between our lock and our insert. Once more, now
        # finding (and locking) that row.
    raise RuntimeError("The learner's row was neither found nor created twice in a row.")


def _row_from(alias: str, values: tuple) -> tuple[Progress, bool, int]:
    """The model instance from the statement's row (values through the ORM's converters), and its two flags."""
    count = len(Progress._meta.concrete_fields)
    row = next(db_rows.instances(alias, Progress, [values[:count]]))
    return row, bool(values[count]), values[count + 1]


def _params(alias: str, new: Progress, now) -> dict:
    connection = connections[alias]
    params = {f"new_{field.column}": field.get_db_prep_save(getattr(new, field.attname), connection)
              for field in _inserted_fields()}  # fmt: skip
    kind = ProgressEventKind.KNOWN if new.origin == Origin.KNOWN_BEFORE else ProgressEventKind.CHANGE
    params.update(
        now=now,
        kind=kind,
        done=ProgressStatus.DONE,
        in_progress=ProgressStatus.IN_PROGRESS,
        not_started=ProgressStatus.NOT_STARTED,
    )
    return params


def _inserted_fields():
    return [field for field in Progress._meta.concrete_fields if not field.primary_key]


@cache
def _statement(alias: str) -> str:
    name = connections[alias].ops.quote_name
    progress, event, profile = (name(model._meta.db_table) for model in (Progress, ProgressEvent, Profile))
    column = {field.name: name(field.column) for field in Progress._meta.concrete_fields}
    columns = [name(field.column) for field in Progress._meta.concrete_fields]
    inserted = _inserted_fields()
    keys = ("learner", "item", "status", "skip_reason", "origin")
    learner, item, status, skip, origin = (column[key] for key in keys)
    event_columns = ", ".join(
        name(ProgressEvent._meta.get_field(key).column)
        for key in ("learner", "item", "from_status", "to_status", "skip_reason", "kind", "created_at")
    )
    version, owner = name("record_version"), name(Profile._meta.get_field("user").column)
    state = "(%(new_status)s, %(new_skip_reason)s, %(new_origin)s)"
    return f"""
WITH old AS (
    SELECT {", ".join(columns)} FROM {progress}
    WHERE {learner} = %(new_learner_id)s AND {item} = %(new_item_id)s FOR UPDATE
), created AS (
    INSERT INTO {progress} ({", ".join(name(field.column) for field in inserted)})
    SELECT {", ".join(f"%(new_{field.column})s" for field in inserted)}
    WHERE NOT EXISTS (SELECT 1 FROM old) AND {state} <> (%(not_started)s, '', '')
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

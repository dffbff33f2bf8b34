"""A status change a learner asks for on one item, the tick: the one place that writes it, on every database.

(Three other moves of a status stay services of their own in `progress.services`, each with its own event kind:
a review's "I need to relearn it", un-marking an item known before joining, and a track's reset.)

`progress.services.progress_set_status` validates the request and calls `set_status` here. There are two ways to
write the same change, and a table of every move (tests/progress/test_tick.py) that both must pass:

- `set_status_in_one_statement`, the only way on PostgreSQL with parameters bound on the client (Django's default
  for psycopg): the change is one statement (`tick_sql.one_statement`) sent with the learner's statuses in one
  round trip, prepared on the server once per connection (`careerpath.db.statements`). Kept because it is measured
  to be worth it (`bench/tick_paths.py`, a change and the statuses after it, three runs on a busy machine): one
  statement 2.13 / 3.75 / 3.76 ms, the steps 2.84 / 4.12 / 4.13 ms (six statements, each a round trip waited for),
  the ORM's own queries 4.40 / 8.10 / 8.08 ms;
- `set_status_in_steps` everywhere else (SQLite, and PostgreSQL with server-side binding): lock the row, derive
  the new row in Python (`moved`), update it, insert the event, raise the learner's record version.

Every statement comes from `tick_sql`, written out once per process from the models' metadata.
"""

from django.db import IntegrityError, connections, router, transaction
from django.utils import timezone

from careerpath.db import rows as db_rows
from careerpath.db import statements
from careerpath.db.statements import sends_two_at_once
from roadmap.models import Item

from . import tick_sql
from .cache import learner_changed
from .models import Origin, Progress, ProgressEvent, ProgressEventKind, ProgressStatus


def one_statement_supported(alias: str) -> bool:
    """PostgreSQL with parameters bound on the client: `one_statement` names its parameters, and the statuses for
    the answer go in the same execute."""
    return sends_two_at_once(alias)


class OriginQuestion(Exception):
    """Raised by a tick asked with `ask_origin` when the row is not started (or there is none): nothing was written,
    and the learner is asked where the item was learned first."""


def set_status(
    *, user, item: Item, status: str, skip_reason: str, origin: str, with_statuses: bool, ask_origin: bool = False
) -> Progress:
    """The learner's row after the change, validated by the caller (unsaved and not started when the change is to
    "not started" on an item with no row: none is stored). With `with_statuses`, the learner's (item id, status)
    pairs after the change come back as `statuses_after` where they travelled with it (None otherwise).

    With `ask_origin`, a row not started (or none) is left as it is and `OriginQuestion` raised: the check reads the
    row the change locks anyway, so asking costs the tick no read of its own."""
    alias = router.db_for_write(Progress)
    change = {"user": user, "item": item, "status": status, "skip_reason": skip_reason, "origin": origin,
              "ask_origin": ask_origin}  # fmt: skip
    if one_statement_supported(alias):
        return set_status_in_one_statement(alias=alias, **change, with_statuses=with_statuses)
    with transaction.atomic(using=alias):
        return set_status_in_steps(**change)


def event_kind(origin: str) -> str:
    """A change to done known before joining is recorded as "known" (never progress); every other as a change."""
    return ProgressEventKind.KNOWN if origin == Origin.KNOWN_BEFORE else ProgressEventKind.CHANGE


def moved(progress: Progress, *, status: str, skip_reason: str, origin: str, now) -> str:
    """Move the row to its new state in place, returning the status it had. Done records when (only the origin
    changing keeps the day it was done); leaving done clears it. Starting records when, once; back to not started
    clears it, so every step can be undone."""
    previous = progress.status
    progress.status, progress.skip_reason, progress.origin = status, skip_reason, origin
    if status != ProgressStatus.DONE:
        progress.completed_at = None
    elif previous != ProgressStatus.DONE:
        progress.completed_at = now
    if status in (ProgressStatus.IN_PROGRESS, ProgressStatus.DONE) and progress.started_at is None:
        progress.started_at = now
    elif status == ProgressStatus.NOT_STARTED:
        progress.started_at = None
    progress.updated_at = now
    return previous


def set_status_in_steps(
    *, user, item: Item, status: str, skip_reason: str, origin: str, ask_origin: bool = False
) -> Progress:
    """The change statement by statement, inside the caller's transaction."""
    progress = locked_row(learner_id=user.pk, item_id=item.pk)
    if ask_origin and (progress is None or progress.status == ProgressStatus.NOT_STARTED):
        raise OriginQuestion
    if progress is None:
        if (status, skip_reason, origin) == (ProgressStatus.NOT_STARTED, "", ""):
            return Progress(learner=user, item=item)  # what no row means already: nothing is stored
        progress = created_row(user=user, item=item)
    progress.item = item
    if (progress.status, progress.skip_reason, progress.origin) == (status, skip_reason, origin):
        return progress
    now = timezone.now()
    previous = moved(progress, status=status, skip_reason=skip_reason, origin=origin, now=now)
    _write_change(progress, previous=previous, kind=event_kind(origin), now=now)
    learner_changed(user.pk)
    return progress


def locked_row(*, learner_id: int, item_id: int) -> Progress | None:
    """The learner's row for the item, locked until the transaction ends, or None."""
    alias = router.db_for_write(Progress)
    found = list(Progress.objects.db_manager(alias).raw(tick_sql.locked_row(alias), [learner_id, item_id]))
    return found[0] if found else None


def created_row(*, user, item: Item) -> Progress:
    """A new row, locked. A concurrent insert of the same row is survived as get_or_create survives it: the loser
    reads the winner's row, locked, after the unique constraint refuses its insert; the lock serialises the two
    changes, so neither is lost and no duplicate exists. On SQLite the transaction itself holds the write lock
    (transaction_mode IMMEDIATE)."""
    try:
        with transaction.atomic():
            return Progress.objects.create(learner=user, item=item)
    except IntegrityError:
        return Progress.objects.select_for_update().get(learner=user, item=item)


def _write_change(progress: Progress, *, previous: str, kind: str, now) -> None:
    """The row's UPDATE and the event's INSERT, as `progress.save(update_fields=...)` and
    `ProgressEvent.objects.create(...)` would run them; values go through the fields' own preparation. No model
    signal is connected to either model (content signals are, in roadmap.cache)."""
    alias = router.db_for_write(Progress)
    connection = connections[alias]
    row = [_prepared(Progress, name, getattr(progress, name), connection) for name in tick_sql.CHANGED_FIELDS]
    values = (progress.learner_id, progress.item_id, previous, progress.status, progress.skip_reason, kind, now)
    pairs = zip(tick_sql.EVENT_FIELDS, values, strict=True)
    event = [_prepared(ProgressEvent, name, value, connection) for name, value in pairs]
    with connection.cursor() as cursor:
        cursor.execute(tick_sql.row_update(alias), [*row, progress.pk])
        cursor.execute(tick_sql.event_insert(alias), event)


def _prepared(model, name, value, connection):
    return model._meta.get_field(name).get_db_prep_save(value, connection)


def set_status_in_one_statement(
    *,
    alias: str,
    user,
    item: Item,
    status: str,
    skip_reason: str,
    origin: str,
    with_statuses: bool = False,
    ask_origin: bool = False,
) -> Progress:
    """The change as `tick_sql.one_statement`, committed with it (or inside the caller's transaction). A concurrent
    first tick of the same item is survived as in steps: the loser's insert meets the winner's row, returns nothing,
    and the statement runs once more, now finding and locking that row. With `with_statuses` the learner's statuses
    after the change come back in the same round trip (a second statement of the same execute, in the same implicit
    transaction, so it sees the change)."""
    sql = tick_sql.one_statement(alias)
    for _attempt in range(2):
        now = timezone.now()
        new = Progress(learner_id=user.pk, item_id=item.pk, status=status, skip_reason=skip_reason, origin=origin)
        new.started_at = now if status in (ProgressStatus.IN_PROGRESS, ProgressStatus.DONE) else None
        new.completed_at = now if status == ProgressStatus.DONE else None
        new.created_at = new.updated_at = now
        change = (sql, _parameters(alias, new, now) | {"ask_origin": ask_origin})
        if with_statuses:
            fetched, statuses = statements.rows_together(alias, change, (tick_sql.statuses(alias), [user.pk]))
        else:
            fetched, statuses = statements.rows(alias, *change), None
        if fetched:
            row, was_moved, versions_raised = _row_from(alias, fetched[0])
            if ask_origin and not was_moved and row.status == ProgressStatus.NOT_STARTED:
                raise OriginQuestion  # the statement left the row not started as it was
            row.item, row.statuses_after = item, statuses
            if was_moved and not versions_raised:
                learner_changed(user.pk)  # a learner without a profile: one is made for them
            return row
        if ask_origin:
            raise OriginQuestion  # no row: the statement created none
        if (status, skip_reason, origin) == (ProgressStatus.NOT_STARTED, "", ""):
            new.item, new.created_at, new.updated_at, new.statuses_after = item, None, None, statuses
            return new
        # Nothing came back: another request inserted the row between our lock and our insert. Once more.
    raise RuntimeError("The learner's row was neither found nor created twice in a row.")


def _row_from(alias: str, values: tuple) -> tuple[Progress, bool, int]:
    """The model instance from the statement's row (values through the ORM's converters), and its two flags."""
    count = len(Progress._meta.concrete_fields)
    row = next(db_rows.instances(alias, Progress, [values[:count]]))
    return row, bool(values[count]), values[count + 1]


def _parameters(alias: str, new: Progress, now) -> dict:
    connection = connections[alias]
    parameters = {}
    for field in tick_sql.inserted_fields():
        value = field.get_db_prep_save(getattr(new, field.attname), connection)
        # A date not set yet goes with its column's type, so a tick that prepares the statement need not set it.
        typed = statements.Typed(None, field.db_type(connection)) if value is None else value
        parameters[f"new_{field.column}"] = typed
    parameters.update(
        now=now,
        kind=event_kind(new.origin),
        done=ProgressStatus.DONE,
        in_progress=ProgressStatus.IN_PROGRESS,
        not_started=ProgressStatus.NOT_STARTED,
    )
    return parameters

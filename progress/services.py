"""Writes on a learner's progress: each atomic, validating, and recording every status change as an event."""

from functools import cache

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connections, router, transaction
from django.utils import timezone

from roadmap.markdown import markdown_to_safe_html
from roadmap.models import Item, Publication, Track
from roadmap.selectors import shared_item_ids, track_item_ids

from . import hooks, one_statement
from .cache import learner_changed
from .models import Origin, Progress, ProgressEvent, ProgressEventKind, ProgressStatus, SkipReason


def _locked_progress(*, user, item: Item) -> Progress:
    """The learner's row for the item, created if missing and locked until the transaction ends."""
    progress = _locked_row(learner_id=user.pk, item_id=item.pk) or _created_row(user=user, item=item)
    progress.item = item  # the caller's instance, with whatever it has loaded (no query to fetch it again)
    return progress


def _created_row(*, user, item: Item) -> Progress:
    """A new row, locked. A concurrent insert of the same row is survived as get_or_create survives it: the loser
    reads the winner's row, locked, after the unique constraint refuses its insert; the lock serialises the two
    changes, so neither is lost and no duplicate exists. On SQLite the transaction itself holds the write lock
    (transaction_mode IMMEDIATE)."""
    try:
        with transaction.atomic():
            return Progress.objects.create(learner=user, item=item)
    except IntegrityError:
        return Progress.objects.select_for_update().get(learner=user, item=item)


@cache
def _locked_row_statement(alias: str) -> str:
    connection = connections[alias]
    name = connection.ops.quote_name
    columns = ", ".join(name(field.column) for field in Progress._meta.concrete_fields)
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    learner, item = (name(Progress._meta.get_field(field).column) for field in ("learner", "item"))
    return f"SELECT {columns} FROM {name(Progress._meta.db_table)} WHERE {learner} = %s AND {item} = %s{lock}"  # noqa: S608


def _locked_row(*, learner_id: int, item_id: int) -> Progress | None:
    """The existing row, locked, read with a statement written out once per process: the first read of every tick,
    where compiling the ORM's query cost three times what running it did."""
    alias = router.db_for_write(Progress)
    found = list(Progress.objects.db_manager(alias).raw(_locked_row_statement(alias), [learner_id, item_id]))
    return found[0] if found else None


def _check_publishable(item: Item) -> None:
    if item.status != Publication.PUBLISHED:
        raise ValidationError("This item is no longer on the roadmap, so its progress can't change.")


def _checked_origin(status: str, skip_reason: str, origin: str) -> str:
    """The origin to store for a status change, or a ValidationError saying what is wrong with the request."""
    if status not in ProgressStatus.values:
        raise ValidationError(f"Unknown status {status!r}.")
    if status == ProgressStatus.SKIPPED:
        if skip_reason not in SkipReason.values:
            raise ValidationError("Say why you skip it: it is not relevant to your goal.")
    elif skip_reason:
        raise ValidationError("Only a skipped item has a reason.")
    if status == ProgressStatus.DONE:
        origin = origin or Origin.HERE
        if origin not in Origin.values:
            raise ValidationError(f"Unknown origin {origin!r}.")
        return origin
    if origin:
        raise ValidationError("Only a done item says where it was learned.")
    return ""


def progress_set_status(
    *, user, item: Item, status: str, skip_reason: str = "", origin: str = "", with_statuses: bool = False
) -> Progress:
    """Move one item to a status and record the change; setting the status it already has changes nothing.

    Skipping needs a reason; other statuses take none. Done records when, and where it was learned: here (the
    default) or known before joining, which counts as done everywhere but never toward pace, streaks or the heatmap
    (its event has the kind "known"). Leaving done clears both, so every step can be undone.

    All of it is one transaction. On PostgreSQL it is one statement (`progress.one_statement`: a tick is the action
    learners repeat most, and there each statement is a round trip waited for); elsewhere the steps below.
    `with_statuses` asks for the learner's statuses after the change in the same round trip where the database
    allows it (`progress.statuses_after`; selectors.track_tallies_after_change reads them itself otherwise).
    """
    origin = _checked_origin(status, skip_reason, origin)
    _check_publishable(item)
    alias = router.db_for_write(Progress)
    if one_statement.supported(alias):
        return one_statement.set_status(
            alias=alias, user=user, item=item, status=status, skip_reason=skip_reason, origin=origin,
            with_statuses=with_statuses,
        )  # fmt: skip
    with transaction.atomic(using=alias):
        return _set_status(user=user, item=item, status=status, skip_reason=skip_reason, origin=origin)


def _set_status(*, user, item: Item, status: str, skip_reason: str, origin: str) -> Progress:
    progress = _locked_row(learner_id=user.pk, item_id=item.pk)
    if progress is None:
        if (status, skip_reason, origin) == (ProgressStatus.NOT_STARTED, "", ""):
            return Progress(learner=user, item=item)  # what no row means already: nothing is stored
        progress = _created_row(user=user, item=item)
    progress.item = item
    if (progress.status, progress.skip_reason, progress.origin) == (status, skip_reason, origin):
        return progress
    now = timezone.now()
    previous = progress.status
    progress.status = status
    progress.skip_reason = skip_reason
    progress.origin = origin
    if status != ProgressStatus.DONE:
        progress.completed_at = None
    elif previous != ProgressStatus.DONE:
        progress.completed_at = now  # only the origin changing keeps the day it was done
    if status in (ProgressStatus.IN_PROGRESS, ProgressStatus.DONE) and progress.started_at is None:
        progress.started_at = now
    elif status == ProgressStatus.NOT_STARTED:
        progress.started_at = None
    progress.updated_at = now
    kind = ProgressEventKind.KNOWN if origin == Origin.KNOWN_BEFORE else ProgressEventKind.CHANGE
    _write_change(progress, previous=previous, kind=kind, now=now)
    learner_changed(user.pk)
    return progress


_CHANGED_FIELDS = ("status", "skip_reason", "origin", "completed_at", "started_at", "updated_at")
_EVENT_FIELDS = ("learner", "item", "from_status", "to_status", "skip_reason", "kind", "created_at")


def _write_change(progress: Progress, *, previous: str, kind: str, now) -> None:
    """The row's UPDATE and the event's INSERT, as `progress.save(update_fields=...)` and
    `ProgressEvent.objects.create(...)` run them, with statements written out once per process: compiling them on
    every tick cost more than running them. Values go through the fields' own preparation; no model signal is
    connected to either model (content signals are, in roadmap.cache)."""
    alias = router.db_for_write(Progress)
    connection = connections[alias]
    update, insert = _change_statements(alias)
    row = [_prepared(Progress, name, getattr(progress, name), connection) for name in _CHANGED_FIELDS]
    values = (progress.learner_id, progress.item_id, previous, progress.status, progress.skip_reason, kind, now)
    pairs = zip(_EVENT_FIELDS, values, strict=True)
    event = [_prepared(ProgressEvent, name, value, connection) for name, value in pairs]
    with connection.cursor() as cursor:
        cursor.execute(update, [*row, progress.pk])
        cursor.execute(insert, event)


def _prepared(model, name, value, connection):
    return model._meta.get_field(name).get_db_prep_save(value, connection)


@cache
def _change_statements(alias: str) -> tuple[str, str]:
    name = connections[alias].ops.quote_name
    assignments = ", ".join(f"{name(Progress._meta.get_field(field).column)} = %s" for field in _CHANGED_FIELDS)
    event_columns = [name(ProgressEvent._meta.get_field(field).column) for field in _EVENT_FIELDS]
    # Names are the models' own, quoted; every value is a parameter.
    update = f"UPDATE {name(Progress._meta.db_table)} SET {assignments} WHERE {name(Progress._meta.pk.column)} = %s"  # noqa: S608
    insert = (
        f"INSERT INTO {name(ProgressEvent._meta.db_table)} ({', '.join(event_columns)}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(event_columns))})"
    )
    return update, insert


@transaction.atomic
def progress_relearn(*, user, item: Item) -> Progress:
    """A review's "I need to relearn it": a done item goes back to in progress, recorded as a review event.

    Not progress: the event's kind keeps it out of streaks and the heatmap. The item's hours leave "done" (it is not
    held any more), so readiness and the pace of finished items count it again only when it is done again.
    """
    _check_publishable(item)
    progress = _locked_progress(user=user, item=item)
    if progress.status != ProgressStatus.DONE:
        raise ValidationError("Only a done item can be reviewed.")
    now = timezone.now()
    progress.status, progress.origin, progress.completed_at = ProgressStatus.IN_PROGRESS, "", None
    progress.save()
    ProgressEvent.objects.create(
        learner=user, item=item, from_status=ProgressStatus.DONE, to_status=ProgressStatus.IN_PROGRESS,
        kind=ProgressEventKind.REVIEW, created_at=now,
    )  # fmt: skip
    learner_changed(user.pk)
    return progress


@transaction.atomic
def progress_set_known(*, user, offered: list[Item], known: set[int]) -> int:
    """Get started's "what you already know": of the `offered` items, those in `known` (ids) become done, known
    before joining; offered items once marked known and now left out go back to not started. Items done here,
    in progress or skipped are the learner's record and stay as they are. Returns how many items changed.
    """
    current = {
        row.item_id: row for row in Progress.objects.for_user(user).filter(item__in=[item.pk for item in offered])
    }
    changed = 0
    for item in offered:
        row = current.get(item.pk)
        if item.pk in known and (row is None or row.status == ProgressStatus.NOT_STARTED):
            progress_set_status(user=user, item=item, status=ProgressStatus.DONE, origin=Origin.KNOWN_BEFORE)
            changed += 1
        elif item.pk not in known and row is not None and row.is_known_before:
            _unmark_known(user=user, item=item)
            changed += 1
    return changed


def _unmark_known(*, user, item: Item) -> None:
    """A correction of the self-assessment: back to not started, recorded as a "known" event (never progress)."""
    progress = _locked_progress(user=user, item=item)
    if not progress.is_known_before:
        return
    now = timezone.now()
    Progress.objects.filter(pk=progress.pk).update(
        status=ProgressStatus.NOT_STARTED, origin="", completed_at=None, started_at=None, updated_at=now
    )
    ProgressEvent.objects.create(
        learner=user, item=item, from_status=ProgressStatus.DONE, to_status=ProgressStatus.NOT_STARTED,
        kind=ProgressEventKind.KNOWN, created_at=now,
    )  # fmt: skip
    learner_changed(user.pk)


@transaction.atomic
def progress_set_details(*, user, item: Item, note: str, evidence_url: str) -> Progress:
    """Save the learner's private note and evidence link on an item; validated against the model's limits."""
    _check_publishable(item)
    progress = _locked_progress(user=user, item=item)
    previous_evidence = progress.evidence_url
    progress.note = note.strip()
    progress.evidence_url = evidence_url.strip()
    progress.full_clean(exclude=["learner", "item"], validate_unique=False, validate_constraints=False)
    progress.note_html = markdown_to_safe_html(progress.note)
    progress.save(update_fields=["note", "note_html", "evidence_url", "updated_at"])
    if progress.evidence_url != previous_evidence:
        hooks.evidence_changed(learner=user, item=item)  # e.g. an endorsement of the old link is withdrawn
    learner_changed(user.pk)
    return progress


@transaction.atomic
def progress_record(
    *, user, item: Item, status: str, skip_reason: str, note: str, evidence_url: str, origin: str = ""
) -> Progress:
    """Status, note and evidence at once (the item page's form): all saved, or none."""
    progress_set_details(user=user, item=item, note=note, evidence_url=evidence_url)
    return progress_set_status(user=user, item=item, status=status, skip_reason=skip_reason, origin=origin)


@transaction.atomic
def progress_reset_track(*, user, track: Track, include_shared: bool = False) -> int:
    """Put the items of a track back to not started, one "reset" event each; notes and evidence stay.

    Progress belongs to the item, not to a track, so an item the track shares with another track is left as it is
    unless `include_shared` says to reset it too (then it is reset on both). Returns how many items changed.
    """
    rows = Progress.objects.select_for_update().filter(learner=user, item__in=track_item_ids(track=track))
    if not include_shared:
        rows = rows.exclude(item__in=shared_item_ids(track=track))
    rows = list(rows.exclude(status=ProgressStatus.NOT_STARTED))
    now = timezone.now()
    ProgressEvent.objects.bulk_create(
        ProgressEvent(
            learner=user,
            item_id=row.item_id,
            from_status=row.status,
            to_status=ProgressStatus.NOT_STARTED,
            kind=ProgressEventKind.RESET,
            created_at=now,
        )
        for row in rows
    )
    learner_changed(user.pk)
    return Progress.objects.filter(pk__in=[row.pk for row in rows]).update(
        status=ProgressStatus.NOT_STARTED, skip_reason="", origin="", started_at=None, completed_at=None,
        updated_at=now,
    )  # fmt: skip

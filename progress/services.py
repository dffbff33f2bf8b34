"""Writes on a learner's progress: each atomic, validating, and recording every status change as an event."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from roadmap.models import Item, Publication, Track
from roadmap.selectors import track_item_ids

from .cache import learner_changed
from .models import Progress, ProgressEvent, ProgressEventKind, ProgressStatus, SkipReason


def _locked_progress(*, user, item: Item) -> Progress:
    """The learner's row for the item, created if missing and locked until the transaction ends.

    get_or_create survives a concurrent insert of the same row (the loser reads the winner's row, locked, after the
    unique constraint refuses its insert); the lock serialises the two changes, so neither is lost and no duplicate
    exists. On SQLite the transaction itself holds the write lock (transaction_mode IMMEDIATE).
    """
    progress, _created = Progress.objects.select_for_update().get_or_create(learner=user, item=item)
    progress.item = item  # the caller's instance, with whatever it has loaded (no query to fetch it again)
    return progress


def _check_publishable(item: Item) -> None:
    if item.status != Publication.PUBLISHED:
        raise ValidationError("This item is no longer on the roadmap, so its progress can't change.")


@transaction.atomic
def progress_set_status(*, user, item: Item, status: str, skip_reason: str = "") -> Progress:
    """Move one item to a status and record the change; setting the status it already has changes nothing.

    Skipping needs a reason ("already known" or "not relevant"); other statuses take none. Done records when;
    leaving done clears it, so every step can be undone.
    """
    if status not in ProgressStatus.values:
        raise ValidationError(f"Unknown status {status!r}.")
    if status == ProgressStatus.SKIPPED:
        if skip_reason not in SkipReason.values:
            raise ValidationError("Say why you skip it: you already know it, or it is not relevant to your goal.")
    elif skip_reason:
        raise ValidationError("Only a skipped item has a reason.")
    _check_publishable(item)

    progress = _locked_progress(user=user, item=item)
    if progress.status == status and progress.skip_reason == skip_reason:
        return progress
    now = timezone.now()
    previous = progress.status
    progress.status = status
    progress.skip_reason = skip_reason
    progress.completed_at = now if status == ProgressStatus.DONE else None
    if status in (ProgressStatus.IN_PROGRESS, ProgressStatus.DONE) and progress.started_at is None:
        progress.started_at = now
    elif status == ProgressStatus.NOT_STARTED:
        progress.started_at = None
    progress.save()
    ProgressEvent.objects.create(
        learner=user, item=item, from_status=previous, to_status=status, skip_reason=skip_reason, created_at=now
    )
    learner_changed(user.pk)
    return progress


@transaction.atomic
def progress_set_details(*, user, item: Item, note: str, evidence_url: str) -> Progress:
    """Save the learner's private note and evidence link on an item; validated against the model's limits."""
    _check_publishable(item)
    progress = _locked_progress(user=user, item=item)
    progress.note = note.strip()
    progress.evidence_url = evidence_url.strip()
    progress.full_clean(exclude=["learner", "item"], validate_unique=False, validate_constraints=False)
    progress.save(update_fields=["note", "evidence_url", "updated_at"])
    learner_changed(user.pk)
    return progress


@transaction.atomic
def progress_record(*, user, item: Item, status: str, skip_reason: str, note: str, evidence_url: str) -> Progress:
    """Status, note and evidence at once (the item page's form): all saved, or none."""
    progress_set_details(user=user, item=item, note=note, evidence_url=evidence_url)
    return progress_set_status(user=user, item=item, status=status, skip_reason=skip_reason)


@transaction.atomic
def progress_reset_track(*, user, track: Track) -> int:
    """Put every item of a track back to not started, one "reset" event each; notes and evidence stay.

    An item shared with another track is reset there too: progress belongs to the item, not to a track.
    Returns how many items changed.
    """
    rows = list(
        Progress.objects.select_for_update()
        .filter(learner=user, item__in=track_item_ids(track=track))
        .exclude(status=ProgressStatus.NOT_STARTED)
    )
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
        status=ProgressStatus.NOT_STARTED, skip_reason="", started_at=None, completed_at=None, updated_at=now
    )

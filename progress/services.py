"""Writes on a learner's progress: each atomic, validating, and recording every status change as an event."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from roadmap.markdown import markdown_to_safe_html
from roadmap.models import Item, Publication, Track
from roadmap.selectors import shared_item_ids, track_item_ids

from . import hooks, tick
from .cache import learner_changed
from .models import Origin, Progress, ProgressEvent, ProgressEventKind, ProgressStatus, ReleaseNotice, SkipReason


def _locked_progress(*, user, item: Item) -> Progress:
    """The learner's row for the item, created if missing and locked until the transaction ends."""
    progress = tick.locked_row(learner_id=user.pk, item_id=item.pk) or tick.created_row(user=user, item=item)
    progress.item = item  # the caller's instance, with whatever it has loaded (no query to fetch it again)
    return progress


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
    *,
    user,
    item: Item,
    status: str,
    skip_reason: str = "",
    origin: str = "",
    with_statuses: bool = False,
    ask_origin: bool = False,
) -> Progress:
    """Move one item to a status and record the change; setting the status it already has changes nothing.

    Skipping needs a reason; other statuses take none. Done records when, and where it was learned: here (the
    default) or known before joining, which counts as done everywhere but never toward pace, streaks or the heatmap
    (its event has the kind "known"). Leaving done clears both, so every step can be undone.

    All of it is one transaction, written by `progress.tick` (one statement on PostgreSQL). `with_statuses` asks
    for the learner's statuses after the change in the same round trip where the database allows it
    (`progress.statuses_after`; tallies.track_tallies_after_change reads them itself otherwise). `ask_origin`
    raises `progress.tick.OriginQuestion`, writing nothing, when the row is not started (or there is none).
    """
    origin = _checked_origin(status, skip_reason, origin)
    _check_publishable(item)
    return tick.set_status(user=user, item=item, status=status, skip_reason=skip_reason, origin=origin,
                           with_statuses=with_statuses, ask_origin=ask_origin)  # fmt: skip


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
    """Save the learner's private note and evidence link on an item; validated against the model's limits. The same
    note and link again write nothing (the API's PUT is idempotent: `updated_at` stays)."""
    _check_publishable(item)
    progress = _locked_progress(user=user, item=item)
    previous_evidence = progress.evidence_url
    if (progress.note, progress.evidence_url) == (note.strip(), evidence_url.strip()):
        return progress
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


@transaction.atomic
def release_notice_dismiss(*, user, number: int) -> int:
    """The learner has read what release `number` changed for them: its banner, and any older one, is gone for good.
    Returns how many notices this dismissed (0: none was pending)."""
    dismissed = ReleaseNotice.objects.filter(learner=user, dismissed_at=None, release__number__lte=number).update(
        dismissed_at=timezone.now()
    )
    if dismissed:
        learner_changed(user.pk)
    return dismissed


def release_notices_mentioned(*, notices, now) -> None:
    """A weekly digest told the learner of these releases: no later digest mentions them again."""
    ReleaseNotice.objects.filter(pk__in=[notice.pk for notice in notices], mentioned_at=None).update(mentioned_at=now)

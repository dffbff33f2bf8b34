"""Progress services: transitions, skip reasons, undo, idempotence, details, reset and the history they leave."""

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Profile
from progress.models import Origin, Progress, ProgressEvent, ProgressEventKind, ProgressStatus, SkipReason
from progress.services import (
    progress_record,
    progress_reset_track,
    progress_set_details,
    progress_set_known,
    progress_set_status,
)
from roadmap.models import Publication
from tests.factories import ItemFactory, StageItemFactory, TrackFactory, UserFactory

pytestmark = pytest.mark.django_db

DONE, IN_PROGRESS, NOT_STARTED, SKIPPED = (
    ProgressStatus.DONE,
    ProgressStatus.IN_PROGRESS,
    ProgressStatus.NOT_STARTED,
    ProgressStatus.SKIPPED,
)


def history(user):
    return list(ProgressEvent.objects.filter(learner=user).order_by("id").values_list("from_status", "to_status"))


@pytest.mark.parametrize(
    ("steps", "final"),
    [
        ([IN_PROGRESS], IN_PROGRESS),
        ([DONE], DONE),
        ([IN_PROGRESS, DONE], DONE),
        ([DONE, IN_PROGRESS], IN_PROGRESS),
        ([DONE, NOT_STARTED], NOT_STARTED),
        ([IN_PROGRESS, NOT_STARTED], NOT_STARTED),
    ],
)
def test_each_transition_is_saved_and_recorded(user, steps, final):
    item = ItemFactory()
    for status in steps:
        progress = progress_set_status(user=user, item=item, status=status)
    assert progress.status == final
    assert Progress.objects.get(learner=user, item=item).status == final
    assert history(user) == list(zip([NOT_STARTED, *steps[:-1]], steps, strict=True))


def test_done_records_when_and_undoing_it_clears_the_date(user):
    item = ItemFactory()
    done = progress_set_status(user=user, item=item, status=DONE)
    assert done.completed_at is not None and done.started_at is not None
    undone = progress_set_status(user=user, item=item, status=IN_PROGRESS)
    assert undone.completed_at is None
    assert undone.started_at == done.started_at, "going back to in progress keeps when the work began"


@pytest.mark.parametrize("reason", SkipReason.values)
def test_skipping_takes_a_reason_and_records_it(user, reason):
    item = ItemFactory()
    progress = progress_set_status(user=user, item=item, status=SKIPPED, skip_reason=reason)
    assert (progress.status, progress.skip_reason) == (SKIPPED, reason)
    assert ProgressEvent.objects.get(learner=user).skip_reason == reason


def test_skipping_without_a_reason_is_refused_and_nothing_is_written(user):
    item = ItemFactory()
    with pytest.raises(ValidationError, match="why you skip"):
        progress_set_status(user=user, item=item, status=SKIPPED)
    with pytest.raises(ValidationError):
        progress_set_status(user=user, item=item, status=SKIPPED, skip_reason="bored")
    assert not ProgressEvent.objects.exists()


def test_a_reason_on_anything_but_a_skip_is_refused(user):
    with pytest.raises(ValidationError, match="Only a skipped item"):
        progress_set_status(user=user, item=ItemFactory(), status=DONE, skip_reason=SkipReason.NOT_RELEVANT)


def test_unskipping_clears_the_reason(user):
    item = ItemFactory()
    progress_set_status(user=user, item=item, status=SKIPPED, skip_reason=SkipReason.NOT_RELEVANT)
    progress = progress_set_status(user=user, item=item, status=NOT_STARTED)
    assert progress.skip_reason == ""


def test_already_known_is_no_longer_a_skip_reason(user):
    with pytest.raises(ValidationError, match="not relevant"):
        progress_set_status(user=user, item=ItemFactory(), status=SKIPPED, skip_reason="already_known")


def test_done_is_learned_here_unless_said_otherwise(user):
    item = ItemFactory()
    assert progress_set_status(user=user, item=item, status=DONE).origin == Origin.HERE
    known = progress_set_status(user=user, item=ItemFactory(), status=DONE, origin=Origin.KNOWN_BEFORE)
    assert known.is_known_before and known.completed_at is not None
    kinds = dict(ProgressEvent.objects.filter(learner=user).values_list("item_id", "kind"))
    assert kinds == {item.pk: ProgressEventKind.CHANGE, known.item_id: ProgressEventKind.KNOWN}


def test_changing_only_the_origin_is_a_change_that_keeps_the_done_date(user):
    item = ItemFactory()
    first = progress_set_status(user=user, item=item, status=DONE)
    second = progress_set_status(user=user, item=item, status=DONE, origin=Origin.KNOWN_BEFORE)
    assert second.completed_at == first.completed_at and second.origin == Origin.KNOWN_BEFORE
    assert ProgressEvent.objects.filter(learner=user).count() == 2


@pytest.mark.parametrize(
    ("status", "origin", "message"),
    [(IN_PROGRESS, Origin.KNOWN_BEFORE, "Only a done item"), (DONE, "somewhere", "Unknown origin")],
)
def test_an_origin_that_does_not_fit_is_refused(user, status, origin, message):
    with pytest.raises(ValidationError, match=message):
        progress_set_status(user=user, item=ItemFactory(), status=status, origin=origin)
    assert not Progress.objects.exists()


def test_leaving_done_clears_the_origin(user):
    item = ItemFactory()
    progress_set_status(user=user, item=item, status=DONE, origin=Origin.KNOWN_BEFORE)
    progress = progress_set_status(user=user, item=item, status=IN_PROGRESS)
    assert (progress.origin, progress.completed_at) == ("", None)


def test_setting_known_marks_the_ticked_items_and_unmarks_the_unticked(user):
    items = [ItemFactory() for _ in range(4)]
    progress_set_status(user=user, item=items[2], status=DONE)  # done here: the record stays
    assert progress_set_known(user=user, offered=items, known={items[0].pk, items[2].pk}) == 1
    rows = {row.item_id: row for row in Progress.objects.filter(learner=user)}
    assert rows[items[0].pk].is_known_before
    assert rows[items[2].pk].origin == Origin.HERE
    assert items[1].pk not in rows
    assert progress_set_known(user=user, offered=items, known={items[1].pk}) == 2
    rows = {row.item_id: row for row in Progress.objects.filter(learner=user)}
    assert rows[items[0].pk].status == NOT_STARTED and rows[items[1].pk].is_known_before
    assert not ProgressEvent.objects.filter(learner=user, kind=ProgressEventKind.CHANGE).exclude(item=items[2]).exists()


def test_changing_the_skip_reason_is_a_change(user):
    item = ItemFactory()
    progress_set_status(user=user, item=item, status=IN_PROGRESS)
    progress_set_status(user=user, item=item, status=SKIPPED, skip_reason=SkipReason.NOT_RELEVANT)
    assert ProgressEvent.objects.filter(learner=user).count() == 2


def test_the_same_change_twice_leaves_one_row_and_one_event(user):
    item = ItemFactory()
    first = progress_set_status(user=user, item=item, status=DONE)
    second = progress_set_status(user=user, item=item, status=DONE)
    assert first.pk == second.pk
    assert second.completed_at == first.completed_at, "a repeated tick does not move the done date"
    assert Progress.objects.count() == 1
    assert ProgressEvent.objects.count() == 1


def test_not_started_on_an_untouched_item_stores_nothing_and_raises_no_version(user):
    Profile.objects.get_or_create(user=user)
    version = Profile.objects.get(user=user).record_version
    progress = progress_set_status(user=user, item=ItemFactory(), status=NOT_STARTED)
    assert progress.status == NOT_STARTED
    assert not Progress.objects.filter(learner=user).exists()
    assert history(user) == []
    assert Profile.objects.get(user=user).record_version == version, "nothing changed, so cached pages stay"


def test_the_dates_follow_the_status_through_every_step(user):
    """Started is kept from the first start until not started; done's date is kept while only the origin moves."""
    item = ItemFactory()
    started = progress_set_status(user=user, item=item, status=IN_PROGRESS).started_at
    done = progress_set_status(user=user, item=item, status=DONE)
    assert (done.started_at, done.completed_at is not None) == (started, True)
    known = progress_set_status(user=user, item=item, status=DONE, origin=Origin.KNOWN_BEFORE)
    assert (known.started_at, known.completed_at) == (started, done.completed_at)
    skipped = progress_set_status(user=user, item=item, status=SKIPPED, skip_reason=SkipReason.NOT_RELEVANT)
    assert (skipped.started_at, skipped.completed_at, skipped.origin) == (started, None, "")
    reset = progress_set_status(user=user, item=item, status=NOT_STARTED)
    assert (reset.started_at, reset.completed_at, reset.skip_reason) == (None, None, "")
    stored = Progress.objects.get(learner=user, item=item)
    assert (stored.status, stored.started_at, stored.completed_at) == (NOT_STARTED, None, None)
    kinds = list(ProgressEvent.objects.filter(learner=user).order_by("id").values_list("kind", flat=True))
    assert kinds == ["change", "change", "known", "change", "change"]


def test_an_unknown_status_is_refused(user):
    with pytest.raises(ValidationError, match="Unknown status"):
        progress_set_status(user=user, item=ItemFactory(), status="finished")
    assert not Progress.objects.exists()


@pytest.mark.parametrize("status", [Publication.RETIRED, Publication.DRAFT])
def test_progress_on_an_item_not_on_the_roadmap_cannot_change(user, status):
    item = ItemFactory(status=status)
    with pytest.raises(ValidationError, match="no longer on the roadmap"):
        progress_set_status(user=user, item=item, status=DONE)


def test_learners_progress_is_their_own(user):
    other = UserFactory()
    item = ItemFactory()
    progress_set_status(user=other, item=item, status=DONE)
    progress_set_status(user=user, item=item, status=IN_PROGRESS)
    assert Progress.objects.get(learner=other).status == DONE
    assert Progress.objects.get(learner=user).status == IN_PROGRESS


def test_note_and_evidence_are_saved_and_validated(user):
    item = ItemFactory()
    progress = progress_set_details(
        user=user, item=item, note=" Built it **twice**. ", evidence_url="https://git.example.org/me/x"
    )
    assert (progress.note, progress.evidence_url) == ("Built it **twice**.", "https://git.example.org/me/x")
    with pytest.raises(ValidationError):
        progress_set_details(user=user, item=item, note="", evidence_url="javascript:alert(1)")
    with pytest.raises(ValidationError):
        progress_set_details(user=user, item=item, note="x" * 5001, evidence_url="")
    kept = Progress.objects.get(learner=user, item=item)
    assert kept.note == "Built it **twice**.", "a refused edit keeps the old note"


def test_recording_status_and_details_is_all_or_nothing(user):
    item = ItemFactory()
    with pytest.raises(ValidationError):
        progress_record(user=user, item=item, status=SKIPPED, skip_reason="", note="New note", evidence_url="")
    assert not Progress.objects.filter(note="New note").exists()


def test_reset_puts_a_track_back_to_not_started_keeping_notes_and_recording_it(user):
    track = TrackFactory()
    items = [StageItemFactory(stage__track=track).item for _ in range(3)]
    elsewhere = ItemFactory()
    progress_set_status(user=user, item=items[0], status=DONE)
    progress_set_status(user=user, item=items[1], status=SKIPPED, skip_reason=SkipReason.NOT_RELEVANT)
    progress_set_details(user=user, item=items[0], note="keep me", evidence_url="")
    progress_set_status(user=user, item=elsewhere, status=DONE)
    other = UserFactory()
    progress_set_status(user=other, item=items[0], status=DONE)

    assert progress_reset_track(user=user, track=track) == 2

    mine = {row.item_id: row for row in Progress.objects.filter(learner=user)}
    assert mine[items[0].pk].status == NOT_STARTED and mine[items[0].pk].note == "keep me"
    assert mine[items[0].pk].completed_at is None
    assert mine[items[1].pk].skip_reason == ""
    assert mine[elsewhere.pk].status == DONE, "items of other tracks are untouched"
    assert Progress.objects.get(learner=other).status == DONE, "other learners are untouched"
    resets = ProgressEvent.objects.filter(learner=user, kind=ProgressEventKind.RESET)
    assert sorted(resets.values_list("from_status", flat=True)) == [DONE, SKIPPED]
    assert progress_reset_track(user=user, track=track) == 0, "a second reset changes nothing"


def test_with_server_side_binding_a_tick_takes_the_step_by_step_path(user, monkeypatch):
    """The one-statement tick names its parameters and sends the statuses in the same execute, which psycopg's
    server-side binding does not take: there (and off PostgreSQL) the change runs statement by statement."""
    from django.db import connection

    from progress import tick

    monkeypatch.setitem(connection.settings_dict, "OPTIONS", {**connection.settings_dict["OPTIONS"],
                                                              "server_side_binding": True})  # fmt: skip
    assert not tick.one_statement_supported(connection.alias)
    item = ItemFactory()
    progress = progress_set_status(user=user, item=item, status=DONE, with_statuses=True)
    assert Progress.objects.get(learner=user, item=item).status == DONE == progress.status
    assert history(user) == [(NOT_STARTED, DONE)]

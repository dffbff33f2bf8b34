"""What a status change does, move by move: the reference every way of writing it must follow (progress.tick).

Each row of MOVES starts from one state of the learner's row for an item and asks for another. The table says,
written out rather than computed, what is stored: when the item was started and done (kept from before, now, or
cleared), and which event the move leaves ("change", "known", or none for a move to where it already is, which also
leaves the record version alone). Every path of `progress.tick` runs every row: the statements step by step on
every database, and on PostgreSQL the one statement too.
"""

from datetime import UTC, datetime

import pytest
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import Profile
from progress import tick
from progress.models import Origin, Progress, ProgressEvent, ProgressStatus, SkipReason
from tests.factories import ItemFactory, UserFactory

pytestmark = pytest.mark.django_db

STARTED, DONE_ON = datetime(2026, 3, 2, 9, 0, tzinfo=UTC), datetime(2026, 3, 9, 18, 30, tzinfo=UTC)
NOW, KEPT = "now", "kept"

# A state: (status, skip reason, origin, started, done on); "none" is no row at all.
STATES = {
    "none": None,
    "not_started": (ProgressStatus.NOT_STARTED, "", "", None, None),
    "in_progress": (ProgressStatus.IN_PROGRESS, "", "", STARTED, None),
    "done": (ProgressStatus.DONE, "", Origin.HERE, STARTED, DONE_ON),
    "known": (ProgressStatus.DONE, "", Origin.KNOWN_BEFORE, STARTED, DONE_ON),
    "skipped": (ProgressStatus.SKIPPED, SkipReason.NOT_RELEVANT, "", STARTED, None),
}

MOVES = [
    # from          to             started  done on  event
    ("none",        "not_started", None,    None,    None),  # nothing is stored
    ("none",        "in_progress", NOW,     None,    "change"),
    ("none",        "done",        NOW,     NOW,     "change"),
    ("none",        "known",       NOW,     NOW,     "known"),
    ("none",        "skipped",     None,    None,    "change"),
    ("not_started", "not_started", None,    None,    None),
    ("not_started", "in_progress", NOW,     None,    "change"),
    ("not_started", "done",        NOW,     NOW,     "change"),
    ("not_started", "known",       NOW,     NOW,     "known"),
    ("not_started", "skipped",     None,    None,    "change"),
    ("in_progress", "not_started", None,    None,    "change"),
    ("in_progress", "in_progress", KEPT,    None,    None),
    ("in_progress", "done",        KEPT,    NOW,     "change"),
    ("in_progress", "known",       KEPT,    NOW,     "known"),
    ("in_progress", "skipped",     KEPT,    None,    "change"),
    ("done",        "not_started", None,    None,    "change"),
    ("done",        "in_progress", KEPT,    None,    "change"),
    ("done",        "done",        KEPT,    KEPT,    None),
    ("done",        "known",       KEPT,    KEPT,    "known"),  # only the origin changes: the day it was done stays
    ("done",        "skipped",     KEPT,    None,    "change"),
    ("known",       "not_started", None,    None,    "change"),
    ("known",       "in_progress", KEPT,    None,    "change"),
    ("known",       "done",        KEPT,    KEPT,    "change"),
    ("known",       "known",       KEPT,    KEPT,    None),
    ("known",       "skipped",     KEPT,    None,    "change"),
    ("skipped",     "not_started", None,    None,    "change"),
    ("skipped",     "in_progress", KEPT,    None,    "change"),
    ("skipped",     "done",        KEPT,    NOW,     "change"),
    ("skipped",     "known",       KEPT,    NOW,     "known"),
    ("skipped",     "skipped",     KEPT,    None,    None),
]  # fmt: skip


def in_steps(**change):
    with transaction.atomic():
        return tick.set_status_in_steps(**change)


def in_one_statement(**change):
    return tick.set_status_in_one_statement(alias=connection.alias, **change, with_statuses=True)


PATHS = [
    pytest.param(in_steps, id="steps"),
    pytest.param(
        in_one_statement,
        id="one-statement",
        marks=pytest.mark.skipif(
            not tick.one_statement_supported(connection.alias), reason="one statement: PostgreSQL only"
        ),
    ),
]


def test_the_table_has_every_move_once():
    assert sorted((start, end) for start, end, *_ in MOVES) == sorted(
        (start, end) for start in STATES for end in STATES if end != "none"
    )


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(("start", "end", "started", "done_on", "event"), MOVES)
def test_a_status_change_stores_what_the_table_says(path, start, end, started, done_on, event):
    user, item, other = UserFactory(), ItemFactory(), ItemFactory()
    Profile.objects.create(user=user, record_version=5)
    before = None
    if STATES[start] is not None:
        status, skip_reason, origin, was_started, was_done = STATES[start]
        before = Progress.objects.create(
            learner=user, item=item, status=status, skip_reason=skip_reason, origin=origin,
            started_at=was_started, completed_at=was_done,
        )  # fmt: skip
    Progress.objects.create(
        learner=user, item=other, status=ProgressStatus.DONE, origin=Origin.HERE, completed_at=DONE_ON
    )
    status, skip_reason, origin, *_ = STATES[end]
    called = timezone.now()

    returned = path(user=user, item=item, status=status, skip_reason=skip_reason, origin=origin)

    finished = timezone.now()
    expected_dates = []
    for expected, kept in ((started, before and before.started_at), (done_on, before and before.completed_at)):
        expected_dates.append(kept if expected == KEPT else expected)
    rows = Progress.objects.filter(learner=user, item=item)
    if start == "none" and end == "not_started":
        assert not rows.exists()
        assert returned.pk is None and returned.status == ProgressStatus.NOT_STARTED
    else:
        stored = rows.get()
        for row in (stored, returned):
            assert (row.status, row.skip_reason, row.origin) == (status, skip_reason, origin)
            for value, expected in zip((row.started_at, row.completed_at), expected_dates, strict=True):
                if expected == NOW:
                    assert called <= value <= finished
                else:
                    assert value == expected
        assert returned.pk == stored.pk
        if event is None:
            assert stored.updated_at == before.updated_at
    events = list(ProgressEvent.objects.filter(learner=user).values_list("item", "from_status", "to_status", "kind"))
    if event is None:
        assert events == []
    else:
        previous = STATES[start][0] if STATES[start] else ProgressStatus.NOT_STARTED
        assert events == [(item.pk, previous, status, event)]
    assert Profile.objects.get(user=user).record_version == (6 if event else 5)
    assert Progress.objects.get(learner=user, item=other).status == ProgressStatus.DONE  # no other row moved


@pytest.mark.skipif(not tick.one_statement_supported(connection.alias), reason="one statement: PostgreSQL only")
def test_the_one_statement_brings_back_the_statuses_after_the_change():
    user, items = UserFactory(), [ItemFactory(), ItemFactory()]
    tick.set_status_in_steps(user=user, item=items[0], status=ProgressStatus.IN_PROGRESS, skip_reason="", origin="")
    row = in_one_statement(user=user, item=items[1], status=ProgressStatus.DONE, skip_reason="", origin=Origin.HERE)
    assert sorted(row.statuses_after) == [(items[0].pk, ProgressStatus.IN_PROGRESS), (items[1].pk, ProgressStatus.DONE)]


# A tick to done that asks where a long item was learned (`ask_origin`): from not started, or no row, nothing is
# written and the question is raised; from any other state the move is the table's.
ASKED = {"none", "not_started"}


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("start", list(STATES))
def test_asking_where_it_was_learned_writes_nothing_from_not_started(path, start):
    user, item = UserFactory(), ItemFactory()
    Profile.objects.create(user=user, record_version=5)
    if STATES[start] is not None:
        status, skip_reason, origin, was_started, was_done = STATES[start]
        Progress.objects.create(learner=user, item=item, status=status, skip_reason=skip_reason, origin=origin,
                                started_at=was_started, completed_at=was_done)  # fmt: skip
    before = list(Progress.objects.filter(learner=user).values_list("status", "origin", "updated_at"))
    change = {"user": user, "item": item, "status": ProgressStatus.DONE, "skip_reason": "", "origin": Origin.HERE}
    if start in ASKED:
        with pytest.raises(tick.OriginQuestion):
            path(**change, ask_origin=True)
        assert list(Progress.objects.filter(learner=user).values_list("status", "origin", "updated_at")) == before
        assert not ProgressEvent.objects.filter(learner=user).exists()
        assert Profile.objects.get(user=user).record_version == 5
    else:
        returned = path(**change, ask_origin=True)
        assert returned.status == ProgressStatus.DONE == Progress.objects.get(learner=user, item=item).status

"""Every statement written out as SQL once per process gives the rows of the ORM query it stands for, on a database
holding rows it must leave out: other learners, other weeks, draft and retired items, other time zones' days.

The ORM compiles a query anew on each call, which cost more than running these on hot paths (the dashboard, the week
line); a written-out statement is the same query, and these tests are what keeps it so when a model changes. The
suite runs on SQLite and PostgreSQL, so each comparison runs on both (the day counts on PostgreSQL only: SQLite
groups by quarter hours instead, progress.selectors.event_day_counts).
"""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.db.models import Count
from django.db.models.functions import TruncDate

from assessment.models import ShownBy, ShownItem
from assessment.selectors import shown_items_statement
from careerpath.db import rows as db_rows
from careerpath.db import statements
from mentoring.models import EvidenceReview, Verdict
from mentoring.selectors import reviews_shown_statement
from planning.models import PlanEntry, ReviewAnswer, ReviewState, WeekPlan
from planning.selectors import plan_rows_statement, review_state_rows_statement
from progress.models import Progress, ProgressEvent, ProgressEventKind, ProgressStatus, ReleaseNotice, SkipReason
from progress.record import pending_notice_statement
from progress.selectors import (
    LATEST_CHANGES,
    PROGRESS_STATUSES,
    counted_rows_statement,
    day_counts_statement,
    latest_changes_statement,
)
from roadmap.models import Publication, Release, ReleaseState
from tests.factories import ItemFactory, ProgressFactory, UserFactory

pytestmark = pytest.mark.django_db
ALIAS = "default"
MONDAY = date(2026, 3, 2)
# Around midnight in the zones compared: 18:20 UTC is 00:05 the next day in Kathmandu (UTC+05:45), 03:40 UTC is the
# day before in St John's (UTC-03:30), 10:30 UTC the next day at Kiritimati (UTC+14).
INSTANTS = [
    datetime(2026, 3, 1, 18, 20, tzinfo=UTC),
    datetime(2026, 3, 1, 18, 0, tzinfo=UTC),
    datetime(2026, 3, 2, 3, 40, tzinfo=UTC),
    datetime(2026, 3, 2, 10, 30, tzinfo=UTC),
    datetime(2026, 3, 29, 0, 59, 59, 999999, tzinfo=UTC),
    datetime(2026, 3, 29, 1, 0, 0, 1, tzinfo=UTC),
    datetime(2026, 3, 29, 1, 0, 0, 1, tzinfo=UTC),  # the same instant twice: ties go by id, newest first
    datetime(2026, 10, 31, 23, 59, tzinfo=UTC),
    datetime(2026, 11, 1, 0, 1, tzinfo=UTC),
    datetime(2026, 12, 31, 23, 30, tzinfo=UTC),
]
ZONES = ["UTC", "Etc/GMT+10", "Asia/Kathmandu", "America/St_Johns", "Pacific/Kiritimati", "Europe/Berlin"]


def fields_of(model):
    return [field.attname for field in model._meta.concrete_fields]


@pytest.fixture
def learners():
    """Three learners: one with a varied record, one with a little, one with nothing."""
    busy, other, empty = UserFactory(), UserFactory(), UserFactory()
    published = [ItemFactory(title=f"Published {n}") for n in range(4)]
    draft = ItemFactory(title="Draft", status=Publication.DRAFT)
    retired = ItemFactory(title="Retired", status=Publication.RETIRED)
    statuses = [ProgressStatus.DONE, ProgressStatus.IN_PROGRESS, ProgressStatus.SKIPPED, ProgressStatus.NOT_STARTED]
    for item, status in zip(published, statuses, strict=True):
        skip_reason = SkipReason.NOT_RELEVANT if status == ProgressStatus.SKIPPED else ""
        ProgressFactory(learner=busy, item=item, status=status, skip_reason=skip_reason, note="a <b>note</b>")
    ProgressFactory(learner=busy, item=draft, status=ProgressStatus.DONE)
    ProgressFactory(learner=busy, item=retired, status=ProgressStatus.IN_PROGRESS)
    ProgressFactory(learner=other, item=published[0], status=ProgressStatus.IN_PROGRESS)
    kinds = [ProgressEventKind.CHANGE, ProgressEventKind.KNOWN, ProgressEventKind.REVIEW]
    to_statuses = [*PROGRESS_STATUSES, ProgressStatus.SKIPPED, ProgressStatus.NOT_STARTED]
    for index, instant in enumerate(INSTANTS * 2):
        to_status = to_statuses[index % 4]
        ProgressEvent.objects.create(
            learner=busy, item=[*published, retired][index % 5], from_status=ProgressStatus.NOT_STARTED,
            to_status=to_status, kind=kinds[index % 3 if index < len(INSTANTS) else 0], created_at=instant,
            skip_reason=SkipReason.NOT_RELEVANT if to_status == ProgressStatus.SKIPPED else "",
        )  # fmt: skip
    for instant in INSTANTS[:3]:
        ProgressEvent.objects.create(
            learner=other, item=published[1], from_status=ProgressStatus.NOT_STARTED,
            to_status=ProgressStatus.DONE, created_at=instant,
        )  # fmt: skip
    for learner, monday in [(busy, MONDAY), (busy, MONDAY - timedelta(7)), (other, MONDAY)]:
        plan = WeekPlan.objects.create(learner=learner, week_start=monday, hours_budget=8, created_at=INSTANTS[1])
        for position, item in [(1, published[2]), (0, published[1]), (1, draft), (2, retired)]:
            PlanEntry.objects.create(plan=plan, item=item, hours=2, position=position, pinned=position == 1)
    WeekPlan.objects.create(learner=busy, week_start=MONDAY + timedelta(7), hours_budget=5)  # an empty plan
    for learner, item in [(busy, published[0]), (busy, retired), (other, published[0])]:
        ReviewState.objects.create(learner=learner, item=item, step=2, reviewed_at=INSTANTS[3],
                                   last_answer=ReviewAnswer.SHAKY)  # fmt: skip
    return busy, other, empty


def test_the_progress_rows_are_the_querysets(learners):
    """progress.selectors.counted_rows_statement: `Progress.objects.filter(learner=...).counted()`."""
    fields = Progress._meta.concrete_fields
    for learner in learners:
        written = db_rows.converted(ALIAS, fields, statements.rows(ALIAS, *counted_rows_statement(ALIAS, learner.pk)))
        orm = Progress.objects.filter(learner_id=learner.pk).counted().values_list(*fields_of(Progress))
        assert sorted(written) == sorted(orm)
    assert len(written) == 0 and len(orm) == 0, "the learner with nothing"
    busy_rows = statements.rows(ALIAS, *counted_rows_statement(ALIAS, learners[0].pk))
    assert len(busy_rows) == 4, "the busy learner's rows on published items only"


def test_the_latest_changes_are_the_querysets(learners):
    """progress.selectors.latest_changes_statement: the newest changes with their item's title, in order."""
    shown = ("created_at", "kind", "to_status")
    fields = [*(ProgressEvent._meta.get_field(name) for name in shown), ProgressEvent._meta.get_field("item")]
    fields[-1] = fields[-1].related_model._meta.get_field("title")
    for learner in learners:
        fetched = statements.rows(ALIAS, *latest_changes_statement(ALIAS, learner.pk))
        orm = (
            ProgressEvent.objects.filter(learner_id=learner.pk)
            .order_by("-created_at", "-id")
            .values_list(*shown, "item__title")[:LATEST_CHANGES]
        )
        assert db_rows.converted(ALIAS, fields, fetched) == list(orm)
    assert len(statements.rows(ALIAS, *latest_changes_statement(ALIAS, learners[0].pk))) == LATEST_CHANGES


@pytest.mark.skipif(connection.vendor != "postgresql", reason="written out for PostgreSQL (SQLite: quarter hours)")
@pytest.mark.parametrize("zone_name", ZONES)
def test_the_day_counts_are_the_querysets(learners, zone_name):
    """progress.selectors.day_counts_statement: changes that started or finished an item, per local day."""
    for learner in learners:
        written = dict(statements.rows(ALIAS, *day_counts_statement(ALIAS, learner.pk, zone_name)))
        events = ProgressEvent.objects.filter(
            learner_id=learner.pk, kind=ProgressEventKind.CHANGE, to_status__in=PROGRESS_STATUSES
        )
        day = TruncDate("created_at", tzinfo=ZoneInfo(zone_name))
        orm = (
            events.annotate(day=day)
            .values("day")
            .annotate(changes=Count("id"))
            .order_by()
            .values_list("day", "changes")
        )
        assert written == dict(orm)
    assert sum(dict(statements.rows(ALIAS, *day_counts_statement(ALIAS, learners[0].pk, zone_name))).values()) > 0


@pytest.mark.parametrize("monday", [MONDAY, MONDAY - timedelta(7), MONDAY + timedelta(7), MONDAY + timedelta(14)])
def test_the_week_plan_rows_are_the_querysets(learners, monday):
    """planning.selectors.plan_rows_statement: the plan with each entry, in the plan's order (one row for an empty
    plan, none without a plan)."""
    fields = [*WeekPlan._meta.concrete_fields, *PlanEntry._meta.concrete_fields]
    entries = [f"entries__{name}" for name in fields_of(PlanEntry)]
    for learner in learners:
        fetched = statements.rows(ALIAS, *plan_rows_statement(ALIAS, learner.pk, monday))
        orm = (
            WeekPlan.objects.filter(learner_id=learner.pk, week_start=monday)
            .order_by("entries__position", "entries__id")
            .values_list(*fields_of(WeekPlan), *entries)
        )
        assert db_rows.converted(ALIAS, fields, fetched) == list(orm)


def test_the_review_states_are_the_querysets(learners):
    """planning.selectors.review_state_rows_statement: `ReviewState.objects.filter(learner=...)`."""
    for learner in learners:
        fetched = statements.rows(ALIAS, *review_state_rows_statement(ALIAS, learner.pk))
        orm = ReviewState.objects.filter(learner_id=learner.pk).values_list(*fields_of(ReviewState))
        assert sorted(db_rows.converted(ALIAS, ReviewState._meta.concrete_fields, fetched)) == sorted(orm)


@pytest.fixture
def shown(learners):
    """Shown items and reviews that must be left out: another learner's, a withdrawn review, a review that asks for
    changes; and release notices: a dismissed one, an older one, another learner's."""
    busy, other, _empty = learners
    items = [ItemFactory(title=f"Shown {n}") for n in range(3)]
    mentor = UserFactory()
    ShownItem.objects.create(learner=busy, item=items[0], shown_by=ShownBy.CHECK)
    ShownItem.objects.create(learner=other, item=items[1], shown_by=ShownBy.CHECK)
    for item, verdict, withdrawn in [(items[1], Verdict.ENDORSED, None), (items[2], Verdict.ENDORSED, INSTANTS[0]),
                                     (items[0], Verdict.CHANGES, None)]:  # fmt: skip
        EvidenceReview.objects.create(learner=busy, item=item, mentor=mentor, verdict=verdict, withdrawn_at=withdrawn,
                                      evidence_url="https://example.org/work")  # fmt: skip
    EvidenceReview.objects.create(learner=other, item=items[2], mentor=mentor, verdict=Verdict.ENDORSED,
                                  evidence_url="https://example.org/work")  # fmt: skip
    releases = [
        Release.objects.create(number=n, name=f"test.{n}", state=ReleaseState.PUBLISHED, published_at=INSTANTS[0])
        for n in (80, 81, 82)
    ]
    notices = [(busy, releases[0], None), (busy, releases[1], None), (busy, releases[2], INSTANTS[1]),
               (other, releases[0], INSTANTS[1])]  # fmt: skip
    for learner, release, dismissed in notices:
        ReleaseNotice.objects.create(learner=learner, release=release, percent_before=release.number - 70,
                                     percent_after=release.number - 60, dismissed_at=dismissed)  # fmt: skip
    return learners


@pytest.mark.parametrize("several", [False, True])
def test_the_shown_items_are_the_querysets(shown, several):
    """assessment.selectors.shown_items_statement and mentoring.selectors.reviews_shown_statement: what each
    learner has shown by a passed check, and by a mentor's current endorsement."""
    groups = [[learner.pk for learner in shown]] if several else [[learner.pk] for learner in shown]
    for learner_ids in groups:
        checks = statements.rows(ALIAS, *shown_items_statement(ALIAS, learner_ids))
        orm = ShownItem.objects.filter(learner_id__in=learner_ids).values_list("learner_id", "item_id")
        assert sorted(checks) == sorted(orm)
        reviews = statements.rows(ALIAS, *reviews_shown_statement(ALIAS, learner_ids))
        current = EvidenceReview.objects.filter(learner_id__in=learner_ids, withdrawn_at__isnull=True,
                                                verdict=Verdict.ENDORSED)  # fmt: skip
        assert sorted(reviews) == sorted(current.values_list("learner_id", "item_id"))
    busy = shown[0].pk
    assert len(statements.rows(ALIAS, *reviews_shown_statement(ALIAS, [busy]))) == 1, "withdrawn and changes left out"


def test_the_pending_release_notice_is_the_querysets(shown):
    """progress.record.pending_notice_statement: the newest notice not dismissed, with its release."""
    for learner in shown:
        written = statements.rows(ALIAS, *pending_notice_statement(ALIAS, learner.pk))
        orm = ReleaseNotice.objects.filter(learner_id=learner.pk, dismissed_at=None).values_list(
            "release__number", "release__name", "percent_before", "percent_after"
        )[:1]
        assert written == list(orm)
    assert statements.rows(ALIAS, *pending_notice_statement(ALIAS, shown[0].pk)) == [(81, "test.81", 11, 21)]

"""Reads of a learner's progress: each in a fixed number of queries, whatever the content or the learners.

Names read `<entity>_<what>`, arguments are keyword-only.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache

from django.db import connections, router
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncDate

from careerpath.db import rows as db_rows
from careerpath.db import statements
from roadmap.models import Item, Publication, Track
from roadmap.selectors import shared_item_ids, track_item_ids

from .models import Progress, ProgressEvent, ProgressEventKind, ProgressStatus, ReleaseNotice

PROGRESS_STATUSES = (ProgressStatus.IN_PROGRESS, ProgressStatus.DONE)


def progress_by_item_on_track(*, user, track: Track) -> dict[int, Progress]:
    """The learner's progress on every item of a track, by item id: one query."""
    rows = Progress.objects.for_user(user).filter(item__in=track_item_ids(track=track))
    return {row.item_id: row for row in rows}


@dataclass(frozen=True)
class ResetPreview:
    """What resetting a track would change: items not at "not started", and how many of them other tracks share."""

    changed: int
    shared: int

    @property
    def own(self) -> int:
        return self.changed - self.shared


def track_reset_preview(*, user, track: Track) -> ResetPreview:
    """Two counts in one query."""
    started = Progress.objects.for_user(user).filter(item__in=track_item_ids(track=track))
    counts = started.exclude(status=ProgressStatus.NOT_STARTED).aggregate(
        changed=Count("id"), shared=Count("id", filter=Q(item__in=shared_item_ids(track=track)))
    )
    return ResetPreview(changed=counts["changed"], shared=counts["shared"])


def progress_by_item_counted(*, user, items: Mapping[int, Item] | None = None) -> dict[int, Progress]:
    """The learner's progress on every published item, by item id, items loaded: one query.

    Given the published items by id (the content snapshot's), the rows take their items from it instead of reading
    them again (a third of the read's cost); an item published after that snapshot was taken is read then.
    """
    if items is None:
        return {row.item_id: row for row in Progress.objects.for_user(user).counted().select_related("item")}
    alias = router.db_for_read(Progress)
    return progress_by_item_from_rows(alias, statements.rows(alias, *counted_rows_statement(alias, user.pk)), items)


def progress_by_item_from_rows(alias: str, fetched: list[tuple], items: Mapping[int, Item]) -> dict[int, Progress]:
    rows = {row.item_id: row for row in db_rows.instances(alias, Progress, fetched)}
    unknown = rows.keys() - items.keys()
    found = {**items, **Item.objects.in_bulk(unknown)} if unknown else items
    for item_id, row in rows.items():
        db_rows.set_related(row, "item", found[item_id])
    return rows


def counted_rows_statement(alias: str, learner_id: int) -> tuple[str, list]:
    """Every column of the learner's rows on published items, the rows of
    `Progress.objects.filter(learner_id=learner_id).counted()` (tests/db/test_written_out_statements.py compares
    them): written out once per process, as compiling the query cost more than running it."""
    return _counted_rows_sql(alias), [learner_id, Publication.PUBLISHED]


@cache
def _counted_rows_sql(alias: str) -> str:
    name = connections[alias].ops.quote_name
    columns = ", ".join(f"p.{name(field.column)}" for field in Progress._meta.concrete_fields)
    item, learner = (name(Progress._meta.get_field(field).column) for field in ("item", "learner"))
    # Names are the models' own, quoted; every value is a parameter.
    return (
        f"SELECT {columns} FROM {name(Progress._meta.db_table)} p "  # noqa: S608
        f"INNER JOIN {name(Item._meta.db_table)} i ON i.{name(Item._meta.pk.column)} = p.{item} "
        f"WHERE p.{learner} = %s AND i.{name(Item._meta.get_field('status').column)} = %s"
    )


def progress_statuses_counted(*, user) -> dict[int, str]:
    """The learner's status on every published item they touched, by item id: one query of pairs."""
    return dict(Progress.objects.for_user(user).counted().values_list("item_id", "status"))


def progress_get(*, user, item: Item) -> Progress | None:
    return Progress.objects.for_user(user).filter(item=item).first()


def event_list(*, user) -> QuerySet[ProgressEvent]:
    """Every status change of the learner, newest first, retired items included (they are part of the record)."""
    return ProgressEvent.objects.for_user(user).select_related("item")


LATEST_CHANGES = 8


@dataclass(frozen=True)
class LatestChange:
    created_at: datetime
    kind: str
    to_status: str
    item_title: str


_LATEST_CHANGE_FIELDS = ("created_at", "kind", "to_status")


def latest_changes_statement(alias: str, learner_id: int) -> tuple[str, list]:
    """The learner's latest changes, the columns the dashboard shows, the rows of
    `ProgressEvent.objects.filter(learner_id=learner_id).order_by("-created_at", "-id")
    .values_list("created_at", "kind", "to_status", "item__title")[:LATEST_CHANGES]` (tests/db compares them)."""
    return _latest_changes_sql(alias), [learner_id, LATEST_CHANGES]


@cache
def _latest_changes_sql(alias: str) -> str:
    name = connections[alias].ops.quote_name
    column = {field: name(ProgressEvent._meta.get_field(field).column) for field in _LATEST_CHANGE_FIELDS}
    shown = ", ".join(f"e.{column[field]}" for field in ("created_at", "kind", "to_status"))
    learner, item = (name(ProgressEvent._meta.get_field(field).column) for field in ("learner", "item"))
    return (
        f"SELECT {shown}, i.{name(Item._meta.get_field('title').column)} "  # noqa: S608
        f"FROM {name(ProgressEvent._meta.db_table)} e "
        f"INNER JOIN {name(Item._meta.db_table)} i ON i.{name(Item._meta.pk.column)} = e.{item} "
        f"WHERE e.{learner} = %s ORDER BY e.{column['created_at']} DESC, e.{name(ProgressEvent._meta.pk.column)} DESC "
        "LIMIT %s"
    )


@cache
def _latest_change_fields() -> tuple:
    shown = [ProgressEvent._meta.get_field(name) for name in _LATEST_CHANGE_FIELDS]
    return (*shown, Item._meta.get_field("title"))


def event_list_latest(*, user) -> list[LatestChange]:
    """The learner's latest changes, newest first, with what the dashboard says of them (when, the change, the
    item's title, retired items too): one query, written out once per process."""
    alias = router.db_for_read(ProgressEvent)
    return latest_changes_from_rows(alias, statements.rows(alias, *latest_changes_statement(alias, user.pk)))


def latest_changes_from_rows(alias: str, rows: list[tuple]) -> list[LatestChange]:
    return [LatestChange(*values) for values in db_rows.converted(alias, _latest_change_fields(), rows)]


def event_day_counts(*, user, zone) -> dict[date, int]:
    """Changes that started or finished an item, per day in the learner's time zone: one grouped query.

    On SQLite, grouping by the local day would call Django's Python date function once per event (about 5 ms for a
    learner with 1,500 events, the largest part of computing their dashboard). There the events are grouped by
    their UTC quarter hour in SQL, and the few groups placed on local days here: every UTC offset in use is a whole
    number of quarter hours, so a quarter hour never straddles two local days.
    """
    alias = router.db_for_read(ProgressEvent)
    if connections[alias].vendor == "sqlite":
        return _day_counts_by_quarter_hour(alias, user.pk, zone)
    zone_name = getattr(zone, "key", None)
    if zone_name is None:  # not a zoneinfo zone: compiled for this call only
        return dict(_day_counts(user.pk, zone))
    return dict(statements.rows(alias, *day_counts_statement(alias, user.pk, zone_name)))


def _day_counts(learner_id: int, zone) -> QuerySet:
    events = ProgressEvent.objects.filter(
        learner_id=learner_id, kind=ProgressEventKind.CHANGE, to_status__in=PROGRESS_STATUSES
    )
    day = TruncDate("created_at", tzinfo=zone)
    return events.annotate(day=day).values("day").annotate(changes=Count("id")).order_by().values_list("day", "changes")


def day_counts_statement(alias: str, learner_id: int, zone_name: str) -> tuple[str, list]:
    """(local day, changes) of a learner in a zone, by name, on PostgreSQL: the rows of
    `_day_counts(learner_id, ZoneInfo(zone_name))` (tests/db compares them), written out once per process."""
    return _day_counts_sql(alias), [zone_name, learner_id, ProgressEventKind.CHANGE, *PROGRESS_STATUSES]


@cache
def _day_counts_sql(alias: str) -> str:
    name = connections[alias].ops.quote_name
    column = {
        field: name(ProgressEvent._meta.get_field(field).column)
        for field in ("created_at", "learner", "kind", "to_status")
    }
    statuses = ", ".join(["%s"] * len(PROGRESS_STATUSES))
    # TruncDate(tzinfo=...) on PostgreSQL: the instant at the zone's wall-clock time, cast to a date.
    return (
        f"SELECT ({column['created_at']} AT TIME ZONE %s)::date, COUNT(*) "  # noqa: S608
        f"FROM {name(ProgressEvent._meta.db_table)} WHERE {column['learner']} = %s AND {column['kind']} = %s "
        f"AND {column['to_status']} IN ({statuses}) GROUP BY 1"
    )


def _day_counts_by_quarter_hour(alias: str, learner_id: int, zone) -> dict[date, int]:
    fetched = statements.rows(
        alias, _quarter_hours_statement(alias), [learner_id, ProgressEventKind.CHANGE, *PROGRESS_STATUSES]
    )
    counts: dict[date, int] = {}
    for hour, quarter, changes in fetched:
        start = datetime.fromisoformat(f"{hour}:{quarter * 15:02d}").replace(tzinfo=UTC)
        day = start.astimezone(zone).date()
        counts[day] = counts.get(day, 0) + changes
    return counts


@cache
def _quarter_hours_statement(alias: str) -> str:
    """SQLite keeps an aware datetime as UTC text, "YYYY-MM-DD HH:MM:SS[.ffffff]": the hour is its first 13
    characters, the minutes the two after the colon."""
    name = connections[alias].ops.quote_name
    when, learner = (name(ProgressEvent._meta.get_field(field).column) for field in ("created_at", "learner"))
    statuses = ", ".join(["%s"] * len(PROGRESS_STATUSES))
    return (
        f"SELECT substr({when}, 1, 13), CAST(substr({when}, 15, 2) AS INTEGER) / 15, COUNT(*) "  # noqa: S608
        f"FROM {name(ProgressEvent._meta.db_table)} WHERE {learner} = %s AND {name('kind')} = %s "
        f"AND {name('to_status')} IN ({statuses}) GROUP BY 1, 2"
    )


def item_learner_counts(item_ids: Iterable[int]) -> dict[int, int]:
    """How many learners have progress on each item, by item id (for the admin's refusal to delete one)."""
    rows = (
        Progress.objects.filter(item_id__in=list(item_ids))
        .values("item_id")
        .annotate(learners=Count("learner", distinct=True))
        .order_by()
    )
    return {row["item_id"]: row["learners"] for row in rows}


def release_notice_get(*, user, number: int) -> ReleaseNotice | None:
    """The learner's own notice of release `number` (None for anyone else's, or a release that touched them not)."""
    return ReleaseNotice.objects.filter(learner=user, release__number=number).select_related("release").first()


def release_notices_unmentioned(*, user) -> list[ReleaseNotice]:
    """The notices no weekly digest has mentioned yet, newest first."""
    return list(ReleaseNotice.objects.filter(learner=user, mentioned_at=None).select_related("release"))

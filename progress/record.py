"""What the dashboard reads of the learner's own record, in one round trip on PostgreSQL.

Every read here is a statement written out once per process (compiling the querysets cost more than running them),
each compared row for row with the queryset it stands for in tests/db/test_written_out_statements.py.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache

from django.db import connections, router

from careerpath.db import statements
from roadmap.models import Item, Release

from . import hooks
from .models import Progress, ReleaseNotice
from .selectors import (
    LatestChange,
    counted_rows_statement,
    day_counts_statement,
    event_day_counts,
    event_list_latest,
    latest_changes_from_rows,
    latest_changes_statement,
    progress_by_item_counted,
    progress_by_item_from_rows,
)


@dataclass(frozen=True)
class PendingNotice:
    """The dashboard's banner: the newest content release that touched the learner's record, not dismissed."""

    number: int
    name: str
    percent_before: int
    percent_after: int


def pending_notice_statement(alias: str, learner_id: int) -> tuple[str, list]:
    """The release's number and name and the readiness before and after of the learner's newest notice not
    dismissed, the row of `ReleaseNotice.objects.filter(learner_id=learner_id, dismissed_at=None)
    .values_list("release__number", "release__name", "percent_before", "percent_after").first()`."""
    return _pending_notice_sql(alias), [learner_id]


@cache
def _pending_notice_sql(alias: str) -> str:
    name = connections[alias].ops.quote_name
    notice = {field: name(ReleaseNotice._meta.get_field(field).column) for field in
              ("learner", "release", "dismissed_at", "percent_before", "percent_after")}  # fmt: skip
    number, title = (name(Release._meta.get_field(field).column) for field in ("number", "name"))
    return (
        f"SELECT r.{number}, r.{title}, n.{notice['percent_before']}, n.{notice['percent_after']} "  # noqa: S608
        f"FROM {name(ReleaseNotice._meta.db_table)} n "
        f"INNER JOIN {name(Release._meta.db_table)} r ON r.{name(Release._meta.pk.column)} = n.{notice['release']} "
        f"WHERE n.{notice['learner']} = %s AND n.{notice['dismissed_at']} IS NULL ORDER BY r.{number} DESC LIMIT 1"
    )


def release_notice_pending(*, user) -> PendingNotice | None:
    """The newest release notice the learner has not dismissed (one query)."""
    alias = router.db_for_read(ReleaseNotice)
    return _pending(statements.rows(alias, *pending_notice_statement(alias, user.pk)))


def _pending(rows: list[tuple]) -> PendingNotice | None:
    return PendingNotice(*rows[0]) if rows else None


@dataclass(frozen=True)
class LearnerRecord:
    """What the dashboard reads of the learner's own record."""

    progress: dict[int, Progress]  # on published items, by item id (progress_by_item_counted)
    day_counts: dict[date, int]  # progress per local day (event_day_counts)
    latest: list[LatestChange]  # event_list_latest
    shown: set[int]  # the items the learner has shown (progress.hooks.shown_item_ids)
    release_notice: PendingNotice | None  # release_notice_pending, when asked for (the dashboard's banner)


def learner_record(*, user, zone, items: Mapping[int, Item], with_release_notice: bool = False) -> LearnerRecord:
    """The learner's progress rows, progress days, latest changes, shown items and release notice: statements
    written out once per process, sent in one round trip where the database takes several at once (PostgreSQL: a
    round trip is most of each read), read one by one elsewhere. `items` are the published items by id (the content
    snapshot's). The release notice is read only `with_release_notice` (the dashboard shows it, nothing else)."""
    alias = router.db_for_read(Progress)
    zone_name = getattr(zone, "key", None)
    if not statements.sends_two_at_once(alias) or zone_name is None:
        return LearnerRecord(
            progress=progress_by_item_counted(user=user, items=items),
            day_counts=event_day_counts(user=user, zone=zone),
            latest=event_list_latest(user=user),
            shown=hooks.shown_item_ids(learner_id=user.pk),
            release_notice=release_notice_pending(user=user) if with_release_notice else None,
        )
    notice_statements = [pending_notice_statement(alias, user.pk)] if with_release_notice else []
    rows, days, latest, *rest = statements.rows_together(
        alias,
        counted_rows_statement(alias, user.pk),
        day_counts_statement(alias, user.pk, zone_name),
        latest_changes_statement(alias, user.pk),
        *notice_statements,
        *hooks.shown_item_statements(alias, [user.pk]),
    )
    notice, shown = (_pending(rest[0]), rest[1:]) if with_release_notice else (None, rest)
    return LearnerRecord(
        progress=progress_by_item_from_rows(alias, rows, items),
        day_counts=dict(days),
        latest=latest_changes_from_rows(alias, latest),
        shown=hooks.shown_from_rows(shown).get(user.pk, set()),
        release_notice=notice,
    )

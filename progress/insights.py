"""Staff insights: how learners fare, split by background, from database aggregates (never a loop over learners).

Eight queries whatever the number of learners or items: learner counts, sign-ups per week, the stage funnel
(its rows, the tracks and stages, the stages' sizes), the published items and the per-item counts. Python only
arranges the grouped rows into tables.

Definitions (also on the page): a learner is an account that is not staff; active means they changed a status in
the period (a visit is not activity); "not said" holds learners with no background and those who prefer not to
say; a stage is completed by a learner who has done at least 80% of its published items; completion rate of an
item is learners who have done it (here or before joining) over all learners of that background.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, timedelta

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q
from django.db.models.functions import TruncWeek
from django.utils import timezone

from accounts.models import Background, Profile
from roadmap.models import Item, Publication, Stage, StageItem, Track

from . import hooks
from .models import Origin, Progress, ProgressEvent, ProgressStatus

FUNNEL_SHARE = 0.8  # a stage counts as completed at 80% of its items
SIGNUP_WEEKS = 12
TOP_SKIPPED = 10
NOT_SET = ""
# Learners who have not said, or prefer not to say, share one column: both mean "we do not know".
BACKGROUNDS = [(Background.TECH.value, "Tech"), (Background.NON_TECH.value, "Non-tech"), (NOT_SET, "Not said")]


@dataclass
class Split:
    """One number per background, plus the total."""

    values: dict[str, int] = field(default_factory=lambda: {key: 0 for key, _label in BACKGROUNDS})

    def add(self, background: str | None, amount: int) -> None:
        self.values[background if background in self.values else NOT_SET] += amount

    @property
    def total(self) -> int:
        return sum(self.values.values())

    def cells(self) -> list[int]:
        return [self.values[key] for key, _label in BACKGROUNDS] + [self.total]


def rate(part: int, whole: int) -> int | None:
    return round(part * 100 / whole) if whole else None


@dataclass
class ItemInsight:
    item_id: int
    title: str
    slug: str
    done: Split = field(default_factory=Split)
    known_before: Split = field(default_factory=Split)  # done, and known before joining (part of `done`)
    skipped: Split = field(default_factory=Split)  # skipped as not relevant
    rates: list[int | None] = field(default_factory=list)  # completion %, per background and overall
    shown: int = 0  # learners who have shown it (a passed check, a reviewed project): beside those claiming it done

    @property
    def skipped_total(self) -> int:
        return self.skipped.total


@dataclass
class Insights:
    learners: Split
    active_7: Split
    active_30: Split
    signups: list[tuple[date, list[int]]]
    funnel: list[tuple[Track, Stage, int, list[int]]]  # track, stage, item count, learners per background + total
    items: list[ItemInsight]

    @property
    def most_skipped(self) -> list[ItemInsight]:
        skipped = [item for item in self.items if item.skipped_total]
        return sorted(skipped, key=lambda item: (-item.skipped_total, item.title))[:TOP_SKIPPED]

    @property
    def most_known_before(self) -> list[ItemInsight]:
        """The items learners most often knew before joining: what the path could let them skip past."""
        known = [item for item in self.items if item.known_before.total]
        return sorted(known, key=lambda item: (-item.known_before.total, item.title))[:TOP_SKIPPED]


def _learner_counts(now):
    User = get_user_model()

    def active_since(days):
        return Exists(ProgressEvent.objects.filter(learner=OuterRef("pk"), created_at__gte=now - timedelta(days=days)))

    rows = (
        User.objects.filter(is_staff=False)
        .annotate(active_7=active_since(7), active_30=active_since(30))
        .values(background=F("profile__background"))
        .annotate(
            total=Count("id"),
            active_7_count=Count("id", filter=Q(active_7=True)),
            active_30_count=Count("id", filter=Q(active_30=True)),
        )
        .order_by()
    )
    learners, active_7, active_30 = Split(), Split(), Split()
    for row in rows:
        learners.add(row["background"], row["total"])
        active_7.add(row["background"], row["active_7_count"])
        active_30.add(row["background"], row["active_30_count"])
    return learners, active_7, active_30


def _signups(now):
    first_week = (now - timedelta(weeks=SIGNUP_WEEKS - 1)).date()
    first_week -= timedelta(days=first_week.weekday())
    rows = (
        get_user_model()
        .objects.filter(is_staff=False, date_joined__date__gte=first_week)
        .annotate(week=TruncWeek("date_joined", tzinfo=UTC))
        .values("week", background=F("profile__background"))
        .annotate(count=Count("id"))
        .order_by()
    )
    weeks = {first_week + timedelta(weeks=n): Split() for n in range(SIGNUP_WEEKS)}
    for row in rows:
        week = row["week"].date() if hasattr(row["week"], "date") else row["week"]
        if week in weeks:
            weeks[week].add(row["background"], row["count"])
    return [(week, split.cells()) for week, split in weeks.items()]


def _funnel_rows() -> list[tuple[int, str | None, int]]:
    """(stage id, background, learners who have done at least 80% of the stage's published items): one query."""
    progress, item, placement = Progress._meta.db_table, Item._meta.db_table, StageItem._meta.db_table
    user, profile = get_user_model()._meta.db_table, Profile._meta.db_table
    sql = f"""
        WITH stage_totals AS (
            SELECT si.stage_id, COUNT(*) AS total
            FROM {placement} si JOIN {item} i ON i.id = si.item_id
            WHERE i.status = %s
            GROUP BY si.stage_id
        ), learner_done AS (
            SELECT p.learner_id, si.stage_id, COUNT(*) AS done
            FROM {progress} p
            JOIN {item} i ON i.id = p.item_id
            JOIN {placement} si ON si.item_id = p.item_id
            WHERE p.status = %s AND i.status = %s
            GROUP BY p.learner_id, si.stage_id
        )
        SELECT ld.stage_id, pr.background, COUNT(*)
        FROM learner_done ld
        JOIN stage_totals st ON st.stage_id = ld.stage_id
        JOIN {user} u ON u.id = ld.learner_id
        LEFT JOIN {profile} pr ON pr.user_id = u.id
        WHERE u.is_staff = %s AND ld.done * 100 >= st.total * %s
        GROUP BY ld.stage_id, pr.background
    """  # noqa: S608 - table names come from model metadata, values are parameters
    params = [Publication.PUBLISHED, ProgressStatus.DONE, Publication.PUBLISHED, False, int(FUNNEL_SHARE * 100)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _funnel():
    tracks = Track.objects.published().prefetch_related("stages").order_by("position", "title")
    counts: dict[int, Split] = {}
    for stage_id, background, learners in _funnel_rows():
        counts.setdefault(stage_id, Split()).add(background, learners)
    totals = dict(
        StageItem.objects.filter(item__status=Publication.PUBLISHED, stage__track__status=Publication.PUBLISHED)
        .values_list("stage_id")
        .annotate(count=Count("id"))
        .order_by()
    )
    return [
        (track, stage, totals.get(stage.pk, 0), counts.get(stage.pk, Split()).cells())
        for track in tracks
        for stage in track.stages.all()
    ]


def _items() -> list[ItemInsight]:
    items = {
        row["id"]: ItemInsight(item_id=row["id"], title=row["title"], slug=row["slug"])
        for row in Item.objects.published().order_by("title").values("id", "title", "slug")
    }
    rows = (
        Progress.objects.filter(item__status=Publication.PUBLISHED, learner__is_staff=False)
        .values("item_id", background=F("learner__profile__background"))
        .annotate(
            done=Count("id", filter=Q(status=ProgressStatus.DONE)),
            known=Count("id", filter=Q(status=ProgressStatus.DONE, origin=Origin.KNOWN_BEFORE)),
            skipped=Count("id", filter=Q(status=ProgressStatus.SKIPPED)),
        )
        .order_by()
    )
    for row in rows:
        insight = items[row["item_id"]]
        insight.done.add(row["background"], row["done"])
        insight.known_before.add(row["background"], row["known"])
        insight.skipped.add(row["background"], row["skipped"])
    return list(items.values())


def staff_insights() -> Insights:
    now = timezone.now()
    learners, active_7, active_30 = _learner_counts(now)
    items = _items()
    shown = hooks.shown_counts_by_item()
    for item in items:
        item.rates = [rate(done, whole) for done, whole in zip(item.done.cells(), learners.cells(), strict=True)]
        item.shown = shown.get(item.item_id, 0)
    return Insights(
        learners=learners,
        active_7=active_7,
        active_30=active_30,
        signups=_signups(now),
        funnel=_funnel(),
        items=items,
    )

"""Reads for the public pages: each returns everything a page shows in a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from .models import (
    Item,
    Progress,
    ProgressEvent,
    ProgressStatus,
    Publication,
    Role,
    RoleRequirement,
    Stage,
    StageItem,
    Track,
)


@dataclass(frozen=True)
class Tally:
    """How many of a set of items a learner has done, has under way and has skipped.

    Skipped items stay in the total and never count as done: a percentage only ever shows finished work.
    """

    total: int = 0
    done: int = 0
    in_progress: int = 0
    skipped: int = 0

    @property
    def percent(self) -> int:
        return self.done * 100 // self.total if self.total else 0

    @classmethod
    def of(cls, statuses: list[str]) -> "Tally":
        return cls(
            total=len(statuses),
            done=statuses.count(ProgressStatus.DONE),
            in_progress=statuses.count(ProgressStatus.IN_PROGRESS),
            skipped=statuses.count(ProgressStatus.SKIPPED),
        )


@dataclass
class ItemRow:
    """An item as one learner sees it on a track: the content and their progress on it (None when untouched)."""

    item: Item
    progress: Progress | None = None

    @property
    def status(self) -> str:
        return self.progress.status if self.progress else ProgressStatus.NOT_STARTED


@dataclass
class StageRoadmap:
    """One stage of a track with its published items, in order, and the learner's progress on them."""

    stage: Stage
    rows: list[ItemRow] = field(default_factory=list)

    @property
    def items(self) -> list[Item]:
        return [row.item for row in self.rows]

    @property
    def total_hours(self) -> int:
        return sum(item.estimated_hours for item in self.items)

    @property
    def tally(self) -> Tally:
        return Tally.of([row.status for row in self.rows])


@dataclass
class StageUpdate:
    """What an in-place status change redraws in one stage: its bar, and the changed item's row if it sits there."""

    stage: Stage
    tally: Tally
    rows: list[ItemRow]


def track_update(track: Track, progress: Progress) -> tuple[list[StageUpdate], Tally]:
    """The stages' tallies and the changed item's rows after a status change: two light queries and no model
    instances but the stages, so answering a tick costs the same on a track of 5 items or 500."""
    item = progress.item
    stages = list(track.stages.order_by("position", "id"))
    placements = list(
        StageItem.objects.filter(stage__track=track, item__status=Publication.PUBLISHED).values_list(
            "stage_id", "item_id"
        )
    )
    statuses = dict(
        Progress.objects.for_user(progress.learner_id)
        .filter(item__placements__stage__track=track)
        .values_list("item_id", "status")
    )
    by_stage: dict[int, list[str]] = {stage.pk: [] for stage in stages}
    for stage_id, item_id in placements:
        by_stage[stage_id].append(statuses.get(item_id, ProgressStatus.NOT_STARTED))
    placed_in = {stage_id for stage_id, item_id in placements if item_id == item.pk}
    updates = [
        StageUpdate(
            stage=stage,
            tally=Tally.of(by_stage[stage.pk]),
            rows=[ItemRow(item, progress)] if stage.pk in placed_in else [],
        )
        for stage in stages
        if by_stage[stage.pk]
    ]
    unique_items = {item_id for _stage, item_id in placements}
    return updates, Tally.of([statuses.get(item_id, ProgressStatus.NOT_STARTED) for item_id in unique_items])


def track_tally(stages: list[StageRoadmap]) -> Tally:
    """The whole track's tally, counting an item placed in two stages once."""
    statuses = {row.item.pk: row.status for stage in stages for row in stage.rows}
    return Tally.of(list(statuses.values()))


def published_placements() -> QuerySet[StageItem]:
    return (
        StageItem.objects.filter(item__status=Publication.PUBLISHED)
        .select_related("item__skill_area")
        .order_by("position", "id")
    )


def tracks_with_stages() -> QuerySet[Track]:
    """Published tracks, each with its stages in order (for the home page and navigation)."""
    return Track.objects.published().prefetch_related(Prefetch("stages", queryset=Stage.objects.order_by("position")))


def track_detail_queryset() -> QuerySet[Track]:
    """Published tracks with stages and their published items prefetched: three queries, however many items."""
    stages = Stage.objects.order_by("position", "id").prefetch_related(
        Prefetch("placements", queryset=published_placements(), to_attr="published_placements")
    )
    return Track.objects.published().prefetch_related(Prefetch("stages", queryset=stages))


def track_roadmap(track: Track, progress: dict[int, Progress] | None = None) -> list[StageRoadmap]:
    """The stages of a track fetched with `track_detail_queryset`, each with its items and the learner's progress."""
    progress = progress or {}
    return [
        StageRoadmap(
            stage=stage,
            rows=[ItemRow(placement.item, progress.get(placement.item_id)) for placement in stage.published_placements],
        )
        for stage in track.stages.all()
    ]


def progress_on_track(user, track: Track) -> dict[int, Progress]:
    """The learner's progress on every item of a track, by item id: one query."""
    if not user.is_authenticated:
        return {}
    rows = Progress.objects.for_user(user).filter(item__in=Item.objects.filter(placements__stage__track=track))
    return {row.item_id: row for row in rows}


def progress_on_item(user, item: Item) -> Progress | None:
    if not user.is_authenticated:
        return None
    return Progress.objects.for_user(user).filter(item=item).first()


def history_for_user(user) -> QuerySet[ProgressEvent]:
    """Every status change of the learner, newest first, retired items included (they are part of the record)."""
    return ProgressEvent.objects.for_user(user).select_related("item")


def item_detail_queryset() -> QuerySet[Item]:
    """Published items with where they sit on the roadmap, their resources and the roles that need them."""
    placements = (
        StageItem.objects.filter(stage__track__status=Publication.PUBLISHED)
        .select_related("stage__track")
        .order_by("stage__track__position", "stage__position")
    )
    requirements = (
        RoleRequirement.objects.filter(role__status=Publication.PUBLISHED)
        .select_related("role")
        .order_by("-is_required", "-weight", "role__position")
    )
    return (
        Item.objects.published()
        .select_related("skill_area")
        .prefetch_related(
            "resources",
            Prefetch("placements", queryset=placements, to_attr="public_placements"),
            Prefetch("role_requirements", queryset=requirements, to_attr="public_requirements"),
        )
    )


def roles_overview() -> QuerySet[Role]:
    """Published roles with how many published items they need and the hours those take."""
    published_item = Q(role_requirements__item__status=Publication.PUBLISHED)
    return Role.objects.published().annotate(
        required_count=Count("role_requirements", filter=published_item & Q(role_requirements__is_required=True)),
        optional_count=Count("role_requirements", filter=published_item & Q(role_requirements__is_required=False)),
        required_hours=Sum(
            "role_requirements__item__estimated_hours",
            filter=published_item & Q(role_requirements__is_required=True),
        ),
    )


def role_detail_queryset() -> QuerySet[Role]:
    """Published roles with their published requirements (and each item's skill area) and resources."""
    requirements = (
        RoleRequirement.objects.filter(item__status=Publication.PUBLISHED)
        .select_related("item__skill_area")
        .order_by("-is_required", "-weight", "item__title")
    )
    return Role.objects.published().prefetch_related(
        "resources", Prefetch("role_requirements", queryset=requirements, to_attr="public_requirements")
    )


def primary_role_item_ids() -> set[int]:
    """Ids of the items the machine learning engineer role needs, to compare other roles against it."""
    return set(
        RoleRequirement.objects.filter(role__is_primary=True, item__status=Publication.PUBLISHED).values_list(
            "item_id", flat=True
        )
    )

"""Reads for the public pages: each returns everything a page shows in a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from .models import Item, Publication, Role, RoleRequirement, Stage, StageItem, Track


@dataclass
class StageRoadmap:
    """One stage of a track with its published items, in order."""

    stage: Stage
    items: list[Item] = field(default_factory=list)

    @property
    def total_hours(self) -> int:
        return sum(item.estimated_hours for item in self.items)


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


def track_roadmap(track: Track) -> list[StageRoadmap]:
    """The stages of a track fetched with `track_detail_queryset`, each with its items."""
    return [
        StageRoadmap(stage=stage, items=[placement.item for placement in stage.published_placements])
        for stage in track.stages.all()
    ]


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

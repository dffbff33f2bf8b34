"""Reads of the curated content for the public pages: each returns what a page shows in a fixed number of queries.

Names read `<entity>_<what>`, arguments are keyword-only. A learner's state on this content is the progress app's.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from .cache import kept_for_content_version
from .models import (
    Item,
    ItemLineage,
    LineageKind,
    Publication,
    Release,
    ReleaseState,
    Role,
    RoleRequirement,
    SelfCheck,
    Stage,
    StageItem,
    Track,
)
from .models.checks import bank_needed

# Where an item first appears on the roadmap: (0 on the track asked for first else 1, track position, stage position,
# place in stage).
RoadmapOrder = dict[int, tuple[int, int, int, int]]


@dataclass
class ItemRow:
    """An item in its place on a track; the progress app extends it with the learner's progress."""

    item: Item


@dataclass
class StageRoadmap:
    """One stage of a track with its published items, in order."""

    stage: Stage
    rows: list[ItemRow] = field(default_factory=list)

    @property
    def items(self) -> list[Item]:
        return [row.item for row in self.rows]

    @property
    def total_hours(self) -> int:
        return sum(item.estimated_hours for item in self.items)


@dataclass(frozen=True)
class TrackOutline:
    """A published track's shape: its stages in order, where each published item sits, and those items by slug."""

    track: Track
    stages: list[Stage]
    placements: list[tuple[int, int]]  # (stage id, item id); tallies count them, so in no particular order
    items: dict[str, Item]


def track_outline(*, slug: str) -> TrackOutline | None:
    """The outline of the published track `slug` (None if there is none), derived from the content kept per content
    version in this process (`content_snapshot`): a tick reads it without a query."""

    def build():
        track = next((track for track in content_snapshot().tracks if track.slug == slug), None)
        if track is None:
            return None  # not kept: an unknown slug must not fill the memory
        stages = list(track.stages.all())
        placed = [placement for stage in stages for placement in stage.published_placements]
        return TrackOutline(
            track,
            stages,
            [(placement.stage_id, placement.item_id) for placement in placed],
            {placement.item.slug: placement.item for placement in placed},
        )

    return kept_for_content_version(("outline", slug), build)


@dataclass(frozen=True)
class ContentSnapshot:
    """The published content a learner's computed pages start from, kept per content version in this process:
    the roles with their requirements (heaviest first), the tracks with their stages and items, and where each item
    first appears. Read-only: the dashboard and the plan build their own objects around it."""

    roles: list[Role]
    requirements_by_role: dict[int, list[RoleRequirement]]
    tracks: list[Track]
    placements: list[tuple[int, int, int, int, int]] = field(repr=False)
    items: dict[int, Item] = field(repr=False)  # every published item with its skill area, by id
    _orders: dict = field(default_factory=dict, repr=False)

    def roadmap_order(self, *, first_track: Track | None = None) -> RoadmapOrder:
        """item_roadmap_order's answer, from the kept placements."""
        first_id = first_track.pk if first_track else None
        if first_id not in self._orders:
            self._orders[first_id] = _roadmap_order(self.placements, first_id)
        return self._orders[first_id]


def content_snapshot() -> ContentSnapshot:
    """The published content the dashboard and the weekly plan compute from: seven queries once per content version
    and process, none after."""

    def build():
        roles = list(Role.objects.published())
        requirements_by_role: dict[int, list[RoleRequirement]] = {role.pk: [] for role in roles}
        for requirement in requirement_list_published():
            requirements_by_role[requirement.role_id].append(requirement)
        items = {item.pk: item for item in Item.objects.published().select_related("skill_area")}
        return ContentSnapshot(
            roles, requirements_by_role, list(track_list_detailed()), list(_placements_in_order()), items
        )

    return kept_for_content_version(("snapshot",), build)


def placement_list_published() -> QuerySet[StageItem]:
    return (
        StageItem.objects.filter(item__status=Publication.PUBLISHED)
        .select_related("item__skill_area")
        .order_by("position", "id")
    )


def track_list_for_navigation() -> list[Track]:
    """Published tracks (slug and short title) for the navbar on every page: one query per content version and
    process, none after."""
    return kept_for_content_version(
        ("navigation",), lambda: list(Track.objects.published().only("slug", "short_title"))
    )


def track_list_with_stages() -> QuerySet[Track]:
    """Published tracks, each with its stages in order (for the home page and navigation)."""
    return Track.objects.published().prefetch_related(Prefetch("stages", queryset=Stage.objects.order_by("position")))


def track_list_detailed() -> QuerySet[Track]:
    """Published tracks with stages and their published items prefetched: three queries, however many items."""
    stages = Stage.objects.order_by("position", "id").prefetch_related(
        Prefetch("placements", queryset=placement_list_published(), to_attr="published_placements")
    )
    return Track.objects.published().prefetch_related(Prefetch("stages", queryset=stages))


def track_stages(*, track: Track) -> list[StageRoadmap]:
    """The stages of a track fetched with `track_list_detailed`, each with its published items in order."""
    return [
        StageRoadmap(stage=stage, rows=[ItemRow(placement.item) for placement in stage.published_placements])
        for stage in track.stages.all()
    ]


def track_item_ids(*, track: Track) -> QuerySet[Item]:
    """Every item placed on the track (published or not), as a subquery."""
    return Item.objects.filter(placements__stage__track=track).values("pk")


def shared_item_ids(*, track: Track) -> QuerySet[Item]:
    """The items of the track that also sit on another track, as a subquery."""
    return (
        Item.objects.filter(placements__stage__track=track)
        .filter(placements__stage__track__in=Track.objects.exclude(pk=track.pk))
        .values("pk")
    )


def item_list_detailed() -> QuerySet[Item]:
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


def item_roadmap_order(*, first_track: Track | None = None) -> RoadmapOrder:
    """Where each published item first appears on the published tracks, `first_track` (if any) before the others:
    one query of plain tuples."""
    return _roadmap_order(_placements_in_order(), first_track.pk if first_track else None)


def _placements_in_order():
    return (
        StageItem.objects.filter(stage__track__status=Publication.PUBLISHED, item__status=Publication.PUBLISHED)
        .order_by("stage__track__position", "stage__position", "position")
        .values_list("item_id", "stage__track_id", "stage__track__position", "stage__position", "position")
    )


def _roadmap_order(placements, first_id: int | None) -> RoadmapOrder:
    order: RoadmapOrder = {}
    for item_id, track_id, track_position, stage_position, position in placements:
        place = (0 if track_id == first_id else 1, track_position, stage_position, position)
        if item_id not in order or place < order[item_id]:
            order[item_id] = place
    return order


def item_first_places(*, item_ids) -> dict[int, tuple[str, str]]:
    """(track title, stage title) where each item first appears on the published tracks: one query."""
    placements = (
        StageItem.objects.filter(item_id__in=item_ids, stage__track__status=Publication.PUBLISHED)
        .order_by("stage__track__position", "stage__position", "position")
        .values_list("item_id", "stage__track__title", "stage__title")
    )
    places: dict[int, tuple[str, str]] = {}
    for item_id, track, stage in placements:
        places.setdefault(item_id, (track, stage))
    return places


def role_list_overview() -> QuerySet[Role]:
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


def role_list_detailed() -> QuerySet[Role]:
    """Published roles with their published requirements (and each item's skill area) and resources."""
    requirements = (
        RoleRequirement.objects.filter(item__status=Publication.PUBLISHED)
        .select_related("item__skill_area")
        .order_by("-is_required", "-weight", "item__title")
    )
    return Role.objects.published().prefetch_related(
        "resources", Prefetch("role_requirements", queryset=requirements, to_attr="public_requirements")
    )


def role_primary_item_ids() -> set[int]:
    """Ids of the items the machine learning engineer role needs, to compare other roles against it."""
    return set(
        RoleRequirement.objects.filter(role__is_primary=True, item__status=Publication.PUBLISHED).values_list(
            "item_id", flat=True
        )
    )


def requirement_list_published() -> QuerySet[RoleRequirement]:
    """Every published role's requirements on published items, heaviest first, with the items' skill areas."""
    return (
        RoleRequirement.objects.filter(role__status=Publication.PUBLISHED, item__status=Publication.PUBLISHED)
        .select_related("item__skill_area")
        .order_by("-weight", "item__title")
    )


def release_current() -> Release | None:
    """The published release learners see, kept per content version and process (publishing replaces it)."""
    return kept_for_content_version(
        ("release",), lambda: Release.objects.only("number", "name", "notes", "published_at").current()
    )


@dataclass(frozen=True)
class ItemMove:
    """Where an item that left the published content went: what a release said of it (`kind`, a LineageKind), and
    the published items that hold its place now (following later releases too; none when it was retired)."""

    slug: str
    title: str
    kind: str
    release: str
    to: tuple[tuple[str, str], ...]  # (slug, title) of each published item taking its place

    @property
    def single(self) -> str | None:
        """The one item an old address leads to (the same item, a merge, a replacement), else None."""
        return self.to[0][0] if len(self.to) == 1 and self.kind != LineageKind.SPLIT else None


def item_moves() -> dict[str, ItemMove]:
    """Every slug a published release took out of the content, by slug; kept per content version (two queries)."""
    return kept_for_content_version(("item-moves",), _item_moves)


def item_move(*, slug: str) -> ItemMove | None:
    return item_moves().get(slug)


def _item_moves() -> dict[str, ItemMove]:
    entries = list(
        ItemLineage.objects.filter(release__state=ReleaseState.PUBLISHED)
        .order_by("release__number")
        .values_list("from_slug", "kind", "to_slugs", "release__name")
    )
    latest = {from_slug: (kind, to_slugs, release) for from_slug, kind, to_slugs, release in entries}
    mentioned = set(latest) | {slug for _slug, _kind, to_slugs, _release in entries for slug in to_slugs}
    items = {
        slug: (title, status) for slug, title, status in Item.objects.filter(slug__in=mentioned).values_list(
            "slug", "title", "status"
        )
    }  # fmt: skip

    def published(slug: str, seen: frozenset) -> list[str]:
        """The published items holding `slug`'s place: itself, or where later releases took it (no loops)."""
        if slug in items and items[slug][1] == Publication.PUBLISHED:
            return [slug]
        if slug in seen or slug not in latest:
            return []
        return [found for target in latest[slug][1] for found in published(target, seen | {slug})]

    moves = {}
    for slug, (kind, to_slugs, release) in latest.items():
        if slug in items and items[slug][1] == Publication.PUBLISHED:
            continue  # the slug is a published item again: its own page answers
        targets = list(dict.fromkeys(found for target in to_slugs for found in published(target, frozenset({slug}))))
        title = items[slug][0] if slug in items else (items[targets[0]][0] if targets else slug)
        moves[slug] = ItemMove(slug, title, kind, release, tuple((target, items[target][0]) for target in targets))
    return moves


def item_ids_with_a_check() -> frozenset[int]:
    """The items whose self-check is ready to take (a bank at least one and a half times the questions shown), kept
    per content version."""

    def build():
        checks = SelfCheck.objects.annotate(bank=Count("questions")).values_list("item_id", "bank", "questions_shown")
        return frozenset(item_id for item_id, bank, shown in checks if bank >= bank_needed(shown))

    return kept_for_content_version(("item-checks",), build)

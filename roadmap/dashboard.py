"""Reads for the learner dashboard: readiness per role, next steps, forecast, streaks and the activity heatmap.

The arithmetic lives in small pure functions (readiness, forecast, streaks, heatmap) that tests check by hand;
`learner_dashboard` fetches what they need in a fixed number of queries, whatever the number of items or learners.

How things count (also stated on the page):
- readiness for a role = weight of its required items the learner has done / weight of all its required items;
  optional items are shown as extras and never change readiness; skipped items count as not done;
- only published items count; progress on retired items stays in the history only;
- hours left = estimated hours of the role's required items not done yet (skipped ones included, and said so);
- a progress day is a day, in the learner's time zone, on which they started or finished an item.
"""

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone

from .models import (
    Progress,
    ProgressEvent,
    ProgressEventKind,
    ProgressStatus,
    Publication,
    Role,
    RoleRequirement,
    StageItem,
)
from .selectors import StageRoadmap, Tally, track_detail_queryset, track_roadmap, track_tally

NEXT_STEPS = 5
BOOSTS_PER_ROLE = 3
PACE_WINDOW_DAYS = 28
HEATMAP_WEEKS = 53
LATEST_EVENTS = 8
PROGRESS_STATUSES = (ProgressStatus.IN_PROGRESS, ProgressStatus.DONE)
# Heatmap geometry in SVG units: a 13-unit step per day, room on the left for weekday labels and on top for months.
HEATMAP_STEP, HEATMAP_LEFT, HEATMAP_TOP = 13, 30, 16

# Where an item first appears on the roadmap (track, stage, place): the order "earliest stage first" follows.
RoadmapOrder = dict[int, tuple[int, int, int]]
LAST = (10**9, 10**9, 10**9)


@dataclass
class RequirementState:
    """One requirement of a role with the learner's status on its item."""

    requirement: RoleRequirement
    status: str = ProgressStatus.NOT_STARTED

    @property
    def item(self):
        return self.requirement.item

    @property
    def is_done(self) -> bool:
        return self.status == ProgressStatus.DONE


@dataclass
class RoleReadiness:
    role: Role
    required: list[RequirementState] = field(default_factory=list)
    optional: list[RequirementState] = field(default_factory=list)
    missing: list[RequirementState] = field(default_factory=list)

    @property
    def required_weight(self) -> int:
        return sum(state.requirement.weight for state in self.required)

    @property
    def done_weight(self) -> int:
        return sum(state.requirement.weight for state in self.required if state.is_done)

    @property
    def percent(self) -> int:
        return self.done_weight * 100 // self.required_weight if self.required_weight else 0

    @property
    def done_count(self) -> int:
        return sum(state.is_done for state in self.required)

    @property
    def skipped(self) -> list[RequirementState]:
        return [state for state in self.required if state.status == ProgressStatus.SKIPPED]

    @property
    def optional_done(self) -> int:
        return sum(state.is_done for state in self.optional)

    @property
    def hours_left(self) -> int:
        return sum(state.item.estimated_hours for state in self.required if not state.is_done)

    @property
    def skipped_hours(self) -> int:
        return sum(state.item.estimated_hours for state in self.skipped)

    @property
    def boosts(self) -> list[RequirementState]:
        """The unfinished required items that would raise readiness most: heaviest first."""
        return self.missing[:BOOSTS_PER_ROLE]


def readiness(role: Role, requirements: list[RoleRequirement], statuses: dict[int, str], order: RoadmapOrder):
    """A role's readiness from the learner's statuses; `missing` lists what is left, the biggest gain first."""
    result = RoleReadiness(role=role)
    for requirement in requirements:
        state = RequirementState(requirement, statuses.get(requirement.item_id, ProgressStatus.NOT_STARTED))
        (result.required if requirement.is_required else result.optional).append(state)
    result.missing = sorted(
        (state for state in result.required if not state.is_done),
        key=lambda state: (
            -state.requirement.weight,
            state.status != ProgressStatus.IN_PROGRESS,
            order.get(state.requirement.item_id, LAST),
            state.item.title,
        ),
    )
    return result


def next_steps(target: RoleReadiness | None, order: RoadmapOrder) -> list[RequirementState]:
    """What to do next for the target role: items in progress, then the earliest stage, then the heaviest.

    Skipped items are left out: the learner chose to skip them. Optional items come after every required one.
    """
    if target is None:
        return []
    candidates = [state for state in target.required + target.optional if state.status in _OPEN_STATUSES]
    candidates.sort(
        key=lambda state: (
            state.status != ProgressStatus.IN_PROGRESS,
            not state.requirement.is_required,
            order.get(state.requirement.item_id, LAST),
            -state.requirement.weight,
            state.item.title,
        )
    )
    return candidates[:NEXT_STEPS]


_OPEN_STATUSES = (ProgressStatus.NOT_STARTED, ProgressStatus.IN_PROGRESS)


@dataclass
class Forecast:
    hours_left: int
    skipped_hours: int
    hours_per_week: int | None
    recent_done_hours: int
    target_date: date | None
    today: date

    @property
    def planned_finish(self) -> date | None:
        """The date the hours left give at the learner's own hours per week."""
        if not self.hours_per_week:
            return None
        return self.today + timedelta(days=math.ceil(self.hours_left * 7 / self.hours_per_week))

    @property
    def observed_hours_per_week(self) -> float:
        """Hours of items finished in the last four weeks, per week."""
        return self.recent_done_hours * 7 / PACE_WINDOW_DAYS

    @property
    def observed_finish(self) -> date | None:
        if not self.recent_done_hours:
            return None
        return self.today + timedelta(days=math.ceil(self.hours_left * PACE_WINDOW_DAYS / self.recent_done_hours))

    @property
    def expected_finish(self) -> date | None:
        """The observed pace when there is one (it is real), else the planned hours."""
        return self.observed_finish or self.planned_finish

    @property
    def verdict(self) -> str:
        """ready, no_target, past, on_track, behind, or unknown (no pace and no hours per week)."""
        if self.hours_left == 0:
            return "ready"
        if self.target_date is None:
            return "no_target"
        if self.target_date < self.today:
            return "past"
        if self.expected_finish is None:
            return "unknown"
        return "on_track" if self.expected_finish <= self.target_date else "behind"


def streaks(days: set[date], today: date) -> tuple[int, int]:
    """(current, longest) runs of consecutive progress days; today without progress yet does not break a streak."""
    longest = run = 0
    previous = None
    for day in sorted(days):
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        longest = max(longest, run)
        previous = day
    current = 0
    day = today if today in days else today - timedelta(days=1)
    while day in days:
        current += 1
        day -= timedelta(days=1)
    return current, longest


@dataclass
class HeatCell:
    day: date
    count: int
    week: int
    weekday: int

    @property
    def x(self) -> int:
        return HEATMAP_LEFT + self.week * HEATMAP_STEP

    @property
    def y(self) -> int:
        return HEATMAP_TOP + self.weekday * HEATMAP_STEP

    @property
    def level(self) -> int:
        if self.count == 0:
            return 0
        return 1 if self.count == 1 else 2 if self.count <= 3 else 3 if self.count <= 6 else 4


@dataclass
class Heatmap:
    cells: list[HeatCell]
    months: list[tuple[int, str]]  # (week column, label) where a month starts
    by_month: list[tuple[str, int, int]]  # (label, progress days, changes), oldest first: the text equivalent

    @property
    def active_days(self) -> int:
        return sum(1 for cell in self.cells if cell.count)

    @property
    def month_labels(self) -> list[tuple[int, str]]:
        """(x, label) for the month names along the top."""
        return [(HEATMAP_LEFT + week * HEATMAP_STEP, label) for week, label in self.months]

    @property
    def width(self) -> int:
        return HEATMAP_LEFT + HEATMAP_WEEKS * HEATMAP_STEP


def heatmap(day_counts: dict[date, int], today: date) -> Heatmap:
    """The past year as weeks (columns, Monday first) of days (rows), ending with the current week."""
    start = today - timedelta(days=today.weekday()) - timedelta(weeks=HEATMAP_WEEKS - 1)
    cells, months, by_month = [], [], {}
    day = start
    while day <= today:
        week = (day - start).days // 7
        count = day_counts.get(day, 0)
        cells.append(HeatCell(day=day, count=count, week=week, weekday=day.weekday()))
        label = day.strftime("%b %Y")
        if day.day == 1 or (day == start and day.day <= 21):
            months.append((week, day.strftime("%b")))
        days_active, changes = by_month.get(label, (0, 0))
        by_month[label] = (days_active + (1 if count else 0), changes + count)
        day += timedelta(days=1)
    return Heatmap(cells=cells, months=months, by_month=[(label, *values) for label, values in by_month.items()])


@dataclass
class AreaBar:
    title: str
    weight: int
    done_weight: int

    @property
    def percent(self) -> int:
        return self.done_weight * 100 // self.weight if self.weight else 0

    @property
    def bar_width(self) -> int:
        """Width of the filled bar in the chart's 200-unit track."""
        return self.percent * 2


def area_bars(primary: RoleReadiness | None) -> list[AreaBar]:
    """Readiness for the primary role split by skill area (projects together), in the areas' order."""
    if primary is None:
        return []
    bars: dict[str, AreaBar] = {}

    def area_order(state):
        area = state.item.skill_area
        return (area is None, area.position if area else 0, area.title if area else "")

    for state in sorted(primary.required, key=area_order):
        title = state.item.skill_area.title if state.item.skill_area else "Projects"
        bar = bars.setdefault(title, AreaBar(title=title, weight=0, done_weight=0))
        bar.weight += state.requirement.weight
        bar.done_weight += state.requirement.weight if state.is_done else 0
    return list(bars.values())


def progress_day_counts(user, zone) -> dict[date, int]:
    """Changes that started or finished an item, per day in the learner's time zone: one grouped query."""
    rows = (
        ProgressEvent.objects.for_user(user)
        .filter(kind=ProgressEventKind.CHANGE, to_status__in=PROGRESS_STATUSES)
        .annotate(day=TruncDate("created_at", tzinfo=zone))
        .values("day")
        .annotate(changes=Count("id"))
        .order_by()
    )
    return {row["day"]: row["changes"] for row in rows}


def roadmap_order() -> RoadmapOrder:
    """Where each published item first appears on the published tracks: one query of plain tuples."""
    placements = (
        StageItem.objects.filter(stage__track__status=Publication.PUBLISHED, item__status=Publication.PUBLISHED)
        .order_by("stage__track__position", "stage__position", "position")
        .values_list("item_id", "stage__track__position", "stage__position", "position")
    )
    order: RoadmapOrder = {}
    for item_id, *place in placements:
        order.setdefault(item_id, tuple(place))
    return order


@dataclass
class TrackProgress:
    track: object
    stages: list[StageRoadmap]
    tally: Tally


@dataclass
class Dashboard:
    primary: RoleReadiness | None
    target: RoleReadiness | None
    roles: list[RoleReadiness]
    tracks: list[TrackProgress]
    areas: list[AreaBar]
    next_steps: list[RequirementState]
    forecast: Forecast | None
    latest: list[ProgressEvent]
    heatmap: Heatmap
    current_streak: int
    longest_streak: int
    has_progress: bool


def learner_dashboard(user, profile=None) -> Dashboard:
    """Everything the dashboard shows, in a fixed number of queries (about nine), whatever the content or users."""
    zone = timezone.get_current_timezone()
    today = timezone.localdate()
    roles = list(Role.objects.published())
    requirements_by_role: dict[int, list[RoleRequirement]] = {role.pk: [] for role in roles}
    for requirement in (
        RoleRequirement.objects.filter(role__status=Publication.PUBLISHED, item__status=Publication.PUBLISHED)
        .select_related("item__skill_area")
        .order_by("-weight", "item__title")
    ):
        requirements_by_role[requirement.role_id].append(requirement)
    progress = {row.item_id: row for row in Progress.objects.for_user(user).counted().select_related("item")}
    statuses = {item_id: row.status for item_id, row in progress.items()}
    tracks = list(track_detail_queryset())
    order = roadmap_order()

    role_states = [readiness(role, requirements_by_role[role.pk], statuses, order) for role in roles]
    primary = next((state for state in role_states if state.role.is_primary), None)
    target_role_id = getattr(profile, "target_role_id", None)
    target = next((state for state in role_states if state.role.pk == target_role_id), primary)

    # The pace window is whole local days (the last 28, today included), so the page depends on the date only.
    first_day = today - timedelta(days=PACE_WINDOW_DAYS - 1)
    recent_done_hours = sum(
        row.item.estimated_hours
        for row in progress.values()
        if row.is_done and timezone.localtime(row.completed_at).date() >= first_day
    )
    forecast = None
    if target is not None:
        forecast = Forecast(
            hours_left=target.hours_left,
            skipped_hours=target.skipped_hours,
            hours_per_week=getattr(profile, "hours_per_week", None),
            recent_done_hours=recent_done_hours,
            target_date=getattr(profile, "target_date", None),
            today=today,
        )

    day_counts = progress_day_counts(user, zone)
    current, longest = streaks(set(day_counts), today)
    track_progress = []
    for track in tracks:
        stages = track_roadmap(track, progress)
        track_progress.append(TrackProgress(track=track, stages=stages, tally=track_tally(stages)))
    return Dashboard(
        primary=primary,
        target=target,
        roles=role_states,
        tracks=track_progress,
        areas=area_bars(primary),
        next_steps=next_steps(target, order),
        forecast=forecast,
        latest=list(ProgressEvent.objects.for_user(user).select_related("item")[:LATEST_EVENTS]),
        heatmap=heatmap(day_counts, today),
        current_streak=current,
        longest_streak=longest,
        has_progress=any(status != ProgressStatus.NOT_STARTED for status in statuses.values()),
    )


def role_gap(user, role: Role) -> RoleReadiness | None:
    """The signed-in learner's readiness for one role (for the role page): two queries on top of the page's own."""
    if not user.is_authenticated:
        return None
    statuses = dict(Progress.objects.for_user(user).counted().values_list("item_id", "status"))
    return readiness(role, role.public_requirements, statuses, roadmap_order())

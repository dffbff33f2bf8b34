"""Reads for plans and reviews: what the week should hold, what is due for review, how a past week went."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from accounts.middleware import learner_zone
from progress.dashboard import track_to_start_with
from progress.models import Origin, Progress, ProgressStatus
from progress.readiness import next_steps, readiness
from roadmap.models import Item, Publication
from roadmap.selectors import ContentSnapshot, content_snapshot

from .models import PlanEntry, ReviewState, WeekPlan
from .schedule import Candidate, review_due_on, week_start

UTC = ZoneInfo("UTC")
REVIEWS_SHOWN = 3  # a few at a time, never a wall
ALL_STEPS = 10_000
OPEN_STATUSES = (ProgressStatus.NOT_STARTED, ProgressStatus.IN_PROGRESS)


def zone_of(profile) -> ZoneInfo:
    """The learner's time zone, UTC until they choose one (as their pages show)."""
    return learner_zone(profile) or UTC


def local_today(profile, *, now: datetime | None = None) -> date:
    return (now or timezone.now()).astimezone(zone_of(profile)).date()


def _entries_prefetch() -> Prefetch:
    return Prefetch("entries", queryset=PlanEntry.objects.select_related("item").order_by("position", "id"))


def plan_get(*, user, monday: date) -> WeekPlan | None:
    """A week's plan with its entries and their items: two queries."""
    return WeekPlan.objects.filter(learner=user, week_start=monday).prefetch_related(_entries_prefetch()).first()


def plan_candidates(*, profile, progress: dict[int, Progress], pinned_items: list[Item]) -> list[Candidate]:
    """What a new week's plan draws from, in order: items pinned last week and still open, items in progress (the
    oldest first), then the next steps toward the target role (the primary role without one), ordered as the
    dashboard orders them. Skipped and done items never come up."""

    def is_open(item: Item) -> bool:
        row = progress.get(item.pk)
        return item.status == Publication.PUBLISHED and (row is None or row.status in OPEN_STATUSES)

    candidates = [Candidate(item.pk, item.estimated_hours, pinned=True) for item in pinned_items if is_open(item)]
    in_progress = sorted(
        (row for row in progress.values() if row.status == ProgressStatus.IN_PROGRESS),
        key=lambda row: (row.started_at or row.updated_at, row.item_id),
    )
    candidates += [Candidate(row.item_id, row.item.estimated_hours) for row in in_progress]
    content = content_snapshot()
    target = _target_readiness(profile=profile, progress=progress, content=content)
    if target is not None:
        first_track = track_to_start_with(list(content.tracks), progress, background=getattr(profile, "background", ""))
        steps = next_steps(target, content.roadmap_order(first_track=first_track), limit=ALL_STEPS)
        candidates += [Candidate(state.item.pk, state.item.estimated_hours) for state in steps]
    return candidates


def _target_readiness(*, profile, progress, content: ContentSnapshot):
    roles = content.roles
    target_id = getattr(profile, "target_role_id", None)
    role = next((role for role in roles if role.pk == target_id), None) or next(
        (role for role in roles if role.is_primary), None
    )
    if role is None:
        return None
    statuses = {item_id: row.status for item_id, row in progress.items()}
    return readiness(role, content.requirements_by_role[role.pk], statuses, content.roadmap_order())


@dataclass
class WeekOutcome:
    plan: WeekPlan
    planned_hours: int
    done_hours: int
    done_items: int

    @property
    def entries(self) -> list[PlanEntry]:
        return [entry for entry in self.plan.entries.all() if not entry.dropped]


def week_outcome(*, plan: WeekPlan, progress: dict[int, Progress], zone: ZoneInfo) -> WeekOutcome:
    """What became of a plan: hours planned, and the hours of entries whose item was done by the week's end."""
    end = datetime.combine(plan.week_start + timedelta(days=7), datetime.min.time(), tzinfo=zone)
    entries = [entry for entry in plan.entries.all() if not entry.dropped]
    done = [
        entry for entry in entries
        if (row := progress.get(entry.item_id)) and row.is_done and row.completed_at and row.completed_at < end
    ]  # fmt: skip
    return WeekOutcome(
        plan=plan,
        planned_hours=sum(entry.hours for entry in entries),
        done_hours=sum(entry.hours for entry in done),
        done_items=len(done),
    )


@dataclass
class DueReview:
    item: Item
    due_on: date
    step: int
    known_before: bool


def reviews_due(*, progress: dict[int, Progress], states: dict[int, ReviewState], today: date, zone) -> list[DueReview]:
    """Done items whose review date has come, the longest overdue first (ties by title)."""
    due = []
    for item_id, row in progress.items():
        if not row.is_done or row.completed_at is None:
            continue
        state = states.get(item_id)
        anchor = state.reviewed_at if state else row.completed_at
        step = state.step if state else 0
        due_on = review_due_on(anchor.astimezone(zone).date(), step)
        if due_on <= today:
            due.append(DueReview(row.item, due_on, step, known_before=row.origin == Origin.KNOWN_BEFORE))
    due.sort(key=lambda review: (review.due_on, review.item.title))
    return due


def review_states(*, user) -> dict[int, ReviewState]:
    return {state.item_id: state for state in ReviewState.objects.filter(learner=user)}


def plans_recent(*, user, before: date, count: int = 4) -> QuerySet[WeekPlan]:
    return (
        WeekPlan.objects.filter(learner=user, week_start__lt=before)
        .order_by("-week_start")
        .prefetch_related(_entries_prefetch())[:count]
    )


def current_monday(profile, *, now: datetime | None = None) -> date:
    return week_start(local_today(profile, now=now))

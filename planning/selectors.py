"""Reads for plans and reviews: what the week should hold, what is due for review, how a past week went."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from django.db import connections, router
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from accounts.middleware import learner_zone
from careerpath.db import prefetch, statements
from careerpath.db import rows as db_rows
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
    set_at: datetime | None = None  # when its date was set: the item done, or its last review


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
            known_before = row.origin == Origin.KNOWN_BEFORE
            due.append(DueReview(row.item, due_on, step, known_before=known_before, set_at=anchor))
    due.sort(key=lambda review: (review.due_on, review.item.title))
    return due


def review_states(*, user) -> dict[int, ReviewState]:
    return {state.item_id: state for state in ReviewState.objects.filter(learner=user)}


def plan_and_review_states(*, user, monday: date) -> tuple[WeekPlan | None, dict[int, ReviewState]]:
    """What the dashboard's week line reads: the week's plan as `plan_get` gives it (entries, their items and plan
    loaded) and the review states as `review_states` gives them, in two statements written out once per process
    and sent in one round trip where the database allows it. The ORM compiled the plan's two queries and the
    states' on every dashboard, which cost more than running them. Items come from the published content kept per
    version (an item retired since is read)."""
    alias = router.db_for_read(WeekPlan)
    plan_rows, state_rows = statements.rows_together(
        alias, plan_rows_statement(alias, user.pk, monday), review_state_rows_statement(alias, user.pk)
    )
    states = db_rows.instances(alias, ReviewState, state_rows)
    return _plan_from_rows(alias, plan_rows, content_snapshot().items), {state.item_id: state for state in states}


def plan_rows_statement(alias: str, learner_id: int, monday: date) -> tuple[str, list]:
    """The week plan's columns with each entry's (one row and no entry for an empty plan), in the plan's order: the
    rows of `WeekPlan.objects.filter(learner_id=learner_id, week_start=monday).order_by("entries__position",
    "entries__id").values_list(<the plan's columns>, <"entries__" and each entry column>)` (tests/db compares them)."""
    stored_monday = WeekPlan._meta.get_field("week_start").get_db_prep_value(monday, connections[alias])
    return _plan_rows_sql(alias), [learner_id, stored_monday]


@cache
def _plan_rows_sql(alias: str) -> str:
    name = connections[alias].ops.quote_name
    plan_columns = [f"w.{name(field.column)}" for field in WeekPlan._meta.concrete_fields]
    entry_columns = [f"e.{name(field.column)}" for field in PlanEntry._meta.concrete_fields]
    plan_link, position = (name(PlanEntry._meta.get_field(field).column) for field in ("plan", "position"))
    learner, week = (name(WeekPlan._meta.get_field(field).column) for field in ("learner", "week_start"))
    # Names are the models' own, quoted; every value is a parameter.
    return (
        f"SELECT {', '.join([*plan_columns, *entry_columns])} FROM {name(WeekPlan._meta.db_table)} w "  # noqa: S608
        f"LEFT OUTER JOIN {name(PlanEntry._meta.db_table)} e ON e.{plan_link} = w.{name(WeekPlan._meta.pk.column)} "
        f"WHERE w.{learner} = %s AND w.{week} = %s ORDER BY e.{position} ASC, e.{name(PlanEntry._meta.pk.column)} ASC"
    )


def review_state_rows_statement(alias: str, learner_id: int) -> tuple[str, list]:
    """Every column of the learner's review states: the rows of `ReviewState.objects.filter(learner_id=learner_id)`
    (tests/db compares them), written out once per process."""
    return _review_state_rows_sql(alias), [learner_id]


@cache
def _review_state_rows_sql(alias: str) -> str:
    name = connections[alias].ops.quote_name
    columns = ", ".join(name(field.column) for field in ReviewState._meta.concrete_fields)
    learner = name(ReviewState._meta.get_field("learner").column)
    return f"SELECT {columns} FROM {name(ReviewState._meta.db_table)} WHERE {learner} = %s"  # noqa: S608


def _plan_from_rows(alias: str, rows: list[tuple], items: Mapping[int, Item]) -> WeekPlan | None:
    if not rows:
        return None
    split = len(WeekPlan._meta.concrete_fields)
    plan = next(db_rows.instances(alias, WeekPlan, [rows[0][:split]]))
    entry_pk = split + PlanEntry._meta.concrete_fields.index(PlanEntry._meta.pk)
    # LEFT JOIN: an empty plan comes as one row with no entry
    entries = list(db_rows.instances(alias, PlanEntry, [row[split:] for row in rows if row[entry_pk] is not None]))
    unknown = {entry.item_id for entry in entries} - items.keys()
    found = {**items, **Item.objects.in_bulk(unknown)} if unknown else items
    for entry in entries:
        db_rows.set_related(entry, "item", found[entry.item_id])
        db_rows.set_related(entry, "plan", plan)
    prefetch.set_prefetched(plan, "entries", entries)  # what prefetch_related("entries") leaves on the plan
    return plan


def plans_recent(*, user, before: date, count: int = 4) -> QuerySet[WeekPlan]:
    return (
        WeekPlan.objects.filter(learner=user, week_start__lt=before)
        .order_by("-week_start")
        .prefetch_related(_entries_prefetch())[:count]
    )


def current_monday(profile, *, now: datetime | None = None) -> date:
    return week_start(local_today(profile, now=now))

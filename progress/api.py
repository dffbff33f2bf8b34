"""The learner's own record over the API: progress (read, and write with the pages' validation) and the dashboard's
numbers, computed by the same code as the dashboard page."""

from datetime import date, datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from accounts.api_auth import AUTH, read_limits, require_write, write_limits
from accounts.middleware import learner_zone
from careerpath.api_errors import ERRORS_READ, ERRORS_WRITE
from careerpath.api_pagination import BoundedLimitOffset
from roadmap.models import Item, Track
from roadmap.selectors import track_item_ids

from . import services
from .dashboard import learner_dashboard
from .forms import SEPARATOR, ProgressForm
from .models import Progress, ProgressStatus, SkipReason

router = Router(tags=["my progress"], auth=AUTH)

Status = Literal["not_started", "in_progress", "done", "skipped"]


class ProgressOut(Schema):
    item: str = Field(alias="item.slug")
    item_title: str = Field(alias="item.title")
    status: Status
    skip_reason: Literal["", "not_relevant"]
    origin: Literal["", "here", "known_before", "carried"]
    note: str
    evidence_url: str
    started_at: datetime | None
    completed_at: datetime | None
    updated_at: datetime


class ProgressIn(Schema):
    status: Status
    skip_reason: Literal["", "not_relevant"] = ""
    origin: Literal["", "here", "known_before"] = ""
    note: str | None = None  # left out: the note stays as it is
    evidence_url: str | None = None  # left out: the link stays as it is


class ProgressFilter(Schema):
    status: Status | None = None
    track: str | None = None


@router.get(
    "/progress", response={200: list[ProgressOut], **ERRORS_READ}, throttle=read_limits(), summary="My progress"
)
@paginate(BoundedLimitOffset)
def progress_list(request, filters: Query[ProgressFilter]):
    """Every item I have a record on (published items), by item slug; filter by status and by track (its slug)."""
    rows = Progress.objects.for_user(request.user).counted().select_related("item").order_by("item__slug")
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.track:
        track = get_object_or_404(Track.objects.published(), slug=filters.track)
        rows = rows.filter(item__in=track_item_ids(track=track))
    return rows  # paginated in the database: a count and one page of rows


@router.put(
    "/progress/{slug:item_slug}",
    response={200: ProgressOut, **ERRORS_WRITE},
    throttle=write_limits(),
    summary="Set my status, note and evidence on an item",
)
def progress_put(request, payload: ProgressIn, item_slug: str = Path(..., example="python")):
    """Idempotent: the same body twice changes nothing the second time. The same rules as the item page: a skip
    needs its reason, only done takes an origin, the note is Markdown up to 5,000 characters, the evidence an http(s)
    link. Fields left out keep their value. Every status change is recorded in the history, as on the pages."""
    require_write(request)
    item = get_object_or_404(Item.objects.published().select_related("skill_area"), slug=item_slug)
    current = Progress.objects.for_user(request.user).filter(item=item).first()
    if payload.status == ProgressStatus.SKIPPED and not payload.skip_reason:
        reasons = ", ".join(SkipReason.values)
        raise HttpError(422, f"status: skipping needs a skip_reason, one of {reasons}.")
    qualifier = payload.skip_reason or (payload.origin if payload.origin == "known_before" else "")
    data = {
        "status": f"{payload.status}{SEPARATOR}{qualifier}" if qualifier else payload.status,
        "note": payload.note if payload.note is not None else (current.note if current else ""),
        "evidence_url": payload.evidence_url if payload.evidence_url is not None else (
            current.evidence_url if current else ""),
    }  # fmt: skip
    form = ProgressForm(data, request=request)
    if not form.is_valid():
        raise HttpError(422, "; ".join(f"{field}: {' '.join(errors)}" for field, errors in form.errors.items()))
    try:
        row = services.progress_record(
            user=request.user, item=item, status=form.cleaned_data["progress_status"],
            skip_reason=form.cleaned_data["skip_reason"], origin=form.cleaned_data["origin"],
            note=form.cleaned_data["note"], evidence_url=form.cleaned_data["evidence_url"],
        )  # fmt: skip
    except ValidationError as error:
        raise HttpError(409, " ".join(error.messages)) from error
    row.item = item
    return row


class RoleReadinessOut(Schema):
    role: str
    title: str
    percent: int = Field(description="Claimed: the weight of required items done, over all of them (%).")
    shown_percent: int = Field(description="Shown: only required items with a passed check or project review (%).")
    done_weight: int
    shown_weight: int
    required_weight: int
    hours_left: int


class ForecastOut(Schema):
    hours_left: int
    pace_hours_per_week: float
    pace_finish: date | None
    planned_hours_per_week: int | None
    planned_finish: date | None
    target_date: date | None
    verdict: Literal["ready", "no_target", "not_enough_history", "on_track", "at_risk", "behind"]


class NextStepOut(Schema):
    item: str
    title: str
    estimated_hours: int
    status: Status
    required: bool


class DashboardOut(Schema):
    target_role: str | None
    readiness: list[RoleReadinessOut]
    forecast: ForecastOut | None
    next_steps: list[NextStepOut]
    current_streak: int
    longest_streak: int


@router.get("/dashboard", response={200: DashboardOut, **ERRORS_READ}, throttle=read_limits(), summary="My dashboard")
def dashboard(request):
    """The dashboard page's numbers, from the same code (progress.dashboard.learner_dashboard), in my time zone."""
    profile = getattr(request.user, "profile", None)
    with timezone.override(learner_zone(profile) or "UTC"):
        data = learner_dashboard(user=request.user, profile=profile)
    forecast = data.forecast
    return {
        "target_role": data.target.role.slug if data.target else None,
        "readiness": [
            {"role": state.role.slug, "title": state.role.title, "percent": state.percent,
             "shown_percent": state.shown_percent, "done_weight": state.done_weight,
             "shown_weight": state.shown_weight, "required_weight": state.required_weight,
             "hours_left": state.hours_left}
            for state in data.roles
        ],
        "forecast": None if forecast is None else {
            "hours_left": forecast.hours_left, "pace_hours_per_week": round(forecast.pace_hours_per_week, 2),
            "pace_finish": forecast.pace_finish, "planned_hours_per_week": forecast.hours_per_week,
            "planned_finish": forecast.planned_finish, "target_date": forecast.target_date,
            "verdict": forecast.verdict,
        },
        "next_steps": [
            {"item": state.item.slug, "title": state.item.title, "estimated_hours": state.item.estimated_hours,
             "status": state.status, "required": state.requirement.is_required}
            for state in data.next_steps
        ],
        "current_streak": data.current_streak,
        "longest_streak": data.longest_streak,
    }  # fmt: skip

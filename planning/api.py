"""This week's plan and the reviews due, over the API (the plan page's selectors and services)."""

from datetime import date
from typing import Literal

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Path, Router, Schema
from ninja.errors import HttpError

from accounts.api_auth import AUTH, read_limits, require_write, write_limits
from careerpath.api_errors import ERRORS_READ, ERRORS_WRITE
from progress.selectors import progress_by_item_counted
from roadmap.models import Item

from . import services
from .schedule import INTERVALS, review_due_on, week_label
from .selectors import current_monday, local_today, review_states, reviews_due, week_outcome, zone_of

router = Router(tags=["my plan"], auth=AUTH)


class EntryOut(Schema):
    item: str
    title: str
    hours: int
    part_of_item: bool
    pinned: bool
    source: Literal["suggested", "added", "pinned"]


class PlanOut(Schema):
    week: str
    week_start: date
    hours_budget: int
    planned_hours: int
    done_hours: int
    entries: list[EntryOut]


class ReviewOut(Schema):
    item: str
    title: str
    due_on: date
    known_before: bool


class ReviewsOut(Schema):
    intervals_days: list[int]
    due: list[ReviewOut]


class ReviewIn(Schema):
    answer: Literal["confident", "shaky", "relearn"]


class ReviewAnswerOut(Schema):
    item: str
    next_due_on: date | None  # None: back in progress, out of the review schedule


@router.get("/plan", response={200: PlanOut, **ERRORS_READ}, throttle=read_limits(), summary="This week's plan")
def plan(request):
    """Made on the first request of the week (in my time zone), as on the plan page; dropped items are left out."""
    profile = getattr(request.user, "profile", None)
    monday = current_monday(profile)
    week_plan = services.plan_for_week(user=request.user, profile=profile, monday=monday)
    outcome = week_outcome(plan=week_plan, progress=progress_by_item_counted(user=request.user), zone=zone_of(profile))
    return {
        "week": week_label(monday), "week_start": monday, "hours_budget": week_plan.hours_budget,
        "planned_hours": outcome.planned_hours, "done_hours": outcome.done_hours,
        "entries": [
            {"item": entry.item.slug, "title": entry.item.title, "hours": entry.hours, "part_of_item": entry.is_part,
             "pinned": entry.pinned, "source": entry.source}
            for entry in outcome.entries
        ],
    }  # fmt: skip


@router.get("/reviews", response={200: ReviewsOut, **ERRORS_READ}, throttle=read_limits(), summary="Reviews due")
def reviews(request):
    """Every review due today in my time zone, the longest overdue first."""
    profile = getattr(request.user, "profile", None)
    due = reviews_due(progress=progress_by_item_counted(user=request.user), states=review_states(user=request.user),
                      today=local_today(profile), zone=zone_of(profile))  # fmt: skip
    return {
        "intervals_days": list(INTERVALS),
        "due": [{"item": review.item.slug, "title": review.item.title, "due_on": review.due_on,
                 "known_before": review.known_before} for review in due],
    }  # fmt: skip


@router.put(
    "/reviews/{slug:item_slug}", response={200: ReviewAnswerOut, **ERRORS_WRITE}, throttle=write_limits(),
    summary="Answer a review: still confident?",
)  # fmt: skip
def review_answer(request, payload: ReviewIn, item_slug: str = Path(..., example="python")):
    require_write(request)
    item = get_object_or_404(Item.objects.published(), slug=item_slug)
    try:
        state = services.review_answer(user=request.user, item=item, answer=payload.answer)
    except ValidationError as error:
        raise HttpError(409, " ".join(error.messages)) from error
    profile = getattr(request.user, "profile", None)
    next_due = None
    if state is not None:
        next_due = review_due_on(state.reviewed_at.astimezone(zone_of(profile)).date(), state.step)
    return {"item": item.slug, "next_due_on": next_due}

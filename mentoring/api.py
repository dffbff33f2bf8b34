"""Cohorts over the API: the ones the caller mentors, with the same table as the mentor's page."""

from datetime import date, datetime
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Router, Schema
from ninja.errors import HttpError

from accounts.api_auth import AUTH, read_limits, require_write, write_limits
from careerpath.api_errors import ERRORS_READ, ERRORS_WRITE
from careerpath.api_pagination import DATABASE_ID
from roadmap.models import Item

from . import services
from .models import Cohort
from .selectors import cohort_for_mentor, cohort_table, membership_for_mentor

router = Router(tags=["my cohorts"], auth=AUTH)


class CohortBrief(Schema):
    id: int
    name: str


class MemberOut(Schema):
    membership: int = Field(description="What a review names the member by.")
    name: str
    target_role: str
    readiness_percent: int
    verdict: str
    last_progress: date | None
    evidence_to_review: list[str]


class CohortOut(Schema):
    id: int
    name: str
    members: list[MemberOut]


@router.get("/cohorts", response={200: list[CohortBrief], **ERRORS_READ}, throttle=read_limits(),
            summary="Cohorts I mentor")  # fmt: skip
def cohorts(request):
    return [{"id": cohort.pk, "name": cohort.name} for cohort in Cohort.objects.filter(mentor=request.user)]


@router.get("/cohorts/{cohort_id}", response={200: CohortOut, **ERRORS_READ}, throttle=read_limits(),
            summary="One cohort I mentor: its members")  # fmt: skip
def cohort(request, cohort_id: int = Path(..., example=1, **DATABASE_ID)):
    """The mentor's table: current members only; never their notes."""
    found = cohort_for_mentor(mentor=request.user, cohort_id=cohort_id)
    return {
        "id": found.pk, "name": found.name,
        "members": [
            {"membership": row.membership.pk, "name": row.name, "target_role": row.target_role,
             "readiness_percent": row.percent, "verdict": row.verdict, "last_progress": row.last_progress,
             "evidence_to_review": [item.slug for item in row.waiting_items]}
            for row in cohort_table(cohort=found)
        ],
    }  # fmt: skip


class ReviewIn(Schema):
    verdict: Literal["endorsed", "changes"]
    comment: str = Field("", max_length=1000)
    scores: dict[str, int] = Field(
        default_factory=dict, description="A project with a rubric: every criterion's key with its score, 1 to 4."
    )


class ReviewOut(Schema):
    item: str
    verdict: str
    scores: dict[str, int]
    rubric_total: int | None
    created_at: datetime


@router.post(
    "/cohorts/{cohort_id}/members/{membership_id}/reviews/{item_slug}", response={200: ReviewOut, **ERRORS_WRITE},
    throttle=write_limits(), summary="Review a member's evidence",
)  # fmt: skip
def review(
    request, payload: ReviewIn, cohort_id: int = Path(..., example=1, **DATABASE_ID),
    membership_id: int = Path(..., example=1, **DATABASE_ID), item_slug: str = Path(..., example="rag-project"),
):  # fmt: skip
    """As on the member's page: endorse or ask for changes on a done item with evidence; a project with a rubric is
    scored on every criterion and endorsed only when the scores pass (pass mark, none below the rubric's lowest
    level: 2, or 3 for capstones). The member is told by mail. 404 for a cohort, member or item not mine to review;
    400 with the reason otherwise, nothing written."""
    require_write(request)
    found = cohort_for_mentor(mentor=request.user, cohort_id=cohort_id)
    membership = membership_for_mentor(mentor=request.user, cohort=found, membership_id=membership_id)
    item = get_object_or_404(Item.objects.published(), slug=item_slug)
    try:
        saved = services.evidence_review(
            mentor=request.user,
            membership=membership,
            item=item,
            verdict=payload.verdict,
            comment=payload.comment,
            scores=payload.scores,
        )
    except PermissionDenied as denied:
        raise Http404("No such member.") from denied
    except ValidationError as refused:
        raise HttpError(400, " ".join(refused.messages)) from refused
    return {"item": item.slug, "verdict": saved.verdict, "scores": saved.scores, "rubric_total": saved.rubric_total,
            "created_at": saved.created_at}  # fmt: skip

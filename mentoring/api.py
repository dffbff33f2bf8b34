"""Cohorts over the API: the ones the caller mentors, with the same table as the mentor's page."""

from datetime import date

from ninja import Path, Router, Schema

from accounts.api_auth import AUTH, read_limits
from careerpath.api_errors import ERRORS_READ

from .models import Cohort
from .selectors import cohort_for_mentor, cohort_table

router = Router(tags=["my cohorts"], auth=AUTH)


class CohortBrief(Schema):
    id: int
    name: str


class MemberOut(Schema):
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
def cohort(request, cohort_id: int = Path(..., example=1)):
    """The mentor's table: current members only; never their notes."""
    found = cohort_for_mentor(mentor=request.user, cohort_id=cohort_id)
    return {
        "id": found.pk, "name": found.name,
        "members": [
            {"name": row.name, "target_role": row.target_role, "readiness_percent": row.percent,
             "verdict": row.verdict, "last_progress": row.last_progress,
             "evidence_to_review": [item.slug for item in row.waiting_items]}
            for row in cohort_table(cohort=found)
        ],
    }  # fmt: skip

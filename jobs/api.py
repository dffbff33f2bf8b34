"""Job ads and applications over the API, the pages' selectors and services: private to the caller (another
learner's ad or application is a 404, as one that does not exist)."""

from datetime import date, datetime
from typing import Literal

from django.core.exceptions import ValidationError
from ninja import Field, Path, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.responses import Status

from accounts.api_auth import AUTH, read_limits, require_write, write_limits
from careerpath.api_errors import ERRORS_READ, ERRORS_WRITE
from careerpath.api_pagination import DATABASE_ID, BoundedLimitOffset

from . import applications, selectors, services

router = Router(tags=["my job search"], auth=AUTH)
State = Literal["shown", "claimed", "in_progress", "missing"]


class AdIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    company: str = Field("", max_length=200)
    text: str = Field(..., description="The ad's text: 1 to 20,000 characters, no control characters but line ends.")


class AskedOut(Schema):
    item: str
    title: str
    required: bool
    state: State
    hours_left: int
    words: str = Field(description="The ad's words that named the item.")
    line: str = Field(description="The ad's line (or sentence) they stand in.")


class Counts(Schema):
    shown: int
    claimed: int
    in_progress: int
    missing: int


class AdOut(Schema):
    id: int
    title: str
    company: str
    created_at: datetime
    read_at: datetime
    asked: int = Field(description="Required items the ad names that careerpath curates.")
    counts: Counts = Field(description="Of those required items, by the caller's state on each.")
    hours_missing: int
    required: list[AskedOut]
    nice_to_have: list[AskedOut]
    not_covered: list[str] = Field(description="The ad's asking lines that name nothing careerpath curates.")
    looks_english: bool


class AdSummaryOut(Schema):
    id: int
    title: str
    company: str
    created_at: datetime


def _asked(rows) -> list[dict]:
    return [
        {"item": asked.item.slug, "title": asked.item.title, "required": asked.required, "state": asked.state,
         "hours_left": asked.hours, "words": asked.words, "line": asked.line}
        for asked in rows
    ]  # fmt: skip


def _ad_out(report) -> dict:
    ad = report.ad
    return {
        "id": ad.pk, "title": ad.title, "company": ad.company, "created_at": ad.created_at, "read_at": ad.read_at,
        "asked": report.asked, "counts": report.counts, "hours_missing": report.hours_missing,
        "required": _asked(report.required), "nice_to_have": _asked(report.nice_to_have),
        "not_covered": list(ad.not_covered), "looks_english": ad.looks_english,
    }  # fmt: skip


@router.post("/ads", response={201: AdOut, **ERRORS_WRITE}, throttle=write_limits(), summary="Read a job ad")
def ad_create(request, payload: AdIn):
    """Store the ad and read it against my record, as the Job ads page does; 422 with the reason for a text that is
    empty, too long or binary, nothing stored."""
    require_write(request)
    try:
        ad = services.ad_read(user=request.user, title=payload.title, company=payload.company, text=payload.text)
    except ValidationError as error:
        raise HttpError(422, " ".join(error.messages)) from error
    return Status(201, _ad_out(selectors.ad_report(user=request.user, ad=ad)))


@router.get("/ads", response={200: list[AdSummaryOut], **ERRORS_READ}, throttle=read_limits(), summary="My job ads")
@paginate(BoundedLimitOffset)
def ad_list(request):
    """The newest first."""
    return selectors.ad_list(user=request.user)


@router.get("/ads/{ad_id}", response={200: AdOut, **ERRORS_READ}, throttle=read_limits(), summary="One job ad")
def ad_detail(request, ad_id: int = Path(..., example=1, **DATABASE_ID)):
    """What the ad asks for, each item with my state on it today."""
    return _ad_out(selectors.ad_report(user=request.user, ad=selectors.ad_for_owner(user=request.user, ad_id=ad_id)))


@router.delete("/ads/{ad_id}", response={204: None, **ERRORS_WRITE}, throttle=write_limits(), summary="Delete an ad")
def ad_delete(request, ad_id: int = Path(..., example=1, **DATABASE_ID)):
    """Applications recorded with it keep their snapshot."""
    require_write(request)
    services.ad_delete(user=request.user, ad=selectors.ad_for_owner(user=request.user, ad_id=ad_id))
    return Status(204, None)


StageName = Literal["applied", "screening", "interview", "offer", "rejected", "withdrawn", "ghosted"]


class ApplicationIn(Schema):
    role: str = Field(..., min_length=1, max_length=200)
    company: str = Field(..., min_length=1, max_length=200)
    applied_on: date = Field(..., description="Not after today in my time zone.")
    ad: int | None = Field(None, **DATABASE_ID, description="One of my ads: keeps my readiness for it today.")


class StageIn(Schema):
    stage: Literal["screening", "interview", "offer", "rejected", "withdrawn", "ghosted"]
    on: date = Field(..., description="Not before the last change; only an interview may be after today.")
    note: str = Field("", max_length=300)


class ChangeOut(Schema):
    stage: StageName
    on: date
    note: str


class ApplicationOut(Schema):
    id: int
    role: str
    company: str
    applied_on: date
    stage: StageName
    stage_on: date
    no_reply_yet: bool = Field(description="Applied or screening, and no change for 30 days or more.")
    ad: int | None
    snapshot: dict = Field(description="My readiness for the ad on the day I applied; never changes.")
    changes: list[ChangeOut]


def _application_out(found, today: date) -> dict:
    return {
        "id": found.pk, "role": found.role, "company": found.company, "applied_on": found.applied_on,
        "stage": found.stage, "stage_on": found.stage_on, "no_reply_yet": applications.no_reply_yet(found, today),
        "ad": found.ad_id, "snapshot": found.snapshot,
        "changes": [{"stage": change.stage, "on": change.on, "note": change.note} for change in found.changes.all()],
    }  # fmt: skip


@router.post(
    "/applications", response={201: ApplicationOut, **ERRORS_WRITE}, throttle=write_limits(),
    summary="Record an application",
)  # fmt: skip
def application_create(request, payload: ApplicationIn):
    require_write(request)
    ad = selectors.ad_for_owner(user=request.user, ad_id=payload.ad) if payload.ad is not None else None
    today = applications.today_for(request.user)
    try:
        made = applications.application_create(
            user=request.user, role=payload.role, company=payload.company, applied_on=payload.applied_on,
            today=today, ad=ad,
        )  # fmt: skip
    except ValidationError as error:
        raise HttpError(422, " ".join(error.messages)) from error
    return Status(201, _application_out(made, today))


@router.get(
    "/applications", response={200: list[ApplicationOut], **ERRORS_READ}, throttle=read_limits(),
    summary="My applications",
)  # fmt: skip
@paginate(BoundedLimitOffset)
def application_list(request):
    """The newest first, each with its changes."""
    today = applications.today_for(request.user)
    rows = applications.application_list(user=request.user).defer(None).prefetch_related("changes")
    return [_application_out(row, today) for row in rows]


@router.get(
    "/applications/{application_id}", response={200: ApplicationOut, **ERRORS_READ}, throttle=read_limits(),
    summary="One application",
)  # fmt: skip
def application_detail(request, application_id: int = Path(..., example=1, **DATABASE_ID)):
    return _application_out(
        applications.application_for_owner(user=request.user, application_id=application_id),
        applications.today_for(request.user),
    )


@router.put(
    "/applications/{application_id}/stage", response={200: ApplicationOut, **ERRORS_WRITE}, throttle=write_limits(),
    summary="Move an application to a stage",
)  # fmt: skip
def application_stage(request, payload: StageIn, application_id: int = Path(..., example=1, **DATABASE_ID)):
    """Adds a dated change; the same stage on the same date as the last change changes nothing (a repeated PUT)."""
    require_write(request)
    found = applications.application_for_owner(user=request.user, application_id=application_id)
    today = applications.today_for(request.user)
    if (found.stage, found.stage_on) != (payload.stage, payload.on):
        try:
            found = applications.application_move(
                user=request.user, application=found, stage=payload.stage, on=payload.on, today=today,
                note=payload.note,
            )  # fmt: skip
        except ValidationError as error:
            raise HttpError(422, " ".join(error.messages)) from error
    return _application_out(found, today)


@router.delete(
    "/applications/{application_id}", response={204: None, **ERRORS_WRITE}, throttle=write_limits(),
    summary="Delete an application",
)  # fmt: skip
def application_delete(request, application_id: int = Path(..., example=1, **DATABASE_ID)):
    require_write(request)
    applications.application_delete(
        user=request.user,
        application=applications.application_for_owner(user=request.user, application_id=application_id),
    )
    return Status(204, None)

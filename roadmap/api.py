"""The curated content as JSON: public, published content only, cacheable by ETag.

Every answer is public and revalidated (`Cache-Control: public, max-age=0, must-revalidate`); Django's
ConditionalGetMiddleware gives it an ETag from its content and answers a matching `If-None-Match` (or `*`) with 304
and the same headers, so the ETag stays the same while the answer does (across restarts and re-imports of the same
content), an unknown slug is a 404 whatever the client holds, and HEAD answers as GET does (HeadAsGetMiddleware).
The document declares both headers on each of these operations (`careerpath.api_conditional`).
"""

from datetime import datetime

from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, Path, Router, Schema

from careerpath.api_conditional import conditional
from careerpath.api_errors import ERRORS_PUBLIC

from .selectors import (
    item_list_detailed,
    item_move,
    release_current,
    role_list_detailed,
    role_list_overview,
    track_list_detailed,
    track_stages,
)

router = Router(tags=["content"])


class ItemBrief(Schema):
    slug: str
    title: str
    kind: str
    estimated_hours: int


class StageOut(Schema):
    slug: str
    title: str
    summary: str
    items: list[ItemBrief]


class TrackBrief(Schema):
    slug: str
    title: str
    summary: str
    for_career_changers: bool
    stage_count: int
    item_count: int


class TrackOut(Schema):
    slug: str
    title: str
    summary: str
    for_career_changers: bool
    stages: list[StageOut]


class Place(Schema):
    track: str
    stage: str


class ItemOut(Schema):
    slug: str
    title: str
    kind: str
    skill_area: str
    summary: str
    description: str
    done_when: str
    estimated_hours: int
    places: list[Place]
    resources: list[str]


class RoleBrief(Schema):
    slug: str
    title: str
    summary: str
    is_primary: bool
    required_items: int
    required_hours: int


class RequirementOut(Schema):
    item: str
    item_title: str
    weight: int
    is_required: bool
    reason: str = Field(description="Why the role needs the item, in one line (may be empty).")


class RoleOut(Schema):
    slug: str
    title: str
    summary: str
    is_primary: bool
    requirements: list[RequirementOut]


def _public(response: HttpResponse) -> None:
    """Any cache may keep the answer, and asks again each time (a 304 while the content is the same)."""
    response["Cache-Control"] = "public, max-age=0, must-revalidate"


def _stage_out(stage_roadmap) -> dict:
    stage = stage_roadmap.stage
    items = [row.item for row in stage_roadmap.rows]
    return {"slug": stage.slug, "title": stage.title, "summary": stage.summary, "items": items}


@router.get(
    "/tracks", response={200: list[TrackBrief], 304: None}, summary="Tracks, in order", openapi_extra=conditional()
)
def tracks(request, response: HttpResponse):
    _public(response)
    result = []
    for track in track_list_detailed():
        stages = list(track.stages.all())
        items = {placement.item_id for stage in stages for placement in stage.published_placements}
        result.append({"slug": track.slug, "title": track.title, "summary": track.summary,
                       "for_career_changers": track.for_career_changers, "stage_count": len(stages),
                       "item_count": len(items)})  # fmt: skip
    return result


@router.get(
    "/tracks/{slug:slug}",
    response={200: TrackOut, 304: None, **ERRORS_PUBLIC},
    summary="One track",
    openapi_extra=conditional(),
)
def track(request, response: HttpResponse, slug: str = Path(..., example="machine-learning-engineer")):
    """Its stages in order, each with its published items in order."""
    _public(response)
    found = get_object_or_404(track_list_detailed(), slug=slug)
    stages = [_stage_out(stage) for stage in track_stages(track=found)]
    return {"slug": found.slug, "title": found.title, "summary": found.summary,
                 "for_career_changers": found.for_career_changers, "stages": stages}  # fmt: skip


@router.get(
    "/items/{slug:slug}",
    response={200: ItemOut, 301: None, 304: None, **ERRORS_PUBLIC},
    summary="One item",
    openapi_extra=conditional(),
)
def item(request, response: HttpResponse, slug: str = Path(..., example="python")):
    """An item a content release took out answers 301, its `Location` the item holding its place, or for a split or
    a retired item `/items/{slug}/went`."""
    _public(response)
    found = item_list_detailed().filter(slug=slug).first()
    if found is None:
        if (move := item_move(slug=slug)) is None:
            raise Http404("No published item has this slug.")
        target = ("api:item", move.single) if move.single else ("api:item_went", move.slug)
        return HttpResponsePermanentRedirect(reverse(target[0], kwargs={"slug": target[1]}))
    return {
        "slug": found.slug, "title": found.title, "kind": found.kind, "skill_area": found.skill_area.title,
        "summary": found.summary, "description": found.description, "done_when": found.outcome,
        "estimated_hours": found.estimated_hours,
        "places": [{"track": placement.stage.track.slug, "stage": placement.stage.slug}
                   for placement in found.public_placements],
        "resources": [resource.url for resource in found.resources.all()],
    }  # fmt: skip


@router.get(
    "/roles",
    response={200: list[RoleBrief], 304: None},
    summary="Roles, the primary one first",
    openapi_extra=conditional(),
)
def roles(request, response: HttpResponse):
    _public(response)
    ordered = role_list_overview().order_by("-is_primary", "position", "title")
    return [
        {"slug": role.slug, "title": role.title, "summary": role.summary, "is_primary": role.is_primary,
         "required_items": role.required_count, "required_hours": role.required_hours or 0}
        for role in ordered
    ]  # fmt: skip


@router.get(
    "/roles/{slug:slug}",
    response={200: RoleOut, 304: None, **ERRORS_PUBLIC},
    summary="One role",
    openapi_extra=conditional(),
)
def role(request, response: HttpResponse, slug: str = Path(..., example="data-scientist")):
    """Its requirements with their weights: required first, then the heaviest."""
    _public(response)
    found = get_object_or_404(role_list_detailed(), slug=slug)
    requirements = [
        {"item": requirement.item.slug, "item_title": requirement.item.title, "weight": requirement.weight,
         "is_required": requirement.is_required, "reason": requirement.reason}
        for requirement in found.public_requirements
    ]  # fmt: skip
    return {"slug": found.slug, "title": found.title, "summary": found.summary, "is_primary": found.is_primary,
                 "requirements": requirements}  # fmt: skip


class ItemTaking(Schema):
    slug: str
    title: str


class ItemWentOut(Schema):
    slug: str
    title: str
    kind: str = Field(description="What the release said of it: same, split, merged, replaced or retired.")
    release: str
    items: list[ItemTaking] = Field(description="The published items holding its place now (none: retired).")


@router.get(
    "/items/{slug:slug}/went", response={200: ItemWentOut, 304: None, **ERRORS_PUBLIC},
    summary="Where an item a release took out went", url_name="item_went", openapi_extra=conditional(),
)  # fmt: skip
def item_went(request, response: HttpResponse, slug: str = Path(..., example="python")):
    _public(response)
    if (move := item_move(slug=slug)) is None:
        raise Http404("No release took this item out of the content.")
    return {"slug": move.slug, "title": move.title, "kind": move.kind, "release": move.release,
            "items": [{"slug": slug, "title": title} for slug, title in move.to]}  # fmt: skip


class ReleaseOut(Schema):
    number: int
    name: str
    notes: str
    published_at: datetime


@router.get(
    "/releases/current",
    response={200: ReleaseOut, 304: None, **ERRORS_PUBLIC},
    summary="The content release published",
    openapi_extra=conditional(),
)
def release(request, response: HttpResponse):
    """The release every other content answer comes from: its number and name, and when it was published."""
    _public(response)
    current = release_current()
    if current is None:
        raise Http404("No release is published yet.")
    return current

"""Self-checks over the API: the draw (never a right answer before submitting), submitting it, and what I have
shown. The same services as the pages, so an API attempt is an attempt like any other (limits, cool-down)."""

from datetime import datetime
from decimal import Decimal
from typing import Literal

from django.http import Http404
from ninja import Field, Path, Router, Schema
from ninja.errors import HttpError

from accounts.api_auth import AUTH, read_limits, require_write, write_limits
from careerpath.api_errors import ERRORS_READ, ERRORS_WRITE
from roadmap.models import QuestionKind, SelfCheck

from . import selectors, services
from .models import ShownItem

router = Router(tags=["self-checks"], auth=AUTH)


class ChoiceOut(Schema):
    value: int = Field(description="Its place in this draw: what an answer sends.")
    text: str = Field(description="Markdown.")


class QuestionOut(Schema):
    field: str = Field(description='Where its answer goes in `answers`: "q1", "q2"...')
    kind: Literal["single", "multiple", "numeric"]
    text: str = Field(description="Markdown.")
    choices: list[ChoiceOut] = Field(description="In this draw's order; empty for a numeric question.")


class DrawOut(Schema):
    attempt: int
    pass_percent: int
    questions: list[QuestionOut]


class AttemptIn(Schema):
    attempt: int = Field(ge=1, le=2**63 - 1)
    answers: dict[str, list[str]] = Field(
        description='By field: the values of the picked choices, or one number as text: {"q1": ["2"], "q2": ["0.5"]}'
    )


class MarkedOut(Schema):
    field: str
    right: bool
    right_choices: list[int] = Field(description="The right choices' places in the draw.")
    answer: Decimal | None = Field(description="A numeric question's answer.")
    explanation: str


class ResultOut(Schema):
    attempt: int
    score_percent: int
    passed: bool
    questions: list[MarkedOut]


class ShownOut(Schema):
    item: str
    title: str
    shown_by: Literal["check", "review"]
    shown_at: datetime


def _check(slug: str) -> SelfCheck:
    if (self_check := selectors.self_check_published(slug=slug)) is None:
        raise Http404("No published item with a check has this slug.")
    return self_check


@router.get("/items/{slug:slug}/check", response={200: DrawOut, **ERRORS_WRITE}, throttle=read_limits(),
            summary="My draw of an item's check")  # fmt: skip
def check_draw(request, slug: str = Path(..., example="statistics")):
    """The questions drawn for my open attempt (the same until I submit it; the first call draws them). Nothing in
    it tells a right choice from a wrong one. 409 while a failed attempt's 24 hours run, 429 past the day's limit."""
    self_check = _check(slug)
    try:
        attempt, questions = services.attempt_start(user=request.user, self_check=self_check)
    except services.CheckRefused as refused:
        raise HttpError(refused.status, refused.message) from refused
    out = []
    for number, (drawn, question) in enumerate(zip(attempt.draw, questions, strict=True), start=1):
        choices = [] if question.kind == QuestionKind.NUMERIC else [
            {"value": place, "text": choice.text}
            for place, choice in enumerate(selectors.choices_as_drawn(question, drawn))
        ]  # fmt: skip
        out.append({"field": f"q{number}", "kind": question.kind, "text": question.text, "choices": choices})
    return {"attempt": attempt.pk, "pass_percent": self_check.pass_percent, "questions": out}


@router.post("/items/{slug:slug}/check/attempts", response={200: ResultOut, **ERRORS_WRITE},
             throttle=write_limits(), summary="Submit my attempt at an item's check")  # fmt: skip
def check_submit(request, payload: AttemptIn, slug: str = Path(..., example="statistics")):
    """Scored at once, with every question's right answer and explanation. 400 for answers to questions not in the
    draw or choices that do not exist, 404 for an attempt not mine, 409 for an attempt submitted already: nothing is
    written then."""
    require_write(request)
    self_check = _check(slug)
    try:
        attempt = services.attempt_submit(
            user=request.user, self_check=self_check, attempt_id=payload.attempt, answers=payload.answers
        )
    except services.CheckRefused as refused:
        raise HttpError(refused.status, refused.message) from refused
    marked = []
    for number, (drawn, question) in enumerate(zip(attempt.draw, selectors.attempt_questions(attempt),
                                                   strict=True), start=1):  # fmt: skip
        right = {choice.pk for choice in question.choices.all() if choice.is_correct}
        marked.append({
            "field": f"q{number}", "right": question.pk in attempt.right_questions,
            "right_choices": [place for place, choice_id in enumerate(drawn["choices"]) if choice_id in right],
            "answer": question.answer if question.kind == QuestionKind.NUMERIC else None,
            "explanation": question.explanation,
        })  # fmt: skip
    return {"attempt": attempt.pk, "score_percent": attempt.score_percent, "passed": attempt.passed,
            "questions": marked}  # fmt: skip


@router.get("/me/shown", response={200: list[ShownOut], **ERRORS_READ}, throttle=read_limits(),
            summary="What I have shown")  # fmt: skip
def shown(request):
    """The items I have shown (a passed check, a passed project review), newest first: what "shown" readiness counts."""
    rows = ShownItem.objects.for_user(request.user).select_related("item").order_by("-shown_at", "item__slug")
    return [{"item": row.item.slug, "title": row.item.title, "shown_by": row.shown_by, "shown_at": row.shown_at}
            for row in rows]  # fmt: skip

"""Writes on cohorts, memberships and evidence reviews: keyword-only, atomic, validating before they write."""

import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from progress.cache import learner_changed
from progress.models import Progress, ProgressStatus
from roadmap.models import Item, Rubric

from .models import ALREADY_REVIEWED, REPLACED, Cohort, EvidenceReview, Membership, Verdict

MAX_MEMBERS = 60  # a small group one mentor can follow; the cohort page is tested at this size


def _token() -> str:
    return secrets.token_urlsafe(24)


def cohort_create(*, mentor, name: str) -> Cohort:
    name = (name or "").strip()
    if not name:
        raise ValidationError("Name the cohort.")
    cohort = Cohort(mentor=mentor, name=name, invite_token=_token())
    cohort.full_clean()
    cohort.save()
    return cohort


def cohort_invite_replace(*, mentor, cohort: Cohort) -> Cohort:
    """A new invite link; the old one answers 404 from now on (members stay)."""
    if cohort.mentor_id != mentor.pk:
        raise PermissionDenied
    cohort.invite_token = _token()
    cohort.save(update_fields=["invite_token"])
    return cohort


@transaction.atomic
def membership_join(*, learner, cohort: Cohort) -> Membership:
    """Join after consent; joining again while a member keeps the one membership."""
    if cohort.mentor_id == learner.pk:
        raise ValidationError("You mentor this cohort: you cannot join it as a learner.")
    current = Membership.objects.active().filter(cohort=cohort, learner=learner).first()
    if current is not None:
        return current
    if Membership.objects.active().filter(cohort=cohort).count() >= MAX_MEMBERS:
        raise ValidationError(f"This cohort is full ({MAX_MEMBERS} members).")
    try:
        with transaction.atomic():
            return Membership.objects.create(cohort=cohort, learner=learner)
    except IntegrityError:  # the same learner joining twice at once
        return Membership.objects.active().get(cohort=cohort, learner=learner)


def membership_leave(*, learner, cohort: Cohort) -> bool:
    """Leave at once: from now on the mentor sees nothing of this learner. Returns whether they were a member."""
    return bool(Membership.objects.active().filter(cohort=cohort, learner=learner).update(left_at=timezone.now()))


def membership_share_job_search(*, learner, cohort: Cohort, shares: bool) -> bool:
    """Give or take back the separate "job search" consent in one cohort (the learner's active membership only).
    Returns whether the learner is a member."""
    return bool(Membership.objects.active().filter(cohort=cohort, learner=learner).update(shares_job_search=shares))


@transaction.atomic
def evidence_review(
    *, mentor, membership: Membership, item: Item, verdict: str, comment: str, scores: dict | None = None
) -> EvidenceReview:
    """Endorse a member's done item, or ask for changes, with a comment; the learner is told by mail.

    Only the mentor of an active membership, never on their own items, and only on a done item with evidence. A
    mentor's new review of an item replaces their current one (withdrawn, kept in the history), so each mentor has
    one current opinion of it (EvidenceReview's constraint). Two reviews sent at the same moment (a double click,
    two tabs) cannot both replace it: the one that commits second is refused with a ValidationError, nothing of it
    written, and the mentor reloads to see the one that was saved."""
    if verdict not in Verdict.values:
        raise ValidationError("Endorse, or ask for changes.")
    if membership.left_at is not None or membership.cohort.mentor_id != mentor.pk:
        raise PermissionDenied
    learner = membership.learner
    if learner.pk == mentor.pk:
        raise PermissionDenied
    progress = Progress.objects.filter(learner=learner, item=item, status=ProgressStatus.DONE).first()
    if progress is None or not progress.evidence_url:
        raise ValidationError("Only a done item with an evidence link can be reviewed.")
    scores, total = _scored(item=item, verdict=verdict, scores=scores or {})
    review = EvidenceReview(
        learner=learner, item=item, mentor=mentor, verdict=verdict, comment=(comment or "").strip(),
        evidence_url=progress.evidence_url, scores=scores, rubric_total=total,
    )  # fmt: skip
    # The constraint is left to the database: checked here first, it would pass in both of two racing requests.
    review.full_clean(validate_constraints=False)
    _withdraw_current_review(mentor=mentor, learner=learner, item=item)
    try:
        with transaction.atomic():
            review.save()
    except IntegrityError as lost_race:  # only the one current review per mentor and item can collide here
        raise ValidationError(ALREADY_REVIEWED) from lost_race
    learner_changed(learner.pk)
    _tell_learner(review)
    return review


def _scored(*, item: Item, verdict: str, scores: dict) -> tuple[dict, int | None]:
    """The review's scores checked against the item's rubric (none without one): every criterion scored 1-4, and an
    endorsement only when they pass. ValidationError says what is wrong."""
    rubric = Rubric.objects.filter(item=item).prefetch_related("criteria").first()
    if rubric is None:
        if scores:
            raise ValidationError("This item has no rubric: endorse or ask for changes without scores.")
        return {}, None
    checked = rubric.scored(scores)
    if checked is None:
        raise ValidationError("Score every criterion of the rubric from 1 to 4.")
    total = sum(checked.values())
    if verdict == Verdict.ENDORSED and not rubric.passes(checked):
        raise ValidationError(
            f"These scores do not pass ({total} of {rubric.pass_mark} needed, none below {rubric.min_level}): "
            "ask for changes instead."
        )
    return checked, total


def _withdraw_current_review(*, mentor, learner, item) -> int:
    return EvidenceReview.objects.filter(mentor=mentor, learner=learner, item=item, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now(), withdrawn_reason=REPLACED
    )


def _tell_learner(review: EvidenceReview) -> None:
    """Mail through the outbox (careerpath.outbox), written in the review's transaction: both commit or neither."""
    what = "endorsed" if review.verdict == Verdict.ENDORSED else "asked for changes on"
    body = (
        f"{review.mentor_name} {what} your evidence for “{review.item.title}”.\n\n"
        + (f"Their comment: {review.comment}\n\n" if review.comment else "")
        + f"See it on the item's page: {settings.SITE_URL}{review.item.get_absolute_url()}\n"
    )
    recipient = review.learner.email
    send_mail(f"[careerpath] {review.mentor_name} {what} “{review.item.title}”", body, None, [recipient])


def reviews_withdraw_on_evidence_change(*, learner, item) -> int:
    """Called by progress when the learner changes an evidence link: current reviews of the old link are withdrawn."""
    return EvidenceReview.objects.filter(learner=learner, item=item, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now(), withdrawn_reason="The evidence link changed after the review."
    )

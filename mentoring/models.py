"""Mentors follow a cohort of learners who joined by consent, and review the evidence of their done items.

A membership lasts until the member leaves; from then on the mentor sees nothing of them (a later rejoin is a new
membership, after a new consent). A deleted mentor's cohorts close with them (deleted); their reviews stay on the
learners' items, shown as by "a former mentor". A review of an evidence link is withdrawn when the learner
changes that link; the row stays, so the history keeps it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from careerpath.validators import no_control_characters
from roadmap.models import Item

COMMENT_MAX_LENGTH = 1000
MENTOR_WITHOUT_NAME = "a careerpath mentor"
REPLACED = "Replaced by a later review from the same mentor."
ALREADY_REVIEWED = _("You have reviewed this evidence already: reload the page to see it.")


class Cohort(models.Model):
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cohorts_mentored", verbose_name=_("mentor")
    )
    name = models.CharField(_("name"), max_length=80, validators=[no_control_characters])
    invite_token = models.CharField(_("invite token"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("made"), default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")

    def __str__(self) -> str:
        return self.name


def display_name_or(user, fallback: str) -> str:
    """The name a person chose for others to see, or `fallback`: never their email address, which others must not
    learn through careerpath (a member's mentor, anyone holding a cohort's invite link, a learner's visitors)."""
    profile = getattr(user, "profile", None)
    return (profile.display_name if profile else "") or fallback


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(left_at__isnull=True)

    def with_number(self):
        """Annotate `number`: the membership's place among every membership the cohort ever had, in joining order.

        Counting left memberships too keeps a member's number when someone who joined earlier leaves, so a mentor's
        "Member 3" stays the same person; a rejoin is a new membership and so a new number (after a new consent)."""
        earlier_or_same = (
            self.model.objects.filter(cohort=OuterRef("cohort"))
            .filter(Q(joined_at__lt=OuterRef("joined_at")) | Q(joined_at=OuterRef("joined_at"), pk__lte=OuterRef("pk")))
            .order_by().values("cohort").annotate(count=Count("pk")).values("count")
        )  # fmt: skip
        return self.annotate(number=Subquery(earlier_or_same))


class Membership(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("cohort"))
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("learner")
    )
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)
    left_at = models.DateTimeField(_("left"), null=True, blank=True)
    shares_job_search = models.BooleanField(
        _("shares their job search"), default=False,
        help_text=_("A separate consent: the mentor sees the member's job ads and applications while it is given."),
    )  # fmt: skip

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["joined_at", "id"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "learner"],
                condition=models.Q(left_at__isnull=True),
                name="mentoring_one_active_membership",
            )
        ]

    def __str__(self) -> str:
        return f"{self.learner} in {self.cohort}"


class Verdict(models.TextChoices):
    ENDORSED = "endorsed", _("Endorsed: meets the item's “done when”")
    CHANGES = "changes", _("Changes asked")


class EvidenceReview(models.Model):
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="evidence_reviews", verbose_name=_("learner")
    )
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="+", verbose_name=_("item"))
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="reviews_given",
        verbose_name=_("mentor"),
    )  # fmt: skip
    verdict = models.CharField(_("verdict"), max_length=10, choices=Verdict)
    comment = models.TextField(
        _("comment"), max_length=COMMENT_MAX_LENGTH, blank=True, validators=[no_control_characters]
    )
    evidence_url = models.URLField(_("evidence reviewed"), max_length=500)
    # A project with a rubric is reviewed against it: each criterion's score (1-4) by its key, and their total; the
    # verdict follows from them (services.evidence_review). Empty for an item without a rubric, and for the
    # endorsements given before rubrics existed, which stand as passed reviews without scores.
    scores = models.JSONField(_("rubric scores"), default=dict, blank=True)
    rubric_total = models.PositiveSmallIntegerField(_("rubric total"), null=True, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_reason = models.CharField(_("why withdrawn"), max_length=120, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("evidence review")
        verbose_name_plural = _("evidence reviews")
        indexes = [models.Index(fields=["learner", "item"], name="mentoring_review_learner_item")]
        constraints = [
            # A mentor holds one current opinion of a learner's item: a new review replaces the last one
            # (services.evidence_review withdraws it), whatever the verdict, so an endorsement and "changes asked"
            # are never both current. The evidence link is not part of it: a changed link withdraws the reviews of
            # the old one (reviews_withdraw_on_evidence_change), so current reviews are all of the current link.
            # A deleted mentor's reviews (mentor null) are distinct here, as NULLs are in every unique index.
            models.UniqueConstraint(
                fields=["mentor", "learner", "item"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="mentoring_one_current_review_per_mentor",
                violation_error_message=ALREADY_REVIEWED,
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_verdict_display()}: {self.item} of {self.learner}"

    @property
    def mentor_name(self) -> str:
        if self.mentor is None:
            return "a former mentor"
        return display_name_or(self.mentor, MENTOR_WITHOUT_NAME)

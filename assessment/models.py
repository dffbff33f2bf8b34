"""What a learner has shown, as opposed to claimed: self-check attempts and the items they showed.

An attempt keeps the questions drawn for it with their choices in the order shown, the answers given, the score and
when; it is never edited once submitted. A passed check (and, with the rubric reviews, a passed project review)
records the item as shown (`ShownItem`), the row readiness's "shown" number counts.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from roadmap.models import Item, SelfCheck


class AttemptQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(learner=user)

    def open(self):
        return self.filter(submitted_at__isnull=True)

    def submitted(self):
        return self.filter(submitted_at__isnull=False)


class Attempt(models.Model):
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="check_attempts", verbose_name=_("learner")
    )
    self_check = models.ForeignKey(
        SelfCheck, on_delete=models.PROTECT, related_name="attempts", verbose_name=_("self-check")
    )
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+", verbose_name=_("item"))
    # [{"question": id, "choices": [choice ids in the order shown]}]: the draw, fixed when the attempt starts.
    draw = models.JSONField(_("questions drawn"), default=list)
    # {"<question id>": [choice ids] or "<the number typed>"}: what the learner answered.
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    correct = models.PositiveSmallIntegerField(_("answered right"), null=True, blank=True)
    right_questions = models.JSONField(_("questions answered right"), default=list, blank=True)  # their ids
    score_percent = models.PositiveSmallIntegerField(_("score (%)"), null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    objects = AttemptQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("check attempt")
        indexes = [models.Index(fields=["learner", "-started_at"], name="attempt_learner_started")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(submitted_at__isnull=True, passed__isnull=True, score_percent__isnull=True)
                | models.Q(submitted_at__isnull=False, passed__isnull=False, score_percent__isnull=False),
                name="attempt_scored_iff_submitted",
            )
        ]

    def __str__(self) -> str:
        return f"{self.item} by {self.learner}"


class ShownBy(models.TextChoices):
    CHECK = "check", _("Check passed")
    REVIEW = "review", _("Project reviewed against its rubric")


class ShownItemQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(learner=user)


class ShownItem(models.Model):
    """An item the learner has shown: what counts for "shown" readiness (never a tick alone)."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shown_items", verbose_name=_("learner")
    )
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+", verbose_name=_("item"))
    shown_by = models.CharField(_("shown by"), max_length=10, choices=ShownBy)
    shown_at = models.DateTimeField(_("when"), default=timezone.now)
    attempt = models.ForeignKey(
        Attempt, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("attempt")
    )

    objects = ShownItemQuerySet.as_manager()

    class Meta:
        ordering = ["-shown_at"]
        verbose_name = _("shown item")
        constraints = [models.UniqueConstraint(fields=["learner", "item", "shown_by"], name="shown_once_per_way")]

    def __str__(self) -> str:
        return f"{self.item} shown by {self.learner} ({self.get_shown_by_display()})"


class SelfReview(models.Model):
    """A learner's own scores of their project against its rubric: kept and shown to them as a self-review, never
    counted as shown (only a mentor's review is)."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="self_reviews", verbose_name=_("learner")
    )
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+", verbose_name=_("item"))
    scores = models.JSONField(_("scores"), default=dict)  # criterion key -> 1-4
    total = models.PositiveSmallIntegerField(_("total"))
    updated_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("self-review")
        constraints = [models.UniqueConstraint(fields=["learner", "item"], name="self_review_once_per_item")]

    def __str__(self) -> str:
        return f"{self.item} by {self.learner}: {self.total}"

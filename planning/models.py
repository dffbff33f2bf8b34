"""What brings a learner back: the week's plan, spaced reviews of what they hold, the digest and the calendar feed.

A plan is stored per ISO week (its Monday, in the learner's time zone), so last week's plan and what became of it
stay visible. Review state exists only for items that have been reviewed at least once: an item done and never
reviewed is due `INTERVALS[0]` days after it was done (planning.schedule).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from roadmap.models import Item


class WeekPlan(models.Model):
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="week_plans", verbose_name=_("learner")
    )
    week_start = models.DateField(_("week of"), help_text=_("The Monday the ISO week starts on."))
    hours_budget = models.PositiveSmallIntegerField(
        _("hours budgeted"), help_text=_("The learner's hours per week when the plan was made.")
    )
    created_at = models.DateTimeField(_("made"), default=timezone.now)

    class Meta:
        ordering = ["-week_start"]
        verbose_name = _("week plan")
        verbose_name_plural = _("week plans")
        constraints = [models.UniqueConstraint(fields=["learner", "week_start"], name="planning_one_plan_per_week")]

    def __str__(self) -> str:
        return f"{self.learner} · week of {self.week_start}"


class EntrySource(models.TextChoices):
    SUGGESTED = "suggested", _("Suggested")
    ADDED = "added", _("Added by the learner")
    PINNED = "pinned", _("Pinned from last week")


class PlanEntry(models.Model):
    """One item in a week's plan. A dropped entry stays (hidden), so the plan never suggests it again that week."""

    plan = models.ForeignKey(WeekPlan, on_delete=models.CASCADE, related_name="entries", verbose_name=_("plan"))
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="+", verbose_name=_("item"))
    hours = models.PositiveSmallIntegerField(
        _("hours planned"), help_text=_("Less than the item's estimate when the week holds only part of it.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    source = models.CharField(_("source"), max_length=10, choices=EntrySource, default=EntrySource.SUGGESTED)
    pinned = models.BooleanField(_("pinned"), default=False, help_text=_("Carried into next week's plan."))
    dropped = models.BooleanField(_("dropped"), default=False)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("plan entry")
        verbose_name_plural = _("plan entries")
        constraints = [models.UniqueConstraint(fields=["plan", "item"], name="planning_item_once_per_plan")]

    def __str__(self) -> str:
        return f"{self.item} ({self.hours} h)"

    @property
    def is_part(self) -> bool:
        return self.hours < self.item.estimated_hours


class ReviewAnswer(models.TextChoices):
    CONFIDENT = "confident", _("Yes, still confident")
    SHAKY = "shaky", _("Shaky")
    RELEARN = "relearn", _("I need to relearn it")


class ReviewState(models.Model):
    """Where one done item stands in its review schedule, once it has been reviewed."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_states", verbose_name=_("learner")
    )
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="+", verbose_name=_("item"))
    step = models.PositiveSmallIntegerField(_("step"), default=0, help_text=_("Index into the review intervals."))
    reviewed_at = models.DateTimeField(_("last reviewed"))
    last_answer = models.CharField(_("last answer"), max_length=10, choices=ReviewAnswer)

    class Meta:
        verbose_name = _("review state")
        verbose_name_plural = _("review states")
        constraints = [models.UniqueConstraint(fields=["learner", "item"], name="planning_one_review_state")]

    def __str__(self) -> str:
        return f"{self.learner} · {self.item} · step {self.step}"


class DigestDelivery(models.Model):
    """One weekly digest sent (or being sent): the unique row is the claim, so two workers never send it twice."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digests", verbose_name=_("learner")
    )
    week_start = models.DateField(_("week of"))
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        ordering = ["-week_start"]
        verbose_name = _("digest sent")
        verbose_name_plural = _("digests sent")
        constraints = [models.UniqueConstraint(fields=["learner", "week_start"], name="planning_one_digest_per_week")]

    def __str__(self) -> str:
        return f"{self.learner} · week of {self.week_start}"


class CalendarFeed(models.Model):
    """The secret of a learner's calendar URL. Replacing it makes the old URL answer 404."""

    learner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed", verbose_name=_("learner")
    )
    token = models.CharField(_("token"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("made"), default=timezone.now)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"{self.learner}'s calendar"

"""A learner's record: where they stand on each item, and every status change they made.

These models moved here from `roadmap` (issue "The house for what comes next"); their tables, constraints and
indexes keep the names they were created with, so a database made before the move is used as it is.
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator, URLValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from careerpath.validators import no_control_characters
from roadmap.models import Item, Publication


class ProgressStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    SKIPPED = "skipped", _("Skipped")


class SkipReason(models.TextChoices):
    """Why a learner leaves an item aside. Knowing it already is not a skip: it is done, known before (Origin)."""

    NOT_RELEVANT = "not_relevant", _("Not relevant to my goal")


class Origin(models.TextChoices):
    """Where a done item was learned: here (it counts toward pace and streaks) or not (it does not): before joining,
    or carried over by a content release from the item it was split or merged from (progress.releases)."""

    HERE = "here", _("Learned here")
    KNOWN_BEFORE = "known_before", _("Known before joining")
    CARRIED = "carried", _("Carried over by a content release")


# "I already know it" was a skip reason until known-before became a done item's origin; past events keep it.
EVENT_SKIP_REASONS = [*SkipReason.choices, ("already_known", _("I already know it"))]

NOTE_MAX_LENGTH = 5000


class ProgressQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(learner=user)

    def counted(self):
        """Progress on items that are published now; retired or draft items stay in history, not in percentages."""
        return self.filter(item__status=Publication.PUBLISHED)


class Progress(models.Model):
    """Where one learner stands on one item: a single row per (learner, item), whichever tracks show the item.

    Items are PROTECTed: an item someone has progress on cannot be deleted, only retired.
    """

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="progress", verbose_name=_("learner")
    )
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="progress", verbose_name=_("item"))
    status = models.CharField(_("status"), max_length=12, choices=ProgressStatus, default=ProgressStatus.NOT_STARTED)
    skip_reason = models.CharField(_("why skipped"), max_length=16, choices=SkipReason, blank=True)
    origin = models.CharField(
        _("origin"),
        max_length=12,
        choices=Origin,
        blank=True,
        help_text=_("For a done item: learned here, or known before joining. Empty for any other status."),
    )
    note = models.TextField(
        _("private note"),
        max_length=NOTE_MAX_LENGTH,
        blank=True,
        validators=[no_control_characters, MaxLengthValidator(NOTE_MAX_LENGTH)],
        help_text=_("Markdown, shown only to the learner."),
    )
    note_html = models.TextField(
        _("note as HTML"),
        blank=True,
        editable=False,
        help_text=_("The note rendered and sanitized when it was saved, so that no page view parses Markdown."),
    )
    evidence_url = models.URLField(
        _("evidence link"),
        max_length=500,
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("A repository, certificate or write-up; http or https only."),
    )
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    completed_at = models.DateTimeField(_("done on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProgressQuerySet.as_manager()

    class Meta:
        db_table = "roadmap_progress"  # created by roadmap's migration 0002, before progress had an app of its own
        ordering = ["learner", "item__title"]
        verbose_name = _("progress")
        verbose_name_plural = _("progress")
        constraints = [
            models.UniqueConstraint(fields=["learner", "item"], name="roadmap_progress_once_per_learner_item"),
            models.CheckConstraint(
                condition=(
                    models.Q(status=ProgressStatus.SKIPPED) & ~models.Q(skip_reason="")
                    | ~models.Q(status=ProgressStatus.SKIPPED) & models.Q(skip_reason="")
                ),
                name="roadmap_progress_skip_reason_iff_skipped",
                violation_error_message=_("A skipped item needs a reason, and only a skipped item has one."),
            ),
            models.CheckConstraint(
                condition=models.Q(status=ProgressStatus.DONE, completed_at__isnull=False)
                | ~models.Q(status=ProgressStatus.DONE) & models.Q(completed_at__isnull=True),
                name="roadmap_progress_completed_iff_done",
            ),
            models.CheckConstraint(
                condition=models.Q(status=ProgressStatus.DONE, origin__in=Origin.values)
                | ~models.Q(status=ProgressStatus.DONE) & models.Q(origin=""),
                name="progress_origin_iff_done",
                violation_error_message=_("A done item says where it was learned, and only a done item does."),
            ),
        ]
        indexes = [models.Index(fields=["item", "status"], name="roadmap_progress_item_status")]

    def __str__(self) -> str:
        # Never the learner's name or address: the admin lists these rows when it refuses to delete an item.
        return f"{self.item} ({self.get_status_display()})"

    @property
    def is_done(self) -> bool:
        return self.status == ProgressStatus.DONE

    @property
    def is_done_here(self) -> bool:
        return self.status == ProgressStatus.DONE and self.origin == Origin.HERE

    @property
    def is_known_before(self) -> bool:
        return self.status == ProgressStatus.DONE and self.origin == Origin.KNOWN_BEFORE


class ProgressEventKind(models.TextChoices):
    """A change is progress made here (streaks and the heatmap count it); the other kinds are not."""

    CHANGE = "change", _("Changed by the learner")
    RESET = "reset", _("Track reset")
    KNOWN = "known", _("Marked as known before joining")
    REVIEW = "review", _("Back to learning after a review")
    RELEASE = "release", _("Carried over by a content release")


class ProgressEventQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(learner=user)


class ProgressEvent(models.Model):
    """One status change, never edited: the history that timelines, streaks and forecasts are built on."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="progress_events", verbose_name=_("learner")
    )
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="progress_events", verbose_name=_("item"))
    from_status = models.CharField(_("from"), max_length=12, choices=ProgressStatus)
    to_status = models.CharField(_("to"), max_length=12, choices=ProgressStatus)
    skip_reason = models.CharField(_("why skipped"), max_length=16, choices=EVENT_SKIP_REASONS, blank=True)
    kind = models.CharField(_("kind"), max_length=8, choices=ProgressEventKind, default=ProgressEventKind.CHANGE)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    objects = ProgressEventQuerySet.as_manager()

    class Meta:
        db_table = "roadmap_progressevent"  # see Progress.Meta.db_table
        ordering = ["-created_at", "-id"]
        verbose_name = _("progress event")
        verbose_name_plural = _("progress events")
        indexes = [models.Index(fields=["learner", "-created_at"], name="roadmap_event_learner_when")]

    def __str__(self) -> str:
        return f"{self.item}: {self.get_from_status_display()} → {self.get_to_status_display()}"


class ReleaseNotice(models.Model):
    """What one content release changed for one learner, written when it was published (progress.release_impact):
    the changes that touch their record, their readiness for their role before and after, and whether they have
    been told (the dashboard's banner until dismissed, the next weekly digest once)."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="release_notices", verbose_name=_("learner")
    )
    release = models.ForeignKey(
        "roadmap.Release", on_delete=models.PROTECT, related_name="notices", verbose_name=_("release")
    )
    role_title = models.CharField(_("role"), max_length=200, blank=True, help_text=_("Their role after the release."))
    percent_before = models.PositiveSmallIntegerField(_("readiness before"), default=0)
    percent_after = models.PositiveSmallIntegerField(_("readiness after"), default=0)
    hours_before = models.PositiveIntegerField(_("hours left before"), default=0)
    hours_after = models.PositiveIntegerField(_("hours left after"), default=0)
    changes = models.JSONField(_("changes touching them"), default=list, blank=True)
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    dismissed_at = models.DateTimeField(_("banner dismissed"), null=True, blank=True)
    mentioned_at = models.DateTimeField(_("mentioned in a digest"), null=True, blank=True)

    class Meta:
        ordering = ["-release__number"]
        verbose_name = _("release notice")
        constraints = [models.UniqueConstraint(fields=["learner", "release"], name="release_notice_once")]

    def __str__(self) -> str:
        return f"{self.release}: {self.learner}"

    @property
    def hours_shift(self) -> int:
        return self.hours_after - self.hours_before

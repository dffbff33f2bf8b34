"""A learner's job ads, read against the curated terms: private to the learner (no admin, no portfolio, no mentor
without the learner's separate consent), in their data export, deleted with their account."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from careerpath.validators import no_control_characters
from roadmap.models import Item

AD_TEXT_LIMIT = 20_000  # characters: a long ad is about 1,000 words (7,000 characters); this leaves room for three


class JobAdQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(learner=user)


class JobAd(models.Model):
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_ads", verbose_name=_("learner")
    )
    title = models.CharField(_("job title"), max_length=200, validators=[no_control_characters])
    company = models.CharField(_("company"), max_length=200, blank=True, validators=[no_control_characters])
    text = models.TextField(_("text of the ad"), max_length=AD_TEXT_LIMIT)
    created_at = models.DateTimeField(_("added"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), default=timezone.now, help_text=_("When the terms last read it."))
    not_covered = models.JSONField(
        _("asked for, not curated"), default=list, blank=True,
        help_text=_("The ad's lines that ask for something no curated item names, as the ad words them."),
    )  # fmt: skip
    looks_english = models.BooleanField(default=True)

    objects = JobAdQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("job ad")
        verbose_name_plural = _("job ads")

    def __str__(self) -> str:
        return f"{self.title} ({self.company})" if self.company else self.title


class AdSkill(models.Model):
    """An item the ad asks for, with the ad's own words that named it."""

    ad = models.ForeignKey(JobAd, on_delete=models.CASCADE, related_name="skills", verbose_name=_("ad"))
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="+", verbose_name=_("item"))
    required = models.BooleanField(_("required"), default=True, help_text=_("False: the ad calls it nice to have."))
    words = models.CharField(_("the ad's words"), max_length=200)
    line = models.CharField(_("the ad's line"), max_length=300)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("skill the ad asks for")
        verbose_name_plural = _("skills the ad asks for")
        constraints = [models.UniqueConstraint(fields=["ad", "item"], name="jobs_one_skill_per_item_per_ad")]

    def __str__(self) -> str:
        return f"{self.ad}: {self.item}"


class Stage(models.TextChoices):
    APPLIED = "applied", _("Applied")
    SCREENING = "screening", _("Screening")
    INTERVIEW = "interview", _("Interview")
    OFFER = "offer", _("Offer")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    GHOSTED = "ghosted", _("No reply (I gave up waiting)")


OPEN_STAGES = (Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEW)
FUNNEL = (Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEW, Stage.OFFER)  # each one reached counts the ones before


class ApplicationQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(learner=user)


class Application(models.Model):
    """Where a learner applied, with a copy of their readiness for the ad on that day that never changes."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications", verbose_name=_("learner")
    )
    ad = models.ForeignKey(
        JobAd, on_delete=models.SET_NULL, null=True, blank=True, related_name="applications", verbose_name=_("job ad"),
        help_text=_("Deleting the ad keeps the application and its snapshot."),
    )  # fmt: skip
    role = models.CharField(_("role"), max_length=200, validators=[no_control_characters])
    company = models.CharField(_("company"), max_length=200, validators=[no_control_characters])
    applied_on = models.DateField(_("applied on"))
    stage = models.CharField(_("stage"), max_length=10, choices=Stage, default=Stage.APPLIED)
    stage_on = models.DateField(_("stage since"), help_text=_("The date of the last stage change."))
    snapshot = models.JSONField(
        _("readiness on the day"), default=dict, blank=True,
        help_text=_("What the ad asked for and the learner's state on each item when they applied; never updated."),
    )  # fmt: skip
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-applied_on", "-id"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(stage_on__gte=models.F("applied_on")), name="jobs_stage_after_applying"
            )
        ]

    def __str__(self) -> str:
        return f"{self.role} at {self.company}"


class StageChange(models.Model):
    """One dated step of an application, kept in order so the funnel counts how far each one got."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="changes", verbose_name=_("application")
    )
    stage = models.CharField(_("stage"), max_length=10, choices=Stage)
    on = models.DateField(_("on"))
    note = models.CharField(_("note"), max_length=300, blank=True, validators=[no_control_characters])
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        ordering = ["on", "id"]
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")

    def __str__(self) -> str:
        return f"{self.application}: {self.get_stage_display()} on {self.on}"

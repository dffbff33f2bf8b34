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

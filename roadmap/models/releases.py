"""Content releases: the published content has a version, and an item that leaves it says where it went (lineage).

A release holds the whole content it publishes (an export, as `export_content` writes it). A draft is prepared by
`import_content --draft` or in the admin, compared with the live content (`roadmap.releases`), and published by
`roadmap.services.release_publish`: the content is brought in line with the release, and every learner's record
follows the lineage (the progress app listens). Release 1 is the content as it stood when releases began.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReleaseState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class ReleaseQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=ReleaseState.PUBLISHED)

    def current(self) -> "Release | None":
        """The release learners see: the last one published."""
        return self.published().order_by("-number").first()

    def next_number(self) -> int:
        return (self.aggregate(last=models.Max("number"))["last"] or 0) + 1


class Release(models.Model):
    """One version of the curated content: a draft until published, then kept with its list of changes."""

    number = models.PositiveIntegerField(_("number"), unique=True, help_text=_("1, 2, 3... in publishing order."))
    name = models.CharField(_("name"), max_length=40, unique=True, help_text=_('How learners see it: "2026.2".'))
    notes = models.TextField(_("notes"), blank=True, help_text=_("Markdown. What this release changes, and why."))
    state = models.CharField(_("state"), max_length=10, choices=ReleaseState, default=ReleaseState.DRAFT)
    content = models.JSONField(
        _("content"), null=True, blank=True, help_text=_("The whole content this release publishes (an export).")
    )
    changes = models.JSONField(_("changes"), default=list, blank=True, help_text=_("What publishing changed."))
    created_at = models.DateTimeField(_("prepared"), auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("published by"),
    )  # fmt: skip

    objects = ReleaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("content release")
        ordering = ["-number"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state=ReleaseState.DRAFT, published_at__isnull=True)
                | models.Q(state=ReleaseState.PUBLISHED, published_at__isnull=False),
                name="release_published_has_time",
            )
        ]

    def __str__(self) -> str:
        return f"Release {self.name}"


class LineageKind(models.TextChoices):
    """Where an item that leaves the published content went, and so what becomes of learners' progress on it."""

    SAME = "same", _("Renamed or moved: the same item under a new slug")
    SPLIT = "split", _("Split into several items")
    MERGED = "merged", _("Merged into one item")
    REPLACED = "replaced", _("Replaced by another item")
    RETIRED = "retired", _("Retired: nothing replaces it")


class ItemLineage(models.Model):
    """One item that a release takes out of the published content, and the items that take its place."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="lineage", verbose_name=_("release"))
    from_slug = models.SlugField(_("item leaving"), max_length=120, help_text=_("Its slug in the live content."))
    kind = models.CharField(_("what became of it"), max_length=10, choices=LineageKind)
    to_slugs = models.JSONField(
        _("items taking its place"), default=list, blank=True,
        help_text=_("Slugs in this release: one for the same item, a merge or a replacement; two or more for a split."),
    )  # fmt: skip

    class Meta:
        verbose_name = _("item lineage")
        verbose_name_plural = _("item lineage")
        ordering = ["from_slug"]
        constraints = [models.UniqueConstraint(fields=["release", "from_slug"], name="lineage_once_per_item")]

    def __str__(self) -> str:
        return f"{self.from_slug}: {self.get_kind_display()} {', '.join(self.to_slugs)}".strip()

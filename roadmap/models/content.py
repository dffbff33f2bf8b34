"""The roadmap itself: tracks of ordered stages, skill areas, resources, and the items a learner ticks off."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from careerpath.reversing import reverse_once
from careerpath.validators import no_control_characters


class Publication(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    RETIRED = "retired", _("Retired")


class PublishableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Publication.PUBLISHED)


class SlugNaturalKeyManager(models.Manager):
    """Looks content up by slug, so exports and fixtures carry no database ids."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


PublishableManager = SlugNaturalKeyManager.from_queryset(PublishableQuerySet)


class Track(models.Model):
    title = models.CharField(_("title"), max_length=120, validators=[no_control_characters])
    short_title = models.CharField(
        _("short title"), max_length=40, help_text=_("Label in the navigation bar."), validators=[no_control_characters]
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    summary = models.CharField(
        _("summary"),
        max_length=300,
        help_text=_("One or two sentences, shown on lists."),
        validators=[no_control_characters],
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("Markdown. Shown atop the track."), validators=[no_control_characters]
    )
    position = models.PositiveIntegerField(_("position"), default=0, help_text=_("Lower comes first."))
    for_career_changers = models.BooleanField(
        _("first track for career changers"),
        default=False,
        help_text=_(
            "Learners from a non-tech field who have not started another track are led here first "
            "(their next steps follow this track's order)."
        ),
    )
    status = models.CharField(_("status"), max_length=10, choices=Publication, default=Publication.DRAFT)

    objects = PublishableManager()

    class Meta:
        ordering = ["position", "title"]
        verbose_name = _("track")
        verbose_name_plural = _("tracks")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse_once("roadmap:track-detail", self.slug)

    def natural_key(self):
        return (self.slug,)


class StageManager(models.Manager):
    def get_by_natural_key(self, track_slug, slug):
        return self.get(track__slug=track_slug, slug=slug)


class Stage(models.Model):
    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="stages", verbose_name=_("track"))
    title = models.CharField(_("title"), max_length=120, validators=[no_control_characters])
    slug = models.SlugField(_("slug"), max_length=120, help_text=_("Unique within its track."))
    summary = models.CharField(_("summary"), max_length=300, validators=[no_control_characters])
    body = models.TextField(
        _("body"),
        blank=True,
        help_text=_("Markdown. What this stage is about and why."),
        validators=[no_control_characters],
    )
    position = models.PositiveIntegerField(_("position"), default=0, help_text=_("Order within the track."))
    items = models.ManyToManyField("Item", through="StageItem", related_name="stages", verbose_name=_("items"))

    objects = StageManager()

    class Meta:
        ordering = ["track", "position", "id"]
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        constraints = [
            models.UniqueConstraint(fields=["track", "slug"], name="roadmap_stage_unique_slug_per_track"),
        ]

    def __str__(self) -> str:
        return f"{self.track.title}: {self.title}"

    def get_absolute_url(self) -> str:
        return f"{self.track.get_absolute_url()}#stage-{self.slug}"

    def natural_key(self):
        return (*self.track.natural_key(), self.slug)

    natural_key.dependencies = ["roadmap.track"]


class SkillArea(models.Model):
    title = models.CharField(_("title"), max_length=120, validators=[no_control_characters])
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Markdown."), validators=[no_control_characters]
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    objects = SlugNaturalKeyManager()

    class Meta:
        ordering = ["position", "title"]
        verbose_name = _("skill area")
        verbose_name_plural = _("skill areas")

    def __str__(self) -> str:
        return self.title

    def natural_key(self):
        return (self.slug,)


class ResourceKind(models.TextChoices):
    DOCS = "docs", _("Official documentation")
    COURSE = "course", _("Course")
    BOOK = "book", _("Book")
    PROGRAM = "program", _("Program")
    CERTIFICATION = "certification", _("Certification")
    ARTICLE = "article", _("Article")


class ResourceManager(models.Manager):
    def get_by_natural_key(self, url):
        return self.get(url=url)


class Resource(models.Model):
    title = models.CharField(_("title"), max_length=200, validators=[no_control_characters])
    url = models.URLField(_("address"), max_length=500, unique=True, help_text=_("Official, stable sites only."))
    kind = models.CharField(_("kind"), max_length=16, choices=ResourceKind)
    provider = models.CharField(
        _("provider"), max_length=120, blank=True, help_text=_("Who publishes it."), validators=[no_control_characters]
    )
    description = models.CharField(_("description"), max_length=300, blank=True, validators=[no_control_characters])

    objects = ResourceManager()

    class Meta:
        ordering = ["kind", "title"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")

    def __str__(self) -> str:
        return self.title

    def natural_key(self):
        return (self.url,)


class ItemKind(models.TextChoices):
    SKILL = "skill", _("Skill")
    PROJECT = "project", _("Project")


class Item(models.Model):
    """Something a learner ticks off once, wherever it appears: a skill to learn or a project to build."""

    kind = models.CharField(_("kind"), max_length=10, choices=ItemKind, default=ItemKind.SKILL)
    title = models.CharField(_("title"), max_length=120, validators=[no_control_characters])
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    skill_area = models.ForeignKey(
        SkillArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="items",
        verbose_name=_("skill area"),
        help_text=_("Required for skills; projects may leave it empty."),
    )
    summary = models.CharField(
        _("summary"),
        max_length=300,
        help_text=_("One sentence, shown on the roadmap."),
        validators=[no_control_characters],
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("Markdown. What to learn or build."),
        validators=[no_control_characters],
    )
    outcome = models.TextField(
        _("what a good result looks like"),
        blank=True,
        help_text=_("Markdown. For projects: how a learner knows the work is done well."),
        validators=[no_control_characters],
    )
    estimated_hours = models.PositiveIntegerField(
        _("estimated hours"),
        validators=[MinValueValidator(1), MaxValueValidator(2000)],
        help_text=_("Honest hours for a motivated beginner to finish it."),
    )
    transferable = models.BooleanField(
        _("transferable from another career"),
        default=False,
        help_text=_(
            "A skill people often bring from a non-tech career (communication, problem-solving, domain knowledge): "
            "Get started offers it to career changers to claim."
        ),
    )
    status = models.CharField(_("status"), max_length=10, choices=Publication, default=Publication.DRAFT)
    resources = models.ManyToManyField(Resource, blank=True, related_name="items", verbose_name=_("resources"))

    objects = PublishableManager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("item")
        verbose_name_plural = _("items")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind=ItemKind.SKILL, skill_area__isnull=True),
                name="roadmap_item_skill_has_area",
                violation_error_message=_("A skill needs a skill area."),
            ),
            models.CheckConstraint(
                condition=models.Q(estimated_hours__gte=1, estimated_hours__lte=2000),
                name="roadmap_item_hours_in_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse_once("roadmap:item-detail", self.slug)

    def natural_key(self):
        return (self.slug,)

    @property
    def is_published(self) -> bool:
        return self.status == Publication.PUBLISHED


class StageItemManager(models.Manager):
    def get_by_natural_key(self, track_slug, stage_slug, item_slug):
        return self.get(stage__track__slug=track_slug, stage__slug=stage_slug, item__slug=item_slug)


class StageItem(models.Model):
    """An item's place in a stage; the same item may sit in stages of several tracks."""

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="placements", verbose_name=_("stage"))
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="placements", verbose_name=_("item"))
    position = models.PositiveIntegerField(_("position"), default=0, help_text=_("Order within the stage."))

    objects = StageItemManager()

    class Meta:
        ordering = ["stage", "position", "id"]
        verbose_name = _("item in stage")
        verbose_name_plural = _("items in stage")
        constraints = [
            models.UniqueConstraint(fields=["stage", "item"], name="roadmap_stageitem_once_per_stage"),
        ]

    def __str__(self) -> str:
        return f"{self.stage} / {self.item}"

    def natural_key(self):
        return (*self.stage.natural_key(), self.item.slug)

    natural_key.dependencies = ["roadmap.stage", "roadmap.item"]

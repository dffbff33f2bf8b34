"""The jobs a learner can aim for, and how much each item matters for each of them."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from careerpath.reversing import reverse_once
from careerpath.validators import no_control_characters

from .content import Item, Publication, PublishableManager, Resource


class Role(models.Model):
    """A job a learner can aim for; exactly one is the machine learning engineer, the path's main goal."""

    title = models.CharField(_("title"), max_length=120, validators=[no_control_characters])
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    summary = models.CharField(_("summary"), max_length=300, validators=[no_control_characters])
    description = models.TextField(
        _("description"), blank=True, help_text=_("Markdown. What the job is."), validators=[no_control_characters]
    )
    responsibilities = models.TextField(
        _("responsibilities"),
        blank=True,
        help_text=_("Markdown, usually a bullet list of day-to-day duties."),
        validators=[no_control_characters],
    )
    comparison = models.TextField(
        _("how it differs from ML engineer"),
        blank=True,
        help_text=_("Markdown. Leave empty for the machine learning engineer role itself."),
        validators=[no_control_characters],
    )
    is_primary = models.BooleanField(
        _("main goal of the path"),
        default=False,
        help_text=_("The machine learning engineer role. Only one role can have this."),
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    status = models.CharField(_("status"), max_length=10, choices=Publication, default=Publication.DRAFT)
    resources = models.ManyToManyField(Resource, blank=True, related_name="roles", verbose_name=_("resources"))
    requirements = models.ManyToManyField(
        Item, through="RoleRequirement", related_name="required_by", verbose_name=_("requirements")
    )

    objects = PublishableManager()

    class Meta:
        ordering = ["position", "title"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(
                fields=["is_primary"], condition=models.Q(is_primary=True), name="roadmap_role_one_primary"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse_once("roadmap:role-detail", self.slug)

    def natural_key(self):
        return (self.slug,)


class RoleRequirementManager(models.Manager):
    def get_by_natural_key(self, role_slug, item_slug):
        return self.get(role__slug=role_slug, item__slug=item_slug)


class RoleRequirement(models.Model):
    """How much an item matters for a role (weight 1-5) and whether the role cannot do without it."""

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="role_requirements", verbose_name=_("role"))
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="role_requirements", verbose_name=_("item"))
    weight = models.PositiveSmallIntegerField(
        _("weight"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1 = nice to know, 5 = the core of the job."),
    )
    is_required = models.BooleanField(
        _("required"),
        default=True,
        help_text=_("Optional items are shown as extras; readiness counts required items only."),
    )
    reason = models.CharField(
        _("why"),
        max_length=160,
        blank=True,
        validators=[no_control_characters],
        help_text=_("One line on the role page: why this role needs the item."),
    )

    objects = RoleRequirementManager()

    class Meta:
        ordering = ["role", "-is_required", "-weight", "item__title"]
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")
        constraints = [
            models.UniqueConstraint(fields=["role", "item"], name="roadmap_requirement_once_per_role"),
            models.CheckConstraint(
                condition=models.Q(weight__gte=1, weight__lte=5), name="roadmap_requirement_weight_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role}: {self.item}"

    def natural_key(self):
        return (self.role.slug, self.item.slug)

    natural_key.dependencies = ["roadmap.role", "roadmap.item"]

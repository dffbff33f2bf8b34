import functools
import re
import zoneinfo

from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from careerpath.db.rows import is_new
from careerpath.validators import no_control_characters


class User(AbstractUser):
    """The site's user, custom from the first migration so that accounts can grow without a data move."""

    email = models.EmailField(_("email address"), blank=True)

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        constraints = [
            # Sign-in is by email (accounts issue); two accounts must never share one address.
            models.UniqueConstraint(
                models.functions.Lower("email"),
                condition=~models.Q(email=""),
                name="accounts_user_email_unique_ci",
            ),
        ]

    def __str__(self) -> str:
        return self.email or self.username


def user_display(user) -> str:
    """How messages name a learner: their display name, else their address."""
    profile = getattr(user, "profile", None)
    return (profile.display_name if profile else "") or user.email or user.username


# The unsubscribe key's shape (secrets.token_urlsafe(24), accounts.services.profile_unsubscribe_key): nothing else is
# looked up, so a stray byte in a link never reaches the database.
UNSUBSCRIBE_KEY = re.compile(r"[A-Za-z0-9_-]{32}")


class Background(models.TextChoices):
    TECH = "tech", _("I come from a tech field")
    NON_TECH = "non_tech", _("I come from a non-tech field")
    UNDISCLOSED = "undisclosed", _("I prefer not to say")


@functools.cache
def time_zone_choices():
    """The IANA zone names, sorted once per process: the goals form renders all ~600 of them."""
    return [(name, name) for name in sorted(zoneinfo.available_timezones())]


class Profile(models.Model):
    """A learner's goals: where they come from, which role they aim for, by when, and how much time they have."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile", verbose_name=_("user"))
    display_name = models.CharField(_("display name"), max_length=80, blank=True, validators=[no_control_characters])
    background = models.CharField(
        _("background"),
        max_length=11,
        choices=Background,
        blank=True,
        help_text=_("Where you start. Empty until the learner says (never assumed)."),
    )
    target_role = models.ForeignKey(
        "roadmap.Role",
        on_delete=models.PROTECT,
        limit_choices_to={"status": "published"},
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("target role"),
        help_text=_("The role you are working toward."),
    )
    target_date = models.DateField(_("target date"), null=True, blank=True, help_text=_("When you want to be ready."))
    hours_per_week = models.PositiveSmallIntegerField(
        _("hours per week"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Hours you can give to learning in a typical week."),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        choices=time_zone_choices,
        help_text=_("Empty until the learner chooses one: pages use UTC meanwhile."),
    )
    weekly_digest = models.BooleanField(
        _("weekly digest"),
        default=False,
        help_text=_("Opt-in: a Monday email with last week's work, this week's plan and reviews due."),
    )
    unsubscribe_key = models.CharField(
        _("unsubscribe key"),
        max_length=43,
        blank=True,
        default="",
        editable=False,
        db_index=True,
        help_text=_("The secret of the digest's one-click unsubscribe link; emptied when the sign-in address changes."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    record_version = models.PositiveBigIntegerField(
        _("record version"),
        default=0,
        editable=False,
        help_text=_("Raised in the transaction of every change to the learner's record; cached pages are keyed on it."),
    )

    WRITTEN_BY_SERVICES_ONLY = ("record_version", "unsubscribe_key")

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")
        constraints = [
            models.CheckConstraint(condition=models.Q(hours_per_week__lte=100), name="accounts_profile_hours_sane"),
        ]

    def __str__(self) -> str:
        return self.display_name or str(self.user)

    def save(self, *args, **kwargs):
        """Saving the goals never writes `record_version` nor `unsubscribe_key`: an instance loaded before a change
        would write an older value back (a page cached under an old version could be served again; a live unsubscribe
        link would die, or a dead one live again). Only their services write them, by an UPDATE."""
        if not is_new(self) and kwargs.get("update_fields") is None and not kwargs.get("force_insert"):
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name not in self.WRITTEN_BY_SERVICES_ONLY
            ]
        super().save(*args, **kwargs)


class TokenScope(models.TextChoices):
    READ = "read", _("Read: my data, nothing changed")
    WRITE = "write", _("Write: read, and change my progress")


class ApiToken(models.Model):
    """A personal access token for the API. Only its SHA-256 is stored: the secret is shown once, when made.

    The token is 32 random bytes, so a fast hash is enough (nothing to brute-force, unlike a password); the first
    characters stay in `prefix` so the learner can tell tokens apart.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user"))
    name = models.CharField(_("name"), max_length=60, validators=[no_control_characters])
    scope = models.CharField(_("scope"), max_length=5, choices=TokenScope, default=TokenScope.READ)
    prefix = models.CharField(_("starts with"), max_length=12, editable=False)
    token_hash = models.CharField(_("SHA-256 of the token"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("made"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        indexes = [models.Index(fields=["user", "-created_at"], name="accounts_token_user_made")]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def can_write(self) -> bool:
        return self.scope == TokenScope.WRITE

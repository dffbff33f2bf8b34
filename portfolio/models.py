"""A learner's public portfolio: private until they choose a handle and publish, and then only what they pick.

Each done item is hidden until the learner shows it; the private note never appears anywhere public, only the
optional public summary written for the portfolio, the evidence link and the endorsements the item received.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from careerpath.validators import no_control_characters
from roadmap.models import Item

HANDLE_PATTERN = r"^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$"
SUMMARY_MAX_LENGTH = 600
# Handles a learner may not choose: /u/admin/ or /u/support/ would read as the site speaking. Every top-level path
# of the site (a test keeps this in step with the URLconf), the names of roles and staff, and the addresses mail
# systems reserve (RFC 2142). Compared in lowercase; handles are lowercase anyway.
RESERVED_HANDLES = frozenset(
    {
        # the site's own paths
        "accounts", "admin", "api", "changes", "cohorts", "credentials", "dashboard", "endorsements", "healthz",
        "history", "items", "jobs", "join", "media", "plan", "portfolio", "roles", "start", "static", "tracks", "u",
        "well-known",
        # the site and the people who speak for it
        "careerpath", "administrator", "editor", "editors", "help", "mentor", "mentors", "moderator", "official",
        "owner", "root", "security", "staff", "support", "system", "team",
        # host and mail names
        "abuse", "hostmaster", "info", "mail", "no-reply", "noreply", "postmaster", "unsubscribe", "webmaster", "www",
    }
)  # fmt: skip
HANDLE_TAKEN = _("That handle is taken: choose another.")


def validate_handle_not_reserved(handle: str) -> None:
    """Refuse a handle that names a part of the site or a role, case-insensitively.

    Checked when a learner chooses a handle (portfolio.services.portfolio_settings_save), not on the model field:
    a portfolio that already held one of these before the list existed keeps it, so its public address and its
    owner's settings keep working; only a new choice is refused. Staff may still set one in the admin.
    """
    if handle.lower() in RESERVED_HANDLES:
        raise ValidationError(
            _("“%(handle)s” is kept for the site: it names one of its pages or a role. Choose another handle."),
            code="reserved",
            params={"handle": handle},
        )


class Portfolio(models.Model):
    learner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="portfolio", verbose_name=_("learner")
    )
    handle = models.CharField(
        _("handle"),
        max_length=40,
        unique=True,
        null=True,
        blank=True,
        validators=[
            RegexValidator(HANDLE_PATTERN, _("3 to 40 lowercase letters, digits or hyphens, no hyphen at either end."))
        ],
        help_text=_("Your public address: /u/your-handle/."),
    )
    published = models.BooleanField(_("published"), default=False)
    allow_indexing = models.BooleanField(
        _("let search engines list it"),
        default=False,
        help_text=_("Off: the page asks search engines not to index it."),
    )
    headline = models.CharField(
        _("headline"), max_length=160, blank=True, validators=[no_control_characters],
        help_text=_("One line under your name, like “Career changer from nursing, aiming at ML engineering”."),
    )  # fmt: skip
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("portfolio")
        verbose_name_plural = _("portfolios")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(published=False) | models.Q(handle__isnull=False),
                name="portfolio_published_has_handle",
            )
        ]

    def __str__(self) -> str:
        return self.handle or f"portfolio of {self.learner}"


class PortfolioEntry(models.Model):
    """The learner's choice for one done item: shown or not, and an optional public summary."""

    portfolio = models.ForeignKey(
        Portfolio, on_delete=models.CASCADE, related_name="entries", verbose_name=_("portfolio")
    )
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="+", verbose_name=_("item"))
    shown = models.BooleanField(_("shown"), default=False)
    summary = models.TextField(
        _("public summary"), max_length=SUMMARY_MAX_LENGTH, blank=True, validators=[no_control_characters],
        help_text=_("What you built and what it shows, for visitors. Your private note is never shown."),
    )  # fmt: skip

    class Meta:
        verbose_name = _("portfolio item")
        verbose_name_plural = _("portfolio items")
        constraints = [models.UniqueConstraint(fields=["portfolio", "item"], name="portfolio_item_once")]

    def __str__(self) -> str:
        return f"{self.portfolio} · {self.item}"

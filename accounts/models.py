from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


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

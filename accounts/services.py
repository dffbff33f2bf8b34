"""Writes on a person's account: deleting everything the site holds about them (goals are a ModelForm)."""

from django.db import transaction

from .models import User


@transaction.atomic
def user_delete(*, user: User) -> None:
    """Remove the user and, by cascade, every row of personal data that points at them."""
    user.delete()

"""Writes on a person's account: their goals profile and deleting everything the site holds about them."""

from django.db import transaction

from .models import Profile, User


def profile_get_or_create(*, user: User) -> Profile:
    """The learner's goals, created empty on first use (the goals form proposes the main-goal role)."""
    profile, _ = Profile.objects.get_or_create(user=user)
    return profile


@transaction.atomic
def user_delete(*, user: User) -> None:
    """Remove the user and, by cascade, every row of personal data that points at them."""
    user.delete()

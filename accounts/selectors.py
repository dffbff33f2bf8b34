"""Reads on accounts that more than one flow asks: which accounts an email address identifies."""

from allauth.account.models import EmailAddress

from .models import User


def users_identified_by(email: str, users, *, sign_up_address_counts: bool = False) -> list[User]:
    """Of `users` (the candidates allauth found for `email`), those the address identifies: the ones on which it is
    verified. An address only pending on an account (added, not confirmed) never identifies it, so a reset link, a
    sign-in code or a password sign-in cannot reach an account through an address its owner never proved.

    `sign_up_address_counts`: the account's own sign-up address (`User.email`) counts while unconfirmed, so that a
    password sign-in of a newcomer who has not confirmed yet is answered by allauth with a new confirmation mail.
    Only the account's owner knows that password, so it opens nothing to anyone else.
    """
    users = list(users)
    if not users:
        return []
    email = email.lower()
    verified = set(
        EmailAddress.objects.filter(email=email, verified=True, user__in=users).values_list("user_id", flat=True)
    )
    return [
        user
        for user in users
        if user.pk in verified or (sign_up_address_counts and (user.email or "").lower() == email)
    ]


def email_is_taken(email: str) -> bool:
    """Whether an account holds this address for good: verified on it, or set on the user with no address row at all
    (an account made in the admin or by `createsuperuser`, whose address staff vouched for)."""
    email = email.lower()
    if EmailAddress.objects.filter(email=email, verified=True).exists():
        return True
    return User.objects.filter(email__iexact=email).exclude(emailaddress__email=email).exists()

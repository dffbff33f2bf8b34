"""Reads on accounts that more than one flow asks: which accounts an email address identifies."""

from allauth.account.models import EmailAddress

from .models import UNSUBSCRIBE_KEY, Profile, User


def users_identified_by(email: str, users, *, sign_up_address_counts: bool = False) -> list[User]:
    """Of `users` (the candidates allauth found for `email`), those the address identifies: the ones on which it is
    verified. An address only claimed by an account (a sign-up never confirmed) never identifies it, so a reset
    link or a sign-in code cannot reach an account through an address its owner never proved.

    `sign_up_address_counts` (the password sign-in): the account's own sign-up address (`User.email`) counts while
    unconfirmed, so that a newcomer who closed the tab before typing the code, or an editor made with
    createsuperuser, is answered with a new code to type in that browser instead of "wrong password". Only the
    account's password opens it, and the code goes to the address, so it gives nobody else anything but the
    knowledge that the claim still stands.
    """
    users = list(users)
    if not users:
        return []
    email = email.lower()
    verified_on = EmailAddress.objects.filter(email=email, verified=True, user__in=users)
    verified = set(verified_on.values_list("user_id", flat=True))
    return [
        user
        for user in users
        if user.pk in verified or (sign_up_address_counts and (user.email or "").lower() == email)
    ]


def profile_by_unsubscribe_key(key: str) -> Profile | None:
    """The profile (with its user) a one-click unsubscribe key belongs to, or None when it is no current key."""
    if not UNSUBSCRIBE_KEY.fullmatch(key or ""):
        return None
    return Profile.objects.filter(unsubscribe_key=key).select_related("user").first()


def email_is_taken(email: str) -> bool:
    """Whether an account holds this address for good: verified on it, or set on the user with no address row at all
    (an account made in the admin or by `createsuperuser`, whose address staff vouched for)."""
    email = email.lower()
    if EmailAddress.objects.filter(email=email, verified=True).exists():
        return True
    return User.objects.filter(email__iexact=email).exclude(emailaddress__email=email).exists()

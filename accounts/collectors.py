"""What the accounts app holds about a person, for "download my data"."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from .models import Profile


def collect_account(user) -> list[dict]:
    return [
        {
            "email": user.email,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "two_factor_methods": ", ".join(
                Authenticator.objects.filter(user=user).values_list("type", flat=True).order_by("type")
            ),
        }
    ]


def collect_email_addresses(user) -> list[dict]:
    return list(EmailAddress.objects.filter(user=user).values("email", "verified", "primary").order_by("email"))


def collect_profile(user) -> list[dict]:
    profile = Profile.objects.filter(user=user).select_related("target_role").first()
    if profile is None:
        return []
    return [
        {
            "display_name": profile.display_name,
            "background": profile.get_background_display(),
            "target_role": profile.target_role.title if profile.target_role else "",
            "target_date": profile.target_date,
            "hours_per_week": profile.hours_per_week,
            "time_zone": profile.time_zone,
            "updated_at": profile.updated_at,
        }
    ]

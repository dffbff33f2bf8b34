"""What the accounts app holds about a person, for "download my data"."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from .models import ApiToken, Profile


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
            "weekly_digest": profile.weekly_digest,
            "updated_at": profile.updated_at,
        }
    ]


ACCOUNT_LABELS = {
    "email": "Email address",
    "date_joined": "Joined",
    "last_login": "Last signed in",
    "two_factor_methods": "Two-factor methods",
}
EMAIL_LABELS = {"email": "Email address", "verified": "Confirmed", "primary": "Primary"}
PROFILE_LABELS = {
    "display_name": "Display name",
    "background": "Background",
    "target_role": "Target role",
    "target_date": "Target date",
    "hours_per_week": "Hours per week",
    "time_zone": "Time zone",
    "weekly_digest": "Weekly digest",
    "updated_at": "Last changed",
}
TOKEN_LABELS = {
    "name": "Name",
    "scope": "Scope",
    "prefix": "Starts with",
    "created_at": "Made",
    "expires_at": "Expires",
    "last_used_at": "Last used",
    "revoked_at": "Revoked",
}


def collect_api_tokens(user) -> list[dict]:
    """Names and dates only: the secret was never stored, and its hash is a credential, not data about the person."""
    return list(
        ApiToken.objects.filter(user=user)
        .values("name", "scope", "prefix", "created_at", "expires_at", "last_used_at", "revoked_at")
        .order_by("created_at")
    )

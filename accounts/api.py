"""The caller's own profile and goals over the API."""

from datetime import date

from ninja import Router, Schema

from careerpath.api_errors import ERRORS_READ

from .api_auth import AUTH, read_limits
from .models import Profile

router = Router(tags=["me"], auth=AUTH)


class MeOut(Schema):
    email: str
    display_name: str
    target_role: str | None
    background: str
    target_date: date | None
    hours_per_week: int
    time_zone: str
    weekly_digest: bool


@router.get("", response={200: MeOut, **ERRORS_READ}, throttle=read_limits(), summary="My profile and goals")
def me(request):
    """Goals not set yet read as the defaults the pages use: no role, no date, 5 hours a week, UTC."""
    profile = Profile.objects.filter(user=request.user).select_related("target_role").first() or Profile()
    return {
        "email": request.user.email, "display_name": profile.display_name,
        "target_role": profile.target_role.slug if profile.target_role_id else None,
        "background": profile.background, "target_date": profile.target_date,
        "hours_per_week": profile.hours_per_week, "time_zone": profile.time_zone or "UTC",
        "weekly_digest": profile.weekly_digest,
    }  # fmt: skip

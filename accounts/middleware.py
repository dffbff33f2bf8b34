from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone


class StaffTwoFactorMiddleware:
    """With STAFF_REQUIRE_TWO_FACTOR on, staff without a TOTP authenticator are sent to set one up before the admin
    or any staff-only page (a view wrapped in `accounts.decorators.staff_required`).

    Editors hold the keys to all content and learner insights, so a stolen password alone must not open them.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = reverse("admin:index")

    def __call__(self, request):
        if request.path.startswith(self.admin_prefix) and self._needs_second_factor(request):
            return self._set_up_first(request)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if getattr(view_func, "staff_only", False) and self._needs_second_factor(request):
            return self._set_up_first(request)
        return None

    @staticmethod
    def _needs_second_factor(request) -> bool:
        return (
            settings.STAFF_REQUIRE_TWO_FACTOR
            and request.user.is_authenticated
            and request.user.is_staff
            and not Authenticator.objects.filter(user=request.user, type=Authenticator.Type.TOTP).exists()
        )

    @staticmethod
    def _set_up_first(request):
        messages.warning(request, "Staff accounts need two-factor authentication: set it up to open the editor.")
        return redirect("mfa_activate_totp")


class LearnerTimeZoneMiddleware:
    """Shows times in the learner's own time zone (from their goals), UTC for visitors.

    Reads `user.profile`, which the navigation bar reads anyway, so it adds no query to a page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        zone = None
        if request.user.is_authenticated:
            profile = getattr(request.user, "profile", None)
            zone = learner_zone(profile)
        if zone:
            timezone.activate(zone)
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


def learner_zone(profile) -> ZoneInfo | None:
    """The profile's time zone, or None when it has none or it is not one this machine knows."""
    if profile is None or not profile.time_zone:
        return None
    try:
        return ZoneInfo(profile.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        return None

"""Guards for views: staff-only pages need a signed-in staff member, and, in production, their second factor."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied


def staff_required(view):
    """Signed in (else the sign-in page), staff (else 403); marked `staff_only` so that StaffTwoFactorMiddleware
    asks for two-factor authentication first, as it does for the admin."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not request.user.is_staff:
            raise PermissionDenied("This page is for staff.")
        return view(request, *args, **kwargs)

    wrapped = login_required(guarded)
    wrapped.staff_only = True
    return wrapped

"""The key of the cached dashboard (machinery in careerpath.page_cache), and what makes it change.

A learner's pages are keyed on their profile's `record_version`, a number the progress, planning and mentoring
services raise in the same transaction as every change to the learner's record (`learner_changed`). The version
is read with the session's user (the profile is joined to it), so the key costs no query, the tick writes no
cache, and a page stored under a version always shows that version's data: a tick on one app server is seen at
once by every other, whatever their local page caches hold.
"""

from django.utils import timezone

from accounts.services import profile_record_changed
from roadmap.cache import content_token


def learner_changed(user_id: int) -> None:
    """The learner's cached pages are stale from the moment this change commits (and not before)."""
    profile_record_changed(user_id=user_id)


def dashboard_key(*, user, profile) -> str:
    """Everything the dashboard shows is in its key, so a cached dashboard is never stale.

    The content token (one shared-cache read), the learner's record version and goals (`updated_at`), the
    navigation bar's inputs (address, staff links), their local date and time zone.
    """
    return ":".join(
        [
            "dashboard",
            str(user.pk),
            user.email,
            str(user.is_staff),
            content_token(),
            str(profile.record_version) if profile else "no-profile",
            timezone.localdate().isoformat(),
            timezone.get_current_timezone_name(),
            profile.updated_at.isoformat() if profile else "no-profile",
        ]
    )

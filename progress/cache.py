"""The learner token and the key of the cached dashboard (machinery in careerpath.page_cache).

The progress services replace a learner's token whenever their progress changes, so their cached pages are never
served again.
"""

from django.utils import timezone

from careerpath import page_cache
from roadmap.cache import CONTENT_TOKEN_KEY

LEARNER_TOKEN_KEY = "careerpath:learner-token:{user_id}"  # noqa: S105 - a cache key, not a secret


def learner_changed(user_id: int) -> None:
    """The learner's cached pages are stale from the moment their progress changes."""
    page_cache.token_replace(LEARNER_TOKEN_KEY.format(user_id=user_id))


def dashboard_key(*, user, profile) -> str:
    """Everything the dashboard shows is in its key, so a cached dashboard is never stale.

    The content and learner tokens (one cache round trip), the navigation bar's inputs (address, staff links),
    the learner's goals (`updated_at`), their local date and time zone.
    """
    content_token, learner_token = page_cache.tokens_get(CONTENT_TOKEN_KEY, LEARNER_TOKEN_KEY.format(user_id=user.pk))
    return ":".join(
        [
            "dashboard",
            str(user.pk),
            user.email,
            str(user.is_staff),
            content_token,
            learner_token,
            timezone.localdate().isoformat(),
            timezone.get_current_timezone_name(),
            profile.updated_at.isoformat() if profile else "no-profile",
        ]
    )

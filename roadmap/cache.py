"""The content token and the keys of roadmap's cached pages (machinery in careerpath.page_cache).

One token covers all curated content and is replaced whenever any content row changes (admin edits, inlines,
actions, imports). Content changes are caught with model signals. That is deliberate and the only use of signals
here: invalidation must follow every write path, including the admin's inlines and `loaddata`, which call no
service of ours. `QuerySet.update()` sends no signal, so the services that use it bump the token themselves.
"""

from time import monotonic

from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save

from careerpath import page_cache

CONTENT_TOKEN_KEY = "careerpath:content-token"  # noqa: S105 - a cache key, not a secret
# The token this process read last, and until when (time.monotonic()) it may use it without asking the shared cache.
_remembered: dict[str, tuple[str, float]] = {}


def content_token() -> str:
    """The current content version, read from the shared cache at most once per `CONTENT_TOKEN_SECONDS` (1 s by
    default) per process.

    Every cached page and kept outline of content is keyed on it, so asking the shared cache on each request cost a
    query (a network round trip with PostgreSQL or Redis) on pages that need none otherwise: a visitor's track page,
    and with the session and user a learner's cached dashboard. The price: an editor's change shows on the other app
    servers up to that long after it commits; on the server that made it, at once. A learner's own record is never
    read this way (`progress.cache`): their changes show at once everywhere. 0 asks the shared cache every time.
    """
    remembered = _remembered.get(CONTENT_TOKEN_KEY)
    if remembered is not None and monotonic() < remembered[1]:
        return remembered[0]
    token = page_cache.tokens_get(CONTENT_TOKEN_KEY)[0]
    _remember(token)
    return token


def content_token_forget() -> None:
    """Ask the shared cache on the next read (tests that replace the shared cache's contents use it)."""
    _remembered.pop(CONTENT_TOKEN_KEY, None)


def _remember(token: str) -> None:
    _remembered[CONTENT_TOKEN_KEY] = (token, monotonic() + settings.CONTENT_TOKEN_SECONDS)


def content_changed(**_kwargs) -> None:
    """Every cached page that shows content is stale from the moment the content changes: at once on this app
    server, within `CONTENT_TOKEN_SECONDS` on the others."""
    page_cache.token_replace(CONTENT_TOKEN_KEY, then=_remember)


def track_page_key(*, path: str) -> str:
    """The visitors' track page: one copy per content version."""
    return f"track:{path}:{content_token()}"


def connect_content_signals(models) -> None:
    for model in models:
        uid = f"careerpath-cache-{model._meta.label_lower}"
        post_save.connect(content_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"{uid}-delete")
    for model in models:
        for m2m in model._meta.local_many_to_many:
            through = m2m.remote_field.through
            m2m_changed.connect(content_changed, sender=through, dispatch_uid=f"careerpath-cache-{through._meta.label}")

"""Cached pages with exact invalidation: a cached page is keyed on version tokens that every change replaces.

Two tokens exist: one for all curated content, bumped whenever any content row changes (admin edits, inlines,
actions, imports), and one per learner, bumped by the progress services. A token is a fresh random string, never a
counter, so a token lost from the cache (evicted, restarted) can only produce a key that was never used: a stale
page cannot come back. Keys also carry everything else a page depends on (the learner's goals, their local date),
so nothing has to be deleted: old entries simply expire.

Tokens live in the shared cache ("default": the database, or Redis) because every process must see a bump. Pages
live in the "pages" cache, in each process by default: a process that has not seen a page renders it once.

Content changes are caught with model signals. That is deliberate and the only use of signals here: invalidation
must follow every write path, including the admin's inlines and `loaddata`, which call no service of ours.
`QuerySet.update()` sends no signal, so the services that use it bump the token themselves.
"""

import uuid
import zlib

from django.contrib.messages import get_messages
from django.core.cache import cache, caches
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.db.transaction import on_commit
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.connection import ConnectionProxy

CONTENT_TOKEN_KEY = "careerpath:content-token"  # noqa: S105 - a cache key, not a secret
LEARNER_TOKEN_KEY = "careerpath:learner-token:{user_id}"  # noqa: S105 - a cache key
PAGE_TIMEOUT = 60 * 60 * 24  # a day; every change gets a new key anyway
CSRF_PLACEHOLDER = "careerpath-csrf-placeholder-9f1c"
pages = ConnectionProxy(caches, "pages")


def _new_token() -> str:
    return uuid.uuid4().hex


def _token(key: str, tokens: dict[str, str]) -> str:
    token = tokens.get(key)
    if token is None:
        token = _new_token()
        cache.set(key, token, None)
    return token


def tokens_for(user_id: int | None = None) -> tuple[str, str | None]:
    """(content token, learner token) in one cache round trip."""
    keys = [CONTENT_TOKEN_KEY] + ([LEARNER_TOKEN_KEY.format(user_id=user_id)] if user_id else [])
    found = cache.get_many(keys)
    content = _token(CONTENT_TOKEN_KEY, found)
    learner = _token(keys[1], found) if user_id else None
    return content, learner


def _replace_token(key: str) -> None:
    """A new token once the change commits, never before: that alone is exact.

    A request that read the old token may store a page under it, with old or new data, at any moment; once the
    token is replaced nobody asks for that key again. A request that reads the new token runs after the commit and
    sees the new data. (Outside a transaction, on_commit runs at once.)
    """
    on_commit(lambda: cache.set(key, _new_token(), None))


def content_changed(**_kwargs) -> None:
    """Every cached page that shows content is stale from the moment the content changes."""
    _replace_token(CONTENT_TOKEN_KEY)


def learner_changed(user_id: int) -> None:
    """The learner's cached pages are stale from the moment their progress changes."""
    _replace_token(LEARNER_TOKEN_KEY.format(user_id=user_id))


def cached_page(request, key: str, render_response) -> HttpResponse:
    """The whole page stored under `key`, or `render_response(extra_context)` rendered, stored and returned.

    The page is rendered with a placeholder for the CSRF token (the sign-out form in the navigation bar has one)
    and each response gets the visitor's own token, so a cached page never shares a token. Pages with messages
    waiting are never cached nor served from the cache: a message belongs to one response.
    """
    if len(get_messages(request)):
        return render_response({})
    key = f"careerpath:page:{key}"
    stored = pages.get(key)
    if stored is None:
        response = render_response({"csrf_token": CSRF_PLACEHOLDER})
        if hasattr(response, "render"):
            response.render()
        if response.status_code != 200:
            return response
        html = response.content.decode()
        pages.set(key, zlib.compress(html.encode(), 1), PAGE_TIMEOUT)
    else:
        html = zlib.decompress(stored).decode()
    if CSRF_PLACEHOLDER in html:
        html = html.replace(CSRF_PLACEHOLDER, get_token(request))
    return HttpResponse(html)


def connect_content_signals(models) -> None:
    for model in models:
        uid = f"careerpath-cache-{model._meta.label_lower}"
        post_save.connect(content_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"{uid}-delete")
    for model in models:
        for m2m in model._meta.local_many_to_many:
            through = m2m.remote_field.through
            m2m_changed.connect(content_changed, sender=through, dispatch_uid=f"careerpath-cache-{through._meta.label}")

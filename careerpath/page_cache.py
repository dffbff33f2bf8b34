"""Cached pages with exact invalidation: a cached page is keyed on version tokens that every change replaces.

Each app owns its tokens and the keys of its pages (`roadmap.cache`: one token for all curated content, which
changes rarely and through many write paths); this module holds the machinery they share. A learner's pages are
keyed on a version kept in the database instead (`progress.cache`), raised in the transaction of each change.

A token is a fresh random string, never a counter, so a token lost from the cache (evicted, restarted) can only
produce a key that was never used: a stale page cannot come back. Keys also carry everything else a page depends
on (the learner's goals, their local date), so nothing has to be deleted: old entries simply expire.

Tokens live in the shared cache ("default": the database, or Redis) because every process must see a bump. Pages
live in the "pages" cache, in each process by default: a process that has not seen a page renders it once.
"""

import re
import uuid
import zlib

from django.contrib.messages import get_messages
from django.core.cache import cache, caches
from django.db.transaction import on_commit
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.connection import ConnectionProxy

PAGE_TIMEOUT = 60 * 60 * 24  # a day; every change gets a new key anyway
CSRF_PLACEHOLDER = "careerpath-csrf-placeholder-9f1c"
pages = ConnectionProxy(caches, "pages")


def _new_token() -> str:
    return uuid.uuid4().hex


def tokens_get(*keys: str) -> list[str]:
    """The current token under each key, in one cache round trip; a missing token is created."""
    found = cache.get_many(keys)
    tokens = []
    for key in keys:
        token = found.get(key)
        if token is None:
            token = _new_token()
            cache.set(key, token, None)
        tokens.append(token)
    return tokens


def token_replace(key: str) -> None:
    """A new token once the change commits, never before: that alone is exact.

    A request that read the old token may store a page under it, with old or new data, at any moment; once the
    token is replaced nobody asks for that key again. A request that reads the new token runs after the commit and
    sees the new data. (Outside a transaction, on_commit runs at once.)
    """
    on_commit(lambda: cache.set(key, _new_token(), None))


_INDENT = re.compile(r"\n\s+")


def compact(html: str) -> str:
    """The page without the templates' indentation and blank lines: a newline followed by whitespace is one
    newline, which HTML reads the same (both are whitespace between words, and nothing between tags). Pages holding
    <pre> or <textarea>, where whitespace is content, are left as they are."""
    if "<pre" in html or "<textarea" in html:
        return html
    return _INDENT.sub("\n", html)


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
        html = compact(response.content.decode())
        pages.set(key, zlib.compress(html.encode(), 1), PAGE_TIMEOUT)
    else:
        html = zlib.decompress(stored).decode()
    if CSRF_PLACEHOLDER in html:
        html = html.replace(CSRF_PLACEHOLDER, get_token(request))
    return HttpResponse(html)

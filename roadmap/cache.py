"""The content version and the keys of roadmap's cached pages (machinery in careerpath.page_cache).

One version covers all curated content and is replaced whenever any content row changes (admin edits, inlines,
actions, imports), in the same transaction (`roadmap.models.ContentVersion`): the edit and its new version commit
together or not at all, whatever the shared cache (Redis) is doing. Content changes are caught with model signals.
That is deliberate and the only use of signals here: invalidation must follow every write path, including the
admin's inlines and `loaddata`, which call no service of ours. `QuerySet.update()` sends no signal, so the services
that use it call `content_changed()` themselves.
"""

import uuid
from time import monotonic

from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.db.transaction import on_commit

from .models import ContentVersion

# The version this process read last, and until when (time.monotonic()) it may use it without asking the database.
_remembered: list[tuple[str, float]] = []


def content_token() -> str:
    """The current content version, read from the database at most once per `CONTENT_TOKEN_SECONDS` (1 s by default)
    per process.

    Every cached page and kept outline of content is keyed on it, so asking on each request would cost a query on
    pages that need none otherwise: a visitor's cached track page, and with the session and user a learner's cached
    dashboard. The price: an editor's change shows on the other app servers up to that long after it commits; on the
    server that made it, at once. A learner's own record is never read this way (`progress.cache`): their changes
    show at once everywhere. 0 asks the database every time.
    """
    if _remembered and monotonic() < _remembered[0][1]:
        return _remembered[0][0]
    token = ContentVersion.objects.get_or_create(pk=ContentVersion.ONLY, defaults={"token": _new_token()})[0].token
    _remember(token)
    return token


def content_token_forget() -> None:
    """This process forgets the version and all it kept for it, as a process just started: the next read asks the
    database (tests use it, to count queries from scratch and to change the version behind the process's back)."""
    _remembered.clear()
    _kept.clear()


def _new_token() -> str:
    """A fresh random string, never a counter: a database restored from a backup cannot bring back a version some
    process still holds pages for."""
    return uuid.uuid4().hex


def _remember(token: str) -> None:
    _remembered[:] = [(token, monotonic() + settings.CONTENT_TOKEN_SECONDS)]


def content_changed(**_kwargs) -> None:
    """Every cached page that shows content is stale from the moment the content changes: at once on this app
    server, within `CONTENT_TOKEN_SECONDS` on the others.

    The new version is written in the change's transaction; this process starts using it once that commits, never
    before (a request reading the new version before the commit would store the old content under it).
    """
    token = _new_token()
    if not ContentVersion.objects.filter(pk=ContentVersion.ONLY).update(token=token):
        ContentVersion.objects.update_or_create(pk=ContentVersion.ONLY, defaults={"token": token})
    on_commit(lambda: _remember(token))


# What is kept per content version in this process's memory: read from the database once per version, then shared
# by every request of the process without a query or unpickling. Shared objects are read-only to their readers.
_kept: dict[tuple, object] = {}


def kept_for_content_version(name: tuple, build):
    """`build()`'s value for the current content version, built once per version and process (None is not kept).

    The token is read before building, so what is kept is at least as new as its version; a newer version is a new
    key, and the older versions' values are dropped then.
    """
    token = content_token()
    key = (*name, token)
    value = _kept.get(key)
    if value is None:
        value = build()
        if value is None:
            return None
        for old in [old for old in _kept if old[-1] != token]:
            _kept.pop(old, None)
        _kept[key] = value
    return value


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

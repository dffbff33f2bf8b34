"""The content token and the keys of roadmap's cached pages (machinery in careerpath.page_cache).

One token covers all curated content and is replaced whenever any content row changes (admin edits, inlines,
actions, imports). Content changes are caught with model signals. That is deliberate and the only use of signals
here: invalidation must follow every write path, including the admin's inlines and `loaddata`, which call no
service of ours. `QuerySet.update()` sends no signal, so the services that use it bump the token themselves.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from careerpath import page_cache

CONTENT_TOKEN_KEY = "careerpath:content-token"  # noqa: S105 - a cache key, not a secret


def content_token() -> str:
    return page_cache.tokens_get(CONTENT_TOKEN_KEY)[0]


def content_changed(**_kwargs) -> None:
    """Every cached page that shows content is stale from the moment the content changes."""
    page_cache.token_replace(CONTENT_TOKEN_KEY)


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

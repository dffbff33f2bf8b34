"""Local development: DEBUG on, an insecure key that never leaves this machine."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="dev-only-insecure-key-never-use-in-production")
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
# runserver serves static files itself; the manifest needs collectstatic, which dev skips.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Pages are computed on every request here, never served from the page cache: its keys follow the data, not the
# templates, so an edited template would otherwise show only after the next change or restart. Production and the
# tests keep the cache (careerpath.page_cache).
CACHES = {**CACHES, "pages": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}  # noqa: F405

"""Settings for bench/: production's configuration (DEBUG off, cached templates, manifest static files, persistent
connections, the database cache) served over plain HTTP on 127.0.0.1, plus the floor view at /bench/floor/."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "bench-only-key-never-deployed-" + "x" * 32)
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
ROOT_URLCONF = "careerpath.bench_urls"
STATIC_ROOT = os.environ.get("BENCH_STATIC_ROOT", "/tmp/careerpath-bench/static")  # noqa: S108 - bench only
EMAIL_BACKEND = EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
if os.environ.get("BENCH_NO_CACHE"):
    # Every page computed from scratch: what caching saves is the difference between the two runs.
    CACHES = {name: {"BACKEND": "django.core.cache.backends.dummy.DummyCache"} for name in ("default", "pages")}

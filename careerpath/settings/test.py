"""Settings for the test suite: fast hashing, in-memory mail, plain static storage for live_server."""

import atexit
import os
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Mail is delivered in the request in tests (mail.outbox); tests/planning/test_worker.py runs the real queue.
EMAIL_BACKEND = EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Each test process has its own queue file; tests that run the worker start a real consumer on it. Every process
# that loads these settings makes it (pytest's, and manage.py's in scripts/test.sh), so each removes its own at exit.
HUEY = {**HUEY, "huey_class": "huey.SqliteHuey", "filename": f"/tmp/careerpath-test-huey-{os.getpid()}.sqlite3"}  # noqa: F405, S108
HUEY.pop("url", None)
atexit.register(lambda: [Path(HUEY["filename"] + end).unlink(missing_ok=True) for end in ("", "-wal", "-shm")])
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
# Each test process has its own rate-limit counters; production shares them through the database or Redis.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "careerpath-pages"},
}
# A test's requests use the content version they read first (roadmap.cache.content_token) unless a change replaces
# it, however slow the machine: pinned query counts never depend on timing. Tests of the expiry move the clock.
CONTENT_TOKEN_SECONDS = 3600

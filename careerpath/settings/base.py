"""Settings shared by every environment; dev, test and prod import from here."""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
DEBUG = False
ALLOWED_HOSTS: list[str] = []

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "js_lib_bootstrap5",
    "js_lib_bootstrap_icons",
    "django_htmx",
    "template_partials",
    "crispy_forms",
    "crispy_bootstrap5",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "csp",
    "accounts",
    "roadmap",
    "progress",
    "onboarding",
    "planning",
    "portfolio",
    "mentoring",
    "assessment",
    "jobs",
    "huey.contrib.djhuey",
    "ninja",  # serves the API docs (Swagger UI) from our static files
    "careerpath",  # its tasks.py (mail delivery) is found by the worker like every app's
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "careerpath.middleware.ApiJsonErrorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # HEAD and conditional GETs, Django's way: ETag from the content of every 200 that a cache may store (public or
    # revalidated; private no-store answers get none), 304 with the headers the 200 would carry, If-None-Match: *.
    "careerpath.middleware.HeadAsGetMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Inside authentication, so it sees request.user; its answer passes through every middleware that answers early.
    "careerpath.middleware.PrivateResponsesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "accounts.middleware.StaffTwoFactorMiddleware",
    "accounts.middleware.LearnerTimeZoneMiddleware",
    "csp.middleware.CSPMiddleware",
    "careerpath.middleware.UnreadableBodyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "careerpath.urls"
# Widgets render with the project's templates too (templates/accounts/widgets/), Django's own after them.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
WSGI_APPLICATION = "careerpath.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "roadmap.context_processors.navigation",
            ],
        },
    },
    {
        # The hot fragments only (careerpath/jinja2.py says which and why); every page is a Django template.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,  # <app>/jinja2/: careerpath/jinja2.py says why there
        "OPTIONS": {"environment": "careerpath.jinja2.environment", "autoescape": True},
    },
]


# How long any request or task waits for Redis or a database connection (seconds): a dependency that is down or
# frozen answers as an error in this time, never as a hung worker (the mail server has EMAIL_TIMEOUT).
DEPENDENCY_TIMEOUT = env.int("DEPENDENCY_TIMEOUT", default=3)


def database(config: dict) -> dict:
    """A database's settings as careerpath runs it, from DATABASE_URL's (production applies the same)."""
    # Persistent connections: a request reuses its worker's connection instead of opening one (measured in bench/).
    config["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    config["CONN_HEALTH_CHECKS"] = True
    config["ATOMIC_REQUESTS"] = False
    if config["ENGINE"] == "django.db.backends.postgresql":
        # A server that cannot be reached fails the request in seconds instead of holding a worker (libpq's timeout).
        config.setdefault("OPTIONS", {}).setdefault("connect_timeout", DEPENDENCY_TIMEOUT)
        # Django's backend, whose health check asks the server only when the idle connection is not quiet (see there).
        config["ENGINE"] = "careerpath.db.postgresql"
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # Writers take the lock when their transaction starts, so two workers never deadlock upgrading a read lock
        # ("database is locked"); WAL lets readers go on while one writes.
        config.setdefault("OPTIONS", {}).update(
            {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            }
        )
    return config


# SQLite file in the project root unless DATABASE_URL says otherwise.
DATABASES = {"default": database(env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"))}
# PostgreSQL: the written-out statements of hot paths are prepared on the server once per connection
# (careerpath.db.statements). Off (DATABASE_PREPARED_STATEMENTS=false) behind a pooler that hands one server
# connection to many clients, PgBouncer in transaction mode (docs/operations.md).
DATABASE_PREPARED_STATEMENTS = env.bool("DATABASE_PREPARED_STATEMENTS", default=True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "accounts.backends.ModelBackend",
    "accounts.backends.AuthenticationBackend",
]

# Accounts (django-allauth, two-factor, the proxies whose client address to trust): careerpath/settings/accounts.py.
from .accounts import *  # noqa: E402, F403

# Rate limits live in the cache, so every worker process must share it: the database by default, Redis when set.
# Rendered pages ("pages") may live in each process: their keys carry versions kept in the database, so a
# process can never serve a stale page, only miss (see careerpath.page_cache). About 10 KB each, compressed.
REDIS_URL = env("REDIS_URL", default="")
PAGES_CACHE = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "careerpath-pages",
    "OPTIONS": {"MAX_ENTRIES": env.int("PAGES_CACHE_ENTRIES", default=2000)},
}
# Sessions live in the database, Redis or not: on PostgreSQL the session and its user are read in one round trip
# (careerpath.sessions), where sessions in Redis cost a round trip to Redis and another for the user (measured in
# a quick make bench: the cached dashboard at 0.37x the floor with sessions in Redis, 0.41x in PostgreSQL).
SESSION_ENGINE = "careerpath.sessions.db"
# redis-py's connection pool options: connecting and every answer bounded by DEPENDENCY_TIMEOUT.
REDIS_OPTIONS = {"socket_connect_timeout": DEPENDENCY_TIMEOUT, "socket_timeout": DEPENDENCY_TIMEOUT}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": REDIS_OPTIONS,
        },
        "pages": PAGES_CACHE,
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "careerpath_cache"},
        "pages": PAGES_CACHE,
    }

# How long an app server may use the content version it read last before asking the database again
# (roadmap.cache.content_token): an editor's change reaches the other app servers within this many seconds.
CONTENT_TOKEN_SECONDS = env.float("CONTENT_TOKEN_SECONDS", default=1.0)

# The task queue (huey): mail, and the periodic digest run. Its own SQLite file by default (no server to run), Redis
# when REDIS_URL is set so that several machines share one queue. `python manage.py run_huey` is the worker.
HUEY = {
    "name": "careerpath",
    "immediate": False,  # a queue that runs tasks inline hides what the worker does; tests run a real consumer
    "results": False,
    "utc": True,
    # SIGTERM (what every deploy and `docker stop` send) lets the tasks in flight finish, for up to 25 seconds; give
    # the worker 30 before a SIGKILL (systemd's TimeoutStopSec, `docker stop -t 30`). A send cut short anyway is
    # not lost: the outbox row is sent again once its claim runs out (careerpath.outbox).
    "consumer": {
        "workers": 2,
        "worker_type": "thread",
        "periodic": True,
        "graceful_signal": "TERM",
        "shutdown_timeout": 25,
    },
}
if REDIS_URL:
    from redis import ConnectionPool

    # The queue waits for work with BRPOP for up to a second (huey's read_timeout), well inside the socket timeout.
    HUEY.update(
        {"huey_class": "huey.RedisHuey", "connection_pool": ConnectionPool.from_url(REDIS_URL, **REDIS_OPTIONS)}
    )
else:
    HUEY_DATABASE = env("HUEY_DATABASE", default=str(BASE_DIR / "huey.sqlite3"))
    HUEY.update({"huey_class": "huey.SqliteHuey", "filename": HUEY_DATABASE})

# The API (careerpath.api): requests per caller (a token, or a signed-in browser), reads and writes counted apart.
API_RATE_LIMITS = {"read": env("API_READ_RATE", default="600/m"), "write": env("API_WRITE_RATE", default="120/m")}

# Content Security Policy: only our own scripts and styles (htmx and Bootstrap are served from our static files).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    },
}

# Mail: every message is written to the outbox (careerpath.mail, careerpath.outbox); the worker delivers it with the
# backend EMAIL_URL names (console in development, e.g. smtp+tls://user:password@smtp.example.com:587 in production).
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
EMAIL_DELIVERY_BACKEND = EMAIL_CONFIG.pop("EMAIL_BACKEND")
globals().update(EMAIL_CONFIG)  # EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, ...
EMAIL_BACKEND = "careerpath.mail.OutboxEmailBackend"
# No page and no worker waits on a mail server longer than this (seconds); a server that accepts and never answers
# costs one attempt, retried later (careerpath.outbox).
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
# Links in mail that no request carries (the weekly digest, sent by the worker) and the ids of signed credentials
# start with this. Development follows the port `make run` serves on (the Makefile sets SITE_URL from PORT);
# production requires it, over https (careerpath.checks, `check --deploy`).
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# The sender of every mail, and the address a mail client's "unsubscribe" writes to (List-Unsubscribe's mailto:,
# read by `manage.py unsubscribe_from_mail`, which the mail server pipes that mailbox to: docs/operations.md).
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="careerpath <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
UNSUBSCRIBE_EMAIL = env("UNSUBSCRIBE_EMAIL", default="unsubscribe@localhost")

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Content exports/imports go through the admin; keep uploads small and bounded.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
}

# Fetching a job ad by its address (jobs.fetching): off by default, since it makes the server request what a learner
# points it at. On: https only, public addresses only (after every redirect), 2 MB, 5 seconds.
JOBS_FETCH_ADS = env.bool("JOBS_FETCH_ADS", default=False)
JOBS_FETCH_ALLOWED_NETWORKS: list[str] = []  # tests only: their https server listens on 127.0.0.1
JOBS_FETCH_CA_BUNDLE: str | None = None  # tests only: their certificate authority; None is certifi's

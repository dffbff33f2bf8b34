"""Production: every secret comes from the environment, with no default; a missing one stops start-up."""

from email.utils import formataddr
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import database, env


def required(name: str) -> str:
    """Read an environment variable that production cannot run without."""
    value = env.str(name, default="")
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable: production settings need it.")
    return value


DEBUG = False
STAFF_REQUIRE_TWO_FACTOR = env.bool("STAFF_REQUIRE_TWO_FACTOR", default=True)
SECRET_KEY = required("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = [host.strip() for host in required("DJANGO_ALLOWED_HOSTS").split(",") if host.strip()]
DATABASES = {"default": database(env.db_url_config(required("DATABASE_URL")))}

# Behind a TLS-terminating proxy that sets X-Forwarded-Proto (see docs/operations.md, Deploying).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Mail goes out through EMAIL_URL, e.g. smtp+tls://user:password@smtp.example.com:587
EMAIL_CONFIG = env.email_url_config(required("EMAIL_URL"))
EMAIL_DELIVERY_BACKEND = EMAIL_CONFIG.pop("EMAIL_BACKEND")  # what the worker delivers with; pages only enqueue
globals().update(EMAIL_CONFIG)  # EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, ...
# The site's public address (https), used in mail and in signed credentials; careerpath.checks refuses http and
# local hosts in `check --deploy`. Mail comes from the site's own domain unless DJANGO_DEFAULT_FROM_EMAIL says else.
SITE_URL = required("SITE_URL").rstrip("/")
SITE_HOST = urlsplit(SITE_URL).hostname or "localhost"
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default=formataddr(("careerpath", f"no-reply@{SITE_HOST}")))
SERVER_EMAIL = DEFAULT_FROM_EMAIL
UNSUBSCRIBE_EMAIL = env("UNSUBSCRIBE_EMAIL", default=f"unsubscribe@{SITE_HOST}")

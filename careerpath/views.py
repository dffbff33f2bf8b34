import shutil
import sys
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.defaults import bad_request as django_bad_request
from huey.contrib.djhuey import HUEY
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import OutOfMemoryError as RedisOutOfMemoryError
from redis.exceptions import ReadOnlyError as RedisReadOnlyError
from redis.exceptions import ResponseError as RedisResponseError
from redis.exceptions import TimeoutError as RedisTimeoutError

from .middleware import API_PREFIX
from .outbox import outbox_backlog

RETRY_AFTER_SECONDS = 30
# A dependency that cannot be reached or refuses to work: the database, or Redis (the shared cache: rate limits, API
# throttles). Either is a 503 with Retry-After, never a bare 500 (handler500 below). Redis refuses writes when full
# under `maxmemory-policy noeviction` (OOM), as a replica (READONLY), and when it cannot save to disk (MISCONF).
UNAVAILABLE = (
    OperationalError,
    InterfaceError,
    RedisConnectionError,
    RedisTimeoutError,
    RedisOutOfMemoryError,
    RedisReadOnlyError,
)


def unavailable(error: BaseException | None) -> bool:
    """Whether `error` says a dependency is down or refusing work (a 503), not that our code is wrong (a 500)."""
    if isinstance(error, UNAVAILABLE):
        return True
    return isinstance(error, RedisResponseError) and str(error).startswith("MISCONF")


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return False
    return True


CACHE_DOWN = "unavailable (pages are served; sign-in and the API answer 503 until it is back)"


def _cache_ok() -> bool:
    try:
        cache.set("careerpath:healthz", "ok", 10)
        return cache.get("careerpath:healthz") == "ok"
    except Exception:  # noqa: BLE001 - any cache backend failure (Redis down, table missing) means "not healthy"
        return False


def _database_disk() -> str | None:
    """On SQLite, "disk full" when the database's file system has less than 20 MB left: writes would fail."""
    if connection.vendor != "sqlite":
        return None
    name = str(connection.settings_dict["NAME"])
    if name == ":memory:" or "mode=memory" in name:  # the tests' database
        return None
    folder = Path(name).parent
    free = shutil.disk_usage(folder).free
    return f"disk full ({free // 1_000_000} MB free)" if free < 20_000_000 else None


def _queue_state() -> str:
    try:
        return f"ok ({HUEY.pending_count()} waiting)"
    except Exception:  # noqa: BLE001 - whatever the queue's storage raises (Redis down, file unreadable)
        return "unavailable (mail waits in the outbox; the sweep sends it when the queue is back)"


@require_safe
@never_cache
def healthz(request):
    """Each dependency on a line with its state; 503 when pages cannot be served: the database is down or full.

    The shared cache, the queue and the outbox are named but never make it 503, because a load balancer that reads
    this must not take every server out of rotation for what every server shares and pages do not need: with the
    cache (Redis) down, pages are computed and served, and only sign-in and the API's rate limits answer 503 (they
    fail closed); with the mail server down, mail waits in the outbox. Alert on "cache: unavailable", and on
    "outbox: late" or "failed" (mail whose oldest unsent row is older than `careerpath.outbox.LATE`).
    """
    database_ok = _database_ok()
    disk = _database_disk() if database_ok else None
    cache_ok = _cache_ok()
    serving = database_ok and disk is None
    lines = {
        "database": disk or ("ok" if database_ok else "unavailable"),
        "cache": "ok" if cache_ok else CACHE_DOWN,
        "queue": _queue_state(),
    }
    if database_ok:
        lines["outbox"] = outbox_backlog()
    body = "".join(f"{name}: {state}\n" for name, state in lines.items())
    return HttpResponse(body, status=200 if serving else 503, content_type="text/plain")


def too_large_reason(error: BaseException | None) -> str | None:
    """What was too much in a request Django refused to read (its body, or its number of fields), else None."""
    if isinstance(error, RequestDataTooBig):
        return f"The request is larger than the {filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)} we accept."
    if isinstance(error, TooManyFieldsSent):
        return f"The request has more than the {settings.DATA_UPLOAD_MAX_NUMBER_FIELDS} fields we accept."
    return None


def bad_request(request, exception):
    """handler400: a body or field count over Django's limits is 413 Payload Too Large, not our client's syntax.

    Django raises both as SuspiciousOperation, which would be a 400 ("could not be understood") and tell the sender
    nothing. Rendered without Django's CSRF wrapper, which would read the refused body again. Under /api/ the same
    sentence in JSON: here when a middleware read the body first, else the API's own handler (careerpath.api).
    """
    reason = too_large_reason(exception)
    if reason is None:
        return django_bad_request(request, exception)
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": reason}, status=413)
    return HttpResponse(render_to_string("413.html", {"errors": [reason]}, request=request), status=413)


def server_error(request):
    """handler500: a database or a Redis that cannot be reached (or refuses writes) is a 503 with Retry-After, not an
    error of ours.

    Both pages render without a request context (no navigation bar), so they need no database themselves.
    """
    if unavailable(sys.exc_info()[1]):
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponseServerError(render_to_string("500.html"))


@require_safe
def favicon(request):
    """/favicon.ico, which browsers ask for on pages without our <link rel="icon"> (the admin): our SVG icon."""
    return redirect(static("favicon.svg"), permanent=True)

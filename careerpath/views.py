import sys

from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

RETRY_AFTER_SECONDS = 30
UNAVAILABLE = (OperationalError, InterfaceError)


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return False
    return True


def _cache_ok() -> bool:
    try:
        cache.set("careerpath:healthz", "ok", 10)
        return cache.get("careerpath:healthz") == "ok"
    except Exception:  # noqa: BLE001 - any cache backend failure (Redis down, table missing) means "not healthy"
        return False


@require_GET
@never_cache
def healthz(request):
    """200 when the database and the shared cache answer, else 503; each line names a dependency and its state."""
    checks = {"database": _database_ok(), "cache": _cache_ok()}
    if all(checks.values()):
        return HttpResponse("ok\n", content_type="text/plain")
    body = "".join(f"{name}: {'ok' if fine else 'unavailable'}\n" for name, fine in checks.items())
    return HttpResponse(body, status=503, content_type="text/plain")


def server_error(request):
    """handler500: a database that cannot be reached is a 503 with Retry-After, not an error of ours.

    Both pages render without a request context (no navigation bar), so they need no database themselves.
    """
    if isinstance(sys.exc_info()[1], UNAVAILABLE):
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponseServerError(render_to_string("500.html"))


@require_GET
def favicon(request):
    """/favicon.ico, which browsers ask for on pages without our <link rel="icon"> (the admin): our SVG icon."""
    return redirect(static("favicon.svg"), permanent=True)

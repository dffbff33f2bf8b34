import sys

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
from django.views.decorators.http import require_GET
from django.views.defaults import bad_request as django_bad_request

from .middleware import API_PREFIX

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

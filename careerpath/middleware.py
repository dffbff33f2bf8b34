"""Requests whose body cannot be read as text get a 400 from our error page, before any view or middleware reads it.

A `charset` that is not a text encoding (`base64`, `rot13`) or, for URL-encoded forms, not UTF-8 would otherwise
make the first reader of `request.POST` (the CSRF check) raise; with DEBUG on, the debug page itself read it again
and the WSGI server sent a bare 500 without our security headers. Placed inside CSPMiddleware, so the 400 carries
the usual headers.
"""

import codecs

from django.conf import settings
from django.http import HttpResponseBadRequest, JsonResponse
from django.template.loader import render_to_string

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
JSON_TYPE = "application/json"  # RFC 8259: JSON between systems is UTF-8


def unreadable_charset(content_type: str, charset: str | None) -> str | None:
    """Why a body of this type and charset cannot be read, or None when it can."""
    if content_type not in (*FORM_TYPES, JSON_TYPE) or not charset:
        return None
    try:
        codec = codecs.lookup(charset)
    except LookupError:
        return f"“{charset}” is not an encoding."
    if not getattr(codec, "_is_text_encoding", True):
        return f"“{charset}” is not a text encoding."
    if content_type == FORM_TYPES[0] and codec.name != "utf-8":
        return "Forms are sent as UTF-8."
    if content_type == JSON_TYPE and codec.name != "utf-8":
        return "JSON is sent as UTF-8."
    return None


class UnreadableBodyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("POST", "PUT", "PATCH"):
            reason = unreadable_charset(request.content_type, request.content_params.get("charset"))
            if reason is None and request.content_type == FORM_TYPES[0] and not _is_utf8(request.body):
                reason = "The form is not UTF-8 text."
            if reason:
                # Rendered here, not by django.views.defaults.bad_request: that view's CSRF wrapper reads the body.
                html = render_to_string("400.html", {"errors": [reason]}, request=request)
                return HttpResponseBadRequest(html)
        return self.get_response(request)


def _is_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


API_PREFIX = "/api/"
KEPT_HEADERS = (
    "Allow", "Retry-After", "WWW-Authenticate", "Content-Security-Policy", "X-Frame-Options", "Vary", "Cache-Control",
)  # fmt: skip


class ApiJsonErrorsMiddleware:
    """Every error under /api/ is JSON, `{"detail": ...}`: also the ones no API view made (a path the API does not
    have, a method an endpoint does not take, an unreadable body, a server error), which Django answers in HTML.

    Outermost but for the security headers, so it sees every answer; it reads the reason from the status only.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.path.startswith(API_PREFIX)
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            replacement = JsonResponse({"detail": response.reason_phrase}, status=response.status_code)
            for header in KEPT_HEADERS:
                if header in response:
                    replacement[header] = response[header]
            return replacement
        return response


PRIVATE = "private, no-store"
PERSONAL_API = "/api/v1/me"


class PrivateResponsesMiddleware:
    """`Cache-Control: private, no-store` on what a signed-in caller gets, so no shared cache (a proxy, a CDN) and
    no disk cache of a shared computer keeps a learner's own pages: when the view said nothing about caching.

    Signed in means a session (the cookie is there and names a user) or an API token (accounts.api_auth sets
    request.api_token inside the view, so it is read after the response). Every answer under /api/v1/me is the
    caller's own, errors included, and always private. Views that chose their headers keep them: the public
    portfolio (never_cache), the calendar feed, the content API's ETag answers (public, revalidated), and a 304,
    whose headers would overwrite those of the page the client holds. A request without a session cookie cannot be
    signed in by session, so its user is not looked up for this.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if _personal_api(request) or (
            response.status_code != 304 and "Cache-Control" not in response and _signed_in(request)
        ):
            response["Cache-Control"] = PRIVATE
        return response


def _personal_api(request) -> bool:
    return request.path == PERSONAL_API or request.path.startswith(PERSONAL_API + "/")


def _signed_in(request) -> bool:
    if getattr(request, "api_token", None) is not None:
        return True
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated


class HeadAsGetMiddleware:
    """HEAD wherever GET is (RFC 9110 9.3.2): a HEAD is served as the GET it stands for, with the same headers
    (ETag, Cache-Control, Content-Length) and no content. The API's routes answer GET only, and Django's
    ConditionalGetMiddleware gives ETags to GETs only, so without this HEAD got 405 in the API and no ETag on pages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "HEAD":
            return self.get_response(request)
        request.method = "GET"
        response = self.get_response(request)
        request.method = "HEAD"
        if not response.streaming:
            length = len(response.content)
            response.content = b""
            if response.status_code != 304:
                response["Content-Length"] = str(length)
        return response

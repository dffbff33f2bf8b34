"""Requests whose body cannot be read as text get a 400 from our error page, before any view or middleware reads it.

A `charset` that is not a text encoding (`base64`, `rot13`) or, for URL-encoded forms, not UTF-8 would otherwise
make the first reader of `request.POST` (the CSRF check) raise; with DEBUG on, the debug page itself read it again
and the WSGI server sent a bare 500 without our security headers. Placed inside CSPMiddleware, so the 400 carries
the usual headers.
"""

import codecs

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
KEPT_HEADERS = ("Allow", "Retry-After", "WWW-Authenticate", "Content-Security-Policy", "X-Frame-Options", "Vary")


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

"""Who is calling the API, what they may do, and how often: used by every app's router.

A call is authenticated by a personal access token (`Authorization: Bearer <token>`) or by the browser's session,
which must then send its CSRF token on writes (ninja's SessionAuth checks it). A read token may only read: writes
ask `require_write`, which answers 403. Rate limits count per person, whatever token or session they call with
(tokens are cheap to make, so a limit per token would be no limit), reads and writes apart, in the default cache,
which every worker shares (the database cache, or Redis).
"""

from django.conf import settings
from ninja.errors import AuthorizationError
from ninja.security import HttpBearer, SessionAuth
from ninja.throttling import SimpleRateThrottle

from .models import ApiToken
from .tokens import token_user


class TokenAuth(HttpBearer):
    openapi_description = "A personal access token made on /accounts/tokens/ (`cp_...`)."

    def authenticate(self, request, token):
        api_token = token_user(token)
        if api_token is None:
            return None
        request.user = api_token.user
        request.api_token = api_token
        return api_token.user


class BrowserSession(SessionAuth):
    """The signed-in browser (the docs page's "try it out"); writes need the CSRF token, like the site's forms.

    Asked only when there is a session to speak of: a caller who sends an Authorization header is judged by its
    token alone (a revoked or expired one is a 401, never a fall back to cookies), and a caller with neither is
    unauthenticated (401), not a failed CSRF check (403).
    """

    def __call__(self, request):
        if "authorization" in request.headers or not request.user.is_authenticated:
            return None
        return super().__call__(request)

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        if user is not None:
            request.api_token = None
        return user


AUTH = [TokenAuth(), BrowserSession()]


def require_write(request) -> None:
    """A read token on a write: 403. A session or a write token may write."""
    token: ApiToken | None = getattr(request, "api_token", None)
    if token is not None and not token.can_write:
        raise AuthorizationError(message="This token may only read: make a write token to change your progress.")


class _CallerThrottle(SimpleRateThrottle):
    kind = ""

    def __init__(self):
        super().__init__(rate=settings.API_RATE_LIMITS[self.kind])

    def allow_request(self, request) -> bool:
        self.num_requests, self.duration = self.parse_rate(settings.API_RATE_LIMITS[self.kind])  # read per call
        return super().allow_request(request)

    def get_cache_key(self, request):
        return self.cache_format % {"scope": self.scope, "ident": f"user-{request.user.pk}"}


class ReadThrottle(_CallerThrottle):
    scope, kind = "api-read", "read"


class WriteThrottle(_CallerThrottle):
    scope, kind = "api-write", "write"


def read_limits():
    return [ReadThrottle()]


def write_limits():
    return [WriteThrottle()]

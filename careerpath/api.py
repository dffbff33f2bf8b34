"""The JSON API, version 1, at /api/v1/: one NinjaAPI mounting each app's router.

OpenAPI 3 at /api/v1/openapi.json, interactive docs at /api/v1/docs (Swagger UI from ninja's bundled static files,
so the strict CSP holds). Errors are one shape, `{"detail": ...}`, with the status that says what went wrong; paths
and methods the API does not have answer the same way (careerpath.middleware.ApiJsonErrorsMiddleware).
"""

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from accounts.api import router as me_router
from assessment.api import router as assessment_router
from jobs.api import router as jobs_router
from mentoring.api import router as mentoring_router
from planning.api import router as planning_router
from portfolio.api import router as portfolio_router
from progress.api import router as progress_router
from roadmap.api import router as content_router

from .api_errors import validation_detail
from .views import too_large_reason

api = NinjaAPI(
    title="careerpath API",
    version="1",
    description=(
        "Curated content (public) and the caller's own record. Authenticate with a personal access token made on "
        "/accounts/tokens/ (`Authorization: Bearer cp_...`), or a signed-in browser session with its CSRF token on "
        'writes. Errors: `{"detail": "a sentence"}` with 400, 401, 403, 404, 409, 413, 422 or 429; a 422 of input '
        "the schema refused also lists each field under `errors` (`loc`, `msg`, `type`)."
    ),
    urls_namespace="api",
)
api.add_router("/", content_router)
api.add_router("/me", me_router)
api.add_router("/me", progress_router)
api.add_router("/me", planning_router)
api.add_router("/me", portfolio_router)
api.add_router("/me", mentoring_router)
api.add_router("/me", jobs_router)
api.add_router("/", assessment_router)

BEARER_CHALLENGE = 'Bearer realm="careerpath"'


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError):
    response = api.create_response(
        request, {"detail": "Authenticate with a token (Authorization: Bearer ...) or sign in."}, status=401
    )
    response["WWW-Authenticate"] = BEARER_CHALLENGE
    return response


@api.exception_handler(NinjaValidationError)
def invalid(request: HttpRequest, exc: NinjaValidationError):
    return api.create_response(request, validation_detail(exc.errors), status=422)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError):
    return api.create_response(request, {"detail": exc.message}, status=exc.status_code)


@api.exception_handler(RequestDataTooBig)
@api.exception_handler(TooManyFieldsSent)
def too_large(request: HttpRequest, exc: RequestDataTooBig | TooManyFieldsSent):
    """A body over DATA_UPLOAD_MAX_MEMORY_SIZE or too many fields: 413, where ninja would let Django answer 400."""
    return api.create_response(request, {"detail": too_large_reason(exc)}, status=413)

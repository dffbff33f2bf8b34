"""The API's one error shape, `{"detail": ...}`, declared once for every router's OpenAPI responses."""

from typing import Any

from ninja import Schema


class Error(Schema):
    detail: Any  # a sentence, or for 422 the list of what failed validation


ERRORS_PUBLIC = {404: Error}
ERRORS_READ = {401: Error, 404: Error, 422: Error, 429: Error}
ERRORS_WRITE = {400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error, 429: Error}

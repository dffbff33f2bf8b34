"""The API's one error shape, declared once for every router's OpenAPI responses: `detail` is always a sentence
for people; a 422 of input the schema refused also lists what failed, field by field, under `errors`."""

from ninja import Field, Schema


class FieldError(Schema):
    loc: list[str | int] = Field(description='Where: e.g. ["body", "payload", "status"] or ["query", "limit"].')
    msg: str
    type: str


class Error(Schema):
    detail: str = Field(description="What went wrong, in a sentence.")
    errors: list[FieldError] | None = Field(None, description="On a 422 from the schema: each field that failed.")


def validation_detail(errors: list[dict]) -> dict:
    """ninja's validation errors as the one error shape: a sentence naming each field, and the list."""
    fields = [
        {"loc": [str(part) if not isinstance(part, int) else part for part in error.get("loc", ())],
         "msg": str(error.get("msg", "")), "type": str(error.get("type", ""))}
        for error in errors
    ]  # fmt: skip
    said = "; ".join(f"{'.'.join(map(str, field['loc'][1:] or field['loc']))}: {field['msg']}" for field in fields)
    return {"detail": f"Invalid input: {said}." if said else "Invalid input.", "errors": fields}


ERRORS_PUBLIC = {404: Error}
ERRORS_READ = {401: Error, 404: Error, 422: Error, 429: Error}
ERRORS_WRITE = {400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error, 429: Error}

"""What the OpenAPI document says of conditional GETs (ConditionalGetMiddleware answers them): the `If-None-Match`
request header, and the `ETag` and `Cache-Control` that a 200 and its 304 both carry."""


def conditional() -> dict:
    """`openapi_extra` for a cacheable GET operation (a fresh dict each time: ninja merges it into the operation)."""
    headers = {
        "ETag": {"description": "The answer's version; send it back in If-None-Match.", "schema": {"type": "string"}},
        "Cache-Control": {"description": "public, max-age=0, must-revalidate", "schema": {"type": "string"}},
    }
    return {
        "parameters": [
            {
                "in": "header",
                "name": "If-None-Match",
                "required": False,
                "description": "An ETag of an earlier answer, or *: 304 and no content while the answer is the same.",
                "schema": {"type": "string"},
            }
        ],
        "responses": {200: {"headers": headers}, 304: {"description": "Not modified", "headers": dict(headers)}},
    }

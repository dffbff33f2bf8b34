"""The API's one way to page a list: limit and offset, as ninja's LimitOffsetPagination, with bounds a database can
take. An offset or a limit past 10^12 (no list here is that long) answers 422 instead of overflowing the database's
integers (a 500 that schemathesis found); a limit past 1,000 is served as 1,000. Both bounds are in the document."""

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_OFFSET = 10**12
MAX_LIMIT = 1000
DATABASE_ID = {"ge": 1, "le": 2**63 - 1}  # a path's or body's row id: beyond a 64-bit integer is a 422, not a 500


class BoundedLimitOffset(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(100, ge=1, le=MAX_OFFSET, description=f"At most {MAX_LIMIT:,} items are served.")
        offset: int = Field(0, ge=0, le=MAX_OFFSET)

    def __init__(self, **kwargs):
        super().__init__(max_limit=MAX_LIMIT, **kwargs)

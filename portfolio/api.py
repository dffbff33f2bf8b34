"""The caller's portfolio over the API: its settings and what a visitor sees (the page's selector)."""

from datetime import datetime

from ninja import Router, Schema

from accounts.api_auth import AUTH, read_limits
from careerpath.api_errors import ERRORS_READ

from .models import Portfolio
from .selectors import portfolio_of, portfolio_page

router = Router(tags=["my portfolio"], auth=AUTH)


class ShownItemOut(Schema):
    item: str
    title: str
    kind: str
    summary: str
    evidence_url: str
    endorsed_by: list[str]


class PortfolioOut(Schema):
    handle: str | None
    published: bool
    allow_indexing: bool
    headline: str
    updated_at: datetime | None
    shown: list[ShownItemOut]


@router.get("/portfolio", response={200: PortfolioOut, **ERRORS_READ}, throttle=read_limits(), summary="My portfolio")
def portfolio(request):
    """Its settings and exactly what a visitor sees (a preview when it is not published)."""
    mine = portfolio_of(user=request.user) or Portfolio(learner=request.user)
    page = portfolio_page(portfolio=mine)
    return {
        "handle": mine.handle, "published": mine.published, "allow_indexing": mine.allow_indexing,
        "headline": mine.headline, "updated_at": mine.updated_at,
        "shown": [
            {"item": shown.item.slug, "title": shown.item.title, "kind": shown.item.kind,
             "summary": shown.entry.summary, "evidence_url": shown.evidence_url,
             "endorsed_by": [review.mentor_name for review in shown.reviews if review.verdict == "endorsed"]}
            for shown in page.items
        ],
    }  # fmt: skip

"""What the portfolio app holds about a learner, for "My data"."""

from .models import Portfolio, PortfolioEntry

PORTFOLIO_LABELS = {"handle": "Handle", "published": "Published", "allow_indexing": "Search engines may list it",
                    "headline": "Headline", "updated_at": "Last changed"}  # fmt: skip
ENTRY_LABELS = {"item": "Item (slug)", "shown": "Shown", "summary": "Public summary"}


def collect_portfolio(user):
    return list(
        Portfolio.objects.filter(learner=user).values("handle", "published", "allow_indexing", "headline", "updated_at")
    )


def collect_entries(user):
    rows = PortfolioEntry.objects.filter(portfolio__learner=user).select_related("item").order_by("item__slug")
    return [{"item": row.item.slug, "shown": row.shown, "summary": row.summary} for row in rows]

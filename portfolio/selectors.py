"""Reads for the portfolio: the owner's settings and choices, and the public page's content (also the preview)."""

from dataclasses import dataclass, field
from typing import Any

from progress import hooks
from progress.dashboard import role_gap
from progress.models import Progress, ProgressStatus
from progress.readiness import RoleReadiness
from roadmap.models import ItemKind, Publication
from roadmap.selectors import role_list_detailed

from .models import Portfolio, PortfolioEntry


def portfolio_of(*, user) -> Portfolio | None:
    return Portfolio.objects.filter(learner=user).first()


def portfolio_published(*, handle: str) -> Portfolio | None:
    """The published portfolio under a handle, or None (unknown, unpublished and deleted look the same)."""
    return (
        Portfolio.objects.filter(handle=handle.lower(), published=True, learner__is_active=True)
        .select_related("learner__profile")
        .first()
    )


@dataclass
class ShownItem:
    entry: PortfolioEntry
    evidence_url: str
    completed_at: Any
    reviews: list[Any] = field(default_factory=list)

    @property
    def item(self):
        return self.entry.item


@dataclass
class PortfolioPage:
    portfolio: Portfolio
    name: str
    readiness: RoleReadiness | None
    items: list[ShownItem]


def portfolio_page(*, portfolio: Portfolio) -> PortfolioPage:
    """What a visitor sees: the shown items that are done (projects first), with their evidence, public summary and
    current endorsements, and the target role's readiness. Never the private note. A fixed number of queries."""
    learner = portfolio.learner
    profile = getattr(learner, "profile", None)
    entries = []
    if portfolio.pk is not None:  # a preview before anything was chosen shows no item
        entries = list(
            PortfolioEntry.objects.filter(portfolio=portfolio, shown=True, item__status=Publication.PUBLISHED)
            .select_related("item")
            .order_by("item__title")
        )
    done = {
        row.item_id: row
        for row in Progress.objects.filter(
            learner=learner, status=ProgressStatus.DONE, item__in=[entry.item_id for entry in entries]
        ).only("item_id", "evidence_url", "completed_at")
    }
    reviews = hooks.evidence_reviews(learner_id=learner.pk, item_ids=list(done))
    items = [
        ShownItem(entry, done[entry.item_id].evidence_url, done[entry.item_id].completed_at,
                  reviews.get(entry.item_id, []))
        for entry in entries if entry.item_id in done
    ]  # fmt: skip
    items.sort(key=lambda shown: (shown.item.kind != ItemKind.PROJECT, shown.item.title))
    readiness = None
    if profile is not None and profile.target_role_id:
        role = role_list_detailed().filter(pk=profile.target_role_id).first()
        readiness = role_gap(user=learner, role=role) if role else None
    name = (profile.display_name if profile else "") or portfolio.handle or "A careerpath learner"
    return PortfolioPage(portfolio=portfolio, name=name, readiness=readiness, items=items)


def done_items_with_choices(*, user, portfolio: Portfolio | None) -> list[tuple[Progress, PortfolioEntry | None]]:
    """The owner's done items (projects first) with their current choice, for the settings page."""
    rows = list(Progress.objects.for_user(user).counted().filter(status=ProgressStatus.DONE).select_related("item"))
    entries = (
        {entry.item_id: entry for entry in PortfolioEntry.objects.filter(portfolio=portfolio)} if portfolio else {}
    )
    rows.sort(key=lambda row: (row.item.kind != ItemKind.PROJECT, row.item.title))
    return [(row, entries.get(row.item_id)) for row in rows]

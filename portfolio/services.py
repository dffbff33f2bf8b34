"""Writes on a portfolio: the per-item choice (settings are a ModelForm on the owner's own row)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from careerpath.validators import no_control_characters
from progress.models import Progress, ProgressStatus
from roadmap.models import Item

from .models import SUMMARY_MAX_LENGTH, Portfolio, PortfolioEntry


@transaction.atomic
def portfolio_entry_set(*, user, item: Item, shown: bool, summary: str) -> PortfolioEntry:
    """Show or hide a done item, with its public summary. Only a done item can be shown."""
    summary = (summary or "").strip()
    no_control_characters(summary)
    if len(summary) > SUMMARY_MAX_LENGTH:
        raise ValidationError(f"Keep the summary to {SUMMARY_MAX_LENGTH} characters.")
    if not Progress.objects.filter(learner=user, item=item, status=ProgressStatus.DONE).exists():
        raise ValidationError("Only an item you have done can go on your portfolio.")
    portfolio, _created = Portfolio.objects.get_or_create(learner=user)
    entry, _created = PortfolioEntry.objects.update_or_create(
        portfolio=portfolio, item=item, defaults={"shown": shown, "summary": summary}
    )
    return entry

"""Writes on a portfolio: its settings (handle, headline, visibility) and the per-item choice."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from careerpath.validators import no_control_characters
from progress.models import Progress, ProgressStatus
from roadmap.models import Item

from .models import HANDLE_TAKEN, SUMMARY_MAX_LENGTH, Portfolio, PortfolioEntry, validate_handle_not_reserved


@transaction.atomic
def portfolio_settings_save(
    *, user, handle: str | None, headline: str, published: bool, allow_indexing: bool
) -> Portfolio:
    """Save the learner's portfolio settings, creating the portfolio on first use.

    A handle is unique, and two learners may claim the same one at the same moment, after both passed the form's
    check: the database's unique constraint decides, and the one who lost gets a ValidationError on `handle`, as a
    sequential duplicate does, never an IntegrityError (a 500).
    """
    handle = (handle or "").strip().lower() or None
    portfolio = Portfolio.objects.filter(learner=user).first() or Portfolio(learner=user)
    if handle and handle != portfolio.handle:
        try:
            validate_handle_not_reserved(handle)
        except ValidationError as error:
            raise ValidationError({"handle": error}) from None
    try:
        return _settings_saved(portfolio, handle=handle, headline=headline, published=published,
                               allow_indexing=allow_indexing)  # fmt: skip
    except IntegrityError:
        if handle and Portfolio.objects.filter(handle=handle).exclude(learner=user).exists():
            raise ValidationError({"handle": HANDLE_TAKEN}, code="unique") from None
        existing = Portfolio.objects.filter(learner=user).first()
        if portfolio.pk is not None or existing is None:
            raise
    # The learner's other tab made their portfolio a moment ago: these settings go onto it, as a save a moment later
    # would.
    return portfolio_settings_save(user=user, handle=handle, headline=headline, published=published,
                                   allow_indexing=allow_indexing)  # fmt: skip


def _settings_saved(portfolio: Portfolio, *, handle, headline, published, allow_indexing) -> Portfolio:
    portfolio.handle, portfolio.headline = handle, headline
    portfolio.published, portfolio.allow_indexing = published, allow_indexing
    # Uniqueness is the database's to decide (the caller): a check here could not see a claim not yet committed.
    portfolio.full_clean(validate_unique=False)
    with transaction.atomic():  # a savepoint: the transaction stays usable after a refusal
        portfolio.save()
    return portfolio


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

"""Writes on plans, reviews and the calendar feed: keyword-only, atomic, validating before they write."""

import secrets
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from progress.cache import learner_changed
from progress.models import ProgressStatus
from progress.selectors import progress_by_item_counted
from progress.services import progress_relearn
from roadmap.models import Item, Publication

from .models import CalendarFeed, EntrySource, PlanEntry, ReviewAnswer, ReviewState, WeekPlan
from .schedule import fill_week, step_after
from .selectors import current_monday, plan_candidates, plan_get


def plan_for_week(*, user, profile, monday: date) -> WeekPlan:
    """The learner's plan for the week starting `monday`, made the first time it is asked for.

    A new plan takes last week's pinned entries that are still open, then fills up to the learner's hours per
    week (planning.schedule.fill_week). Two requests making it at once: the unique constraint keeps one, and the
    other reads it.
    """
    plan = plan_get(user=user, monday=monday)
    if plan is not None:
        return plan
    budget = getattr(profile, "hours_per_week", None) or 5
    last_week = plan_get(user=user, monday=monday - timedelta(days=7))
    pinned = (
        [entry.item for entry in last_week.entries.all() if entry.pinned and not entry.dropped] if last_week else []
    )
    progress = progress_by_item_counted(user=user)
    slots = fill_week(plan_candidates(profile=profile, progress=progress, pinned_items=pinned), budget)
    try:
        with transaction.atomic():
            plan = WeekPlan.objects.create(learner=user, week_start=monday, hours_budget=budget)
            PlanEntry.objects.bulk_create(
                PlanEntry(
                    plan=plan,
                    item_id=slot.item_id,
                    hours=slot.hours,
                    position=position,
                    pinned=slot.pinned,
                    source=EntrySource.PINNED if slot.pinned else EntrySource.SUGGESTED,
                )
                for position, slot in enumerate(slots)
            )
    except IntegrityError:
        pass  # made by a concurrent request a moment ago
    # No cache bump: the dashboard makes the week's plan itself when it renders (its key holds the local date).
    return plan_get(user=user, monday=monday)


def _own_entry(*, user, entry_id: int) -> PlanEntry:
    try:
        return PlanEntry.objects.select_related("plan", "item").get(pk=entry_id, plan__learner=user)
    except PlanEntry.DoesNotExist as missing:
        raise PlanEntry.DoesNotExist("No such entry in your plans.") from missing


@transaction.atomic
def plan_entry_drop(*, user, entry_id: int) -> PlanEntry:
    """Take an item out of its week's plan; it stays recorded as dropped, so it is not suggested again that week."""
    entry = _own_entry(user=user, entry_id=entry_id)
    entry.dropped, entry.pinned = True, False
    entry.save(update_fields=["dropped", "pinned"])
    learner_changed(user.pk)
    return entry


@transaction.atomic
def plan_entry_pin(*, user, entry_id: int, pinned: bool) -> PlanEntry:
    """A pinned entry is carried into next week's plan (while its item is open), ahead of every suggestion."""
    entry = _own_entry(user=user, entry_id=entry_id)
    if entry.dropped and pinned:
        raise ValidationError("Add the item back before pinning it.")
    entry.pinned = pinned
    entry.save(update_fields=["pinned"])
    learner_changed(user.pk)
    return entry


@transaction.atomic
def plan_entry_add(*, user, plan: WeekPlan, item: Item) -> PlanEntry:
    """Add an item to the plan (or bring back a dropped one) for its whole estimate; done items are refused."""
    if plan.learner_id != user.pk:
        raise ValidationError("This plan is not yours.")
    if item.status != Publication.PUBLISHED:
        raise ValidationError("This item is no longer on the roadmap.")
    status = progress_by_item_counted(user=user).get(item.pk)
    if status is not None and status.status == ProgressStatus.DONE:
        raise ValidationError(f"“{item.title}” is done already.")
    last = PlanEntry.objects.filter(plan=plan).order_by("-position").values_list("position", flat=True).first()
    entry, created = PlanEntry.objects.get_or_create(
        plan=plan,
        item=item,
        defaults={"hours": item.estimated_hours or 1, "position": (last or 0) + 1, "source": EntrySource.ADDED},
    )
    if not created and entry.dropped:
        entry.dropped = False
        entry.save(update_fields=["dropped"])
    learner_changed(user.pk)
    return entry


@transaction.atomic
def plan_items_add(*, user, profile, items) -> list[PlanEntry]:
    """Add several items to this week's plan at once (a job ad's missing items), skipping those done already; returns
    the entries added or brought back."""
    week_plan = plan_for_week(user=user, profile=profile, monday=current_monday(profile))
    done = {
        item_id for item_id, row in progress_by_item_counted(user=user).items() if row.status == ProgressStatus.DONE
    }
    present = set(week_plan.entries.filter(dropped=False).values_list("item_id", flat=True))
    return [
        plan_entry_add(user=user, plan=week_plan, item=item)
        for item in items
        if item.pk not in done and item.pk not in present and item.status == Publication.PUBLISHED
    ]


@transaction.atomic
def review_answer(*, user, item: Item, answer: str) -> ReviewState | None:
    """Record the answer to "still confident?" for a done item.

    Confident: the next interval is longer. Shaky: the intervals start again, the item stays done. Relearn: the
    item goes back to in progress (progress records it as a review) and leaves the schedule. None of them is
    progress: no event of kind "change", so pace, streaks and the heatmap are untouched.
    """
    if answer not in ReviewAnswer.values:
        raise ValidationError("Answer with one of: still confident, shaky, or I need to relearn it.")
    progress = progress_by_item_counted(user=user).get(item.pk)
    if progress is None or progress.status != ProgressStatus.DONE:
        raise ValidationError("Only a done item comes up for review.")
    state = ReviewState.objects.select_for_update().filter(learner=user, item=item).first()
    step = step_after(state.step if state else 0, answer)
    if step is None:
        ReviewState.objects.filter(learner=user, item=item).delete()
        progress_relearn(user=user, item=item)
        return None
    state = state or ReviewState(learner=user, item=item)
    state.step, state.reviewed_at, state.last_answer = step, timezone.now(), answer
    state.save()
    learner_changed(user.pk)
    return state


def calendar_feed_get(*, user) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(learner=user, defaults={"token": _new_token()})
    return feed


@transaction.atomic
def calendar_feed_replace(*, user) -> CalendarFeed:
    """A new secret URL; the old one answers 404 from now on."""
    feed = calendar_feed_get(user=user)
    feed.token, feed.created_at = _new_token(), timezone.now()
    feed.save(update_fields=["token", "created_at"])
    return feed


def calendar_feed_replace_if_any(*, user) -> None:
    """Registered with accounts.hooks: the password or address changed, so a calendar address already handed out
    stops working (a learner who never opened the plan has none to replace)."""
    CalendarFeed.objects.filter(learner=user).update(token=_new_token(), created_at=timezone.now())


def _new_token() -> str:
    return secrets.token_urlsafe(32)

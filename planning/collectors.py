"""What planning holds about a learner, for "My data": their week plans and their review schedule.

The calendar feed's secret is left out on purpose: it is a credential, not data about the learner.
"""

from .models import PlanEntry, ReviewState

PLAN_LABELS = {
    "week": "Week of",
    "item": "Item (slug)",
    "item_title": "Item",
    "hours": "Hours planned",
    "source": "Source",
    "pinned": "Pinned",
    "dropped": "Dropped",
}
REVIEW_LABELS = {"item": "Item (slug)", "step": "Step", "reviewed_at": "Last reviewed", "last_answer": "Last answer"}
CHUNK = 2000


def collect_plans(user):
    entries = PlanEntry.objects.filter(plan__learner=user).select_related("plan", "item")
    for entry in entries.order_by("plan__week_start", "position", "id").iterator(chunk_size=CHUNK):
        yield {
            "week": entry.plan.week_start.isoformat(),
            "item": entry.item.slug,
            "item_title": entry.item.title,
            "hours": entry.hours,
            "source": entry.source,
            "pinned": entry.pinned,
            "dropped": entry.dropped,
        }


def collect_reviews(user):
    for state in ReviewState.objects.filter(learner=user).select_related("item").order_by("item__slug"):
        yield {
            "item": state.item.slug,
            "step": state.step,
            "reviewed_at": state.reviewed_at.isoformat(),
            "last_answer": state.last_answer,
        }

"""What the progress app holds about a learner, for "My data": their progress, one row per item, and its history.

Both are generators over `.iterator()`, so a long history streams into the download instead of filling memory.
"""

from roadmap.selectors import item_first_places

from .models import Progress, ProgressEvent

PROGRESS_LABELS = {
    "item": "Item (slug)",
    "item_title": "Item",
    "track": "Track",
    "stage": "Stage",
    "status": "Status (code)",
    "status_label": "Status",
    "skip_reason": "Why skipped",
    "origin": "Origin",
    "started_at": "Started (UTC)",
    "completed_at": "Done (UTC)",
    "note": "Note",
    "evidence_url": "Evidence",
    "updated_at": "Last changed (UTC)",
}
PROGRESS_SPREADSHEET = (
    "track", "stage", "item_title", "status_label", "origin", "started_at", "completed_at", "note", "evidence_url"
)  # fmt: skip
HISTORY_LABELS = {
    "when": "When (UTC)",
    "item": "Item (slug)",
    "from": "From",
    "to": "To",
    "skip_reason": "Why skipped",
    "kind": "Kind",
}
CHUNK = 2000


def collect_progress(user):
    rows = Progress.objects.for_user(user).select_related("item").order_by("item__slug")
    places = item_first_places(item_ids=Progress.objects.for_user(user).values("item_id"))
    for row in rows.iterator(chunk_size=CHUNK):
        track, stage = places.get(row.item_id, ("", ""))
        yield {
            "item": row.item.slug,
            "item_title": row.item.title,
            "track": track,
            "stage": stage,
            "status": row.status,
            "status_label": row.get_status_display(),
            "skip_reason": row.skip_reason,
            "origin": row.get_origin_display() if row.origin else "",
            "started_at": row.started_at,
            "completed_at": row.completed_at,
            "note": row.note,
            "evidence_url": row.evidence_url,
            "updated_at": row.updated_at,
        }


def collect_progress_history(user):
    """Plain tuples, not model instances: a history can run to tens of thousands of events."""
    events = (
        ProgressEvent.objects.for_user(user)
        .order_by("created_at", "id")
        .values_list("created_at", "item__slug", "from_status", "to_status", "skip_reason", "kind")
    )
    fields = ("when", "item", "from", "to", "skip_reason", "kind")
    for values in events.iterator(chunk_size=CHUNK):
        yield dict(zip(fields, values, strict=True))

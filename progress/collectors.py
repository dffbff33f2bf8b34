"""What the progress app holds about a learner, for "download my data": their progress and its full history."""

from .models import Progress, ProgressEvent


def collect_progress(user) -> list[dict]:
    rows = Progress.objects.for_user(user).select_related("item").order_by("item__slug")
    return [
        {
            "item": row.item.slug,
            "item_title": row.item.title,
            "status": row.status,
            "skip_reason": row.skip_reason,
            "origin": row.get_origin_display() if row.origin else "",
            "note": row.note,
            "evidence_url": row.evidence_url,
            "started_at": row.started_at,
            "completed_at": row.completed_at,
            "updated_at": row.updated_at,
        }
        for row in rows
    ]


def collect_progress_history(user) -> list[dict]:
    events = ProgressEvent.objects.for_user(user).select_related("item").order_by("created_at", "id")
    return [
        {
            "when": event.created_at,
            "item": event.item.slug,
            "from": event.from_status,
            "to": event.to_status,
            "skip_reason": event.skip_reason,
            "kind": event.kind,
        }
        for event in events
    ]

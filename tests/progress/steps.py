"""Posting a status as the track page does, reading it back, and reading a role's readiness off the dashboard."""

from django.urls import reverse

from progress.models import Progress

HTMX = {"HTTP_HX_REQUEST": "true"}
DASHBOARD = "/dashboard/"


def status_url(slug):
    return reverse("progress:status", args=[slug])


def post_status(client, slug, status, **extra):
    return client.post(status_url(slug), {"status": status, **extra.pop("data", {})}, **extra)


def my_status(user, slug):
    row = Progress.objects.filter(learner=user, item__slug=slug).first()
    return row.status if row else None


def readiness_of(page: str, slug: str) -> str:
    marker = f'data-readiness="{slug}">'
    return page.split(marker, 1)[1].split("<", 1)[0]


def learned(user, item, *, days: int = 3):
    """The item learned here over `days`: in progress, then done; a tick straight to done would not count toward
    pace until the item is shown (progress.forecast.paced)."""
    from datetime import timedelta

    from django.utils import timezone

    from progress.services import progress_set_status

    progress_set_status(user=user, item=item, status="in_progress")
    Progress.objects.filter(learner=user, item=item).update(started_at=timezone.now() - timedelta(days=days))
    return progress_set_status(user=user, item=item, status="done")

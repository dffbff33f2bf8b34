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

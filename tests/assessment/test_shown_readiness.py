"""Readiness is two numbers: what the learner claims (done items) and what they have shown (passed checks)."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from progress.services import progress_set_status
from roadmap.models import Item, Role, RoleRequirement, Track
from tests.assessment.checks import make_check, right_answers
from tests.progress.steps import DASHBOARD

pytestmark = pytest.mark.django_db


def shown_of(page: str, role: str) -> str:
    return page.split(f'data-shown="{role}">', 1)[1].split("%", 1)[0]


def test_ticking_every_item_claims_100_percent_and_shows_nothing_until_a_check_is_passed(client_logged_in, user):
    call_command("import_content", verbosity=0)
    track = Track.objects.get(slug="career-change")
    for item in Item.objects.published().filter(placements__stage__track=track).distinct():
        progress_set_status(user=user, item=item, status="done")
    engineer = Role.objects.get(is_primary=True)
    page = client_logged_in.get(DASHBOARD).content.decode()
    assert f'data-readiness="{engineer.slug}">100%' in page
    assert shown_of(page, engineer.slug) == "0"
    assert "Claimed but not shown" in page

    requirements = RoleRequirement.objects.filter(role=engineer, is_required=True, item__status="published")
    total = sum(requirements.values_list("weight", flat=True))
    heaviest = requirements.filter(item__self_check__isnull=False).order_by("-weight", "item__slug").first()
    self_check = heaviest.item.self_check  # the curated content's own check
    client_logged_in.get(reverse("assessment:check", args=[heaviest.item.slug]))
    attempt = user.check_attempts.get()
    client_logged_in.post(reverse("assessment:check", args=[heaviest.item.slug]), right_answers(attempt))
    assert self_check.attempts.get().passed
    page = client_logged_in.get(DASHBOARD).content.decode()
    assert shown_of(page, engineer.slug) == str(heaviest.weight * 100 // total)
    api = client_logged_in.get("/api/v1/me/dashboard").json()
    mine = next(row for row in api["readiness"] if row["role"] == engineer.slug)
    assert (mine["percent"], mine["shown_weight"], mine["required_weight"]) == (100, heaviest.weight, total)


def test_an_item_ticked_done_the_day_it_was_started_counts_toward_pace_only_once_shown(client_logged_in, user):
    from datetime import timedelta

    from django.utils import timezone

    from accounts.models import Profile
    from progress.dashboard import learner_dashboard
    from tests.factories import ItemFactory, RoleFactory, RoleRequirementFactory

    role = RoleFactory(is_primary=True)
    ticked, studied = ItemFactory(estimated_hours=30), ItemFactory(estimated_hours=12)
    for item in (ticked, studied, ItemFactory(estimated_hours=50)):
        RoleRequirementFactory(role=role, item=item)
    profile = Profile.objects.create(user=user, hours_per_week=5)
    progress_set_status(user=user, item=ticked, status="done")  # not started to done in one click
    progress_set_status(user=user, item=studied, status="in_progress")
    user.progress.filter(item=studied).update(started_at=timezone.now() - timedelta(days=6))
    progress_set_status(user=user, item=studied, status="done")
    assert learner_dashboard(user=user, profile=profile).forecast.recent_done_hours == 12
    make_check(ticked)
    client_logged_in.get(reverse("assessment:check", args=[ticked.slug]))
    client_logged_in.post(reverse("assessment:check", args=[ticked.slug]), right_answers(user.check_attempts.get()))
    assert learner_dashboard(user=user, profile=profile).forecast.recent_done_hours == 42
    page = client_logged_in.get(DASHBOARD).content.decode()
    assert "nor items ticked done within a day of starting them until you show them" in page

"""What planning adds to other apps' pages (registered in PlanningConfig.ready)."""

from . import services
from .selectors import current_monday, local_today, plan_and_review_states, reviews_due, week_outcome, zone_of


def dashboard_panel(*, user, profile, progress) -> dict:
    """This week's plan in one line, and how many reviews are due: a link to the plan page. `progress` is the
    learner's on published items by item id, as the dashboard read it."""
    monday = current_monday(profile)
    zone = zone_of(profile)
    plan, states = plan_and_review_states(user=user, monday=monday)
    if plan is None:
        plan = services.plan_for_week(user=user, profile=profile, monday=monday)  # made the first time it is asked for
    due = reviews_due(progress=progress, states=states, today=local_today(profile), zone=zone)
    return {
        "template": "planning/includes/dashboard_week.html",
        "week": week_outcome(plan=plan, progress=progress, zone=zone),
        "reviews_due": len(due),
    }

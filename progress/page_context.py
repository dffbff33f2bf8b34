"""The learner's part of roadmap's content pages, registered in roadmap.hooks by ProgressConfig.ready().

Each function runs for a signed-in learner only and returns what the page adds to its context.
"""

from . import selectors, tallies
from .dashboard import learner_dashboard, role_gap
from .forms import ProgressForm, status_choice

ITEM_HISTORY_EVENTS = 10


def home_page(*, request, obj, context) -> dict:
    """The signed-in learner's way back in: the next item toward their goal and how ready they are for it."""
    dashboard = learner_dashboard(user=request.user, profile=getattr(request.user, "profile", None))
    return {
        "goal": dashboard.target,
        "forecast": dashboard.forecast,
        "next_step": next(iter(dashboard.next_steps), None),
    }


def track_page(*, request, obj, context) -> dict:
    """The track's rows with the learner's status on each, and their tally: one query."""
    progress = selectors.progress_by_item_on_track(user=request.user, track=obj)
    stages = tallies.stages_with_progress(stages=context["stages"], progress=progress)
    show = request.GET.get("show", "all")
    show = show if show in tallies.TRACK_FILTERS else "all"
    return {
        "stages": tallies.stages_filtered(stages, show=show),
        "track_tally": tallies.track_tally(stages=stages),
        "track_filters": [("all", "All"), *((key, label) for key, (label, _) in tallies.TRACK_FILTERS.items())],
        "track_filter": show,
    }


def item_page(*, request, obj, context) -> dict:
    """The learner's progress on the item, the form to change it (unless a refused one is shown) and its history."""
    extra = {"item_history": selectors.event_list(user=request.user).filter(item=obj)[:ITEM_HISTORY_EVENTS]}
    if "form" not in context:
        progress = selectors.progress_get(user=request.user, item=obj)
        extra["progress"] = progress
        extra["form"] = ProgressForm(
            initial={
                "status": status_choice(progress),
                "note": progress.note if progress else "",
                "evidence_url": progress.evidence_url if progress else "",
            }
        )
    return extra


def role_page(*, request, obj, context) -> dict:
    """The learner's readiness for the role, what is missing (biggest gain first), their status on every
    requirement (the page's own order) and whether the role is their target."""
    gap = role_gap(user=request.user, role=obj)
    profile = getattr(request.user, "profile", None)
    return {
        "gap": gap,
        "required": gap.required,
        "optional": gap.optional,
        "is_target": profile is not None and profile.target_role_id == obj.pk,
    }

"""Get started: three steps a newcomer can leave at any point and reopen from the dashboard.

1. Goals (role, background, date, hours, time zone), 2. what they already know, 3. where they stand. The first
sign-in after confirming the address lands on step 1 (accounts.adapter); later sign-ins go to the dashboard.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from accounts.models import Profile
from progress.dashboard import learner_dashboard
from progress.services import progress_set_known
from roadmap.selectors import item_ids_with_a_check

from . import selectors
from .forms import KnownItemsForm, StartGoalsForm


def _profile(user) -> Profile | None:
    return getattr(user, "profile", None)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def start_goals(request):
    """Step 1. Nothing is written until the learner saves: the form starts from an unsaved profile."""
    profile = _profile(request.user) or Profile(user=request.user)
    form = StartGoalsForm(request.POST or None, instance=profile)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            return redirect("onboarding:known")
        return render(request, "onboarding/start_goals.html", {"form": form, "step": 1}, status=400)
    return render(request, "onboarding/start_goals.html", {"form": form, "step": 1})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def start_known(request):
    """Step 2: tick what you already know or have done; one POST for all, counted as done, never as pace."""
    profile = _profile(request.user)
    role = selectors.target_role_get(profile=profile)
    groups = selectors.known_groups(user=request.user, profile=profile, role=role)
    offered = [row.item for group in groups for row in group.rows if row.can_mark]
    form = KnownItemsForm(request.POST or None, offered=offered)
    if request.method == "POST":
        if form.is_valid():
            changed = progress_set_known(user=request.user, offered=offered, known=set(form.cleaned_data["known"]))
            if changed:
                messages.success(request, f"Saved: {changed} item{'s' if changed != 1 else ''} changed.")
            return redirect("onboarding:result")
        status = 400
    else:
        status = 200
    context = {"form": form, "groups": groups, "role": role, "profile": profile, "step": 2,
               "checked": item_ids_with_a_check()}  # fmt: skip
    return render(request, "onboarding/start_known.html", context, status=status)


@login_required
@require_safe
def start_result(request):
    """Step 3: readiness for the target role, the first three next steps and the forecast."""
    profile = _profile(request.user)
    dashboard = learner_dashboard(user=request.user, profile=profile)
    context = {"dashboard": dashboard, "profile": profile, "step": 3, "today": timezone.localdate()}
    return render(request, "onboarding/start_result.html", context)

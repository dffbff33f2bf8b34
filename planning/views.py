"""This week's plan with the reviews due, the writes on them, the calendar feed and the digest's one-click stop."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.services import profile_set_weekly_digest
from progress.selectors import progress_by_item_counted
from roadmap.models import Item

from . import services
from .calendar import UPCOMING_REVIEW_DAYS, calendar_bytes
from .digest import unsubscribe_user
from .forms import AddItemForm, PinForm, ReviewForm
from .hooks import calendar_events
from .models import CalendarFeed, PlanEntry
from .schedule import INTERVALS, week_label
from .selectors import (
    REVIEWS_SHOWN,
    current_monday,
    local_today,
    plans_recent,
    review_states,
    reviews_due,
    week_outcome,
    zone_of,
)

PAST_WEEKS_SHOWN = 4


def _profile(user):
    return getattr(user, "profile", None)


@login_required
@require_safe
def plan(request):
    """This week's plan (made on the first visit of the week), the reviews due, past weeks and the calendar URL."""
    page = plan_page_context(request)
    return render(request, "planning/plan.html", page)


def plan_page_context(request, *, add_form=None) -> dict:
    user, profile = request.user, _profile(request.user)
    monday = current_monday(profile)
    zone = zone_of(profile)
    week_plan = services.plan_for_week(user=user, profile=profile, monday=monday)
    progress = progress_by_item_counted(user=user)
    due = reviews_due(progress=progress, states=review_states(user=user), today=local_today(profile), zone=zone)
    in_plan = set()
    for entry in week_plan.entries.all():
        entry.learner_status = progress[entry.item_id].status if entry.item_id in progress else "not_started"
        if not entry.dropped:
            in_plan.add(entry.item_id)
    feed = services.calendar_feed_get(user=user)
    return {
        "profile": profile,
        "week": week_outcome(plan=week_plan, progress=progress, zone=zone),
        "week_label": week_label(monday),
        "dropped": [entry for entry in week_plan.entries.all() if entry.dropped],
        "past": [
            week_outcome(plan=past, progress=progress, zone=zone)
            for past in plans_recent(user=user, before=monday, count=PAST_WEEKS_SHOWN)
        ],
        "reviews": due[:REVIEWS_SHOWN],
        "reviews_more": max(len(due) - REVIEWS_SHOWN, 0),
        "intervals": INTERVALS,
        "add_form": add_form or AddItemForm(),
        "addable": [
            item
            for item in Item.objects.published().order_by("title")
            if item.pk not in in_plan and not (item.pk in progress and progress[item.pk].is_done)
        ],
        "calendar_url": request.build_absolute_uri(reverse("planning:calendar-feed", args=[feed.token])),
    }


@login_required
@require_POST
def entry_add(request):
    form = AddItemForm(request.POST)
    if not form.is_valid():
        return render(request, "planning/plan.html", plan_page_context(request, add_form=form), status=400)
    profile = _profile(request.user)
    week_plan = services.plan_for_week(user=request.user, profile=profile, monday=current_monday(profile))
    try:
        entry = services.plan_entry_add(user=request.user, plan=week_plan, item=form.cleaned_data["item"])
    except ValidationError as error:
        form.add_error("item", error)
        return render(request, "planning/plan.html", plan_page_context(request, add_form=form), status=400)
    messages.success(request, f"Added “{entry.item.title}” to this week.")
    return redirect("planning:plan")


@login_required
@require_POST
def entry_drop(request, entry_id):
    try:
        entry = services.plan_entry_drop(user=request.user, entry_id=entry_id)
    except PlanEntry.DoesNotExist as missing:
        raise Http404("No such entry in your plans.") from missing
    messages.success(request, f"Dropped “{entry.item.title}” from this week.")
    return redirect("planning:plan")


@login_required
@require_POST
def entry_pin(request, entry_id):
    form = PinForm(request.POST)
    form.is_valid()  # an unticked box is "unpin": there is no invalid answer
    try:
        entry = services.plan_entry_pin(user=request.user, entry_id=entry_id, pinned=form.cleaned_data["pinned"])
    except PlanEntry.DoesNotExist as missing:
        raise Http404("No such entry in your plans.") from missing
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("planning:plan")
    verb = "Pinned" if entry.pinned else "Unpinned"
    messages.success(request, f"{verb} “{entry.item.title}”.")
    return redirect("planning:plan")


@login_required
@require_POST
def review(request, slug):
    item = get_object_or_404(Item.objects.published(), slug=slug)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return HttpResponse("Choose one of the three answers.", status=400, content_type="text/plain")
    try:
        state = services.review_answer(user=request.user, item=item, answer=form.cleaned_data["answer"])
    except ValidationError as error:
        return HttpResponse(" ".join(error.messages), status=409, content_type="text/plain")
    if state is None:
        messages.info(request, f"“{item.title}” is back in progress; it is in next week's plan.")
    else:
        messages.success(request, f"Noted. “{item.title}” comes up again in {INTERVALS[state.step]} days.")
    return redirect("planning:plan")


@login_required
@require_POST
def calendar_replace(request):
    services.calendar_feed_replace(user=request.user)
    messages.success(request, "Your calendar has a new address; the old one no longer works. Subscribe again.")
    return redirect("planning:plan")


@require_safe
def calendar_feed(request, token):
    """The calendar app's URL: the secret token is the only credential, so no sign-in is needed."""
    # A deactivated account's feed answers as an unknown one: the account is closed to every credential.
    feed = get_object_or_404(
        CalendarFeed.objects.select_related("learner__profile"), token=token, learner__is_active=True
    )
    user, profile = feed.learner, _profile(feed.learner)
    monday = current_monday(profile)
    week_plan = services.plan_for_week(user=user, profile=profile, monday=monday)
    progress = progress_by_item_counted(user=user)
    today = local_today(profile)
    upcoming = today + timezone.timedelta(days=UPCOMING_REVIEW_DAYS)
    zone = zone_of(profile)
    reviews = reviews_due(progress=progress, states=review_states(user=user), today=upcoming, zone=zone)
    body = calendar_bytes(feed=feed, plan=week_plan, reviews=reviews, target_date=getattr(profile, "target_date", None),
                          today=today, zone=zone, goals_saved_at=getattr(profile, "updated_at", None),
                          others=calendar_events(user=user, today=today))  # fmt: skip
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    # Kept by the calendar app alone, and asked again each time: ConditionalGetMiddleware answers with an ETag of
    # these bytes, and 304 while they are the same (planning.calendar).
    response["Cache-Control"] = "private, no-cache"
    return response


@csrf_exempt  # RFC 8058: mail clients POST here with no session and no CSRF token; the secret token is the proof
@require_http_methods(["GET", "HEAD", "POST"])
def digest_unsubscribe(request, token):
    """GET asks (a link scanner must not unsubscribe anyone); POST turns the digest off, signed in or not."""
    user = unsubscribe_user(token)
    if user is None:
        return render(request, "planning/unsubscribe.html", {"invalid": True}, status=400)
    if request.method == "POST":
        profile_set_weekly_digest(user=user, enabled=False)
        return render(request, "planning/unsubscribe.html", {"done": True})
    return render(request, "planning/unsubscribe.html", {"token": token})

"""The learner's own pages (dashboard, history), the writes on their progress, and staff insights."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.decorators import staff_required
from careerpath import page_cache
from roadmap.models import Item, Track
from roadmap.selectors import item_list_detailed, track_list_detailed, track_outline
from roadmap.views import item_page_context, track_page_context

from . import selectors, services, tallies, tick
from .cache import dashboard_key
from .dashboard import learner_dashboard
from .forecast import forecast_shifts
from .forms import ProgressForm, StatusForm, TrackResetForm
from .hooks import dashboard_panels
from .insights import staff_insights
from .models import ProgressStatus

HISTORY_PAGE_SIZE = 50


def _published_item_or_login(request, slug):
    """The published item, or a redirect to sign in (back to the item page) for a visitor."""
    item = get_object_or_404(Item.objects.published().select_related("skill_area"), slug=slug)
    if not request.user.is_authenticated:
        return item, redirect_to_login(item.get_absolute_url())
    return item, None


@require_POST
def progress_status(request, slug):
    """Set the learner's status on an item from a track row: in place with htmx, or post-and-return without it."""
    form = StatusForm(request.POST, request=request)
    track_slug = form.cleaned_data["track"] if form.is_valid() else ""
    outline = track_outline(slug=track_slug) if track_slug else None
    # The track's outline holds its published items: a tick from a track row needs no query to find its item.
    item = outline.items.get(slug) if outline is not None else None
    if item is None:
        item, login_redirect = _published_item_or_login(request, slug)
    else:
        login_redirect = None if request.user.is_authenticated else redirect_to_login(item.get_absolute_url())
    if login_redirect:
        return login_redirect
    progress = None
    if track_slug and outline is None:
        # Every input is checked before the first write: an unknown track is refused, not found after saving.
        form.add_error("track", "That track is not on the roadmap.")
    if form.is_valid():
        try:
            progress = services.progress_set_status(
                user=request.user,
                item=item,
                status=form.cleaned_data["progress_status"],
                skip_reason=form.cleaned_data["skip_reason"],
                origin=form.cleaned_data["origin"],
                with_statuses=outline is not None,  # the answer redraws the track's bars
                ask_origin=_asks_where_it_was_learned(item, form),
            )
        except tick.OriginQuestion:
            return _origin_question(request, item, form, outline)
        except ValidationError as error:
            form.add_error(None, error)
    if not form.is_valid():
        return render(request, "progress/progress_invalid.html", {"item": item, "form": form}, status=400)

    finished, following = None, None
    if outline is not None:
        stages, tally = tallies.track_tallies_after_change(outline=outline, progress=progress)
        if progress.status == ProgressStatus.DONE:
            finished, following = tallies.stage_completed(stages, item=item)
    if request.htmx and outline is not None:
        # Only what changed is sent: the item's rows and the bars of the stages it sits in, the track's bar.
        changed = [update for update in stages if update.rows]
        context = {"track": outline.track, "stages": changed, "track_tally": tally, "changed_item": item,
                   "here": outline.track.get_absolute_url(), "finished": finished, "following": following}  # fmt: skip
        return render(request, "roadmap/track_detail.html#progress-changed", context)
    messages.success(request, f"“{item.title}” is now {_status_label(form)}.")
    if finished is not None:
        messages.success(request, tallies.stage_complete_words(finished, following))
    return redirect(form.safe_next() or item.get_absolute_url())


ASK_ORIGIN_FROM_HOURS = 20


def _asks_where_it_was_learned(item, form) -> bool:
    """Whether a tick to done on an item of 20 hours or more asks where it was learned if it comes straight from not
    started: a day cannot hold it, so it was known before, or the learner forgot to start it. The tick itself checks
    the row it locks (progress.tick.OriginQuestion): asking costs no read."""
    if form.cleaned_data["progress_status"] != ProgressStatus.DONE or form.cleaned_data["origin"]:
        return False
    return not form.cleaned_data["origin_asked"] and item.estimated_hours >= ASK_ORIGIN_FROM_HOURS


def _origin_question(request, item, form, outline):
    """The question, in the track row with htmx (the row's place in each stage of the track), else on a page."""
    context = {"item": item, "next": form.cleaned_data["next"], "track": outline.track.slug if outline else ""}
    if request.htmx and outline is not None:
        context["row_ids"] = [f"row-{stage}-{item.pk}" for stage, placed in outline.placements if placed == item.pk]
        return render(request, "progress/includes/origin_question_rows.html", context)
    return render(request, "progress/origin_question.html", context)


def _status_label(form) -> str:
    return dict(form.fields["status"].choices)[form.cleaned_data["status"]].lower()


@require_POST
def progress_update(request, slug):
    """Save the item page's full form: status, note and evidence together, or show what to fix (400)."""
    item, login_redirect = _published_item_or_login(request, slug)
    if login_redirect:
        return login_redirect
    form = ProgressForm(request.POST, request=request)
    if form.is_valid():
        try:
            services.progress_record(
                user=request.user,
                item=item,
                status=form.cleaned_data["progress_status"],
                skip_reason=form.cleaned_data["skip_reason"],
                note=form.cleaned_data["note"],
                evidence_url=form.cleaned_data["evidence_url"],
                origin=form.cleaned_data["origin"],
            )
        except ValidationError as error:
            form.add_error(None, error)
    if not form.is_valid():
        detailed = item_list_detailed().get(pk=item.pk)
        progress = selectors.progress_get(user=request.user, item=item)
        context = item_page_context(request, detailed, form=form, progress=progress)
        return render(request, "roadmap/item_detail.html", context, status=400)
    messages.success(request, f"Saved your progress on “{item.title}”.")
    return redirect(form.safe_next() or item.get_absolute_url())


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def track_reset(request, slug):
    """Ask (saying how many items change and how many other tracks share), then put them back to not started;
    shared items only when asked. Notes and evidence are kept."""
    form = TrackResetForm(request.POST if request.method == "POST" else None)  # an empty POST is still a POST
    if request.method == "POST" and form.is_valid():
        track = get_object_or_404(Track.objects.published(), slug=slug)
        count = services.progress_reset_track(
            user=request.user, track=track, include_shared=form.cleaned_data["include_shared"]
        )
        messages.success(request, f"Reset {count} item{'s' if count != 1 else ''} on “{track.title}” to not started.")
        return redirect(track)
    track = get_object_or_404(track_list_detailed(), slug=slug)
    context = track_page_context(request, track)
    context.update(form=form, preview=selectors.track_reset_preview(user=request.user, track=track))
    return render(request, "progress/track_reset.html", context)


@login_required
@require_safe
def dashboard(request):
    """The learner's progress toward ML engineer and every other role, what to do next and when they will arrive."""
    user = request.user
    profile = getattr(user, "profile", None)

    def render_page(extra):
        data = learner_dashboard(user=user, profile=profile, with_release_notice=True)
        panels = dashboard_panels(user=user, profile=profile, progress=data.progress)
        context = {"dashboard": data, "profile": profile, "panels": panels, **extra}
        return render(request, "progress/dashboard.html", context)

    return page_cache.cached_page(request, dashboard_key(user=user, profile=profile), render_page)


@staff_required
@require_safe
def insights(request):
    """How learners fare, by background, for staff; anyone else signed in gets 403."""
    return render(request, "progress/insights.html", {"insights": staff_insights()})


@login_required
@require_safe
def progress_history(request):
    """Every change the learner made, newest first, 50 to a page."""
    events = selectors.event_list(user=request.user)
    page = Paginator(events, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "progress/history.html", {"page": page, "events": page.object_list})


@login_required
@require_safe
def release_changes(request, number):
    """What content release `number` changed for the learner: only the changes that touch their record, their
    readiness for their role before and after, and how far the forecast moves. Anyone else's: 404."""
    notice = selectors.release_notice_get(user=request.user, number=number)
    if notice is None:
        raise Http404("This release changed nothing of your record.")
    forecast = learner_dashboard(user=request.user, profile=getattr(request.user, "profile", None)).forecast
    context = {
        "notice": notice,
        "release": notice.release,
        "changes": [
            dict(
                change,
                status_label=ProgressStatus(change["status"]).label,
                parts=list(zip(change["to"], change["to_titles"], strict=True)) if change["kind"] == "left" else [],
            )
            for change in notice.changes
        ],
        "shifts": forecast_shifts(notice.hours_shift, forecast),
    }
    return render(request, "progress/release_changes.html", context)


@login_required
@require_POST
def release_changes_dismiss(request, number):
    """The dashboard's banner for this release (and any older one) goes away for good."""
    services.release_notice_dismiss(user=request.user, number=number)
    return redirect("progress:dashboard")

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, Sum
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.generic import DetailView, ListView, TemplateView

from . import cache as page_cache
from . import dashboard as dashboards
from . import insights as staff_insights
from . import selectors, services
from .forms import ProgressForm, StatusForm, status_choice
from .models import Item, Role, Track


class HomeView(TemplateView):
    template_name = "roadmap/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tracks = list(selectors.tracks_with_stages())
        context["tracks"] = tracks
        context["main_track"] = tracks[0] if tracks else None
        context["roles"] = Role.objects.published()
        context["totals"] = Item.objects.published().aggregate(count=Count("id"), hours=Sum("estimated_hours"))
        return context


class TrackDetailView(DetailView):
    template_name = "roadmap/track_detail.html"
    context_object_name = "track"

    def get_queryset(self):
        return selectors.track_detail_queryset()

    def get(self, request, *args, **kwargs):
        """Visitors share one cached page per content version; learners see their own statuses, uncached."""
        if request.user.is_authenticated:
            return super().get(request, *args, **kwargs)
        content_token, _learner = page_cache.tokens_for()
        key = f"track:{request.path}:{content_token}"
        return page_cache.cached_page(request, key, lambda _extra: super(TrackDetailView, self).get(request, **kwargs))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(track_context(self.request, self.object))
        return context


def track_context(request, track: Track) -> dict:
    """What the track page, and the fragments it updates in place, show: stages, rows and the learner's tallies."""
    stages = selectors.track_roadmap(track, selectors.progress_on_track(request.user, track))
    return {
        "track": track,
        "stages": stages,
        "total_hours": sum(stage.total_hours for stage in stages),
        "track_tally": selectors.track_tally(stages),
        "here": request.get_full_path(),
    }


class ItemDetailView(DetailView):
    template_name = "roadmap/item_detail.html"
    context_object_name = "item"

    def get_queryset(self):
        return selectors.item_detail_queryset()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.request.user.is_authenticated and "form" not in context:
            progress = selectors.progress_on_item(self.request.user, self.object)
            context["progress"] = progress
            context["form"] = ProgressForm(
                initial={
                    "status": status_choice(progress),
                    "note": progress.note if progress else "",
                    "evidence_url": progress.evidence_url if progress else "",
                }
            )
        if self.request.user.is_authenticated:
            context["item_history"] = selectors.history_for_user(self.request.user).filter(item=self.object)[:10]
        return context


class RoleListView(ListView):
    template_name = "roadmap/role_list.html"
    context_object_name = "roles"

    def get_queryset(self):
        return selectors.roles_overview()


class RoleDetailView(DetailView):
    template_name = "roadmap/role_detail.html"
    context_object_name = "role"

    def get_queryset(self):
        return selectors.role_detail_queryset()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        requirements = self.object.public_requirements
        context["required"] = [r for r in requirements if r.is_required]
        context["optional"] = [r for r in requirements if not r.is_required]
        context["required_hours"] = sum(r.item.estimated_hours for r in context["required"])
        context["gap"] = dashboards.role_gap(self.request.user, self.object)
        if not self.object.is_primary:
            ml_engineer_items = selectors.primary_role_item_ids()
            context["beyond_ml_engineer"] = [r for r in requirements if r.item_id not in ml_engineer_items]
            context["shared_with_ml_engineer"] = [r for r in requirements if r.item_id in ml_engineer_items]
            context["primary_role"] = Role.objects.published().filter(is_primary=True).first()
        return context


def _published_item_or_login(request, slug):
    """The published item, or a redirect to sign in (back to the item page) for a visitor."""
    item = get_object_or_404(Item.objects.published().select_related("skill_area"), slug=slug)
    if not request.user.is_authenticated:
        return item, redirect_to_login(item.get_absolute_url())
    return item, None


@require_POST
def progress_status(request, slug):
    """Set the learner's status on an item from a track row: in place with htmx, or post-and-return without it."""
    item, login_redirect = _published_item_or_login(request, slug)
    if login_redirect:
        return login_redirect
    form = StatusForm(request.POST, request=request)
    progress = None
    if form.is_valid():
        try:
            progress = services.progress_set_status(
                user=request.user,
                item=item,
                status=form.cleaned_data["progress_status"],
                skip_reason=form.cleaned_data["skip_reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
    if not form.is_valid():
        return render(request, "roadmap/progress_invalid.html", {"item": item, "form": form}, status=400)

    track_slug = form.cleaned_data["track"]
    if request.htmx and track_slug:
        track = get_object_or_404(Track.objects.published(), slug=track_slug)
        stages, tally = selectors.track_update(track, progress)
        context = {"track": track, "stages": stages, "track_tally": tally, "changed_item": item,
                   "here": track.get_absolute_url()}  # fmt: skip
        return render(request, "roadmap/track_detail.html#progress-changed", context)
    messages.success(request, f"“{item.title}” is now {_status_label(form)}.")
    return redirect(form.safe_next() or item.get_absolute_url())


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
            )
        except ValidationError as error:
            form.add_error(None, error)
    if not form.is_valid():
        view = ItemDetailView(request=request, kwargs={"slug": slug})
        view.object = selectors.item_detail_queryset().get(pk=item.pk)
        context = view.get_context_data(form=form, progress=selectors.progress_on_item(request.user, item))
        return render(request, ItemDetailView.template_name, context, status=400)
    messages.success(request, f"Saved your progress on “{item.title}”.")
    return redirect(form.safe_next() or item.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def track_reset(request, slug):
    """Ask, then put every item of the track back to not started; notes and evidence are kept."""
    if request.method == "POST":
        track = get_object_or_404(Track.objects.published(), slug=slug)
        count = services.progress_reset_track(user=request.user, track=track)
        messages.success(request, f"Reset {count} item{'s' if count != 1 else ''} on “{track.title}” to not started.")
        return redirect(track)
    track = get_object_or_404(selectors.track_detail_queryset(), slug=slug)
    return render(request, "roadmap/track_reset.html", track_context(request, track))


@login_required
@require_GET
def dashboard(request):
    """The learner's progress toward ML engineer and every other role, what to do next and when they will arrive."""
    user = request.user
    profile = getattr(user, "profile", None)
    content_token, learner_token = page_cache.tokens_for(user.pk)
    # Everything the page shows is in the key (the navigation bar shows the name or address, and staff links), so
    # a cached page is never stale: see roadmap.cache.
    key = ":".join(
        [
            "dashboard",
            str(user.pk),
            user.email,
            str(user.is_staff),
            content_token,
            learner_token,
            timezone.localdate().isoformat(),
            timezone.get_current_timezone_name(),
            profile.updated_at.isoformat() if profile else "no-profile",
        ]
    )

    def render_page(extra):
        data = dashboards.learner_dashboard(user, profile)
        return render(request, "roadmap/dashboard.html", {"dashboard": data, "profile": profile, **extra})

    return page_cache.cached_page(request, key, render_page)


@login_required
@require_GET
def insights(request):
    """How learners fare, by background, for staff; anyone else signed in gets 403."""
    if not request.user.is_staff:
        raise PermissionDenied("Learner insights are for staff.")
    return render(request, "roadmap/insights.html", {"insights": staff_insights.staff_insights()})


@login_required
@require_GET
def progress_history(request):
    """Every change the learner made, newest first, 50 to a page."""
    page = Paginator(selectors.history_for_user(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "roadmap/history.html", {"page": page, "events": page.object_list})


@require_GET
@never_cache
def healthz(request):
    """200 when the database answers a trivial query, 503 when it does not; for load balancers and make run."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")

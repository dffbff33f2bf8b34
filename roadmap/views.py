"""The public content pages. A signed-in learner's own state on them comes from the apps that registered in
roadmap.hooks (the progress app); roadmap itself knows only the content."""

from django.db.models import Count, Sum
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView, TemplateView

from careerpath import page_cache

from . import hooks, selectors
from .cache import track_page_key
from .models import Item, Role, Track


class HomeView(TemplateView):
    template_name = "roadmap/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tracks = list(selectors.track_list_with_stages())
        context["tracks"] = tracks
        context["main_track"] = tracks[0] if tracks else None
        context["roles"] = Role.objects.published()
        context["totals"] = Item.objects.published().aggregate(count=Count("id"), hours=Sum("estimated_hours"))
        context.update(hooks.learner_context(hooks.HOME_PAGE, request=self.request, obj=None, context=context))
        return context


def track_page_context(request, track: Track) -> dict:
    """What the track page shows: its stages and items, and for a signed-in learner their own progress (hooks).

    The progress app's status answers and its reset page render with this context too.
    """
    stages = selectors.track_stages(track=track)
    context = {
        "track": track,
        "stages": stages,
        "total_hours": sum(stage.total_hours for stage in stages),
        "item_count": len({item.pk for stage in stages for item in stage.items}),
        "here": request.get_full_path(),
    }
    context.update(hooks.learner_context(hooks.TRACK_PAGE, request=request, obj=track, context=context))
    return context


class TrackDetailView(DetailView):
    template_name = "roadmap/track_detail.html"
    context_object_name = "track"

    def get_object(self, queryset=None):
        """The published track with its stages and items, from the content kept per content version in this process
        (selectors.content_snapshot): read-only, shared with the dashboard; a page builds its own rows around it."""
        track = next(
            (track for track in selectors.content_snapshot().tracks if track.slug == self.kwargs["slug"]), None
        )
        if track is None:
            raise Http404("No published track here.")
        return track

    def get(self, request, *args, **kwargs):
        """Visitors share one cached page per content version; learners see their own statuses, uncached."""
        if request.user.is_authenticated:
            return super().get(request, *args, **kwargs)
        key = track_page_key(path=request.path)
        return page_cache.cached_page(request, key, lambda _extra: super(TrackDetailView, self).get(request, **kwargs))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(track_page_context(self.request, self.object))
        return context


def item_page_context(request, item: Item, **extra) -> dict:
    """What the item page shows (an item fetched with item_list_detailed) and the learner's part from the hooks.

    `extra` goes in before the hooks run: a form that failed to save keeps what the learner typed.
    """
    context = {"item": item, "object": item, **extra}
    context.update(hooks.learner_context(hooks.ITEM_PAGE, request=request, obj=item, context=context))
    return context


class ItemDetailView(DetailView):
    template_name = "roadmap/item_detail.html"
    context_object_name = "item"

    def get_queryset(self):
        return selectors.item_list_detailed()

    def get(self, request, *args, **kwargs):
        """An item a release took out of the content answers 301: to the item holding its place, or to the page
        saying where it went (a split, a retirement)."""
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            if (move := selectors.item_move(slug=kwargs["slug"])) is None:
                raise
            if move.single:
                return HttpResponsePermanentRedirect(reverse("roadmap:item-detail", args=[move.single]))
            return HttpResponsePermanentRedirect(reverse("roadmap:item-moved", args=[move.slug]))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(item_page_context(self.request, self.object))
        return context


@require_safe
def item_moved(request, slug):
    """Where an item a release took out of the content went: the items of a split, or that it was retired."""
    if (move := selectors.item_move(slug=slug)) is None:
        raise Http404("No release took this item out of the content.")
    return render(request, "roadmap/item_moved.html", {"move": move})


class RoleListView(ListView):
    template_name = "roadmap/role_list.html"
    context_object_name = "roles"

    def get_queryset(self):
        return selectors.role_list_overview()

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "release": selectors.release_current()}


class RoleDetailView(DetailView):
    template_name = "roadmap/role_detail.html"
    context_object_name = "role"

    def get_queryset(self):
        return selectors.role_list_detailed()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        requirements = self.object.public_requirements
        context["required"] = [r for r in requirements if r.is_required]
        context["optional"] = [r for r in requirements if not r.is_required]
        context["required_hours"] = sum(r.item.estimated_hours for r in context["required"])
        if not self.object.is_primary:
            ml_engineer_items = selectors.role_primary_item_ids()
            context["beyond_ml_engineer"] = [r for r in requirements if r.item_id not in ml_engineer_items]
            context["shared_with_ml_engineer"] = [r for r in requirements if r.item_id in ml_engineer_items]
            context["primary_role"] = Role.objects.published().filter(is_primary=True).first()
        context.update(hooks.learner_context(hooks.ROLE_PAGE, request=self.request, obj=self.object, context=context))
        return context

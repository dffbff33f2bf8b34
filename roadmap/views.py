from django.db import connection
from django.db.models import Count, Sum
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView, TemplateView

from . import selectors
from .models import Item, Role


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

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        stages = selectors.track_roadmap(self.object)
        context["stages"] = stages
        context["total_hours"] = sum(stage.total_hours for stage in stages)
        context["item_count"] = len({item.pk for stage in stages for item in stage.items})
        return context


class ItemDetailView(DetailView):
    template_name = "roadmap/item_detail.html"
    context_object_name = "item"

    def get_queryset(self):
        return selectors.item_detail_queryset()


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
        if not self.object.is_primary:
            ml_engineer_items = selectors.primary_role_item_ids()
            context["beyond_ml_engineer"] = [r for r in requirements if r.item_id not in ml_engineer_items]
            context["shared_with_ml_engineer"] = [r for r in requirements if r.item_id in ml_engineer_items]
            context["primary_role"] = Role.objects.published().filter(is_primary=True).first()
        return context


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

"""The admin is the content editor: every model, with inlines for stage items and role requirements."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import hooks
from .models import Item, ItemTerm, Publication, Resource, Role, RoleRequirement, SkillArea, Stage, StageItem, Track
from .services import CONTENT_MODELS, ContentImportError, content_export, content_import, content_set_status


def _status_action(status: str, label: str):
    def action(modeladmin, request, queryset):
        changed = content_set_status(queryset=queryset, status=status)
        modeladmin.message_user(request, _("%(count)d changed to %(status)s.") % {"count": changed, "status": label})

    action.__name__ = f"mark_{status}"
    action.short_description = _("Mark selected as %(status)s") % {"status": label}
    action.allowed_permissions = ("change",)
    return action


publish = _status_action(Publication.PUBLISHED, _("published"))
retire = _status_action(Publication.RETIRED, _("retired (hidden, progress kept)"))
unpublish = _status_action(Publication.DRAFT, _("draft"))


class StageInline(admin.TabularInline):
    model = Stage
    fields = ["position", "title", "slug", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    show_change_link = True
    extra = 0


class StageItemInline(admin.TabularInline):
    model = StageItem
    fields = ["position", "item"]
    autocomplete_fields = ["item"]
    ordering = ["position", "id"]
    extra = 1


class ItemPlacementInline(admin.TabularInline):
    model = StageItem
    fields = ["stage", "position"]
    verbose_name_plural = _("where it sits on the roadmap")
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("stage__track")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "stage":
            kwargs["queryset"] = Stage.objects.select_related("track")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ItemTermFormSet(forms.BaseInlineFormSet):
    """A term names one item: refuse one that another item (or another row here) already uses, as a form error
    rather than the database's refusal."""

    def clean(self):
        super().clean()
        forms_with_words = [
            form for form in self.forms  # words: set by the model's clean() during this validation
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.instance.words
        ]  # fmt: skip
        elsewhere = {
            term.words: term
            for term in ItemTerm.objects.filter(words__in=[form.instance.words for form in forms_with_words])
            .exclude(item_id=self.instance.pk)
            .select_related("item")
        }  # one query for the whole list
        seen = {}
        for form in forms_with_words:
            words = form.instance.words
            taken = elsewhere.get(words)
            if taken is not None:
                form.add_error(
                    "term", _("“%(term)s” already names “%(item)s”.") % {"term": taken.term, "item": taken.item}
                )
            elif words in seen:
                form.add_error("term", _("“%(term)s” is in this list twice.") % {"term": seen[words]})
            seen[words] = form.cleaned_data.get("term")


class ItemTermInline(admin.TabularInline):
    model = ItemTerm
    formset = ItemTermFormSet
    fields = ["term", "case_sensitive"]
    verbose_name_plural = _("words job ads use for it")
    extra = 1


class RoleRequirementInline(admin.TabularInline):
    model = RoleRequirement
    fields = ["item", "weight", "is_required", "reason"]
    autocomplete_fields = ["item"]
    extra = 1

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("item")


class ContentTransferMixin:
    """Adds the export and import pages to a content model's admin; both list pages link to them."""

    change_list_template = "admin/roadmap/change_list_with_transfer.html"

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path("export/", self.admin_site.admin_view(self.export_view), name=f"{prefix}_export"),
            path("import/", self.admin_site.admin_view(self.import_view), name=f"{prefix}_import"),
            *super().get_urls(),
        ]

    def export_view(self, request):
        if not request.user.has_perms([f"roadmap.view_{model._meta.model_name}" for model in CONTENT_MODELS]):
            raise PermissionDenied
        response = HttpResponse(content_export(), content_type="application/json")
        filename = f"careerpath-content-{timezone.now():%Y%m%d-%H%M}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    def import_view(self, request):
        needed = [f"roadmap.{verb}_{model._meta.model_name}" for model in CONTENT_MODELS for verb in ("add", "change")]
        if not request.user.has_perms(needed):
            raise PermissionDenied
        form = ContentImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                saved = content_import(data=form.cleaned_data["file"].read())
            except ContentImportError as error:
                form.add_error("file", str(error))
            else:
                self.message_user(request, _("Imported %(count)d objects.") % {"count": saved}, messages.SUCCESS)
                return redirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "form": form,
            "title": _("Import roadmap content"),
        }
        return TemplateResponse(request, "admin/roadmap/import_content.html", context)


class ContentImportForm(forms.Form):
    file = forms.FileField(
        label=_("Content export (JSON)"),
        help_text=_("A file made by “Export all content”. Objects are matched by slug: existing ones are updated."),
    )


@admin.register(Track)
class TrackAdmin(ContentTransferMixin, admin.ModelAdmin):
    list_display = ["title", "position", "for_career_changers", "status", "stage_count"]
    list_editable = ["position", "status"]
    list_filter = ["status"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [StageInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(stage_total=Count("stages"))

    @admin.display(description=_("stages"), ordering="stage_total")
    def stage_count(self, track):
        return track.stage_total


@admin.register(Stage)
class StageAdmin(admin.ModelAdmin):
    list_display = ["title", "track", "position", "item_count"]
    list_display_links = ["title"]
    list_editable = ["position"]
    list_filter = ["track"]
    list_select_related = ["track"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["track", "title", "slug", "position"]}),
        (_("Text"), {"fields": ["summary", "body"]}),
    ]
    inlines = [StageItemInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(item_total=Count("placements"))

    @admin.display(description=_("items"), ordering="item_total")
    def item_count(self, stage):
        return stage.item_total


@admin.register(SkillArea)
class SkillAreaAdmin(admin.ModelAdmin):
    list_display = ["title", "position"]
    list_editable = ["position"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Item)
class ItemAdmin(ContentTransferMixin, admin.ModelAdmin):
    list_display = ["title", "kind", "skill_area", "estimated_hours", "status"]
    list_filter = ["status", "kind", "skill_area", "transferable", "stages__track"]
    list_select_related = ["skill_area"]
    search_fields = ["title", "slug", "summary", "description"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["resources"]
    actions = [publish, retire, unpublish]
    fieldsets = [
        (None, {"fields": ["kind", "title", "slug", "skill_area", "estimated_hours", "transferable", "status"]}),
        (_("Text"), {"fields": ["summary", "description", "outcome"]}),
        (_("Resources"), {"fields": ["resources"]}),
    ]
    inlines = [ItemPlacementInline, ItemTermInline]

    def get_deleted_objects(self, objs, request):
        """Refuse, with a count instead of a list of every learner's row, to delete items that learners track.

        Progress (another app, counted through roadmap.hooks) points at items with PROTECT, so the database refuses
        anyway; this says why and what to do.
        """
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        learners = hooks.item_learner_counts(obj.pk for obj in objs)
        if learners:
            protected = [
                _("“%(item)s”: %(count)s learner(s) have progress on it. Retire it instead: it leaves the roadmap "
                  "and their progress is kept.") % {"item": obj.title, "count": learners[obj.pk]}
                for obj in objs
                if obj.pk in learners
            ]  # fmt: skip
        return to_delete, model_count, perms_needed, protected


@admin.register(Role)
class RoleAdmin(ContentTransferMixin, admin.ModelAdmin):
    list_display = ["title", "is_primary", "position", "status", "requirement_count"]
    list_editable = ["position"]
    list_filter = ["status", "is_primary"]
    search_fields = ["title", "summary", "description"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["resources"]
    actions = [publish, retire, unpublish]
    fieldsets = [
        (None, {"fields": ["title", "slug", "is_primary", "position", "status"]}),
        (_("Text"), {"fields": ["summary", "description", "responsibilities", "comparison"]}),
        (_("Resources"), {"fields": ["resources"]}),
    ]
    inlines = [RoleRequirementInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(requirement_total=Count("role_requirements"))

    @admin.display(description=_("requirements"), ordering="requirement_total")
    def requirement_count(self, role):
        return role.requirement_total


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["title", "kind", "provider", "url"]
    list_filter = ["kind"]
    search_fields = ["title", "provider", "url", "description"]


from . import check_admin, release_admin  # noqa: E402, F401 - the checks' and releases' admin, in their modules

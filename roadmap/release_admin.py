"""The admin's releases: prepare a draft from a content export (or the live content), give each leaving item its
lineage, read what publishing would change and whom it touches, and publish after confirming those numbers."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from . import hooks
from .models import Item, ItemLineage, Release, ReleaseState
from .services import (
    ContentImportError,
    ReleaseError,
    content_export,
    release_content_check,
    release_lineage,
    release_preview,
    release_publish,
)


class ItemLineageForm(forms.ModelForm):
    to_slugs = forms.CharField(
        label=_("items taking its place"),
        required=False,
        help_text=_("Slugs in this release, separated by commas: one, or two and more for a split; none if retired."),
    )

    class Meta:
        model = ItemLineage
        fields = ["from_slug", "kind", "to_slugs"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["to_slugs"] = ", ".join(self.instance.to_slugs)

    def clean_to_slugs(self) -> list[str]:
        slugs = [slug.strip() for slug in self.cleaned_data["to_slugs"].split(",") if slug.strip()]
        for slug in slugs:
            if not forms.SlugField().clean(slug):
                raise ValidationError(_("Slugs only, separated by commas."))
        return slugs


class ItemLineageInline(admin.TabularInline):
    model = ItemLineage
    form = ItemLineageForm
    extra = 1

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and _draft(obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and _draft(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and _draft(obj)


def _draft(release: Release | None) -> bool:
    """A release's lineage can change until it is published."""
    return release is None or release.state == ReleaseState.DRAFT


class ReleaseForm(forms.ModelForm):
    file = forms.FileField(
        label=_("Content export (JSON)"),
        required=False,
        help_text=_("The whole content of this release, as “Export all content” writes it. Empty on a new draft: "
                    "the live content, to change in the file later."),
    )  # fmt: skip

    class Meta:
        model = Release
        fields = ["name", "notes"]

    def clean_file(self) -> list[dict] | None:
        """The release's content, checked by importing it in a transaction rolled back (None: unchanged)."""
        upload = self.cleaned_data.get("file")
        data = upload.read() if upload else (None if self.instance.pk else content_export())
        if data is None:
            return None
        try:
            return release_content_check(data=data)
        except ContentImportError as error:
            raise ValidationError(str(error)) from error


PUBLISHED_FIELDS = ["number", "name", "notes", "state", "published_at", "published_by"]  # all read-only


@admin.register(Release)
class ReleaseAdmin(admin.ModelAdmin):
    form = ReleaseForm
    inlines = [ItemLineageInline]
    list_display = ["number", "name", "state", "published_at", "published_by"]
    list_filter = ["state"]
    change_form_template = "admin/roadmap/release/change_form.html"

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.state == ReleaseState.PUBLISHED:
            return PUBLISHED_FIELDS
        return ["number", "state"] if obj is not None else []

    def get_fields(self, request, obj=None):
        if obj is not None and obj.state == ReleaseState.PUBLISHED:
            return PUBLISHED_FIELDS
        return ["name", "notes", "file"] if obj is None else ["number", "name", "notes", "state", "file"]

    def save_model(self, request, obj, form, change):
        if form.cleaned_data.get("file") is not None:
            obj.content = form.cleaned_data["file"]
        if not change:
            obj.number = Release.objects.next_number()
        obj.save()

    def has_delete_permission(self, request, obj=None):
        return obj is None or obj.state == ReleaseState.DRAFT

    def get_urls(self):
        publish = self.admin_site.admin_view(self.publish_view)
        return [path("<int:release_id>/publish/", publish, name="roadmap_release_publish"), *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        release = self.get_object(request, object_id)
        extra = {} if release is None else impact(release)
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    def publish_view(self, request, release_id):
        """GET: what publishing changes and whom it touches, to confirm; POST: publish."""
        release = get_object_or_404(Release, pk=release_id)
        if not self.has_change_permission(request, release) or not request.user.has_perm("roadmap.change_item"):
            raise PermissionDenied
        change_url = reverse("admin:roadmap_release_change", args=[release.pk])
        if release.state == ReleaseState.PUBLISHED:
            self.message_user(request, _("Release %(name)s is published already.") % {"name": release.name})
            return redirect(change_url)
        if request.method == "POST":
            try:
                release_publish(release=release, user=request.user)
            except ReleaseError as error:
                for problem in error.problems:
                    self.message_user(request, problem, messages.ERROR)
                return redirect(change_url)
            self.message_user(request, _("Release %(name)s is published.") % {"name": release.name}, messages.SUCCESS)
            return redirect(change_url)
        context = {**self.admin_site.each_context(request), "opts": self.opts, "release": release, **impact(release)}
        context["title"] = _("Publish release %(name)s?") % {"name": release.name}
        return TemplateResponse(request, "admin/roadmap/release/publish.html", context)


def impact(release: Release) -> dict:
    """A draft's changes and problems, the items that leave with how many learners hold records on each, and what
    the apps above add (the progress app: learners touched per change, records going backwards, readiness drops)."""
    if release.state == ReleaseState.PUBLISHED:
        return {"changes": release.changes, "change_rows": [(change, None) for change in release.changes],
                "problems": [], "leaving": []}  # fmt: skip
    lineage = release_lineage(release)
    preview = release_preview(release=release, lineage=lineage)
    ids = dict(Item.objects.filter(slug__in=[slug for slug, _title in preview.leaving]).values_list("slug", "pk"))
    counts = hooks.item_learner_counts(ids.values())
    rows = [{"slug": slug, "title": title, "learners": counts.get(ids.get(slug), 0)} for slug, title in preview.leaving]
    extra = hooks.release_preview(before=preview.before, after=preview.after, changes=preview.changes, lineage=lineage)
    return {"changes": preview.changes, "change_rows": [(change, None) for change in preview.changes],
            "problems": preview.problems, "leaving": rows, **extra}  # fmt: skip

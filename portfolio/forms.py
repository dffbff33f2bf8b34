from django import forms
from django.utils.translation import gettext_lazy as _

from .models import HANDLE_TAKEN, SUMMARY_MAX_LENGTH, Portfolio


class PortfolioForm(forms.ModelForm):
    class Meta:
        model = Portfolio
        fields = ["handle", "headline", "published", "allow_indexing"]
        labels = {"published": _("Publish my portfolio")}
        help_texts = {"published": _("Off: the page does not exist for anyone, at once.")}
        error_messages = {"handle": {"unique": HANDLE_TAKEN}}

    def clean_handle(self):
        handle = (self.cleaned_data.get("handle") or "").strip().lower()
        return handle or None

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("published") and not cleaned.get("handle"):
            self.add_error("handle", _("Choose a handle before publishing: it is the page's address."))
        return cleaned


class EntryForm(forms.Form):
    shown = forms.BooleanField(required=False, label=_("Show on my portfolio"))
    summary = forms.CharField(
        required=False, max_length=SUMMARY_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 2}),
        label=_("Public summary"),
    )  # fmt: skip

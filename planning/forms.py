from django import forms
from django.utils.translation import gettext_lazy as _

from roadmap.models import Item

from .models import ReviewAnswer


class AddItemForm(forms.Form):
    item = forms.ModelChoiceField(
        queryset=Item.objects.published().order_by("title"),
        to_field_name="slug",
        label=_("Add an item to this week"),
        error_messages={"invalid_choice": _("Choose an item from the list.")},
    )


class PinForm(forms.Form):
    pinned = forms.BooleanField(required=False)


class ReviewForm(forms.Form):
    answer = forms.ChoiceField(
        choices=ReviewAnswer.choices, error_messages={"invalid_choice": _("Choose one of the three answers.")}
    )

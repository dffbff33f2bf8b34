from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import GoalsForm


class StartGoalsForm(GoalsForm):
    """Step 1: the goals without the display name (that stays on the goals page)."""

    class Meta(GoalsForm.Meta):
        fields = ["target_role", "background", "target_date", "hours_per_week", "time_zone", "weekly_digest"]
        labels = {**GoalsForm.Meta.labels, "target_role": _("The role you aim for")}


class KnownItemsForm(forms.Form):
    """Step 2: the items the learner already knows, ticked among those offered (one POST for all of them)."""

    known = forms.TypedMultipleChoiceField(
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("“%(value)s” is not one of the items on this page. Reload it and tick again.")
        },
    )

    def __init__(self, *args, offered: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["known"].choices = [(item.pk, item.title) for item in offered]

from django import forms
from django.utils.translation import gettext_lazy as _

from careerpath.validators import no_control_characters
from roadmap.models import posted_scores

from .models import COMMENT_MAX_LENGTH, Verdict


class CohortForm(forms.Form):
    name = forms.CharField(label=_("Cohort name"), max_length=80, validators=[no_control_characters],
                           help_text=_("Like “Bootcamp spring 2027” or “Thursday study group”."))  # fmt: skip


class ReviewForm(forms.Form):
    verdict = forms.ChoiceField(
        choices=Verdict.choices, error_messages={"invalid_choice": _("Endorse, or ask for changes.")}
    )
    comment = forms.CharField(required=False, max_length=COMMENT_MAX_LENGTH, validators=[no_control_characters],
                              widget=forms.Textarea(attrs={"rows": 2}), label=_("Comment"))  # fmt: skip

    def scores(self) -> dict[str, int]:
        """The rubric's scores as posted; the service checks them against the rubric."""
        return posted_scores(self.data)

from django import forms
from django.core.exceptions import ValidationError

from .models import JobAd, Stage
from .services import ad_text_clean


class JobAdForm(forms.ModelForm):
    """Paste an ad: its title (required), the company (optional) and its text."""

    text = forms.CharField(
        label="Text of the ad",
        widget=forms.Textarea(attrs={"rows": 14}),
        # No maxlength in the markup: a browser would cut a long paste silently; the check says how long it is.
        strip=False,
        help_text="Paste the whole ad, requirements and “nice to have” included. It stays private to you.",
        error_messages={"required": "Paste the text of the ad."},
    )

    class Meta:
        model = JobAd
        fields = ["title", "company", "text"]
        help_texts = {"company": "Optional."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A NUL is one of the control characters `ad_text_clean` names: one message for all of them.
        self.fields["text"].validators = []

    def clean_text(self):
        try:
            return ad_text_clean(self.cleaned_data["text"])
        except ValidationError as error:
            raise ValidationError(error.messages[0], code=error.code) from None


class DateInput(forms.DateInput):
    input_type = "date"


class ApplicationForm(forms.Form):
    role = forms.CharField(max_length=200, label="Role")
    company = forms.CharField(max_length=200, label="Company")
    applied_on = forms.DateField(label="Applied on", widget=DateInput)
    ad = forms.ModelChoiceField(
        queryset=JobAd.objects.none(), required=False, label="The ad, read here",
        help_text="Keeps a copy of your readiness for it today, which never changes.",
    )  # fmt: skip

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ad"].queryset = JobAd.objects.for_user(user).only("pk", "title", "company")


class StageForm(forms.Form):
    stage = forms.ChoiceField(
        label="Moved to", choices=[(value, label) for value, label in Stage.choices if value != Stage.APPLIED]
    )
    on = forms.DateField(label="On", widget=DateInput)
    note = forms.CharField(max_length=300, required=False, label="Note (optional)")


class FetchForm(forms.Form):
    address = forms.URLField(
        label="Address of the ad",
        max_length=2000,
        assume_scheme="https",
        help_text="An https page; what it holds fills the form below for you to check.",
    )

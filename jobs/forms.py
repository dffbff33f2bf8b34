from django import forms
from django.core.exceptions import ValidationError

from .models import JobAd
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

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Profile


class GoalsForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["display_name", "background", "target_role", "target_date", "hours_per_week", "time_zone"]
        widgets = {
            "background": forms.RadioSelect,
            "target_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The choices are the published roles (the model field's limit_choices_to): no import of the content app.
        roles = self.fields["target_role"].queryset
        self.fields["target_role"].empty_label = None
        self.fields["target_role"].required = True
        if self.initial.get("target_role") is None:
            self.initial["target_role"] = roles.filter(is_primary=True).values_list("pk", flat=True).first()


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To make sure it is you."),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."), code="wrong_password")
        return password

import re

from allauth.account import forms as allauth_forms
from allauth.account.adapter import get_adapter
from django import forms
from django.contrib.auth.hashers import make_password
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from careerpath.validators import no_control_characters

from .models import Profile, TokenScope, time_zone_choices
from .selectors import email_is_taken, users_identified_by
from .services import email_release_pending
from .tokens import EXPIRY_DAYS


class SignupForm(allauth_forms.SignupForm):
    """allauth's sign-up, where only an address someone proved is taken, and both answers cost the same.

    - An address verified on an account (or set by staff) is taken: allauth mails its owner that the account exists
      and shows the usual "check your mail" page, as for a new account.
    - An address only pending on another account is not: the sign-up makes the account and takes the claim off the
      other one (accounts.services.email_release_pending), so nobody can reserve someone else's address. A later
      sign-up takes it again (last one wins), but only the mailbox's owner can type the code that finishes one.
    - The password is hashed on both paths: a taken address must not answer faster than a new one.
    - Two sign-ups with one address at the same moment: the database's unique address decides, and the loser gets
      the "account exists" answer instead of an error.
    """

    def validate_unique_email(self, value):
        self.account_already_exists = email_is_taken(value)
        return get_adapter().validate_unique_email(value)

    def try_save(self, request):
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1"))  # the same work as a new account's password
            return super().try_save(request)
        email = self.cleaned_data["email"]
        try:
            with transaction.atomic():
                email_release_pending(email=email)
                return super().try_save(request)
        except IntegrityError:
            # Another sign-up with this address committed first.
            self.account_already_exists = True
            return super().try_save(request)


class ResetPasswordForm(allauth_forms.ResetPasswordForm):
    """A reset link goes only to an account the address is verified on (accounts.selectors.users_identified_by)."""

    def clean_email(self):
        email = super().clean_email()
        self.users = users_identified_by(email, self.users)
        return email


class RequestLoginCodeForm(allauth_forms.RequestLoginCodeForm):
    """A sign-in code goes only to an account the address is verified on."""

    def clean_email(self):
        email = super().clean_email()
        if email and self._user is not None:
            identified = users_identified_by(email, [self._user])
            self._user = identified[0] if identified else None
        return email


NEUTRAL_LABEL = re.compile(r"member\s*#?\s*\d+", re.IGNORECASE)


class TimeZoneInput(forms.TextInput):
    """A text box searching the ~600 zone names (a datalist), filled from the browser while the learner has not
    chosen one (static/js/time_zone.js); without JavaScript it holds UTC."""

    template_name = "accounts/widgets/time_zone.html"

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "off", "spellcheck": "false", **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["zones"] = [zone for zone, _label in time_zone_choices()]
        context["widget"]["attrs"]["list"] = f"{context['widget']['attrs'].get('id', name)}-list"
        return context


class GoalsForm(forms.ModelForm):
    """A learner's goals. Nothing is chosen for them: no role, no background, and a time zone only from their own
    browser (UTC without JavaScript), so every answer on it is one the learner gave."""

    class Meta:
        model = Profile
        fields = [
            "display_name", "target_role", "background", "target_date", "hours_per_week", "time_zone", "weekly_digest",
        ]  # fmt: skip
        widgets = {
            "background": forms.RadioSelect,
            "target_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "time_zone": TimeZoneInput,
        }
        help_texts = {
            "target_role": _("The role you are working toward. You can change it at any time."),
            "background": _("It decides which track you start with; it is never shown to anyone."),
            "target_date": _("When you want to be ready. Leave it empty if you have no date in mind."),
            "hours_per_week": _("Hours you can give to learning in a typical week (1 to 100)."),
            "time_zone": _("Type to search, like Europe/Paris. Days and dates on your pages follow it."),
            "weekly_digest": _(
                "Mondays at 8:00 your time: last week's work, this week's plan and reviews due. One click in the "
                "email stops it."
            ),
        }
        labels = {"weekly_digest": _("Send me a weekly digest by email")}
        error_messages = {
            "hours_per_week": {
                "min_value": _("Give at least 1 hour a week."),
                "max_value": _("Give at most 100 hours a week."),
            },
            "time_zone": {
                "invalid_choice": _("“%(value)s” is not a time zone we know: pick one from the list (Europe/Paris).")
            },
            "target_role": {"invalid_choice": _("Choose one of the roles in the list.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The choices are the published roles (the model field's limit_choices_to): no import of the content app.
        self.fields["target_role"].empty_label = _("Choose a role")
        self.fields["target_role"].required = True
        self.fields["background"].required = True
        self.fields["background"].choices = [choice for choice in self.fields["background"].choices if choice[0]]
        self.fields["time_zone"].required = True
        self.fields["hours_per_week"].widget.attrs.update({"min": 1, "max": 100})
        if self.instance.pk is None:
            self.initial["hours_per_week"] = None  # the model's default is for rows, not a suggestion
        if not self.instance.time_zone:
            self.initial["time_zone"] = "UTC"
            self.fields["time_zone"].widget.attrs["data-browser-zone"] = "fill"

    def clean_display_name(self):
        name = self.cleaned_data.get("display_name", "")
        # Mentors see a member without a name as "Member 3" (mentoring.selectors.member_name): a chosen name must
        # never pass for that neutral label, or for another member's.
        if NEUTRAL_LABEL.fullmatch(name.strip()):
            raise forms.ValidationError(_("Choose a name of your own: “Member” and a number is how we show no name."))
        return name

    def clean_target_date(self):
        target = self.cleaned_data.get("target_date")
        if target and target < timezone.localdate():
            raise forms.ValidationError(_("Choose a date from today on."), code="past")
        return target


class TargetRoleForm(forms.ModelForm):
    """ "Make this my target" on a role page: the target role alone, among the published roles."""

    next = forms.CharField(required=False)

    class Meta:
        model = Profile
        fields = ["target_role"]
        error_messages = {"target_role": {"invalid_choice": _("That role is not on the site (any more).")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_role"].required = True


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


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=60, validators=[no_control_characters],
        help_text=_("What uses it, to tell tokens apart: “notes app”, “study group bot”."),
    )  # fmt: skip
    scope = forms.ChoiceField(label=_("Scope"), choices=TokenScope.choices, initial=TokenScope.READ,
                              widget=forms.RadioSelect)  # fmt: skip
    days = forms.TypedChoiceField(
        label=_("Expires after"), coerce=int, initial=90,
        choices=[(days, _("%(days)s days") % {"days": days}) for days in EXPIRY_DAYS],
    )  # fmt: skip

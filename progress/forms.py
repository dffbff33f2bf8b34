"""Forms a learner posts about their progress."""

from django import forms
from django.core.validators import URLValidator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from careerpath.validators import no_control_characters

from .models import NOTE_MAX_LENGTH, Origin, Progress, ProgressStatus, SkipReason

# One control carries the status and what qualifies it (a skip's reason, a done item's origin), so a single select
# (or a single POST field) says it all: "skipped:not_relevant", "done:known_before"; plain "done" is learned here.
SEPARATOR = ":"
STATUS_CHOICES = [
    (ProgressStatus.NOT_STARTED.value, _("Not started")),
    (ProgressStatus.IN_PROGRESS.value, _("In progress")),
    (ProgressStatus.DONE.value, _("Done")),
    (f"{ProgressStatus.DONE}{SEPARATOR}{Origin.KNOWN_BEFORE}", _("Known before joining")),
    (f"{ProgressStatus.SKIPPED}{SEPARATOR}{SkipReason.NOT_RELEVANT}", _("Skipped: not relevant to my goal")),
]


def status_choice(progress: Progress | None) -> str:
    """The select's value for a learner's progress on an item."""
    if progress is None:
        return ProgressStatus.NOT_STARTED.value
    if progress.status == ProgressStatus.SKIPPED:
        return f"{progress.status}{SEPARATOR}{progress.skip_reason}"
    if progress.is_known_before:
        return f"{progress.status}{SEPARATOR}{progress.origin}"
    return progress.status


class StatusForm(forms.Form):
    """The status control on a track page's row; `next` brings a browser without JavaScript back where it was."""

    status = forms.ChoiceField(
        label=_("Status"),
        choices=STATUS_CHOICES,
        error_messages={
            "required": _("Choose a status."),
            "invalid_choice": _(
                "“%(value)s” is not a status. Choose not started, in progress, done, known before joining, or skipped."
            ),
        },
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)
    track = forms.SlugField(required=False, widget=forms.HiddenInput)
    # Set by the "learned here or known before?" question's answer (progress.views.progress_status), and by any
    # control that already says where the item was learned: the question is not asked again.
    origin_asked = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, request=None, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        status, _sep, qualifier = cleaned.get("status", "").partition(SEPARATOR)
        cleaned["progress_status"] = status
        cleaned["skip_reason"] = qualifier if status == ProgressStatus.SKIPPED else ""
        cleaned["origin"] = qualifier if status == ProgressStatus.DONE else ""
        return cleaned

    def clean_next(self) -> str:
        """A path on this site to return to, or "" (the item page): checked with the rest, before anything is saved.

        Only an absolute path qualifies (`/tracks/ml/#row-1`): `x` would redirect nowhere, `//host` elsewhere.
        """
        target = self.cleaned_data.get("next") or ""
        if (
            target.startswith("/")
            and not target.startswith("//")
            and url_has_allowed_host_and_scheme(
                target, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
            )
        ):
            return target
        return ""

    def safe_next(self) -> str | None:
        """The page to return to, if it is one of ours."""
        return self.cleaned_data.get("next") or None


class WebAddressField(forms.URLField):
    """A URL field that takes http and https only, so a `javascript:` or `data:` link can never be saved."""

    default_validators = [URLValidator(schemes=["http", "https"])]
    default_error_messages = {"invalid": _("Enter a web address starting with http or https.")}


class ProgressForm(StatusForm):
    """The item page's full form: status, a private Markdown note and an evidence link."""

    note = forms.CharField(
        label=_("Private note"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        validators=[no_control_characters],
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Only you see it. Markdown works: **bold**, lists, links. Up to %(limit)s characters.")
        % {"limit": f"{NOTE_MAX_LENGTH:,}"},
    )
    evidence_url = WebAddressField(
        label=_("Evidence link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("A repository, certificate or write-up that shows the work."),
    )


class TrackResetForm(forms.Form):
    include_shared = forms.BooleanField(
        required=False,
        label=_("Also reset the items this track shares with other tracks"),
        help_text=_("Progress belongs to the item: a shared item would go back to not started on every track."),
    )

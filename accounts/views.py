from allauth.account.decorators import reauthentication_required
from allauth.account.views import LoginView as AllauthLoginView
from allauth.core import ratelimit
from allauth.core.ratelimit import respond_429
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from careerpath import personal_data

from . import tokens
from .forms import DeleteAccountForm, GoalsForm, TargetRoleForm, TokenForm
from .models import ApiToken, Profile
from .services import user_delete

DELETE_ACCOUNT_LIMIT = "delete_account"  # ACCOUNT_RATE_LIMITS: the same numbers as failed sign-ins


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def goals(request):
    # An unsaved profile until the learner saves: opening the page writes nothing.
    profile = getattr(request.user, "profile", None) or Profile(user=request.user)
    form = GoalsForm(request.POST or None, instance=profile)
    if request.method == "POST":
        if form.is_valid():
            _profile_form_save(request, form)
            messages.success(request, "Your goals are saved.")
            return redirect("accounts:goals")
        return render(request, "accounts/goals.html", {"form": form}, status=400)
    return render(request, "accounts/goals.html", {"form": form})


@login_required
@require_POST
def set_target_role(request):
    """ "Make this my target" from a role page; back to that page (or the dashboard), or a 400 saying why not."""
    profile = getattr(request.user, "profile", None) or Profile(user=request.user)
    form = TargetRoleForm(request.POST, instance=profile)
    if not form.is_valid():
        errors = [error for errors in form.errors.values() for error in errors]
        return render(request, "400.html", {"errors": errors}, status=400)
    _profile_form_save(request, form)
    messages.success(request, f"{form.cleaned_data['target_role'].title} is now your target role.")
    target = form.cleaned_data["next"]
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(settings.LOGIN_REDIRECT_URL)


def _profile_form_save(request, form) -> Profile:
    """Save a valid goals form. When another request made the learner's first profile meanwhile (two tabs, a double
    click), the same answers are saved onto that one: the later save wins, as it would a moment later, instead of
    failing on the one-profile-per-learner constraint."""
    if form.instance.pk is not None:  # only a first save inserts, and only an insert can meet the constraint
        return form.save()
    try:
        with transaction.atomic():
            return form.save()
    except IntegrityError:
        again = type(form)(request.POST, instance=Profile.objects.get(user=request.user))
        if not again.is_valid():  # valid a moment ago; only a role unpublished in between could change that
            raise
        return again.save()


@login_required
@require_safe
def my_data(request):
    context = {"sections": personal_data.for_page(request.user), "page_limit": personal_data.PAGE_LIMIT,
               "spreadsheets": personal_data.spreadsheets()[1:]}  # fmt: skip
    return render(request, "accounts/my_data.html", context)


@login_required
@require_safe
def my_data_section_csv(request, section):
    """Another section's spreadsheet (job ads, applications); 404 for a name that has none."""
    if section not in {sheet.name for sheet in personal_data.spreadsheets()[1:]}:
        raise Http404("No such spreadsheet.")
    chunks = personal_data.csv_chunks(request.user, section_name=section)
    return _download(chunks, "text/csv; charset=utf-8", name=section.replace("_", "-"), extension="csv")


@login_required
@require_safe
def my_data_download(request, file_format):
    if file_format == "json":
        return _download(personal_data.json_chunks(request.user), "application/json", name="my-data", extension="json")
    return _download(personal_data.csv_chunks(request.user), "text/csv; charset=utf-8", name="my-data", extension="csv")


def _download(chunks, content_type: str, *, name: str, extension: str) -> StreamingHttpResponse:
    """A personal-data file, streamed (a long history is written as it is read, never held whole in memory), dated,
    and kept by no cache."""
    response = StreamingHttpResponse(chunks, content_type=content_type)
    stamp = timezone.now().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="careerpath-{name}-{stamp}.{extension}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def delete_account(request):
    """Delete after the password, with the same limits as signing in: a stolen session cannot guess it."""
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST":
        key = str(request.user.pk)
        if not ratelimit.consume(request, action=DELETE_ACCOUNT_LIMIT, key=key, dry_run=True):
            return respond_429(request)
        if form.is_valid():
            user_delete(user=request.user)
            logout(request)
            return redirect("accounts:deleted")
        ratelimit.consume(request, action=DELETE_ACCOUNT_LIMIT, key=key)  # a wrong password counts
        return render(request, "accounts/delete_account.html", {"form": form}, status=400)
    return render(request, "accounts/delete_account.html", {"form": form})


@login_required
@reauthentication_required(allow_get=True)
@require_http_methods(["GET", "HEAD", "POST"])
def api_tokens(request):
    """Personal access tokens for the API: made here (the secret is shown once, on this answer only), listed with
    their last use, revoked at once. Making one asks for the password again (allauth's reauthentication), since a
    token outlives the session that made it."""
    form = TokenForm(request.POST or None)
    context = {
        "form": form,
        "tokens": tokens.token_list(user=request.user),
        "new_secret": None,
        "max_live_tokens": tokens.MAX_LIVE_TOKENS,
    }
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "accounts/tokens.html", context, status=400)
        try:
            token, secret = tokens.token_create(user=request.user, **form.cleaned_data)
        except ValidationError as refused:
            form.add_error(None, refused)
            return render(request, "accounts/tokens.html", context, status=400)
        context.update(form=TokenForm(), new_token=token, new_secret=secret)
        response = render(request, "accounts/tokens.html", context)
        response["Cache-Control"] = "no-store"  # the secret must not be kept by a cache or the back button
        return response
    return render(request, "accounts/tokens.html", context)


@login_required
@require_POST
def api_token_revoke(request, token_id):
    try:
        token = tokens.token_revoke(user=request.user, token_id=token_id)
    except ApiToken.DoesNotExist as missing:
        raise Http404("No such token.") from missing
    messages.success(request, f"“{token.name}” is revoked: it no longer works.")
    return redirect("accounts:tokens")


@require_safe
def account_deleted(request):
    return render(request, "accounts/account_deleted.html")


class LoginView(AllauthLoginView):
    """allauth's sign-in, answering 429 (not only a form error) once failed attempts pass the rate limit."""

    def form_invalid(self, form):
        if any(error.code == "too_many_login_attempts" for error in form.non_field_errors().as_data()):
            return respond_429(self.request)
        return super().form_invalid(form)

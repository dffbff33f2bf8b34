"""A learner's job ads: the list with the paste form, one ad read against their record, and its actions.

Every ad is fetched through the signed-in learner: another learner's ad is a 404, the same as one that does not
exist."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from mentoring.selectors import cohort_for_mentor, member_name, membership_for_mentor

from . import applications, selectors, services
from .fetching import FetchRefused, fetch_ad
from .forms import ApplicationForm, FetchForm, JobAdForm, StageForm


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def ads(request):
    form = JobAdForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        ad = services.ad_read(user=request.user, **form.cleaned_data)
        return redirect("jobs:ad", ad.pk)
    return _ads_page(request, form=form, status=400 if form.is_bound else 200)


def _ads_page(request, *, form, fetch_form=None, status=200):
    context = {"form": form, "ads": selectors.ad_list(user=request.user),
               "fetch_form": (fetch_form or FetchForm()) if settings.JOBS_FETCH_ADS else None}  # fmt: skip
    return render(request, "jobs/ads.html", context, status=status)


@login_required
@require_POST
def ad_fetch(request):
    """Fill the paste form from an ad's address (when the site allows fetching); nothing is stored until the learner
    sends that form."""
    if not settings.JOBS_FETCH_ADS:
        raise Http404("Fetching ads by address is off.")
    fetch_form = FetchForm(request.POST)
    if fetch_form.is_valid():
        try:
            fetched = fetch_ad(fetch_form.cleaned_data["address"])
        except FetchRefused as refused:
            fetch_form.add_error("address", str(refused))
        else:
            form = JobAdForm(initial={"title": fetched.title, "company": fetched.company, "text": fetched.text})
            messages.info(request, "Read from the address: check the text, then read the ad.")
            return _ads_page(request, form=form, fetch_form=FetchForm(initial={"address": fetched.url}))
    return _ads_page(request, form=JobAdForm(), fetch_form=fetch_form, status=400)


@login_required
@require_safe
def ad(request, ad_id):
    report = selectors.ad_report(user=request.user, ad=selectors.ad_for_owner(user=request.user, ad_id=ad_id))
    return render(request, "jobs/ad.html", {"report": report, "ad": report.ad})


@login_required
@require_POST
def ad_read_again(request, ad_id):
    services.ad_read_again(user=request.user, ad=selectors.ad_for_owner(user=request.user, ad_id=ad_id))
    messages.success(request, "Read again with today's terms.")
    return redirect("jobs:ad", ad_id)


@login_required
@require_POST
def ad_plan(request, ad_id):
    try:
        added = services.ad_missing_to_plan(
            user=request.user,
            profile=getattr(request.user, "profile", None),
            ad=selectors.ad_for_owner(user=request.user, ad_id=ad_id),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("jobs:ad", ad_id)
    if added:
        messages.success(request, f"Added {added} item{'s' if added != 1 else ''} to this week's plan.")
    else:
        messages.info(request, "Nothing to add: every required item is done or on this week's plan already.")
    return redirect("planning:plan") if added else redirect("jobs:ad", ad_id)


@login_required
@require_POST
def ad_delete(request, ad_id):
    found = selectors.ad_for_owner(user=request.user, ad_id=ad_id)
    services.ad_delete(user=request.user, ad=found)
    messages.success(request, f"Deleted the ad “{found.title}”.")
    return redirect("jobs:ads")


def _applications_page(request, *, form=None, status=200):
    today = applications.today_for(request.user)
    rows = list(applications.application_list(user=request.user))
    initial = {"applied_on": today}
    ad_id = request.GET.get("ad", "")
    if ad_id.isdigit():
        found = selectors.ad_get(user=request.user, ad_id=int(ad_id))
        if found is not None:
            initial |= {"ad": found.pk, "role": found.title, "company": found.company}
    context = {
        "form": form or ApplicationForm(user=request.user, initial=initial),
        "rows": [(row, applications.no_reply_yet(row, today)) for row in rows],
        "funnel": applications.funnel(user=request.user, applications=rows, today=today),
        "rates_from": applications.RATES_FROM,
    }
    return render(request, "jobs/applications.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def applications_page(request):
    if request.method != "POST":
        return _applications_page(request)
    form = ApplicationForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            made = applications.application_create(
                user=request.user, today=applications.today_for(request.user), **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Recorded: {made.role} at {made.company}.")
            return redirect("jobs:application", made.pk)
    return _applications_page(request, form=form, status=400)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def application(request, application_id):
    found = applications.application_for_owner(user=request.user, application_id=application_id)
    today = applications.today_for(request.user)
    form = StageForm(request.POST or None, initial={"on": today})
    if request.method == "POST" and form.is_valid():
        try:
            applications.application_move(user=request.user, application=found, today=today, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("jobs:application", found.pk)
    context = {
        "application": found,
        "changes": found.changes.all(),
        "form": form,
        "no_reply": applications.no_reply_yet(found, today),
    }
    return render(request, "jobs/application.html", context, status=400 if form.is_bound else 200)


@login_required
@require_POST
def application_delete(request, application_id):
    found = applications.application_for_owner(user=request.user, application_id=application_id)
    applications.application_delete(user=request.user, application=found)
    messages.success(request, f"Deleted the application to {found.company}.")
    return redirect("jobs:applications")


@login_required
@require_safe
def member_job_search(request, cohort_id, membership_id):
    """A mentor's view of a member's job search: only while the member shares it with this cohort (else 404, as for
    anyone who is not the cohort's mentor)."""
    cohort = cohort_for_mentor(mentor=request.user, cohort_id=cohort_id)
    membership = membership_for_mentor(mentor=request.user, cohort=cohort, membership_id=membership_id)
    if not membership.shares_job_search:
        raise Http404("This member does not share their job search.")
    learner = membership.learner
    rows = list(applications.application_list(user=learner))
    today = applications.today_for(learner)
    context = {
        "cohort": cohort, "membership": membership, "name": member_name(membership),
        "ads": selectors.ads_with_counts(user=learner),
        "rows": [(row, applications.no_reply_yet(row, today)) for row in rows],
        "funnel": applications.funnel(user=learner, applications=rows, today=today),
        "rates_from": applications.RATES_FROM,
    }  # fmt: skip
    return render(request, "jobs/member.html", context)

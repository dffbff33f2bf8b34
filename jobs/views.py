"""A learner's job ads: the list with the paste form, one ad read against their record, and its actions.

Every ad is fetched through the signed-in learner: another learner's ad is a 404, the same as one that does not
exist."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from . import selectors, services
from .forms import JobAdForm


def _own_ad(request, ad_id: int):
    ad = selectors.ad_get(user=request.user, ad_id=ad_id)
    if ad is None:
        raise Http404("No such ad.")
    return ad


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def ads(request):
    form = JobAdForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        ad = services.ad_read(user=request.user, **form.cleaned_data)
        return redirect("jobs:ad", ad.pk)
    context = {"form": form, "ads": selectors.ad_list(user=request.user)}
    return render(request, "jobs/ads.html", context, status=400 if form.is_bound else 200)


@login_required
@require_safe
def ad(request, ad_id):
    report = selectors.ad_report(user=request.user, ad=_own_ad(request, ad_id))
    return render(request, "jobs/ad.html", {"report": report, "ad": report.ad})


@login_required
@require_POST
def ad_read_again(request, ad_id):
    services.ad_read_again(user=request.user, ad=_own_ad(request, ad_id))
    messages.success(request, "Read again with today's terms.")
    return redirect("jobs:ad", ad_id)


@login_required
@require_POST
def ad_plan(request, ad_id):
    try:
        added = services.ad_missing_to_plan(
            user=request.user, profile=getattr(request.user, "profile", None), ad=_own_ad(request, ad_id)
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
    found = _own_ad(request, ad_id)
    services.ad_delete(user=request.user, ad=found)
    messages.success(request, f"Deleted the ad “{found.title}”.")
    return redirect("jobs:ads")

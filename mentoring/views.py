"""Cohorts: a mentor's list and table, a member's page, reviews; the invite's consent page; leaving.

Every page about a learner goes through an active membership of a cohort the signed-in user mentors: anything else
is a 404, the same as a cohort that does not exist.
"""

from datetime import UTC, datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from roadmap.models import Item

from . import selectors, services
from .credentials import credential as credential_document
from .credentials import credential_jwt, public_jwks, status_list_jwt
from .forms import CohortForm, ReviewForm
from .models import Cohort, EvidenceReview, Verdict

EPOCH = datetime(2026, 1, 1, tzinfo=UTC)  # the date of a list that never held an endorsement


def _cohorts_page(request, *, form=None, status=200):
    context = {
        "form": form or CohortForm(),
        "mentored": Cohort.objects.filter(mentor=request.user),
        "memberships": selectors.memberships_of(learner=request.user),
    }
    return render(request, "mentoring/cohorts.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def cohorts(request):
    if request.method != "POST":
        return _cohorts_page(request)
    form = CohortForm(request.POST)
    if not form.is_valid():
        return _cohorts_page(request, form=form, status=400)
    cohort = services.cohort_create(mentor=request.user, name=form.cleaned_data["name"])
    messages.success(request, f"“{cohort.name}” is ready: send its invite link to your learners.")
    return redirect("mentoring:cohort", cohort.pk)


@login_required
@require_safe
def cohort(request, cohort_id):
    found = selectors.cohort_for_mentor(mentor=request.user, cohort_id=cohort_id)
    sort = request.GET.get("sort", "name")
    sort = sort if sort in selectors.SORTS else "name"
    descending = request.GET.get("order") == "desc"
    rows = selectors.cohort_table(cohort=found, sort=sort, descending=descending)
    context = {"cohort": found, "rows": rows, "sort": sort, "descending": descending,
               "invite_url": request.build_absolute_uri(f"/join/{found.invite_token}/")}  # fmt: skip
    return render(request, "mentoring/cohort.html", context)


@login_required
@require_POST
def invite_replace(request, cohort_id):
    found = selectors.cohort_for_mentor(mentor=request.user, cohort_id=cohort_id)
    services.cohort_invite_replace(mentor=request.user, cohort=found)
    messages.success(request, "A new invite link: the old one no longer works. Members stay.")
    return redirect("mentoring:cohort", found.pk)


@login_required
@require_safe
def member(request, cohort_id, membership_id):
    found = selectors.cohort_for_mentor(mentor=request.user, cohort_id=cohort_id)
    membership = selectors.membership_for_mentor(mentor=request.user, cohort=found, membership_id=membership_id)
    return _member_page(request, found, membership)


def _member_page(request, cohort, membership, *, review_error="", status=200):
    """A member's statuses and evidence with the review forms; also the answer to a refused review (400)."""
    record = selectors.member_record(membership=membership)
    rubrics = selectors.rubrics_by_item(row.item_id for row, _reviews in record if row.evidence_url)
    context = {"cohort": cohort, "membership": membership, "name": selectors.member_name(membership),
               "record": [(row, reviews, rubrics.get(row.item_id)) for row, reviews in record],
               "review_error": review_error}  # fmt: skip
    return render(request, "mentoring/member.html", context, status=status)


@login_required
@require_POST
def review(request, cohort_id, membership_id, slug):
    found = selectors.cohort_for_mentor(mentor=request.user, cohort_id=cohort_id)
    membership = selectors.membership_for_mentor(mentor=request.user, cohort=found, membership_id=membership_id)
    item = get_object_or_404(Item.objects.published(), slug=slug)
    form = ReviewForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            services.evidence_review(mentor=request.user, membership=membership, item=item,
                                     scores=form.scores(), **form.cleaned_data)  # fmt: skip
        except PermissionDenied as denied:
            raise Http404("No such member.") from denied
        except ValidationError as refused:
            error = " ".join(refused.messages)
    else:
        error = " ".join(message for messages_ in form.errors.values() for message in messages_)
    if error:
        return _member_page(request, found, membership, review_error=f"“{item.title}”: {error}", status=400)
    messages.success(request, f"Review of “{item.title}” saved; the learner is told by email.")
    return redirect("mentoring:member", found.pk, membership.pk)


def _cohort_by_invite(token: str) -> Cohort:
    found = Cohort.objects.filter(invite_token=token).select_related("mentor__profile").first()
    if found is None:
        raise Http404("This invite link is not valid (any more).")
    return found


def _join_page(request, cohort, *, error="", status=200):
    """The consent page: who mentors the cohort and, listed, what they will and will not see."""
    context = {"cohort": cohort, "mentor_name": selectors.mentor_name(cohort), "error": error,
               "is_member": cohort.memberships.active().filter(learner=request.user).exists(),
               "mentor_sees": selectors.WHAT_THE_MENTOR_SEES,
               "mentor_never_sees": selectors.WHAT_THE_MENTOR_NEVER_SEES}  # fmt: skip
    return render(request, "mentoring/join.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def join(request, token):
    """GET: who the mentor is and exactly what they will see. POST: join (consent)."""
    found = _cohort_by_invite(token)
    if request.method == "POST":
        try:
            services.membership_join(learner=request.user, cohort=found)
        except ValidationError as refused:
            return _join_page(request, found, error=" ".join(refused.messages), status=400)
        messages.success(request, f"You joined “{found.name}”. You can leave at any time from Cohorts.")
        return redirect("mentoring:cohorts")
    return _join_page(request, found)


@login_required
@require_POST
def leave(request, cohort_id):
    found = get_object_or_404(Cohort, pk=cohort_id)
    if not services.membership_leave(learner=request.user, cohort=found):
        raise Http404("You are not in this cohort.")
    messages.success(request, f"You left “{found.name}”: its mentor sees nothing of you from now on.")
    return redirect("mentoring:cohorts")


@login_required
@require_POST
def job_search_consent(request, cohort_id):
    found = get_object_or_404(Cohort, pk=cohort_id)
    shares = request.POST.get("shares") == "yes"
    if not services.membership_share_job_search(learner=request.user, cohort=found, shares=shares):
        raise Http404("You are not in this cohort.")
    if shares:
        messages.success(request, f"The mentor of “{found.name}” now sees your job ads and applications.")
    else:
        messages.success(request, f"The mentor of “{found.name}” no longer sees your job search.")
    return redirect("mentoring:cohorts")


@login_required
@require_safe
def credential(request, review_id, file_format):
    """The learner's own current endorsement as an Open Badges 3.0 credential: readable JSON, or the signed JWT.

    The credential's `id` is this URL, and it is how careerpath says whether a credential still holds: once the
    endorsement is withdrawn (the evidence link changed, or the mentor replaced their review) it answers 410 Gone,
    saying so, and no longer serves the credential. The signature alone cannot say it: a copy kept elsewhere still
    verifies against the published key, and this address answers the signed-in learner only (a public status list,
    another issue's work, will let anyone check). Anything not the learner's own endorsement stays a 404."""
    review = get_object_or_404(
        EvidenceReview.objects.select_related("item", "learner", "mentor__profile"),
        pk=review_id, learner=request.user, verdict=Verdict.ENDORSED,
    )  # fmt: skip
    if review.withdrawn_at is not None:
        return _credential_withdrawn(request, review, file_format)
    if file_format == "jwt":
        response = HttpResponse(credential_jwt(review), content_type="application/vc+jwt")
    else:
        response = JsonResponse(credential_document(review), json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = f'attachment; filename="careerpath-{review.item.slug}-endorsement.{file_format}"'
    return response


def _credential_withdrawn(request, review, file_format):
    """410 Gone: JSON where the credential's `id` (the .json URL) is fetched, a page where a person follows a link."""
    if file_format == "json":
        withdrawn = {"error": "withdrawn", "detail": "This endorsement was withdrawn: its credential no longer holds.",
                     "withdrawn_at": review.withdrawn_at.isoformat(), "reason": review.withdrawn_reason}  # fmt: skip
        return JsonResponse(withdrawn, status=410)
    return render(request, "mentoring/credential_withdrawn.html", {"review": review}, status=410)


@require_safe
def jwks(request):
    """The public key that checks careerpath's credentials (GET and HEAD)."""
    return JsonResponse(public_jwks())


@require_safe
def status_list(request):
    """The public revocation list of every credential careerpath issued (a W3C Bitstring Status List, signed as a
    JWT like the credentials): anyone may fetch it, and a verifier learns here that an endorsement was withdrawn.
    The same endorsements give the same bytes (valid from the last change, a deterministic signature), so
    ConditionalGetMiddleware's ETag answers 304 until one is given, withdrawn or deleted."""
    standing, last = selectors.standing_endorsements()
    response = HttpResponse(status_list_jwt(standing, last or EPOCH), content_type="application/vc+jwt")
    response["Cache-Control"] = "public, max-age=300"
    return response

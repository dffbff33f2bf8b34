"""The portfolio: settings and per-item choices for its owner, the preview, and the public page at /u/<handle>/.

The public page is never cached (here or, by its headers, on the way), so turning publishing off removes it at once.
Unknown, unpublished and deleted handles answer the same 404 page, so handles cannot be probed.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from roadmap.models import Item

from .forms import EntryForm, PortfolioForm
from .models import Portfolio
from .selectors import done_items_with_choices, portfolio_of, portfolio_page, portfolio_published
from .services import portfolio_entry_set, portfolio_settings_save


def _settings(request, *, form=None, status=200, entry_error=""):
    portfolio = portfolio_of(user=request.user)
    context = {
        "form": form or PortfolioForm(instance=portfolio or Portfolio(learner=request.user)),
        "portfolio": portfolio,
        "rows": done_items_with_choices(user=request.user, portfolio=portfolio),
        "entry_error": entry_error,
    }
    return render(request, "portfolio/settings.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def settings_page(request):
    if request.method != "POST":
        return _settings(request)
    form = PortfolioForm(request.POST, instance=portfolio_of(user=request.user) or Portfolio(learner=request.user))
    if form.is_valid():
        try:
            saved = portfolio_settings_save(user=request.user, **form.cleaned_data)
        except ValidationError as refused:  # a reserved handle, or one another learner claimed a moment ago
            form.add_error(None, refused)
        else:
            messages.success(request, "Portfolio saved." + (" It is public now." if saved.published else ""))
            return redirect("portfolio:settings")
    return _settings(request, form=form, status=400)


@login_required
@require_POST
def entry_set(request, slug):
    item = get_object_or_404(Item.objects.published(), slug=slug)
    form = EntryForm(request.POST)
    if not form.is_valid():
        errors = " ".join(error for errors in form.errors.values() for error in errors)
        return _settings(request, status=400, entry_error=f"“{item.title}”: {errors}")
    try:
        portfolio_entry_set(user=request.user, item=item, **form.cleaned_data)
    except ValidationError as error:
        return _settings(request, status=400, entry_error=f"“{item.title}”: {' '.join(error.messages)}")
    messages.success(request, f"“{item.title}” is {'shown' if form.cleaned_data['shown'] else 'hidden'}.")
    return redirect("portfolio:settings")


@login_required
@require_safe
def preview(request):
    """Exactly what a visitor would see, published or not."""
    portfolio = portfolio_of(user=request.user)
    if portfolio is None:
        portfolio = Portfolio(learner=request.user)
    return render(request, "portfolio/public.html", {"page": portfolio_page(portfolio=portfolio), "preview": True})


@never_cache
@require_safe
def public(request, handle):
    portfolio = portfolio_published(handle=handle)
    if portfolio is None:
        raise Http404("No portfolio here.")
    response = render(request, "portfolio/public.html", {"page": portfolio_page(portfolio=portfolio)})
    if not portfolio.allow_indexing:
        response["X-Robots-Tag"] = "noindex"
    return response
